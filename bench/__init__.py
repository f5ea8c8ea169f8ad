"""Benchmarks of the public directory, the API and the secretariat dashboard (see bench/README.md)."""
