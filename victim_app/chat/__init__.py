"""The victim's live chat: its state and its page."""
