"""What the helpline knows of a person across conversations: the case file."""
