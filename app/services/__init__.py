"""State changes as plain functions shared by the web, the API, the CLI and the tests.

Each validates first and raises a named domain error before touching anything, then commits
the change together with its outbox messages in one transaction.
"""
