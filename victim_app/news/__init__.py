"""The practical-information feed (« Infos »)."""
