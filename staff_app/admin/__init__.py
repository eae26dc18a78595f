"""The team and the audit log."""
