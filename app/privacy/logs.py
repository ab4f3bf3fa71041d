"""No NIK/NPWP in any log line, whoever writes it.

The application logs who/what/when with identifiers masked at the source (e-mails carry
masked numbers, the access log names route templates). This is the net under that: every log
record made in the process — ours, a library's, an exception's text with the SQL parameters
that failed — has its NIK/NPWP-shaped numbers masked when the record is created, before any
handler (console, gunicorn's error log, a file) sees it.
"""

from __future__ import annotations

import logging
import threading
import traceback

from .masking import scrub

_lock = threading.Lock()
_installed = False


def _masked_factory(make_record):
    def factory(*args, **kwargs):
        record = make_record(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: leave it to logging's own error report
            return record
        record.msg, record.args = scrub(message), None
        if record.exc_info and record.exc_info[0] is not None:
            # the formatter prints exc_text when it is set: give it the masked text
            record.exc_text = scrub("".join(traceback.format_exception(*record.exc_info)))
            record.exc_text = record.exc_text.rstrip("\n")
        if record.stack_info:
            record.stack_info = scrub(record.stack_info)
        return record

    factory.eptsp_masking = True
    return factory


def install() -> None:
    """Idempotent: wraps the process's log record factory once."""
    global _installed
    with _lock:
        if _installed or getattr(logging.getLogRecordFactory(), "eptsp_masking", False):
            _installed = True
            return
        logging.setLogRecordFactory(_masked_factory(logging.getLogRecordFactory()))
        _installed = True
