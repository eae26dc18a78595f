"""The counselling console: its state, its page, the case file beside the chat."""
