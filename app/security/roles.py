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
SCREEN_IKM = "Laporan IKM"

STAFF_ROLES: dict[str, list[str]] = {
    "Verifikator": [SCREEN_CONSOLE, SCREEN_QUEUE],
    "Tim Teknis": [SCREEN_CONSOLE, SCREEN_QUEUE],
    "Penandatangan": [SCREEN_CONSOLE, SCREEN_QUEUE],
    "Admin Katalog": [SCREEN_CONSOLE, SCREEN_CATALOGUE],
    "Helpdesk": [SCREEN_CONSOLE, SCREEN_HELPDESK, SCREEN_IKM],
    "Super Admin": [SCREEN_CONSOLE, SCREEN_CATALOGUE, SCREEN_QUEUE, SCREEN_HELPDESK,
                    SCREEN_OUTBOX, SCREEN_IKM],
}
PERMISSION = "can_access"
