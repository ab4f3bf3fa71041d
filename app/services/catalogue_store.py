"""Publishing the catalogue as immutable, numbered versions, and reading them back.

Import is all-or-nothing: the source is read and validated whole, and only a catalogue
without a single issue becomes the next version, with who, when and what changed.
"""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

import catalogue as cat_lib

from ..extensions import db
from ..i18n import N_
from ..models import CatalogueAsset, CatalogueDraft, CatalogueVersion, User
from . import audit
from .errors import MSG_NO_CHANGE, MSG_VERSION_TAKEN, DomainError, NothingChanged

ASSET_DIR = "templates"
_cache: dict[tuple[int, str], cat_lib.Catalogue] = {}
_cache_lock = threading.Lock()
MSG_REJECTED = N_("Katalog tidak valid: {count} masalah ditemukan.")


class CatalogueRejected(DomainError):
    def __init__(self, issues: list):
        super().__init__(MSG_REJECTED.format(count=len(issues)))
        self.issues = issues


def in_force(*columns):
    """The version in force (the highest number) as a select of `columns`: the one rule for
    which version that is, whether a caller wants the row, its id and digest, or a subquery."""
    return select(*columns).order_by(CatalogueVersion.number.desc()).limit(1)


def current_version() -> CatalogueVersion | None:
    return db.session.scalar(in_force(CatalogueVersion))


def get_version(number: int) -> CatalogueVersion | None:
    return db.session.scalar(select(CatalogueVersion).where(CatalogueVersion.number == number))


def catalogue_of(version: CatalogueVersion) -> cat_lib.Catalogue:
    """Versions never change, so their parsed form is cached by id for the process' life."""
    with _cache_lock:
        key = (version.id, version.digest)  # an emptied test database reuses ids
        found = _cache.get(key)
        if found is None:
            found = _cache[key] = cat_lib.Catalogue(version.content)
        return found


def catalogue_by(version_id: int, digest: str) -> cat_lib.Catalogue:
    """The parsed version for a caller that read only its id and digest (a narrow query):
    the document itself is read from the database only when this process lacks it."""
    key = (version_id, digest)
    with _cache_lock:
        found = _cache.get(key)
    if found is None:
        content = db.session.scalar(select(CatalogueVersion.content)
                                    .where(CatalogueVersion.id == version_id))
        with _cache_lock:
            found = _cache.setdefault(key, cat_lib.Catalogue(content))
    return found


# the version in force as (id, digest): what `current()` needs to find its parsed form
_CURRENT_KEY = in_force(CatalogueVersion.id, CatalogueVersion.digest)


def current() -> cat_lib.Catalogue | None:
    """The catalogue in force. Public pages ask for it on every request (the home page's
    figures, permit names in English), so only its id and digest are read, not the version
    row; the parsed document comes from this process' cache."""
    found = db.session.execute(_CURRENT_KEY).first()
    return catalogue_by(found.id, found.digest) if found else None


def published() -> tuple[CatalogueVersion | None, cat_lib.Catalogue | None]:
    """The version in force and its catalogue; (None, None) before the first publish."""
    version = current_version()
    return (version, catalogue_of(version)) if version else (None, None)


def assets_of(version: CatalogueVersion | None) -> dict[str, bytes]:
    return {a.path: a.content for a in version.assets} if version else {}


def _folder_assets(root: Path) -> dict[str, bytes]:
    folder = root / ASSET_DIR
    if not folder.is_dir():
        return {}
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def read_source(path: str | Path) -> tuple[dict, list, dict[str, bytes]]:
    """A folder of JSON documents or an .xlsx workbook -> (data, reading issues, assets).

    A workbook exported by this version carries its files (its Files sheet) and is then the
    whole catalogue on its own. An older workbook without that sheet keeps the current
    version's templates, plus any in a `templates/` folder beside it."""
    path = Path(path)
    if path.is_dir():
        data, issues, sources = cat_lib.read_folder(path)
        assets = _folder_assets(path)
    elif path.suffix.lower() == ".xlsx":
        data, issues, sources, carried = cat_lib.read_workbook(path)
        assets = carried if carried is not None else {
            **assets_of(current_version()), **_folder_assets(path.parent)}
    else:
        raise DomainError(N_("Sumber katalog harus folder JSON atau berkas .xlsx"))
    issues = list(issues)
    if data:
        issues += check(data, assets, sources)
    return data, issues, assets


def check(data: dict, assets: dict[str, bytes], sources=None) -> list:
    return cat_lib.validate(data, sources=sources, assets=assets)


def preview(data: dict) -> cat_lib.CatalogueDiff:
    old = current()
    return cat_lib.diff(old or cat_lib.Catalogue({}), cat_lib.Catalogue(data))


