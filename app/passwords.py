"""Password policy, one for every account (applicants, staff on the web, the CLI and FAB's user
screens), with Indonesian messages.

ASVS 2.1: at least 12 characters, long passphrases welcome (128 only bounds hashing cost), no
composition rules (they push people to "Password1!", not to strength), and a refusal of what
attackers try first: the ~10,000 most common/breached passwords plus Indonesian favourites
(``data/common_passwords*.txt``) and passwords built from the person's own NIK or e-mail.

``strength`` drives the meter next to the field. ``static/js/password-meter.js`` runs the same
three comparisons on the lengths, messages and labels defined here, which the page hands it
in the reader's language (app/script_texts.py), so the numbers and words live only here. It
rewards length only and ignores the common-password list (the browser does not have it), so
the server may still refuse a password the meter liked.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Iterable
from importlib import resources

from .i18n import N_

__all__ = ["MAX_LENGTH", "MIN_LENGTH", "fab_validator", "is_common", "password_problems",
           "strength"]

MIN_LENGTH = 12
MAX_LENGTH = 128
STRONG_LENGTH = 16
NEARLY_LENGTH = 8  # the meter says "Lemah" from here, "Sangat lemah" below
# A common word padded with digits and symbols ("Kaltim2026!") counts as common; shorter cores
# ("abc1!x") would refuse too much that is not actually guessable from the lists.
_MIN_CORE = 4

MSG_MIN_LENGTH = N_("Gunakan minimal 12 karakter untuk Password")
MSG_MAX_LENGTH = N_("Password maksimal 128 karakter")
MSG_COMMON = N_("Password terlalu umum, pilih yang lain")
MSG_PERSONAL = N_("Password tidak boleh memuat NIK atau email Anda")
# what the meter calls strength() 0 to 3
STRENGTH_LABELS = (N_("Sangat lemah"), N_("Lemah"), N_("Cukup"), N_("Kuat"))

_LIST_FILES = ("common_passwords.txt", "common_passwords_id.txt")
_lock = threading.Lock()
_common: frozenset[str] | None = None


def _load_common() -> frozenset[str]:
    global _common
    if _common is None:
        with _lock:
            if _common is None:
                words: set[str] = set()
                folder = resources.files(__package__).joinpath("data")
                for file_name in _LIST_FILES:
                    text = folder.joinpath(file_name).read_text(encoding="utf-8")
                    # '#' starts a comment; the build script guarantees no listed
                    # password starts with one.
                    words.update(
                        line.strip().casefold()
                        for line in text.splitlines()
                        if line.strip() and not line.startswith("#")
                    )
                _common = frozenset(words)
    return _common


def _category(char: str) -> str:
    return unicodedata.category(char)


def _rule_problems(password: str) -> list[str]:
    """The length rules only: what the browser can check too."""
    problems = []
    if len(password) < MIN_LENGTH:
        problems.append(MSG_MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        problems.append(MSG_MAX_LENGTH)
    return problems


def _core(folded: str) -> str:
    """The password without leading and trailing digits and symbols."""
    start, end = 0, len(folded)
    while start < end and not _category(folded[start]).startswith("L"):
        start += 1
    while end > start and not _category(folded[end - 1]).startswith("L"):
        end -= 1
    return folded[start:end]


def is_common(password: str) -> bool:
    """On a common list as typed, or a listed word of 4+ letters padded with digits/symbols."""
    common = _load_common()
    folded = password.casefold()
    if folded in common:
        return True
    core = _core(folded)
    return len(core) >= _MIN_CORE and core in common


def _personal_fragments(user_inputs: Iterable[str | None]) -> list[str]:
    fragments = []
    for value in user_inputs:
        text = (value or "").strip().casefold()
        if "@" in text:
            text = text.rsplit("@", 1)[0]
        # Very short local parts ("a@x.id") would forbid half the alphabet.
        if len(text) >= _MIN_CORE:
            fragments.append(text)
    return fragments


def password_problems(password: str, *, user_inputs: Iterable[str | None] = ()) -> list[str]:
    """Every unmet rule, in the order the form lists them; empty means acceptable.

    ``user_inputs`` are the applicant's NIK and e-mail (any order; None and '' are skipped).
    """
    password = password or ""
    problems = _rule_problems(password)
    if password and is_common(password):
        problems.append(MSG_COMMON)
    folded = password.casefold()
    if any(fragment in folded for fragment in _personal_fragments(user_inputs)):
        problems.append(MSG_PERSONAL)
    return problems


def strength(password: str) -> int:
    """0 = very weak (under 8 characters), 1 = weak (8-11, or over the maximum),
    2 = acceptable (12-15), 3 = strong (16 or more). Length is what makes a password hard to
    guess once the common ones are refused."""
    password = password or ""
    if len(password) < NEARLY_LENGTH:
        return 0
    if _rule_problems(password):
        return 1
    return 3 if len(password) >= STRONG_LENGTH else 2


def fab_validator(password: str) -> None:
    """The same policy on Flask-AppBuilder's user screens (FAB_PASSWORD_COMPLEXITY_VALIDATOR)."""
    from flask_appbuilder.exceptions import PasswordComplexityValidationError

    problems = password_problems(password)
    if problems:
        raise PasswordComplexityValidationError("; ".join(problems))
