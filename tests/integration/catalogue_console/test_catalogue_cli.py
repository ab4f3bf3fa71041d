"""Catalogue CLI: validate the sample and a broken workbook, import a catalogue the code has
never seen and build its forms."""

from __future__ import annotations

import shutil

import catalogue as cat_lib
from app.services import catalogue_store as store
from forms_schema import build_form, validate_answers
from tests.catalogue_helpers import SAMPLE, broken_workbook, unseen_catalogue, version_count


def test_cli_validate_passes_on_the_sample_folder_and_its_workbook(runner):
    for source in (SAMPLE, SAMPLE / "catalogue.xlsx"):
        result = runner.invoke(args=["catalogue", "validate", str(source)])
        assert result.exit_code == 0, result.output
        assert "Katalog valid: 9 instansi, 15 jenis izin, 3 alur, 2 tabel referensi." in \
            result.output
    assert version_count() == 0  # validating changes nothing


def test_cli_validate_reports_every_error_of_a_broken_workbook(runner, tmp_path):
    shutil.copytree(SAMPLE / "templates", tmp_path / "templates")  # files it refers to
    path, planted = broken_workbook(tmp_path / "rusak.xlsx")
    result = runner.invoke(args=["catalogue", "validate", str(path)])
    assert result.exit_code == 1
    assert f"Katalog tidak valid: {len(planted)} masalah ditemukan." in result.output
    for sheet, row, column in planted:
        assert f"{sheet}, baris {row}, kolom {column}" in result.output
    assert "harus berupa angka" in result.output and "tahun" in result.output
    import_result = runner.invoke(args=["catalogue", "import", str(path)])
    assert import_result.exit_code == 1 and version_count() == 0


def test_cli_imports_a_catalogue_the_code_has_never_seen_and_its_forms_build(
        app, runner, tmp_path):
    path = tmp_path / "kabupaten-contoh.xlsx"
    cat_lib.dump_xlsx(cat_lib.Catalogue(unseen_catalogue()), path)
    result = runner.invoke(args=["catalogue", "import", str(path), "--note", "katalog baru"])
    assert result.exit_code == 0, result.output
    assert "Versi 1 diterbitkan." in result.output
    version = store.current_version()
    assert version.number == 1 and version.note == "katalog baru"
    cat = store.catalogue_of(version)
    assert [p["code"] for p in cat.permits] == ["IZIN-MENARA-TELKOM"]
    assert cat.routing("penilaian-menara")["steps"][1]["agencies"] == ["@permit", "SATPOLPP"]
    # the routing's new roles exist, so staff can be given them
    assert app.appbuilder.sm.find_role("Penilai Menara") is not None

    from app.services.catalogue_forms import form_context

    permit = cat.permit("IZIN-MENARA-TELKOM")
    context = form_context(cat, permit, files={})
    form_class = build_form(permit["form"], context=context)
    assert set(form_class.schema_fields) == {"tinggi_menara", "jenis_menara",
                                             "bentuk_kamuflase", "titik_menara",
                                             "operator_penyewa"}
    good = {"tinggi_menara": "42.5", "jenis_menara": "kamuflase",
            "bentuk_kamuflase": "pohon", "titik_menara": "-0.50,117.15",
            "operator_penyewa": [{"nama_operator": "PT Sinyal Kuat"}]}
    assert validate_answers(permit["form"], good, context=context) == {}
    bad = dict(good, bentuk_kamuflase=None, tinggi_menara="200")
    errors = validate_answers(permit["form"], bad, context=context)
    assert set(errors) == {"bentuk_kamuflase", "tinggi_menara"}

    again = runner.invoke(args=["catalogue", "import", str(path), "--if-changed"])
    assert again.exit_code == 0 and "Tidak ada perubahan" in again.output
    assert version_count() == 1


def test_cli_import_refuses_a_template_past_the_limits_as_the_console_does(runner, tmp_path):
    """The deployment's files are checked like the console's upload: a certificate template
    that goes past a rendering limit on sample answers is refused with the console's words,
    and nothing is published."""
    from app.documents.render import MSG_TOO_LARGE
    from app.services.certificate_checks import MSG_PERMIT_TOO_HEAVY

    folder = tmp_path / "katalog"
    shutil.copytree(SAMPLE, folder)
    (folder / "templates" / "certificate-sip.html").write_text(
        "<html><body><p>{{ 'a' * 10**10 }}</p></body></html>")
    result = runner.invoke(args=["catalogue", "import", str(folder)])
    assert result.exit_code == 1
    said = MSG_PERMIT_TOO_HEAVY.format(
        code="SIP-DOKTER", message=MSG_TOO_LARGE.format(limit=runner.app.config[
            "TEMPLATE_MAX_OUTPUT_CHARS"]))
    assert said in result.output
    assert version_count() == 0


def test_cli_validate_refuses_a_template_past_the_limits_as_import_does(runner, tmp_path):
    """`validate` answers what `import` would: a folder whose certificate template goes past
    a rendering limit fails validation with the same message and exit status, instead of
    passing and then being refused at import."""
    from app.documents.render import MSG_TOO_LARGE
    from app.services.certificate_checks import MSG_PERMIT_TOO_HEAVY

    folder = tmp_path / "katalog"
    shutil.copytree(SAMPLE, folder)
    (folder / "templates" / "certificate-sip.html").write_text(
        "<html><body><p>{{ 'a' * 10**10 }}</p></body></html>")
    validated = runner.invoke(args=["catalogue", "validate", str(folder)])
    imported = runner.invoke(args=["catalogue", "import", str(folder)])
    said = MSG_PERMIT_TOO_HEAVY.format(
        code="SIP-DOKTER", message=MSG_TOO_LARGE.format(limit=runner.app.config[
            "TEMPLATE_MAX_OUTPUT_CHARS"]))
    assert validated.exit_code == imported.exit_code == 1
    assert said in validated.output and "Katalog valid" not in validated.output
    assert validated.output == imported.output
    assert version_count() == 0
