"""Problems found in a form definition.

Catalogue imports must show every problem at once (an admin fixing an Excel sheet should not
re-import twenty times), so validation collects issues instead of raising on the first.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class FormIssue:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class FormDefinitionError(ValueError):
    """Raised when building a form from a definition that does not validate."""

    def __init__(self, issues: list[FormIssue]) -> None:
        self.issues = issues
        super().__init__("Definisi formulir tidak valid: " + "; ".join(map(str, issues)))
