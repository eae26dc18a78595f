"""Work the server does on its own, in the background (ADR 0005 retention, …)."""
