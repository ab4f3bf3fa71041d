"""Bounds on rendering a template that is catalogue data, in the process that renders it.

Jinja's sandbox keeps a template away from code and files, not from size: `'a' * 10**10`,
nested loops over big ranges, a macro calling itself twice per call, would each hold a web
worker's memory or CPU, first at the console's preview and then at every issuance of that
permit. Here, on top of the sandbox:

- the arithmetic a template may write (`*`, `**`, `+`, `%`) is checked before it runs, so a
  string, list or number past the output limit is refused instead of built;
- the filters and string methods that take a width or a repeat count (center, indent,
  format, join, ...) are checked the same way;
- every loop iteration and every call counts against a step budget, and the wall clock is
  read as they go, so no loop or recursion runs past `max_steps` or `seconds`;
- the output is streamed and refused past `max_output` characters.

What these checks cannot see (a C-level operation nobody listed) is what the console's child
process is for (bounded.py): untrusted text is first rendered there, under hard limits.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from jinja2 import nodes, pass_context
from jinja2.sandbox import SandboxedEnvironment

SIZE, STEPS, TIME = "size", "steps", "time"  # what a LimitExceeded ran into
_WIDTH_METHODS = frozenset({"center", "ljust", "rjust", "zfill"})
_DIGITS = re.compile(r"\d+")
# the width and precision of a %-field, and the spec of a {}-field (after its colon)
_FORMAT_SPECS = re.compile(r"%[#0 +\-]*(\d*(?:\.\d*)?)|\{[^{}:]*:([^{}]*)\}")
# a width given as an argument: '{:{}}'.format(...), '%*d' % (...)
_NESTED_SPEC = re.compile(r"\{[^{}:]*:[^{}]*\{|%[#0 +\-]*\d*\.?\*")
_MAX_INT_BITS = 64 * 1024  # a 20,000-digit number: more than any certificate prints


@dataclass(frozen=True)
class Limits:
    """Defaults are the config's (config.py documents each); `memory_mb` bounds only the
    child process of bounded.py, where an address-space limit can be set."""

    max_output: int = 20_000_000
    max_steps: int = 100_000
    seconds: float = 5.0
    memory_mb: int = 512

    @classmethod
    def from_config(cls) -> Limits:
        from flask import current_app, has_app_context

        if not has_app_context():
            return cls()
        config = current_app.config
        return cls(max_output=config.get("TEMPLATE_MAX_OUTPUT_CHARS", cls.max_output),
                   max_steps=config.get("TEMPLATE_MAX_STEPS", cls.max_steps),
                   seconds=config.get("TEMPLATE_MAX_SECONDS", cls.seconds),
                   memory_mb=config.get("TEMPLATE_MAX_MEMORY_MB", cls.memory_mb))


class LimitExceeded(Exception):
    """`what` is SIZE, STEPS or TIME; render.py words it for the admin."""

    def __init__(self, what: str, limits: Limits):
        super().__init__(what)
        self.what = what
        self.limits = limits


class _Budget:
    def __init__(self, limits: Limits):
        self.limits = limits
        self.steps = 0
        self.deadline = time.monotonic() + limits.seconds

    def tick(self) -> None:
        self.steps += 1
        if self.steps > self.limits.max_steps:
            raise LimitExceeded(STEPS, self.limits)
        if self.steps % 256 == 0:
            self.check_time()

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise LimitExceeded(TIME, self.limits)


_BUDGET: ContextVar[_Budget | None] = ContextVar("template_budget", default=None)


def _limits() -> Limits:
    budget = _BUDGET.get()
    return budget.limits if budget else Limits()


def _tick() -> None:
    budget = _BUDGET.get()
    if budget is not None:
        budget.tick()


def _size(value, depth: int = 0) -> int:
    """What printing `value` would cost, roughly: its characters, a list's items summed (a
    list may hold the same long string many times), a number's digits."""
    if isinstance(value, str | bytes):
        return len(value)
    if isinstance(value, int):
        return value.bit_length() // 3
    if isinstance(value, dict):
        value = list(value.items())
    if isinstance(value, list | tuple | set | frozenset) and depth < 4:
        return len(value) + sum(_size(item, depth + 1) for item in value)
    return 1


def _refuse_over(size: int) -> None:
    if size > _limits().max_output:
        raise LimitExceeded(SIZE, _limits())


def _check_format(fmt, args: tuple = ()) -> None:
    """A width or precision in a format string ('%0999999999d', '{:>999999999}') builds a
    string that long: past the output limit it is refused, as is a width given as an
    argument ('{:{}}') that large."""
    if not isinstance(fmt, str):
        return
    for match in _FORMAT_SPECS.finditer(fmt):
        for digits in _DIGITS.findall(match.group(1) or match.group(2) or ""):
            _refuse_over(int(digits) if len(digits) < 12 else 10**12)
    if _NESTED_SPEC.search(fmt):
        for arg in args:
            if isinstance(arg, int):
                _refuse_over(arg)


def _check_binop(operator: str, left, right) -> None:
    if operator == "**" and isinstance(left, int) and isinstance(right, int) and right > 0 \
            and abs(left) > 1 and right * left.bit_length() > _MAX_INT_BITS:
        raise LimitExceeded(SIZE, _limits())
    if operator == "*":
        if isinstance(left, int) and isinstance(right, int):
            if left.bit_length() + right.bit_length() > _MAX_INT_BITS:
                raise LimitExceeded(SIZE, _limits())
        elif isinstance(right, int):
            _refuse_over(_size(left) * right)
        elif isinstance(left, int):
            _refuse_over(_size(right) * left)
    if operator == "+" and not isinstance(left, int | float):
        _refuse_over(_size(left) + _size(right))
    if operator == "%":
        _check_format(left, right if isinstance(right, tuple) else (right,))


