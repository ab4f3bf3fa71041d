"""File answers: the id of one of the applicant's own uploads (File Saya) for a requirement."""

from typing import Any

from wtforms import SelectField

from .. import messages as msg
from ..compiled import FieldDef
from ..context import FormContext
from ..wtf_fields import choice_list
from .base import BuildContext, Check, FieldType, dump_text, parse_text, strip_text
from .choice import blank_choice


def _rule(fdef: FieldDef, context: FormContext) -> tuple[list[str], Any]:
    requirement = context.requirements.get(fdef.get("requirement")) or {}
    formats = [str(ext).lower().lstrip(".") for ext in requirement.get("formats", ())]
    return formats, requirement.get("max_mb")


def _extension(meta: Any) -> str:
    return str(meta.get("ext", "")).lower().lstrip(".")


def _file_checks(fdef: FieldDef, context: FormContext) -> list[Check]:
    formats, max_mb = _rule(fdef, context)
    owned = context.files or {}

    def check(file_id: str) -> str | None:
        meta = owned.get(file_id)
        if meta is None:
            return msg.FILE_UNKNOWN
        if formats and _extension(meta) not in formats:
            return msg.file_format(formats)
        if max_mb is not None and meta.get("size", 0) > max_mb * 1024 * 1024:
            return msg.file_size(max_mb)
        return None

    return [check]


def _size(size: Any) -> str:
    """Bytes as people read them, Indonesian decimal comma: 820 B, 12,4 KB, 3,1 MB."""
    value = float(size or 0)
    for unit in ("B", "KB", "MB"):
        if value < 1024 or unit == "MB":
            text = f"{value:.0f}" if unit == "B" else f"{value:.1f}".replace(".", ",")
            return f"{text.removesuffix(',0')} {unit}"
        value /= 1024
    raise AssertionError("unreachable")


def _fits(meta: Any, formats: list[str], max_mb: Any) -> bool:
    if formats and _extension(meta) not in formats:
        return False
    return max_mb is None or meta.get("size", 0) <= max_mb * 1024 * 1024


def _label(file_id: str, meta: Any) -> str:
    """Name, type, size and (when the app gives it) upload date: same-named files differ."""
    parts = [f".{_extension(meta)}", _size(meta.get("size"))]
    if meta.get("uploaded"):
        parts.append(str(meta["uploaded"]))
    return f"{meta.get('name', file_id)} ({', '.join(parts)})"


def _make_file(fdef: FieldDef, common: dict[str, Any], build: BuildContext) -> Any:
    """The choices are the applicant's files that fit the requirement (format and size)."""
    formats, max_mb = _rule(fdef, build.context)
    owned = build.context.files or {}
    choices = [(file_id, _label(file_id, meta)) for file_id, meta in owned.items()
               if _fits(meta, formats, max_mb)]
    return SelectField(
        choices=choice_list([blank_choice(fdef, build.locale), *choices]),
        validate_choice=False,
        **common,
    )


FILE = FieldType(
    "file", "file", _make_file, parse_text, dump_text, _file_checks, frozenset({"requirement"}),
    filters=(strip_text,), template="forms/widgets/file.html",
)
