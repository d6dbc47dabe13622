"""Models of the coalitions app."""
