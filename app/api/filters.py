"""The one check of a list endpoint's filter codes (instansi, bidang, status ...): a value that
names nothing answers 400, never an empty list.

An integrator who mistypes an agency code and gets `"result": []` believes there is nothing to
find; the web shows its filters as choices, the API cannot. So every filter that takes a code
passes through `known`, with the codes the service filters against (the published catalogue,
the application statuses), and a refusal has the shape of a refused action: `errors.<field>`
with the refusal, then the values that would have worked (or where they are listed). Whether
a code is known is services.filter_codes' rule, which the web pages follow too.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..services.filter_codes import is_known
from .base import Refused

MSG_UNKNOWN = "{what} '{value}' tidak dikenal."
MSG_KNOWN = "Nilai yang dikenal: {values}."
MSG_LISTED_AT = "Nilai yang dikenal tercantum di {url}."
MSG_NONE_KNOWN = "Belum ada nilai yang dikenal untuk penyaring ini."
LIST_MAX = 12  # more codes than this are pointed at (listed_at), not written out


def known(field: str, value: str, codes: Iterable[str], what: str,
          listed_at: str | None = None) -> str:
    """`value` when it is empty (no filter) or one of `codes`; otherwise a 400 whose
    `errors[field]` says so and names the codes, or the endpoint that lists them when they
    are many. Whether it is known is services.filter_codes' rule, the web pages' too."""
    codes = list(dict.fromkeys(codes))
    if is_known(value, codes):
        return value
    refused = MSG_UNKNOWN.format(what=what, value=value)
    if not codes:
        hint = MSG_NONE_KNOWN
    elif listed_at and len(codes) > LIST_MAX:
        hint = MSG_LISTED_AT.format(url=listed_at)
    else:
        hint = MSG_KNOWN.format(values=", ".join(codes))
    raise Refused(400, refused, errors={field: [refused, hint]})
