"""What the test process sets up once, before any app is built: work every app of the
session would repeat identically is done once and shared (route and template compilation),
and the process does not wait for the disk to make commits and files durable (nothing in a
test asks whether data survives a power cut). None of it changes what a test sees."""

from __future__ import annotations

import os


def share_route_compilation_between_apps() -> None:
    """Every test builds a fresh app, and Werkzeug compiles each of its ~870 routes each time
    (parsing the rule into regular-expression parts, then generating a URL builder from an
    AST): most of an app's start. What it produces depends only on the rule's text, host or
    subdomain, slash handling, defaults and the map's converter classes; builders get the rule
    they serve as an argument and converters keep no per-app state. So each distinct route is
    compiled once per session and its results are copied into the same route of every later
    app. Routing behaves exactly as without this; only the suite's start-up per test is
    cheaper."""
    from werkzeug.routing.rules import Rule

    compile_rule = Rule.compile
    if getattr(compile_rule, "shared", False):
        return
    compiled: dict = {}

    def converters_key(rule_map) -> tuple:
        key = getattr(rule_map, "_eptsp_converters_key", None)
        if key is None:
            key = tuple(sorted((name, id(cls)) for name, cls in rule_map.converters.items()))
            rule_map._eptsp_converters_key = key
        return key

    def compile(rule) -> None:
        key = (rule.rule, rule.merge_slashes, rule.host, rule.subdomain,
               rule.map.host_matching, converters_key(rule.map),
               tuple(sorted((k, repr(v)) for k, v in (rule.defaults or {}).items())))
        hit = compiled.get(key)
        if hit is None:
            compile_rule(rule)
            compiled[key] = (list(rule._parts), list(rule._trace), dict(rule._converters),
                             rule._build.__func__, rule._build_unknown.__func__)
            return
        parts, trace, converters, build, build_unknown = hit
        rule._parts, rule._trace, rule._converters = list(parts), list(trace), dict(converters)
        rule.arguments.update(converters)
        rule._build = build.__get__(rule, None)
        rule._build_unknown = build_unknown.__get__(rule, None)

    compile.shared = True
    Rule.compile = compile


def no_fsync_on_test_sqlite() -> None:
    """SQLite in WAL mode waits for the disk on every commit (about 4 ms here, tens of
    thousands of commits per run); nothing in a test asks whether a commit would survive a
    power cut. So the suite's own connections do not wait for the disk (`synchronous=OFF`),
    as CI's PostgreSQL runs with fsync off. Atomicity, isolation and locking are SQLite's
    as always; servers the suite starts as separate processes keep the shipped settings."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    def no_fsync(dbapi_connection, _record) -> None:
        if type(dbapi_connection).__module__.startswith("sqlite3"):
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA synchronous=OFF")
            cursor.close()

    event.listen(Engine, "connect", no_fsync)


def no_fsync_on_test_uploads() -> None:
    """The same for files: local storage fsyncs each file it writes and its folder (about
    4 ms each, a few per submission). Its code runs as always, the test process's `os.fsync`
    as it sees it returns at once; no test asks whether a file survives a power cut."""
    import types

    from app.storage import local

    if local.os is os:
        without_fsync = types.ModuleType("os")
        without_fsync.__dict__.update(os.__dict__)
        without_fsync.fsync = lambda _fd: None
        local.os = without_fsync


def share_template_compilation_between_apps() -> None:
    """Every test builds a fresh app, and so a fresh Jinja environment that compiles each
    template it renders again (the layout, its macros, the page: tens of milliseconds each,
    several per test). Jinja's own bytecode-cache hook keeps the compiled code of each
    template file here for the whole session, keyed like a file-system bytecode cache (name
    and file, checked against the source's checksum) and also by what else shapes the
    compiled code (the environment's extensions, gettext style and autoescaping), so the code
    is what each app would have compiled. Pages render exactly as without this."""
    from flask import Flask
    from jinja2 import BytecodeCache

    class SessionTemplateCode(BytecodeCache):
        def __init__(self):
            self.code: dict = {}

        @staticmethod
        def _key(bucket) -> tuple:
            env = bucket.environment
            autoescape = getattr(env.autoescape, "__func__", env.autoescape)  # app's method
            return (bucket.key, bucket.checksum, tuple(sorted(env.extensions)),
                    getattr(env, "newstyle_gettext", None), autoescape)

        def load_bytecode(self, bucket) -> None:
            bucket.code = self.code.get(self._key(bucket))

        def dump_bytecode(self, bucket) -> None:
            self.code[self._key(bucket)] = bucket.code

    if "bytecode_cache" not in Flask.jinja_options:
        Flask.jinja_options = {**Flask.jinja_options, "bytecode_cache": SessionTemplateCode()}


def install() -> None:
    share_route_compilation_between_apps()
    share_template_compilation_between_apps()
    no_fsync_on_test_sqlite()
    no_fsync_on_test_uploads()
