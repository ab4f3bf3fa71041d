"""WTForms fields whose conversion errors speak Indonesian and match the JSON path.

Stock IntegerField/DecimalField/DateField answer "Not a valid integer value." and treat an
empty input as an error; here conversion reuses each type's own parser, an empty input is
simply empty (required-ness is decided by the rules), and a group skips blank rows.
"""

import itertools
from collections.abc import Callable
from typing import Any

from wtforms import DateField, DecimalField, FieldList, IntegerField

try:
    from wtforms.fields.choices import SelectChoice
except ImportError:  # WTForms < 3.3 only knows (value, label) tuples
    SelectChoice = None


def choice_list(pairs: list[tuple[str, str]]) -> list[Any]:
    """WTForms 3.3 deprecates tuple choices (an error under filterwarnings=error)."""
    if SelectChoice is None:
        return list(pairs)
    return [SelectChoice(value=value, label=label) for value, label in pairs]


def _converting(base: type, name: str) -> type:
    def process_formdata(self: Any, valuelist: list[str]) -> None:
        if not valuelist:
            return
        try:
            self.data = self.parse_input(valuelist[0])
        except ValueError:
            self.data = None
            raise

    def init(self: Any, *args: Any, parse_input: Callable[[str], Any], **kwargs: Any) -> None:
        self.parse_input = parse_input
        base.__init__(self, *args, **kwargs)

    return type(name, (base,), {"__init__": init, "process_formdata": process_formdata})


IntegerInput = _converting(IntegerField, "IntegerInput")
DecimalInput = _converting(DecimalField, "DecimalInput")
DateInput = _converting(DateField, "DateInput")


class GroupField(FieldList):
    """Repeating rows. Only the rows `checked_rows` picks are validated (blank rows are
    ignored unless they make up min_rows), as in the JSON path; each row sees the top-level
    answers (the parent form's scope) for its own conditions."""

    def __init__(self, *args: Any, checked_rows: Callable[[list[Any]], list[bool]],
                 **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.checked_rows = checked_rows

    def validate(self, form: Any, extra_validators: Any = ()) -> bool:
        self.errors = []
        outer = getattr(form, "_fs_scope", {})
        checked = self.checked_rows([entry.form for entry in self.entries])
        for entry, check in zip(self.entries, checked, strict=True):
            row = entry.form
            if not check:
                self.errors.append({})
                continue
            row._fs_outer = outer
            row.validate()
            self.errors.append(row.errors)
        if not any(self.errors):
            self.errors = []
        self._run_validation_chain(form, itertools.chain(self.validators, extra_validators))
        return len(self.errors) == 0

    @property
    def rows(self) -> list[dict[str, Any]]:
        return [entry.form.schema_values() for entry in self.entries]
