"""Management reports (Laporan): the counters the transition engine keeps (`summary`), the
period a report covers (`period`), the report itself (`figures`), its Excel export, PDF recap
and monthly e-mail (`export`, `recap`).

Scope follows the case file (app/casework): the office's own staff and the administrator
read every Dinas; a Dinas member reads the permits of their own Dinas.
"""
