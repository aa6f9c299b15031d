"""The shop's content pages (contact, shipping and returns, privacy, terms), edited by admins."""
