"""openpyxl, loaded at first use: the one place that imports it, for the catalogue's Excel twin
(workbook_read, workbook_write) and the app's Excel exports alike.

Importing openpyxl (with lxml and et_xmlfile) costs about a tenth of a second of CPU, and only
an Excel import or export needs it, so processes that never touch a workbook (most web workers,
the outbox worker, most `flask` commands) never load it. Callers use what this returns:
`openpyxl().Workbook(...)`, `openpyxl().styles.Font(...)`; type annotations import the classes
under TYPE_CHECKING. The import system runs openpyxl's import once; a second thread asking
meanwhile waits for the first.
"""

from __future__ import annotations

from types import ModuleType


def openpyxl() -> ModuleType:
    import openpyxl
    import openpyxl.cell
    import openpyxl.styles
    import openpyxl.utils
    import openpyxl.utils.exceptions

    return openpyxl
