"""Product reviews by buyers of delivered lines, published only after an admin approves them."""
