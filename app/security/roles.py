"""The staff roles of DESIGN.md and the permissions each gets on staff screens.

Roles are data in FAB's tables; this list only seeds them. A catalogue routing step names a
role; `flask setup` makes sure every named role exists.
"""

APPLICANT_ROLE = "Pemohon"

# view-menu names of our staff screens; FAB permission name is always "can_access"
SCREEN_CONSOLE = "Konsol Staf"
SCREEN_CATALOGUE = "Katalog"
SCREEN_QUEUE = "Antrian"
SCREEN_HELPDESK = "Helpdesk"
SCREEN_OUTBOX = "Kotak Keluar"
SCREEN_COMPLAINTS = "Pengaduan"
# the complaint report alone (figures, no complaint texts): read by the desk and the head
SCREEN_COMPLAINT_REPORT = "Laporan Pengaduan"
SCREEN_IKM = "Laporan IKM"
SCREEN_PORTAL = "Konten Portal"  # banners, announcements, FAQ, help pages, contact details
SCREEN_REPORTS = "Laporan"
SCREEN_USERS = "Pengguna"
SCREEN_AUDIT = "Log Audit"
SCREEN_PRIVACY = "Data Pribadi"  # applicants' erasure requests (UU PDP)
# not a screen: reading the text of outgoing messages on the Kotak Keluar screen (secrets
# such as verification codes and reset PINs stay hidden from everyone)
READ_OUTBOX_TEXT = "Isi Pesan Keluar"

STAFF_ROLES: dict[str, list[str]] = {
    "Verifikator": [SCREEN_CONSOLE, SCREEN_QUEUE],
    # a Dinas' technical staff read their own Dinas' report
    "Tim Teknis": [SCREEN_CONSOLE, SCREEN_QUEUE, SCREEN_REPORTS],
    "Penandatangan": [SCREEN_CONSOLE, SCREEN_QUEUE, SCREEN_REPORTS],
    # the head of the office (or of a Dinas, by their agency): reads the reports
    "Pimpinan": [SCREEN_CONSOLE, SCREEN_REPORTS, SCREEN_IKM, SCREEN_COMPLAINT_REPORT],
    "Admin Katalog": [SCREEN_CONSOLE, SCREEN_CATALOGUE, SCREEN_PORTAL],
    "Helpdesk": [SCREEN_CONSOLE, SCREEN_HELPDESK, SCREEN_OUTBOX, READ_OUTBOX_TEXT, SCREEN_IKM,
                 SCREEN_COMPLAINTS, SCREEN_COMPLAINT_REPORT],
    "Super Admin": [SCREEN_CONSOLE, SCREEN_CATALOGUE, SCREEN_QUEUE, SCREEN_HELPDESK,
                    SCREEN_OUTBOX, READ_OUTBOX_TEXT, SCREEN_REPORTS, SCREEN_USERS,
                    SCREEN_AUDIT, SCREEN_IKM, SCREEN_PORTAL, SCREEN_COMPLAINTS,
                    SCREEN_COMPLAINT_REPORT, SCREEN_PRIVACY],
    # an internal or external auditor: reads and exports the audit log, changes nothing (the
    # log itself has no path to change an entry), so nobody needs Super Admin to audit
    "Auditor": [SCREEN_CONSOLE, SCREEN_AUDIT],
}
PERMISSION = "can_access"
