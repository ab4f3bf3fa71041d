"""Structural checks of a routing, so a published routing can never strand an application.

Every step must be reachable from the first one and every path must be able to end in
`@issued` or `@rejected`. Cycles are fine (a signer sending a file back to verification) as
long as there is a way out; `@applicant` goes back into the routing after the revision and
therefore counts as an edge back to the first step.
"""

from __future__ import annotations

from collections import deque

from .issues import PathT
from .marked import N_
from .routing import APPLICANT, FINISHED, IMMEDIATE, ISSUED

SPECIAL = (APPLICANT, *FINISHED)


# The routing checks' texts, marked for the console's English pages (catalogue.marked).
MSG_STEP_KEY_TWICE = N_("Kunci langkah '{key}' dipakai lebih dari sekali dalam alur ini.")
MSG_NO_TARGET = N_("Tindakan '{action}' menuju langkah '{target}' yang tidak ada.")
MSG_NO_ACTIONS = N_("Langkah '{key}' buntu: tidak punya tindakan.")
MSG_PARALLEL_JOINS = N_("Langkah paralel '{key}' hanya boleh punya satu tujuan lanjutan "
                        "(ditemukan: {found}).")
MSG_UNREACHED = N_("Langkah '{key}' tidak pernah dicapai dari langkah pertama '{first}'.")
MSG_NO_WAY_OUT = N_("Dari langkah '{key}' tidak ada jalan menuju izin terbit atau penolakan "
                    "(buntu atau berputar tanpa jalan keluar).")
MSG_NEVER_ISSUES = N_("Belum ada langkah dengan tindakan yang menerbitkan izin.")
MSG_ISSUING_UNREACHED = N_("Langkah {keys} dapat menerbitkan izin, tetapi belum dapat dicapai "
                           "dari langkah pertama '{first}'.")

def routing_graph_issues(routing: dict) -> list[tuple[PathT, str]]:
    out: list[tuple[PathT, str]] = []
    graph = _graph(routing, out)
    if graph is not None:
        _dead_ends(*graph, out)
    return out


def unreached_steps(routing: dict) -> set[str]:
    """The keys of the steps no path from the first step reaches: the check above words
    them as issues, the console's routing diagram marks their boxes, by the same graph."""
    graph = _graph(routing, [])
    if graph is None:
        return set()
    index, edges, first = graph
    return set(index) - _reach({first}, edges)


def _graph(routing: dict, out) -> tuple[dict[str, int], dict[str, set[str]], str] | None:
    """(step key -> position, step key -> the keys its actions lead to, the first step's
    key), noting what is wrong on the way in `out`; None for a routing without steps."""
    raw_steps = routing.get("steps")
    if not isinstance(raw_steps, list):
        return None
    steps = [(i, s) for i, s in enumerate(raw_steps)
             if isinstance(s, dict) and isinstance(s.get("key"), str)]
    if not steps:
        return None
    index = _step_index(steps, out)
    first = steps[0][1]["key"]
    edges: dict[str, set[str]] = {key: set() for key in index}
    for i, step in steps:
        if index.get(step["key"]) == i:
            _step_edges(i, step, index, first, edges, out)
    return index, edges, first


def _step_index(steps, out) -> dict[str, int]:
    """Step key -> position; a key used twice is an issue (the first one counts)."""
    index: dict[str, int] = {}
    for i, step in steps:
        if step["key"] in index:
            out.append((("steps", i, "key"), MSG_STEP_KEY_TWICE.format(key=step["key"])))
        else:
            index[step["key"]] = i
    return index


def _step_edges(i: int, step: dict, index: dict[str, int], first: str,
                edges: dict[str, set[str]], out) -> None:
    """Where a step's actions lead (returning to the applicant restarts at the first step)."""
    actions = step.get("actions")
    actions = actions if isinstance(actions, dict) else {}
    joins = set()
    for action, target in actions.items():
        if not isinstance(target, str):
            continue
        if target in SPECIAL:
            edges[step["key"]].add(first if target == APPLICANT else target)
        elif target in index:
            edges[step["key"]].add(target)
        else:
            out.append((("steps", i, "actions", action),
                        MSG_NO_TARGET.format(action=action, target=target)))
        if target not in IMMEDIATE:
            joins.add(target)
    if not actions:
        out.append((("steps", i, "actions"), MSG_NO_ACTIONS.format(key=step["key"])))
    if "agencies" in step and len(joins) > 1:
        out.append((("steps", i, "actions"),
                    MSG_PARALLEL_JOINS.format(key=step["key"], found=", ".join(sorted(joins)))))


def _dead_ends(index: dict[str, int], edges: dict[str, set[str]], first: str,
               out) -> None:
    """Steps never reached, steps from which no path finishes, and no way to issue at all."""
    reachable = _reach({first}, edges)
    for key, i in index.items():
        if key not in reachable:
            out.append((("steps", i), MSG_UNREACHED.format(key=key, first=first)))
    reverse: dict[str, set[str]] = {}
    for source, targets in edges.items():
        for target in targets:
            reverse.setdefault(target, set()).add(source)
    can_finish = _reach(set(FINISHED), reverse)
    for key, i in index.items():
        if key in reachable and key not in can_finish and edges[key]:
            out.append((("steps", i, "actions"),
                        MSG_NO_WAY_OUT.format(key=key)))
    if not any(ISSUED in edges[key] for key in reachable if key in edges):
        out.append((("steps",), _never_issues(index, edges, first)))


def _never_issues(index: dict[str, int], edges: dict[str, set[str]], first: str) -> str:
    """Why no path issues the permit: no step has an issuing action at all, or the steps that
    have one cannot be reached yet (an admin building the routing says which it is)."""
    issuing = [key for key in index if ISSUED in edges[key]]
    if not issuing:
        return MSG_NEVER_ISSUES
    return MSG_ISSUING_UNREACHED.format(keys=", ".join(f"'{k}'" for k in issuing), first=first)


def _reach(start: set[str], edges: dict[str, set[str]]) -> set[str]:
    seen = set(start)
    queue = deque(start)
    while queue:
        for nxt in edges.get(queue.popleft(), ()):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen
