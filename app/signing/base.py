"""The signing port: the workflow asks for a signed PDF and does not care who holds the key.

Two adapters exist: a PKCS#12 key on this server (`local.Pkcs12Signer`, also the development
default) and a BSrE-style remote service where the official's key never leaves the provider
(`bsre.BsreRemoteSigner`). Every failure is a `SigningError` with a message an officer can act
on, so the caller shows it as is and leaves the application at the signing step.
"""

from __future__ import annotations

from types import ModuleType
from typing import Protocol, runtime_checkable

from app.services.errors import DomainError


class SigningError(DomainError):
    """Signing failed; `message` is Indonesian and safe to show to the signing official."""

    def __init__(self, message: str, *, code: str = "gagal"):
        super().__init__(message)
        self.code = code


@runtime_checkable
class SigningAdapter(Protocol):
    def sign(self, pdf: bytes, *, reason: str, location: str, signer_nik: str | None = None,
             passphrase: str | None = None) -> bytes:
        """Return the PDF with a PAdES signature added; raise SigningError on any failure."""
        ...


def outside_event_loop(fn, *args, **kwargs):
    """pyHanko's synchronous API calls asyncio.run(), which refuses to start inside a thread
    that already runs an event loop (an async server, or a browser driver in the same
    process). There, the call runs in a short-lived thread of its own."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return fn(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(fn, *args, **kwargs).result()


def pyhanko() -> ModuleType:
    """pades.py, the module that calls pyHanko, loaded here at the first signature or
    verification of the process and not when the app starts (see its docstring)."""
    from . import pades

    return pades
