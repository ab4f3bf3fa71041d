"""The explicit registry of field types.

A form may only use a type listed here; an unknown type is a definition error rather than a
silent text box, so a typo in the catalogue never reaches an applicant.
"""

from .base import BuildContext, Check, FieldType
from .choice import BOOLEAN, LOOKUP, MULTISELECT, RADIO, SELECT
from .clock import DATETIME, TIME
from .file import FILE
from .group import GROUP
from .identity import NIB, NIK, NPWP, PHONE
from .numeric import DATE, DECIMAL, NUMBER
from .place import GEOPOINT, REGION
from .text import EMAIL, TEXT, TEXTAREA

FIELD_TYPES: dict[str, FieldType] = {
    field_type.name: field_type
    for field_type in (
        TEXT, TEXTAREA, NUMBER, DECIMAL, DATE, TIME, DATETIME, SELECT, MULTISELECT, RADIO,
        BOOLEAN, EMAIL, PHONE, NIK, NPWP, NIB, REGION, GEOPOINT, LOOKUP, GROUP, FILE,
    )
}

__all__ = ["FIELD_TYPES", "BuildContext", "Check", "FieldType"]
