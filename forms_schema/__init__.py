"""E-PTSP form engine: permit detail forms as data.

Pure Python (plain WTForms, no Flask) so another office can reuse it and it is tested without
a web server. The web layer builds a form per request with build_form(), renders it from
form_meta(), and stores serialise(form); the API and CLI use validate_answers().
"""

from . import identity
from .answers import clean_answers, validate_answers
from .builder import build_form
from .compiled import CompiledForm, FieldDef, compile_definition
from .conditions import Condition, ConditionError, parse_condition
from .context import FormContext, LookupTable, RegionProvider
from .definition import validate_form_definition
from .display import DisplayItem, DisplaySection, display_answers
from .field_types import FIELD_TYPES, FieldType
from .field_types.text import email_problem
from .form_class import form_errors
from .issues import FormDefinitionError, FormIssue
from .messages import in_language, own_text
from .meta import FieldMeta, SectionMeta, form_meta
from .months import long_date, month_names
from .schema import FORM_SCHEMA
from .serialisation import deserialise, serialise
from .verify import Flag, flag_text, verifier_flags

__all__ = [
    "FIELD_TYPES",
    "FORM_SCHEMA",
    "CompiledForm",
    "Condition",
    "ConditionError",
    "DisplayItem",
    "DisplaySection",
    "FieldDef",
    "FieldMeta",
    "FieldType",
    "Flag",
    "FormContext",
    "FormDefinitionError",
    "FormIssue",
    "LookupTable",
    "RegionProvider",
    "SectionMeta",
    "build_form",
    "clean_answers",
    "compile_definition",
    "deserialise",
    "display_answers",
    "email_problem",
    "flag_text",
    "form_errors",
    "form_meta",
    "identity",
    "in_language",
    "own_text",
    "long_date",
    "month_names",
    "parse_condition",
    "serialise",
    "validate_answers",
    "validate_form_definition",
    "verifier_flags",
]
