"""Starts the real app (built frontend + granian) for end-to-end tests and benchmarks."""
