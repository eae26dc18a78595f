"""Refusals of the chat service, as codes the UI turns into kind sentences."""


class ChatError(ValueError):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code
