"""The single exception of the condition language.

Catalogue admins write conditions by hand, so every failure must point at a character they can
find; callers catch exactly this type and never a parser internal.
"""

from ..marked import N_

# marked for the console's English pages (forms_schema.marked), as the parser's messages
AT_CHARACTER = N_("{problem} (karakter ke-{position})")


class ConditionError(ValueError):
    def __init__(self, message: str, position: int = 0) -> None:
        super().__init__(message, position)
        self.message = message
        self.position = position

    def __str__(self) -> str:
        return AT_CHARACTER.format(problem=self.message, position=self.position + 1)
