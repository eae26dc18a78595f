"""Live chat between victims and counsellors: conversations, the queue, messages."""
