"""Models of the selfassessment app."""
