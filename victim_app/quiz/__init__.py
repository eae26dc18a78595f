"""The quiz « Suis-je harcelé·e ? »."""
