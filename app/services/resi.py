"""Receipt codes (resi): short enough to read over the phone, impossible to guess.

The old systems used 6 hex digits (24 bits): anyone could walk the space and read other
people's applications. Ours are 12 symbols from a 32-symbol alphabet without look-alikes
(no 0/O, no 1/I): 60 bits of randomness from the OS generator.
"""

from __future__ import annotations

import re
import secrets

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
LENGTH = 12
BITS = LENGTH * 5  # log2(32) bits per symbol
_CONFUSABLE = str.maketrans({"O": "0", "I": "1"})


def new_resi() -> str:
    """One draw of BITS random bits, five per symbol (32 symbols: no bias)."""
    bits = secrets.randbits(BITS)
    return "".join(ALPHABET[(bits >> (5 * i)) & 31] for i in range(LENGTH))


def normalise(text: str | None) -> str:
    """What a person typed -> the stored form: case, spaces and dashes do not matter."""
    return re.sub(r"[\s\-]+", "", (text or "")).upper()


def display(resi: str | None) -> str:
    """Groups of four, like 'K7QM-2XHD-9RTB', for reading aloud and copying."""
    if not resi:
        return ""
    return "-".join(resi[i:i + 4] for i in range(0, len(resi), 4))


def looks_valid(text: str) -> bool:
    value = normalise(text)
    return len(value) == LENGTH and all(ch in ALPHABET for ch in value)
