"""Pengaduan (complaints): filing, the helpdesk's handling, SLA, report.

service.py holds the commands (file_complaint, assign, reply, note, close, respond, reopen,
rate), status.py the one transition table, tickets.py who may open what, queries.py the
lists, report.py the figures and the Excel export.
"""
