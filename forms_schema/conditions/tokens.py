"""Tokenizer for condition expressions.

Hand-written character by character (no eval, no literal_eval) so that any input, however
hostile, yields either tokens or a ConditionError that names the offending position.
"""

from dataclasses import dataclass
from decimal import Decimal

from ..marked import N_
from .errors import ConditionError

KEYWORDS = frozenset({"and", "or", "not", "in", "true", "false", "null"})
# The tokenizer's refusals, marked for the console's English pages (forms_schema.marked).
MSG_TOO_LONG = N_("Kondisi terlalu panjang (maksimal {limit} karakter).")
MSG_NAME_DEPTH = N_("Nama hanya boleh satu tingkat: grup.isian.")
MSG_USE_EQUALS = N_("Gunakan '==' untuk membandingkan.")
MSG_USE_NOT = N_("Gunakan '!=' atau 'not'.")
MSG_USE_AND_OR = N_("Gunakan 'and' / 'or'.")
MSG_UNKNOWN_CHARACTER = N_("Karakter {character} tidak dikenal.")
MSG_OPEN_QUOTE = N_("Teks tidak ditutup dengan tanda kutip.")
MSG_NO_DECIMALS = N_("Angka desimal harus punya digit setelah titik.")
MSG_BAD_NUMBER = N_("Angka tidak valid.")
MSG_TOO_MANY_DIGITS = N_("Angka terlalu panjang (maksimal {limit} digit).")
MAX_LENGTH = 1000
# Browsers evaluate numbers as IEEE doubles; longer literals would compare differently there.
MAX_DIGITS = 15

_DIGITS = frozenset("0123456789")
_NAME_START = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_")
_NAME_CHARS = _NAME_START | _DIGITS
_SPACE = frozenset(" \t\r\n")
_OPERATORS = ("==", "!=", "<=", ">=", "<", ">", "(", ")", "[", "]", ",", "+", "-", "*", "/")
# After one of these a "-" is subtraction; anywhere else it starts a negative number.
_OPERAND_END = frozenset({"name", "number", "string"})


@dataclass(frozen=True)
class Token:
    kind: str  # name | keyword | string | number | op | end
    value: object
    position: int


def tokenize(text: str) -> list[Token]:
    if len(text) > MAX_LENGTH:
        raise ConditionError(MSG_TOO_LONG.format(limit=MAX_LENGTH), 0)
    tokens: list[Token] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in _SPACE:
            i += 1
        elif ch in "'\"":
            value, end = _read_string(text, i)
            tokens.append(Token("string", value, i))
            i = end
        elif ch in _DIGITS or (ch == "-" and text[i + 1 : i + 2] in _DIGITS
                                and not _after_operand(tokens)):
            value, end = _read_number(text, i)
            tokens.append(Token("number", value, i))
            i = end
        elif ch in _NAME_START:
            word, end = _read_name(text, i)
            tokens.append(Token("keyword" if word in KEYWORDS else "name", word, i))
            i = end
        else:
            op = next((op for op in _OPERATORS if text.startswith(op, i)), None)
            if op is None:
                raise ConditionError(_unknown_char_message(ch), i)
            tokens.append(Token("op", op, i))
            i += len(op)
    tokens.append(Token("end", None, len(text)))
    return tokens


def _after_operand(tokens: list[Token]) -> bool:
    if not tokens:
        return False
    last = tokens[-1]
    return last.kind in _OPERAND_END or (last.kind == "keyword" and last.value in
                                         ("true", "false", "null")) or \
        (last.kind == "op" and last.value in (")", "]"))


def _read_name(text: str, start: int) -> tuple[str, int]:
    """A field key, or `group.sub` (a sub-field across a repeating group's rows)."""
    end = start + 1
    while end < len(text) and text[end] in _NAME_CHARS:
        end += 1
    if end < len(text) - 1 and text[end] == "." and text[end + 1] in _NAME_START:
        end += 2
        while end < len(text) and text[end] in _NAME_CHARS:
            end += 1
        if end < len(text) and text[end] == ".":
            raise ConditionError(MSG_NAME_DEPTH, start)
    return text[start:end], end


def _unknown_char_message(ch: str) -> str:
    if ch == "=":
        return MSG_USE_EQUALS
    if ch == "!":
        return MSG_USE_NOT
    if ch in "&|":
        return MSG_USE_AND_OR
    return MSG_UNKNOWN_CHARACTER.format(character=repr(ch))


def _read_string(text: str, start: int) -> tuple[str, int]:
    """A backslash escapes the next character literally, whatever it is."""
    quote = text[start]
    chars: list[str] = []
    i = start + 1
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            chars.append(text[i + 1])
            i += 2
        elif ch == quote:
            return "".join(chars), i + 1
        else:
            chars.append(ch)
            i += 1
    raise ConditionError(MSG_OPEN_QUOTE, start)


def _read_number(text: str, start: int) -> tuple[int | Decimal, int]:
    i = start + 1 if text[start] == "-" else start
    while i < len(text) and text[i] in _DIGITS:
        i += 1
    is_decimal = False
    if i < len(text) and text[i] == ".":
        i += 1
        if i >= len(text) or text[i] not in _DIGITS:
            raise ConditionError(MSG_NO_DECIMALS, i - 1)
        while i < len(text) and text[i] in _DIGITS:
            i += 1
        is_decimal = True
    if i < len(text) and (text[i] in _NAME_CHARS or text[i] == "."):
        raise ConditionError(MSG_BAD_NUMBER, start)
    literal = text[start:i]
    if sum(ch in _DIGITS for ch in literal) > MAX_DIGITS:
        raise ConditionError(MSG_TOO_MANY_DIGITS.format(limit=MAX_DIGITS), start)
    return (Decimal(literal) if is_decimal else int(literal)), i
