"""PAdES signing end to end: a development CA, local PKCS#12 signing validated by pyHanko, and
the BSrE-style remote adapter against a fake service on loopback (the real one is unreachable
from here). The fake parses the multipart request the way the service would and signs with its
own test CA, so success means a real signed PDF came back over HTTP.
"""

from __future__ import annotations

import base64
import io
import json
import socket
import stat
import threading
import time
from datetime import UTC, datetime, timedelta
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader

from app.documents import render_pdf
from app.signing import (
    BsreRemoteSigner,
    Pkcs12Signer,
    SigningAdapter,
    SigningError,
    adapter_from_config,
    create_dev_ca,
    validate_pdf_signature,
)
from app.signing.factory import trust_roots_from_config

REASON, LOCATION = "Penerbitan izin 551/0042/ASK/DPMPTSP/2026", "Samarinda"


@pytest.fixture(scope="module")
def ca(tmp_path_factory):
    return create_dev_ca(tmp_path_factory.mktemp("signing"))


@pytest.fixture(scope="module")
def other_ca(tmp_path_factory):
    """A second CA with the same root name: a look-alike must not count as trusted."""
    return create_dev_ca(tmp_path_factory.mktemp("other"), signer_cn="Penandatangan BSrE Uji")


@pytest.fixture(scope="module")
def pdf():
    return render_pdf("<h1>SURAT IZIN</h1><p>Nomor: 551/0042/ASK/DPMPTSP/2026</p>")


@pytest.fixture(scope="module")
def signed(ca, pdf):
    return Pkcs12Signer(ca.p12, ca.password()).sign(pdf, reason=REASON, location=LOCATION)


# --- development CA --------------------------------------------------------------------------

def test_dev_ca_writes_private_files_once(tmp_path):
    first = create_dev_ca(tmp_path / "signing")
    assert first.created
    for secret in (first.p12, first.password_file):
        assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    before = {p: p.read_bytes() for p in (first.root_pem, first.p12, first.password_file)}
    again = create_dev_ca(tmp_path / "signing")
    assert not again.created
    assert {p: p.read_bytes() for p in before} == before


def test_dev_ca_signing_certificate_is_fit_for_signatures(ca):
    key, cert, chain = pkcs12.load_key_and_certificates(ca.p12.read_bytes(),
                                                        ca.password().encode())
    root = x509.load_pem_x509_certificate(ca.root_pem.read_bytes())
    assert key is not None
    assert "Kepala DPMPTSP (Pengembangan)" in cert.subject.rfc4514_string()
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature and usage.content_commitment and not usage.key_cert_sign
    assert not cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    assert cert.issuer == root.subject and [c.subject for c in chain] == [root.subject]
    assert root.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    cert.verify_directly_issued_by(root)


def test_wrong_p12_password_or_missing_file_is_a_signing_error(ca, tmp_path):
    with pytest.raises(SigningError, match="password PKCS#12 salah"):
        Pkcs12Signer(ca.p12, "salah")
    with pytest.raises(SigningError, match="tidak dapat dibaca"):
        Pkcs12Signer(tmp_path / "tidak-ada.p12", "x")


# --- local signing and validation -------------------------------------------------------------

def test_local_signature_is_intact_valid_and_trusted(ca, signed):
    report = validate_pdf_signature(signed, [ca.root_pem.read_bytes()])
    assert (report.intact, report.valid, report.trusted, report.covers_whole_file) == \
        (True, True, True, True)
    assert report.ok
    assert report.subfilter == "ETSI.CAdES.detached"
    assert report.signer_name == "Kepala DPMPTSP (Pengembangan)"
    assert abs(report.signed_at - datetime.now(UTC)) < timedelta(minutes=5)


def test_signature_embeds_the_chain_and_metadata(ca, signed):
    embedded = PdfFileReader(io.BytesIO(signed)).embedded_signatures
    assert [sig.field_name for sig in embedded] == ["TTE"]
    sig = embedded[0]
    root = x509.load_pem_x509_certificate(ca.root_pem.read_bytes())
    assert root.subject.rfc4514_string() in [
        x509.load_der_x509_certificate(c.dump()).subject.rfc4514_string()
        for c in sig.other_embedded_certs]
    assert sig.sig_object["/Reason"] == REASON and sig.sig_object["/Location"] == LOCATION


