"""A volunteer's own profile, check-in, export (JSON) and erasure."""
