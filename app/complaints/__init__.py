"""Pengaduan (complaints): filing, the helpdesk's handling, SLA, report.

service.py holds the commands (file_complaint, assign, reply, note, close, respond, reopen,
reopen_by_staff, rate, verify_contact), status.py the one transition table, tickets.py who
may open what, contact.py whether the office may e-mail a complaint's address, queries.py
the lists, report.py the figures and the Excel export.
"""
