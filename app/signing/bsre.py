"""Signing through a BSrE-style remote service ("esign-client"), where the official's key stays
with the certificate authority and the official unlocks it with NIK + passphrase per document.

Protocol: `POST {base_url}/api/sign/pdf`, HTTP basic auth with the application's account,
multipart fields `file` (the PDF), `nik`, `passphrase`, `tampilan=invisible` (plus `reason` and
`location`, which such services accept and otherwise ignore). 200 returns the signed PDF; errors
come as JSON like `{"error": "Passphrase anda salah", "status_code": 2031}`. Only code 2031
(wrong passphrase) is known from public integrations, so other errors are classified by their
message text, and an unrecognised one is shown with the service's own words.

Standard library only (urllib): the project has no HTTP client dependency and needs none.
"""

from __future__ import annotations

import base64
import json
import re
import secrets
import urllib.error
import urllib.request

from .base import SigningError

PASS_WRONG = "passphrase_salah"
NIK_UNKNOWN = "nik_tidak_terdaftar"
CERT_PROBLEM = "sertifikat_bermasalah"
UNREACHABLE = "tidak_terhubung"
APP_AUTH = "akun_aplikasi_ditolak"
MESSAGES = {
    PASS_WRONG: "Passphrase TTE salah. Periksa kembali passphrase sertifikat elektronik Anda.",
    NIK_UNKNOWN: "NIK penandatangan tidak terdaftar sebagai pemilik sertifikat elektronik di "
                 "layanan TTE.",
    CERT_PROBLEM: "Sertifikat elektronik penandatangan tidak aktif (kedaluwarsa atau dicabut). "
                  "Hubungi koordinator TTE instansi.",
    UNREACHABLE: "Layanan TTE tidak dapat dihubungi atau tidak menjawab tepat waktu. Coba lagi "
                 "beberapa saat lagi; dokumen belum ditandatangani.",
    APP_AUTH: "Akun aplikasi untuk layanan TTE ditolak (periksa BSRE_USERNAME dan "
              "BSRE_PASSWORD).",
}
KNOWN_CODES = {2031: PASS_WRONG}
_TEXT_RULES = (
    (re.compile(r"passphrase|kata sandi", re.I), PASS_WRONG),
    (re.compile(r"tidak terdaftar|not registered|tidak ditemukan|not found", re.I), NIK_UNKNOWN),
    (re.compile(r"kedaluwarsa|kadaluarsa|expired|dicabut|revoked", re.I), CERT_PROBLEM),
)


def _error(kind: str) -> SigningError:
    return SigningError(MESSAGES[kind], code=kind)


def classify(status: int, body: bytes) -> SigningError:
    """Turn a non-success answer into a SigningError the signing official can act on."""
    if status == 401:
        return _error(APP_AUTH)
    try:
        payload = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        payload = {}
    if not isinstance(payload, dict):
        payload = {}
    text = str(payload.get("error") or payload.get("message") or "").strip()
    kind = KNOWN_CODES.get(payload.get("status_code"))
    if kind is None:
        kind = next((k for pattern, k in _TEXT_RULES if pattern.search(text)), None)
    if kind is not None:
        return _error(kind)
    detail = f": {text}" if text else ""
    return SigningError(f"Layanan TTE menolak permintaan (HTTP {status}){detail}",
                        code="ditolak")


def _multipart(fields: dict[str, str], pdf: bytes) -> tuple[bytes, str]:
    boundary = "eptsp-" + secrets.token_hex(12)
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                     f"{value}\r\n".encode())
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
                 f'filename="dokumen.pdf"\r\nContent-Type: application/pdf\r\n\r\n'.encode()
                 + pdf + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


class BsreRemoteSigner:
    def __init__(self, base_url: str, username: str, password: str, timeout: float = 30.0):
        self.url = base_url.rstrip("/") + "/api/sign/pdf"
        self.timeout = timeout
        token = base64.b64encode(f"{username}:{password}".encode()).decode()
        self._auth = f"Basic {token}"

    def sign(self, pdf: bytes, *, reason: str, location: str, signer_nik: str | None = None,
             passphrase: str | None = None) -> bytes:
        """The official's NIK and passphrase are required and passed through, never stored."""
        if not signer_nik or not passphrase:
            raise SigningError("NIK dan passphrase penandatangan wajib diisi untuk TTE.",
                               code="data_kurang")
        if not re.fullmatch(r"\d{16}", signer_nik):
            raise SigningError("NIK penandatangan harus 16 digit angka.", code="nik_tidak_valid")
        body, content_type = _multipart(
            {"nik": signer_nik, "passphrase": passphrase, "tampilan": "invisible",
             "reason": reason, "location": location}, pdf)
        request = urllib.request.Request(
            self.url, data=body, method="POST",
            headers={"Content-Type": content_type, "Authorization": self._auth,
                     "Accept": "application/pdf, application/json"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                status, signed = response.status, response.read()
        except urllib.error.HTTPError as exc:
            with exc:
                raise classify(exc.code, exc.read()) from exc
        except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
            raise _error(UNREACHABLE) from exc
        if status != 200 or not signed.startswith(b"%PDF"):
            raise classify(status, signed)
        return signed
