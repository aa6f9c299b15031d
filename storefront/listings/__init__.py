"""Listings: makers write them, admins review them; status changes, revisions and the audit log."""
