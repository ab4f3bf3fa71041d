"""The single exception of the condition language.

Catalogue admins write conditions by hand, so every failure must point at a character they can
find; callers catch exactly this type and never a parser internal.
"""


class ConditionError(ValueError):
    def __init__(self, message: str, position: int = 0) -> None:
        super().__init__(message, position)
        self.message = message
        self.position = position

    def __str__(self) -> str:
        return f"{self.message} (karakter ke-{self.position + 1})"