def test_one_changed_byte_breaks_integrity(ca, signed):
    at = signed.index(b"WeasyPrint")  # the Producer string, inside the signed byte range
    tampered = signed[:at] + b"X" + signed[at + 1:]
    report = validate_pdf_signature(tampered, [ca.root_pem.read_bytes()])
    assert not report.intact and not report.ok


def test_update_appended_after_signing_is_reported(ca, signed):
    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    page["/Rotate"] = generic.NumberObject(90)
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)
    report = validate_pdf_signature(out.getvalue(), [ca.root_pem.read_bytes()])
    assert report.intact and not report.covers_whole_file and not report.ok


def test_other_root_is_not_trusted(other_ca, signed):
    report = validate_pdf_signature(signed, [other_ca.root_pem.read_bytes()])
    assert report.intact and report.valid and not report.trusted and not report.ok


def test_unsigned_or_broken_documents_are_reported_not_raised(ca, pdf):
    roots = [ca.root_pem.read_bytes()]
    assert validate_pdf_signature(pdf, roots).problem == \
        "Dokumen tidak memiliki tanda tangan elektronik."
    broken = validate_pdf_signature(b"bukan pdf", roots)
    assert not broken.ok and broken.problem.startswith("Berkas bukan PDF")


def test_ec_keys_take_pyhankos_own_signing_path(tmp_path, pdf):
    """Pkcs12Signer keeps RSA keys parsed; any other key type must still sign correctly."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Penandatangan EC")])
    now = datetime.now(UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(minutes=1)).not_valid_after(now + timedelta(days=1))
            .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False,
                                         False), critical=True)
            .sign(key, hashes.SHA256()))
    p12 = tmp_path / "ec.p12"
    p12.write_bytes(pkcs12.serialize_key_and_certificates(
        b"ec", key, cert, None, serialization.BestAvailableEncryption(b"pw")))
    signed = Pkcs12Signer(p12, "pw").sign(pdf, reason=REASON, location=LOCATION)
    report = validate_pdf_signature(signed, [cert.public_bytes(serialization.Encoding.PEM)])
    assert report.ok and report.signer_name == "Penandatangan EC"


def test_signing_garbage_is_a_signing_error(ca):
    with pytest.raises(SigningError, match="tidak dapat ditandatangani"):
        Pkcs12Signer(ca.p12, ca.password()).sign(b"%PDF-1.7 rusak", reason="r", location="l")


# --- configuration ----------------------------------------------------------------------------

def test_factory_defaults_to_the_dev_ca_under_the_instance_folder(tmp_path, pdf):
    paths = create_dev_ca(tmp_path / "signing")
    config = {"INSTANCE_PATH": str(tmp_path)}
    adapter = adapter_from_config(config)
    assert isinstance(adapter, Pkcs12Signer) and isinstance(adapter, SigningAdapter)
    signed = adapter.sign(pdf, reason=REASON, location=LOCATION)
    assert trust_roots_from_config(config) == [paths.root_pem.read_bytes()]
    assert validate_pdf_signature(signed, trust_roots_from_config(config)).ok


def test_factory_uses_a_configured_p12(ca, other_ca, tmp_path):
    by_file = adapter_from_config({"SIGNING_BACKEND": "local", "SIGNING_P12_PATH": str(ca.p12),
                                   "SIGNING_P12_PASSWORD_FILE": str(ca.password_file)})
    assert by_file.signer_name == "Kepala DPMPTSP (Pengembangan)"
    direct = adapter_from_config({"SIGNING_P12_PATH": str(other_ca.p12),
                                  "SIGNING_P12_PASSWORD": other_ca.password()})
    assert direct.signer_name == "Penandatangan BSrE Uji"
    with pytest.raises(SigningError, match="signing dev-ca"):
        adapter_from_config({"INSTANCE_PATH": str(tmp_path / "kosong")})


def test_factory_bsre_and_unknown_backends():
    adapter = adapter_from_config({"SIGNING_BACKEND": "bsre", "BSRE_URL": "http://esign.local/",
                                   "BSRE_USERNAME": "u", "BSRE_PASSWORD": "p",
                                   "BSRE_TIMEOUT": 7.5})
    assert isinstance(adapter, BsreRemoteSigner)
    assert adapter.url == "http://esign.local/api/sign/pdf" and adapter.timeout == 7.5
    with pytest.raises(SigningError, match="BSRE_URL, BSRE_USERNAME, BSRE_PASSWORD"):
        adapter_from_config({"SIGNING_BACKEND": "bsre"})
    with pytest.raises(SigningError, match="tidak dikenal"):
        adapter_from_config({"SIGNING_BACKEND": "hsm"})


# --- BSrE-style remote service ----------------------------------------------------------------

NIK, PASSPHRASE = "6472011505900001", "rahasia-tte"
EXPIRED_NIK = "6472011505900002"
SLOW_NIK, BROKEN_NIK, HTML_NIK = "6472011505900003", "6472011505900004", "6472011505900005"
APP_USER, APP_PASSWORD = "eptsp-app", "kunci-aplikasi"


class FakeBsre(BaseHTTPRequestHandler):
    """The esign-client contract as integrations see it; error texts as the service words them."""

    signer: Pkcs12Signer
    requests: list[dict]

    def log_message(self, *args):  # keep test output quiet
        pass

    def _json(self, status: int, payload: dict) -> None:
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _fields(self) -> dict:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        head = f"Content-Type: {self.headers['Content-Type']}\r\n\r\n".encode()
        message = BytesParser(policy=HTTP).parsebytes(head + body)
        assert message.get_content_type() == "multipart/form-data"
        fields = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            value = part.get_payload(decode=True)
            fields[name] = value if part.get_filename() else value.decode()
            if part.get_filename():
                fields["file_type"] = part.get_content_type()
        return fields

    def do_POST(self):  # noqa: N802 (http.server's naming)
        expected = "Basic " + base64.b64encode(f"{APP_USER}:{APP_PASSWORD}".encode()).decode()
        if self.path != "/api/sign/pdf":
            return self._json(404, {"error": "Not found", "status_code": 404})
        if self.headers.get("Authorization") != expected:
            return self._json(401, {"error": "Unauthorized", "status_code": 401})
        fields = self._fields()
        self.requests.append(fields)
        nik = fields.get("nik")
        if nik == SLOW_NIK:
            time.sleep(1.5)
            return None  # the client has given up by now; answering would hit a closed socket
        if nik == BROKEN_NIK:
            return self._json(500, {"error": "Internal Server Error", "status_code": 5000})
        if nik == HTML_NIK:
            body = b"<html>Gateway maintenance</html>"
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return None
        if nik == EXPIRED_NIK:
            return self._json(400, {"error": "Sertifikat pengguna sudah kedaluwarsa",
                                    "status_code": 2050})
        if nik != NIK:
            return self._json(400, {"error": "User tidak terdaftar", "status_code": 1111})
        if fields.get("passphrase") != PASSPHRASE:
            return self._json(400, {"error": "Passphrase anda salah", "status_code": 2031})
        if fields.get("tampilan") != "invisible" or fields.get("file_type") != "application/pdf":
            return self._json(400, {"error": "Parameter tidak lengkap", "status_code": 2000})
        signed = self.signer.sign(fields["file"], reason="TTE BSrE", location="Indonesia")
        self.send_response(200)
        self.send_header("Content-Type", "application/pdf")
        self.send_header("Content-Length", str(len(signed)))
        self.end_headers()
        self.wfile.write(signed)
        return None


@pytest.fixture(scope="module")
def bsre_url(other_ca):
    handler = type("Handler", (FakeBsre,), {
        "signer": Pkcs12Signer(other_ca.p12, other_ca.password()), "requests": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", handler.requests
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def remote(url: str, password: str = APP_PASSWORD, timeout: float = 5) -> BsreRemoteSigner:
    return BsreRemoteSigner(url, APP_USER, password, timeout)


def test_bsre_signs_through_the_remote_service(bsre_url, other_ca, ca, pdf):
    url, requests = bsre_url
    signed = remote(url).sign(pdf, reason=REASON, location=LOCATION, signer_nik=NIK,
                              passphrase=PASSPHRASE)
    sent = requests[-1]
    assert sent["file"] == pdf and sent["nik"] == NIK and sent["passphrase"] == PASSPHRASE
    assert sent["tampilan"] == "invisible" and sent["reason"] == REASON
    report = validate_pdf_signature(signed, [other_ca.root_pem.read_bytes()])
    assert report.ok and report.signer_name == "Penandatangan BSrE Uji"
    assert not validate_pdf_signature(signed, [ca.root_pem.read_bytes()]).trusted


@pytest.mark.parametrize(("nik", "passphrase", "code", "words"), [
    (NIK, "salah", "passphrase_salah", "Passphrase TTE salah"),
    ("6472019999999999", PASSPHRASE, "nik_tidak_terdaftar", "NIK penandatangan tidak terdaftar"),
    (EXPIRED_NIK, PASSPHRASE, "sertifikat_bermasalah", "kedaluwarsa atau dicabut"),
    (BROKEN_NIK, PASSPHRASE, "ditolak", "HTTP 500): Internal Server Error"),
    (HTML_NIK, PASSPHRASE, "ditolak", "HTTP 200"),
])
def test_bsre_errors_become_indonesian_signing_errors(bsre_url, pdf, nik, passphrase, code,
                                                      words):
    with pytest.raises(SigningError) as caught:
        remote(bsre_url[0]).sign(pdf, reason=REASON, location=LOCATION, signer_nik=nik,
                                 passphrase=passphrase)
    assert caught.value.code == code
    assert words in caught.value.message


def test_bsre_rejected_application_account(bsre_url, pdf):
    with pytest.raises(SigningError) as caught:
        remote(bsre_url[0], password="salah").sign(
            pdf, reason=REASON, location=LOCATION, signer_nik=NIK, passphrase=PASSPHRASE)
    assert caught.value.code == "akun_aplikasi_ditolak"
    assert "BSRE_USERNAME" in caught.value.message


def test_bsre_timeout_and_unreachable_service(bsre_url, pdf):
    with pytest.raises(SigningError) as slow:
        remote(bsre_url[0], timeout=0.3).sign(pdf, reason=REASON, location=LOCATION,
                                              signer_nik=SLOW_NIK, passphrase=PASSPHRASE)
    assert slow.value.code == "tidak_terhubung"
    with socket.socket() as sock:  # a port that was free a moment ago: nothing listens
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(SigningError) as down:
        remote(f"http://127.0.0.1:{port}").sign(pdf, reason=REASON, location=LOCATION,
                                                signer_nik=NIK, passphrase=PASSPHRASE)
    assert down.value.code == "tidak_terhubung"
    assert "tidak dapat dihubungi" in down.value.message


@pytest.mark.parametrize(("nik", "passphrase", "code"), [
    (None, PASSPHRASE, "data_kurang"), (NIK, "", "data_kurang"), ("12345", "x", "nik_tidak_valid"),
])
def test_bsre_needs_nik_and_passphrase_before_calling(nik, passphrase, code, pdf):
    with pytest.raises(SigningError) as caught:
        remote("http://127.0.0.1:9").sign(pdf, reason=REASON, location=LOCATION,
                                          signer_nik=nik, passphrase=passphrase)
    assert caught.value.code == code


# --- CLI ---------------------------------------------------------------------------------------

def _cli_app(tmp_path, **config):
    from flask import Flask

    from app.signing.cli import signing_cli

    app = Flask("cli-test", instance_path=str(tmp_path))
    app.config.update(config)
    app.cli.add_command(signing_cli)
    return app


def test_dev_ca_command_creates_once_and_reports_paths(tmp_path):
    runner = _cli_app(tmp_path).test_cli_runner()
    first = runner.invoke(args=["signing", "dev-ca"])
    assert first.exit_code == 0 and "dibuat" in first.output
    assert str(tmp_path / "signing" / "signer.p12") in first.output
    second = runner.invoke(args=["signing", "dev-ca"])
    assert second.exit_code == 0 and "sudah ada, tidak diubah" in second.output


def test_dev_ca_command_leaves_a_configured_key_alone(tmp_path):
    runner = _cli_app(tmp_path, SIGNING_BACKEND="bsre").test_cli_runner()
    result = runner.invoke(args=["signing", "dev-ca"])
    assert result.exit_code == 0 and "tidak dibuat" in result.output
    assert not (tmp_path / "signing").exists()
