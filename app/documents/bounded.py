"""Run one rendering of untrusted template text in a child process under hard limits.

limits.py bounds what a template can ask for in the rendering process itself, by listing
the operations that grow; a list is never complete. Where template text first arrives (the
catalogue console: its preview, saving a permit, publishing a catalogue) it is rendered once
more here, in a forked child with an address-space and CPU limit and a wall-clock timeout:
whatever was missed is stopped by the kernel, and the web worker only waits.

A bare fork costs about 15 ms on the test machine, a one-template check 0.1-0.2 s there
(the template is compiled again in the child). Every certificate PDF is printed in such a
child too (certificate.render_certificate_limited: the console's preview, the signer's
preview, issuance), since WeasyPrint's layout has no bound in-process. The Jinja half of a
certificate, and every other rendering, stays in-process under limits.py's checks, which
bound what real answers can change: numbers and lengths that drive repetition.
"""

from __future__ import annotations

import multiprocessing
import resource
import signal
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from .limits import Limits

_MB = 1024 * 1024


class TooHeavy(Exception):
    """The child was stopped by a limit (memory, CPU, wall clock) before it answered; its
    text says which, as far as the parent can tell, for the log of whoever raises a limit."""


def _address_space() -> int:
    """This process's current address space: the child's limit is counted on top of it."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * resource.getpagesize()


def _in_child(writer, limits: Limits, fn: Callable, args: tuple) -> None:
    """The child's part: limits first, then (ok, value) or (error, exception) sent back."""
    resource.setrlimit(resource.RLIMIT_AS, (_address_space() + limits.memory_mb * _MB,) * 2)
    cpu = _cpu_seconds(limits)
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    try:
        answer = ("ok", fn(*args))
    except (MemoryError, SystemError):  # SystemError: a C extension whose allocation failed
        answer = ("heavy", None)  # under the address-space limit, telling it badly
    except Exception as exc:  # handed to the parent, which raises it there
        answer = ("error", exc)
    writer.send(answer)
    writer.close()


def run(fn: Callable[..., Any], *args, limits: Limits) -> Any:
    """`fn(*args)` in a forked child; its value, or its exception raised here, or TooHeavy
    when the child is stopped by a limit or overruns twice the time limit."""
    context = multiprocessing.get_context("fork")
    reader, writer = context.Pipe(duplex=False)
    child = context.Process(target=_in_child, args=(writer, limits, fn, args), daemon=True)
    child.start()
    writer.close()
    kind, value = "heavy", None
    try:
        if reader.poll(limits.seconds * 2 + 1):
            kind, value = reader.recv()
        else:
            value = f"wall clock past {limits.seconds * 2 + 1:g} s"
    except EOFError:  # the child died before it answered: a limit stopped it
        child.join(1)
        value = stopped_by(child.exitcode, limits)
    finally:
        reader.close()
        child.kill()
        child.join()
    if kind == "heavy":
        raise TooHeavy(value or f"out of memory under {limits.memory_mb} MB more")
    if kind == "error":
        raise value
    return value


def stopped_by(exitcode: int | None, limits: Limits) -> str:
    """Which limit a dead child met, from how it ended (a negative exit code is its signal):
    SIGXCPU/SIGKILL after RLIMIT_CPU, anything else most likely the address space."""
    if exitcode in (-signal.SIGXCPU, -signal.SIGKILL):
        return f"CPU time past {_cpu_seconds(limits)} s"
    return f"died (exit code {exitcode}) under {limits.memory_mb} MB more address space"


def _cpu_seconds(limits: Limits) -> int:
    """The child's RLIMIT_CPU: whole seconds, at least one."""
    return max(1, int(limits.seconds + 0.999))


def render_limited(render: Callable[..., Any], *args, pdf: bool = False,
                   renders: int = 1) -> Any:
    """`render(*args)` in a child under the configured limits (config.py TEMPLATE_MAX_*),
    its time limit times `renders` when it renders that many templates; a child stopped by
    a limit raises TemplateTooHeavy, in the admin's words. With `pdf`, WeasyPrint is loaded
    here first, so that each child does not load it again."""
    from .render import limit_error

    if pdf:
        from . import pdf_writer  # noqa: F401
    limits = Limits.from_config()
    try:
        return run(render, *args, limits=replace(limits, seconds=limits.seconds * renders))
    except TooHeavy as exc:
        raise limit_error(None, limits) from exc
