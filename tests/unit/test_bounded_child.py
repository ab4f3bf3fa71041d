"""The bounded child (app/documents/bounded.py) says which limit stopped it: the admin reads
one sentence naming both limits, so the log is where whoever raises a limit learns which one
a template met (a certificate that failed on CI under the "raised" limits left no trace of
whether its time or its memory ran out)."""

from __future__ import annotations

import time

import pytest

from app.documents import bounded
from app.documents.limits import Limits

QUICK = Limits(seconds=0.3, memory_mb=64)  # CPU limit 1 s, wall clock 1.6 s
# CPU limit 1 s, wall clock 3 s: reached first even with a third of a core (a busy machine)
CPU_FIRST = Limits(seconds=1.0, memory_mb=64)


def burn_cpu() -> None:
    while True:
        pass


def hold_memory() -> int:
    return len(bytearray(256 * 1024 * 1024))  # past the 64 MB more the child may map


def sleep_long() -> None:
    time.sleep(30)


def fail_plainly() -> None:
    raise ValueError("a template's own error")


@pytest.mark.parametrize("work, limits, told", [
    (burn_cpu, CPU_FIRST, "CPU time past 1 s"),
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
