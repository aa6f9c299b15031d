"""A signed-in customer's wishlist (the hearts on product cards)."""
