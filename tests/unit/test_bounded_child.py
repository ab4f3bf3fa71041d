"""The bounded child (app/documents/bounded.py) says which limit stopped it: the admin reads
one sentence naming both limits, so the log is where whoever raises a limit learns which one
a template met (a certificate that failed on CI under the "raised" limits left no trace of
whether its time or its memory ran out)."""

from __future__ import annotations

import signal
import time

import pytest

from app.documents import bounded
from app.documents.limits import Limits

QUICK = Limits(seconds=0.3, memory_mb=64)  # CPU limit 1 s, wall clock 1.6 s
CPU_FIRST = Limits(seconds=1.0, memory_mb=64)  # CPU limit 1 s, wall clock 3 s


def burn_cpu() -> None:
    while True:
        pass


def hold_memory() -> int:
    return len(bytearray(256 * 1024 * 1024))  # past the 64 MB more the child may map


def sleep_long() -> None:
    time.sleep(30)


def fail_plainly() -> None:
    raise ValueError("a template's own error")


def test_a_child_burning_cpu_is_stopped():
    """By its CPU limit as a rule; on a machine so busy that the child gets less than a third
    of a core, by the wall clock first (which limit comes first is the machine's, so the
    naming of each is asserted below on how a child ended)."""
    with pytest.raises(bounded.TooHeavy) as stopped:
        bounded.run(burn_cpu, limits=CPU_FIRST)
    assert str(stopped.value) in ("CPU time past 1 s", "wall clock past 3 s")


@pytest.mark.parametrize("exitcode, told", [
    (-signal.SIGXCPU, "CPU time past 1 s"),  # the soft CPU limit's signal
    (-signal.SIGKILL, "CPU time past 1 s"),  # the hard one, a second later
    (-signal.SIGSEGV, "died (exit code -11) under 64 MB more address space"),
    (None, "died (exit code None) under 64 MB more address space"),
])
def test_how_a_dead_child_ended_names_the_limit(exitcode, told):
    assert bounded.stopped_by(exitcode, CPU_FIRST) == told


@pytest.mark.parametrize("work, limits, told", [
    (hold_memory, QUICK, "out of memory under 64 MB more"),
    (sleep_long, QUICK, "wall clock past 1.6 s"),
])
def test_a_child_stopped_by_a_limit_says_which(work, limits, told):
    with pytest.raises(bounded.TooHeavy) as stopped:
        bounded.run(work, limits=limits)
    assert str(stopped.value) == told


def test_a_childs_own_error_and_its_value_come_back_as_they_are():
    with pytest.raises(ValueError, match="a template's own error"):
        bounded.run(fail_plainly, limits=QUICK)
    assert bounded.run(len, "abc", limits=QUICK) == 3
