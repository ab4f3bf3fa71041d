"""Choosing the signing adapter from configuration, so deployment decides who holds the key.

SIGNING_BACKEND=local (default) signs with a PKCS#12 file: SIGNING_P12_PATH with its password
from SIGNING_P12_PASSWORD or SIGNING_P12_PASSWORD_FILE; unset, the development files that
`flask signing dev-ca` writes under the instance folder. SIGNING_BACKEND=bsre signs through a
remote BSrE-style service (BSRE_URL, BSRE_USERNAME, BSRE_PASSWORD, BSRE_TIMEOUT).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from .base import SigningAdapter, SigningError
from .bsre import BsreRemoteSigner
from .devca import SIGNER_P12, SIGNER_PASS
from .local import Pkcs12Signer


def signing_folder(config: Mapping) -> Path:
    return Path(config.get("INSTANCE_PATH") or "instance") / "signing"


def _local(config: Mapping) -> Pkcs12Signer:
    path = config.get("SIGNING_P12_PATH")
    password = config.get("SIGNING_P12_PASSWORD")
    password_file = config.get("SIGNING_P12_PASSWORD_FILE")
    if not path:
        path = signing_folder(config) / SIGNER_P12
        password_file = password_file or signing_folder(config) / SIGNER_PASS
    if password is None and password_file:
        try:
            password = Path(password_file).read_text().strip()
        except OSError as exc:
            raise SigningError(
                f"Berkas password kunci penandatanganan tidak dapat dibaca: {password_file}. "
                "Jalankan `flask --app run signing dev-ca` untuk pengembangan.",
                code="kunci_tidak_ada") from exc
    return Pkcs12Signer(path, password)


def _bsre(config: Mapping) -> BsreRemoteSigner:
    missing = [key for key in ("BSRE_URL", "BSRE_USERNAME", "BSRE_PASSWORD")
               if not config.get(key)]
    if missing:
        raise SigningError("Konfigurasi layanan TTE belum lengkap: " + ", ".join(missing),
                           code="konfigurasi")
    return BsreRemoteSigner(config["BSRE_URL"], config["BSRE_USERNAME"],
                            config["BSRE_PASSWORD"], float(config.get("BSRE_TIMEOUT") or 30))


def adapter_from_config(config: Mapping) -> SigningAdapter:
    backend = (config.get("SIGNING_BACKEND") or "local").strip().lower()
    if backend == "local":
        return _local(config)
    if backend == "bsre":
        return _bsre(config)
    raise SigningError(f"SIGNING_BACKEND tidak dikenal: {backend} (pilih local atau bsre)",
                       code="konfigurasi")


def trust_roots_from_config(config: Mapping) -> list[bytes]:
    """PEM roots a signed permit must chain to: SIGNING_TRUST_ROOTS (comma-separated paths),
    else the development root. Missing files are skipped: nothing then counts as trusted."""
    listed = config.get("SIGNING_TRUST_ROOTS")
    paths = [p.strip() for p in listed.split(",") if p.strip()] if listed else \
        [signing_folder(config) / "dev-root.pem"]
    return [Path(p).read_bytes() for p in paths if Path(p).is_file()]
