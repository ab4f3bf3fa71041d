"""Fill English translations into translations/en/LC_MESSAGES/messages.po.

Usage: python scripts/translate.py FILE.tsv   (lines: Indonesian msgid <TAB> English)
Run `make translations` first so the new texts are in the catalogue; entries not listed keep
their current translation. Prints the marked texts that still have none.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

PO = Path(__file__).resolve().parents[1] / "translations/en/LC_MESSAGES/messages.po"


def main(argv: list[str]) -> int:
    pairs = {}
    if len(argv) > 1:
        for line in Path(argv[1]).read_text(encoding="utf-8").splitlines():
            if "\t" in line:
                source, english = line.split("\t", 1)
                pairs[source] = english
    with PO.open("rb") as handle:
        catalog = read_po(handle, locale="en")
    for message in catalog:
        if message.id and message.id in pairs:
            message.string = pairs[message.id]
            message.flags.discard("fuzzy")
    with PO.open("wb") as handle:
        write_po(handle, catalog, width=76)
    missing = [m.id for m in catalog if m.id and (not m.string or "fuzzy" in m.flags)]
    for text in missing:
        print(f"missing: {text}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