def _checked_call(obj, args: tuple) -> tuple:
    """The string methods that take a width or a count, checked before they run; the
    arguments to call them with (an iterator given to `join` is read here, once)."""
    obj = getattr(obj, "__wrapped__", obj)  # the sandbox wraps str.format
    name = getattr(obj, "__name__", "")
    owner = getattr(obj, "__self__", None)
    if not isinstance(owner, str):
        return args
    if name in _WIDTH_METHODS and args and isinstance(args[0], int):
        _refuse_over(args[0])
    elif name in ("format", "format_map"):
        _check_format(owner, args)
    elif name == "expandtabs":
        _refuse_over(owner.count("\t") * (args[0] if args and isinstance(args[0], int) else 8))
    elif name == "replace" and len(args) >= 2:
        _refuse_over(len(owner) + (len(owner) + 1) * _size(args[1]))
    elif name == "join" and args:
        items = list(args[0])
        _refuse_over(len(owner) * len(items) + sum(_size(item) for item in items))
        return (items, *args[1:])
    return args


def _guard_filter(env: SandboxedEnvironment, name: str, check) -> None:
    original = env.filters[name]
    passed = getattr(original, "jinja_pass_arg", None)  # a context comes before the value
    skip = 1 if passed else 0

    def guarded(*args, **kwargs):
        head, (value, *rest) = args[:skip], args[skip:]
        return original(*head, check(value, *rest, **kwargs), *rest, **kwargs)

    if passed:
        guarded.jinja_pass_arg = passed  # type: ignore[attr-defined]
    env.filters[name] = guarded


# A filter's check: refuses what would be too big, or answers the value to filter (an
# iterator read once to be measured is handed on as a list).

def _width(value, width=80, *args, **kwargs):
    _refuse_over(_size(value) + (width if isinstance(width, int) else _size(width)))
    return value


def _indent(value, width=4, *args, **kwargs):
    lines = str(value).count("\n") + 1
    _refuse_over(_size(value) + lines * (width if isinstance(width, int) else _size(width)))
    return value


def _printed(value, *args, **kwargs):
    _refuse_over(_size(value) + sum(_size(arg) for arg in args))
    return value


def _formatted(value, *args, **kwargs):
    _check_format(value, args)
    return _printed(value, *args)


def _replaced(value, old="", new="", *args, **kwargs):
    _refuse_over(_size(value) + (_size(value) + 1) * _size(new))
    return value


def _join(value, d="", *args, **kwargs):
    items = value if isinstance(value, str) else list(value)
    _refuse_over(len(items) * _size(d) + _size(items))
    return items


@pass_context  # never folded at compile time: the budget belongs to one rendering
def _loop(_context, iterable: Iterable) -> Iterator:
    for item in iterable:
        _tick()
        yield item


@pass_context
def _sized(_context, value):
    _refuse_over(_size(value))
    return value


class BoundedSandbox(SandboxedEnvironment):
    """The sandbox with the bounds above; `lipsum` (pages of filler text on request) is gone."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, **options):
        super().__init__(**options)
        self.globals.pop("lipsum", None)
        self.filters.update(_loop=_loop, _sized=_sized)
        for name, check in (("center", _width), ("indent", _indent), ("format", _formatted),
                            ("join", _join), ("replace", _replaced), ("string", _printed),
                            ("pprint", _printed), ("tojson", _printed)):
            _guard_filter(self, name, check)

    def call_binop(self, context, operator, left, right):
        _check_binop(operator, left, right)
        return super().call_binop(context, operator, left, right)

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 (Jinja's signature)
        _tick()
        args = _checked_call(__obj, args)
        return super().call(__context, __obj, *args, **kwargs)

    def _parse(self, source, name, filename):
        """Every `{% for %}` iterates through `_loop` (each item is a step) and every `~`
        result is sized: loops and concatenation have no hook of their own in Jinja."""
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            loop.iter = nodes.Filter(loop.iter, "_loop", [], [], None, None,
                                     lineno=loop.iter.lineno)
        for parent in [tree, *tree.find_all(nodes.Node)]:
            for field, child in parent.iter_fields():
                if isinstance(child, list):
                    child[:] = [_sized_node(item) for item in child]
                else:
                    setattr(parent, field, _sized_node(child))
        return tree


def _sized_node(node):
    if isinstance(node, nodes.Concat):
        return nodes.Filter(node, "_sized", [], [], None, None, lineno=node.lineno)
    return node


@contextmanager
def budget(limits: Limits):
    token = _BUDGET.set(_Budget(limits))
    try:
        yield
    finally:
        _BUDGET.reset(token)


def render_bounded(template, context: dict, limits: Limits) -> str:
    """`template.render(context)` within `limits`: streamed, and refused past the output
    limit, the step budget or the time limit."""
    with budget(limits):
        out, size = [], 0
        current = _BUDGET.get()
        for chunk in template.generate(context):
            size += len(chunk)
            if size > limits.max_output:
                raise LimitExceeded(SIZE, limits)
            current.check_time()
            out.append(chunk)
        return "".join(out)
