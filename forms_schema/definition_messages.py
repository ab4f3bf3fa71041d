"""The form definition checks' texts (forms_schema.definition), marked for the console's
English pages (forms_schema.marked); a {value} is filled in with .format. A WHERE_ text is the
{where} of an expression's messages (forms_schema.expressions) and of some below."""

from .marked import N_

MSG_KEY_TAKEN = N_("Key '{key}' sudah dipakai di {path}.")
MSG_KEY_RESERVED = N_("Key '{key}' dicadangkan sistem; gunakan nama lain.")
MSG_SECTION_KEY_TWICE = N_("Key bagian '{key}' ganda.")
MSG_UNKNOWN_TYPE = N_("Tipe field '{type}' tidak dikenal. Tipe yang ada: {known}.")
MSG_GROUP_IN_GROUP = N_("Field di dalam grup tidak boleh bertipe 'group'.")
MSG_NOT_FOR_TYPE = N_("Kolom '{name}' tidak berlaku untuk tipe '{type}'.")
MSG_BAD_REGEX = N_("Pola regex tidak valid: {reason}.")
MSG_NO_TABLE = N_("Tabel referensi '{table}' tidak ada.")  # also catalogue.references'
MSG_NO_REQUIREMENT = N_("Persyaratan '{requirement}' tidak ada pada izin ini.")  # and this
MSG_OPTION_TWICE = N_("Nilai opsi '{value}' ganda.")
MSG_MIN_ABOVE_MAX = N_("'min' tidak boleh lebih besar dari 'max'.")
MSG_MIN_ABOVE_OPTIONS = N_("Nilai 'min' melebihi jumlah opsi.")
MSG_ORDER = N_("Nilai '{low}' tidak boleh lebih besar dari '{high}'.")
MSG_BAD_DEFAULT = N_("Nilai default tidak valid: {problem}")
WHERE_FIELD = N_("Kondisi {attr} pada field '{key}'")
WHERE_SECTION = N_("Kondisi visible_if pada bagian '{section}'")
WHERE_RULE = N_("Aturan ke-{number}")
WHERE_WITHIN = N_("Kolom within pada field '{key}'")
MSG_OWN_SECTION = N_("{where} tidak boleh merujuk isian bagian itu sendiri ({keys}).")
MSG_RULE_TARGET = N_("{where}: pesan ditujukan ke isian '{target}' yang tidak ada.")
MSG_ROW_RULE_TARGET = N_("{where}: pesan ditujukan ke isian '{target}' yang tidak ada di grup "
                         "ini.")
MSG_WITHIN_NOT_REGION = N_("{where} harus merujuk field wilayah lain.")
MSG_WITHIN_LEVEL = N_("{where}: field '{ref}' harus bertingkat lebih tinggi.")
MSG_CYCLE = N_("Kondisi visible_if saling bergantung: {chain}.")
MSG_MUST_BE = N_("Harus berupa {shape}.")
MSG_DATE_LIMIT = N_("Harus berupa tanggal dengan format TTTT-BB-HH, atau \"today\".")
MSG_COUNT_LIMIT = N_("Harus berupa bilangan bulat ≥ 0.")
MSG_NUMBER_LIMIT = N_("Harus berupa angka.")
