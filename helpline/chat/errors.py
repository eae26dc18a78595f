"""Refusals of the chat service, as codes the UI turns into kind sentences."""


from helpline.errors import Refused


class ChatError(Refused):
    """Refused by the chat service."""
