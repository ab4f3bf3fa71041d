"""One-time numeric codes: random, and stored only as a keyed hash."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from flask import current_app


def new_code(digits: int = 6) -> str:
    return f"{secrets.randbelow(10**digits):0{digits}d}"


def hash_code(code: str, purpose: str) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, f"{purpose}:{code.strip()}".encode(), hashlib.sha256).hexdigest()


def matches(code: str, stored_hash: str, purpose: str) -> bool:
    return hmac.compare_digest(hash_code(code, purpose), stored_hash)
