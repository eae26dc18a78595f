"""« Mon espace »: the account, its code, PIN, profile and devices; coming back with
the code; the goodbye after erasure."""