def publish(data: dict, assets: dict[str, bytes], *, source: str, note: str = "",
            user_id: int | None = None, issues: list | None = None) -> CatalogueVersion:
    """The next version. `issues` is the caller's own validation of `data` (read_source's,
    which names files and rows), not done again here. The certificate templates are checked
    under the hard limits whatever the source: the console's draft or upload, a rollback,
    and the files of `flask catalogue import` (a deployment's files are data an admin wrote,
    and the worker that prints them is the same)."""
    issues = check(data, assets) if issues is None else issues
    if issues:
        raise CatalogueRejected(issues)
    new = cat_lib.Catalogue(data)  # parsed once: the checks, the diff and the stored row
    check_templates(new, assets)
    latest = current_version()
    if latest is not None and latest.digest == new.digest() and assets_of(latest) == assets:
        raise NothingChanged(MSG_NO_CHANGE.format(number=latest.number))
    changes = cat_lib.diff(catalogue_of(latest) if latest else cat_lib.Catalogue({}), new)
    number = (db.session.scalar(select(func.max(CatalogueVersion.number))) or 0) + 1
    version = CatalogueVersion(number=number, content=new.document(), digest=new.digest(),
                               source=source[:200], note=note, changes=changes.summary(),
                               created_by_id=user_id)
    version.assets = [CatalogueAsset(path=p, content=c, sha256=hashlib.sha256(c).hexdigest())
                      for p, c in sorted(assets.items())]
    _ensure_roles(new)  # FAB commits on its own; do it before the version is added
    db.session.add(version)
    audit.record("catalogue.published",
                 f"Katalog versi {number} diterbitkan dari {source[:200]}"
                 + (f". Catatan: {note}" if note else ""), subject=f"versi {number}",
                 details={"changes": version.changes[:4000]},
                 user=db.session.get(User, user_id) if user_id else None)
    try:
        db.session.commit()
    except IntegrityError as exc:  # another publisher took the number first
        db.session.rollback()
        raise DomainError(MSG_VERSION_TAKEN) from exc
    return version


def check_templates(cat: cat_lib.Catalogue, assets: dict[str, bytes]) -> None:
    """Certificate templates new in `cat` rendered under the limits (certificate_checks);
    DomainError naming the first refused one. Publishing calls it, and so does `flask
    catalogue validate`, so a folder that validates is one that imports."""
    from .certificate_checks import check_catalogue

    latest = current_version()
    check_catalogue(cat, assets, catalogue_of(latest) if latest else None,
                    assets_of(latest) if latest else None)


def import_path(path: str | Path, *, user_id: int | None = None, note: str = "") -> (
        CatalogueVersion):
    data, issues, assets = read_source(path)
    if issues or not data:
        raise CatalogueRejected(issues)
    return publish(data, assets, source=f"impor {Path(path).name}", note=note, user_id=user_id,
                   issues=[])


def _ensure_roles(cat: cat_lib.Catalogue) -> None:
    """A routing step names a role; the role must exist for staff to be given it, and a role
    that acts on routing steps must reach the work queue (console + queue screens), or a
    catalogue's new role would exist without being able to do its job. Only access is
    added, never removed: admins may grant more from FAB's role screens."""
    from ..security.roles import PERMISSION, SCREEN_CONSOLE, SCREEN_QUEUE

    sm = current_app.appbuilder.sm
    acting = {step.get("role") for routing in cat.routings
              for step in routing.get("steps", []) if isinstance(step, dict)}
    for role in cat.roles:
        name = role.get("name") if isinstance(role, dict) else role
        if not name:
            continue
        found = sm.find_role(name) or sm.add_role(name)
        if name in acting and found is not None:
            for screen in (SCREEN_CONSOLE, SCREEN_QUEUE):
                permission = sm.add_permission_view_menu(PERMISSION, screen)
                if permission not in found.permissions:
                    sm.add_permission_role(found, permission)


def export(version: CatalogueVersion, out: str | Path, fmt: str) -> Path:
    out = Path(out)
    cat = catalogue_of(version)
    if fmt == "json":
        out.mkdir(parents=True, exist_ok=True)
        cat_lib.dump_folder(cat, out)
        for rel, content in assets_of(version).items():
            target = out / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
    elif fmt == "xlsx":
        out.parent.mkdir(parents=True, exist_ok=True)
        cat_lib.dump_xlsx(cat, out, files=assets_of(version))
    else:
        raise DomainError(N_("Format ekspor harus json atau xlsx"))
    return out


def draft() -> CatalogueDraft | None:
    return db.session.scalar(select(CatalogueDraft).limit(1))
