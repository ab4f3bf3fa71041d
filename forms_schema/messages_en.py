"""The English of every message in messages.py, by the name of its Indonesian constant.

Kept in the engine beside the Indonesian (not in the app's message catalogue) because the
engine is used without the app: whoever shows its messages to an English reader needs both.
A formatted text names the same {values} as its Indonesian template.
"""

TEXTS = {
    "REQUIRED": "This field is required.",
    "INVALID_CHOICE": "Not a valid choice.",
    "UNKNOWN_FIELD": "Unknown field.",
    "NOT_OBJECT": "Must be a JSON object.",
    "NOT_INTEGER": "Must be a whole number.",
    "NOT_DECIMAL": "Must be a number.",
    "NOT_DATE": "Not a valid date (YYYY-MM-DD).",
    "NOT_TEXT": "Must be text.",
    "NOT_BOOLEAN": "Must be yes or no (true/false).",
    "NOT_LIST": "Must be a list of choices.",
    "NOT_ROWS": "Must be a list of rows.",
    "PATTERN": "Not in the required format.",
    "EMAIL": "Not a valid e-mail address.",
    "PHONE": "Not a valid mobile number (example: 081234567890).",
    "NIK_FORMAT": "The NIK must be 16 digits.",
    "NIK_DATE": "Invalid NIK: the date of birth in the NIK is not valid.",
    "NIK_SERIAL": "Invalid NIK: the serial number cannot be 0000.",
    "NIK_PROVINCE": "Invalid NIK: unknown province code.",
    "NPWP_FORMAT": "The NPWP must be 15 or 16 digits.",
    "NIB_FORMAT": "The NIB must be 13 digits.",
    "REGION_CODE": "Not a valid region code.",
    "REGION_UNKNOWN": "Region not found.",
    "GEOPOINT_FORMAT": "The location must be 'latitude,longitude', for example "
                       "-1.2654,116.8312.",
    "LATITUDE": "Latitude must be between -90 and 90.",
    "LONGITUDE": "Longitude must be between -180 and 180.",
    "OUT_OF_BOUNDS": "The location is outside the region's boundary.",
    "FILE_UNKNOWN": "File not found in My Files.",
    "NOT_FUTURE": "The date cannot be in the future.",
    "NOT_PAST": "The date cannot be before today.",
    "NOT_TIME": "Not a valid time (HH:MM).",
    "NOT_DATETIME": "Not a valid date and time (YYYY-MM-DD HH:MM).",
    "MIN_VALUE": "The value must be at least {limit}.",
    "MAX_VALUE": "The value must be at most {limit}.",
    "MIN_DATE": "The earliest date allowed is {limit}.",
    "MAX_DATE": "The latest date allowed is {limit}.",
    "MIN_LENGTH": "At least {limit} characters.",
    "MAX_LENGTH": "At most {limit} characters.",
    "MIN_SELECTED": "Choose at least {limit}.",
    "MAX_SELECTED": "Choose at most {limit}.",
    "DECIMALS": "At most {limit} digits after the decimal point.",
    "MIN_ROWS": "At least {limit} row(s).",
    "MAX_ROWS": "At most {limit} row(s).",
    "REGION_LEVEL": "Choose the region down to the {level} level.",
    "FILE_FORMAT": "The file must be in one of these formats: {formats}.",
    "FILE_SIZE": "The file is larger than the {max_mb} MB limit.",
    "DOCUMENT_REQUIRED": "{name} must be uploaded.",
    "REGION_OUTSIDE": "{label} is not valid: it is not within the region chosen above it.",
    "MIN_MOMENT": "Cannot be before {limit}.",
    "MAX_MOMENT": "Cannot be after {limit}.",
}

# Values a formatted message carries that are words, not numbers or dates (region levels).
WORDS = {
    "provinsi": "province",
    "kabupaten/kota": "regency/city",
    "kecamatan": "district",
    "desa/kelurahan": "village",
}
