""" "Tell me when it is back": double opt-in sign-ups on sold-out products, one message each."""
