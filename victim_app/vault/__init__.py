"""The evidence safe (« Mon coffre-fort »)."""
