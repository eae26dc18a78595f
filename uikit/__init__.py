"""Reflex glue shared by both surfaces (never imports victim_app or staff_app)."""
