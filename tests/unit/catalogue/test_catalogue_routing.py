"""The routing engine: who may act, parallel fan-out and join, revision, named refusals."""

from __future__ import annotations

import json

import pytest

from catalogue import (
    ActionNotAllowed,
    AlreadyActed,
    AlreadyFinished,
    AwaitingApplicant,
    NotAwaitingApplicant,
    RoutingError,
    RoutingState,
    UnknownStep,
    WrongAgency,
    WrongRole,
    allowed_actions,
    pending_tasks,
    resubmit,
    start,
    transition,
)
from tests.unit.catalogue.catalogue_builders import sample

V, T, P = "Verifikator", "Tim Teknis", "Penandatangan"


def routing(code: str) -> dict:
    return sample().routing(code)


def test_allowed_actions_depend_on_role_and_agency():
    r = routing("rekomendasi-teknis")
    state = start(r, "DINKES")
    assert state.step == "verifikasi" and state.pending == ("DPMPTSP",)
    assert allowed_actions(r, state, V, "DPMPTSP") == ["lanjut", "revisi", "tolak"]
    assert allowed_actions(r, state, T, "DINKES") == []
    assert allowed_actions(r, state, V, "DINKES") == []
    state = transition(r, state, V, "DPMPTSP", "lanjut", permit_agency="DINKES").state
    assert state.step == "rekomendasi" and state.pending == ("DINKES",)
    assert allowed_actions(r, state, T, "DINKES") == ["lanjut", "revisi", "tolak"]
    assert allowed_actions(r, state, T, "DESDM") == []


def test_named_errors_with_indonesian_messages():
    r = routing("rekomendasi-teknis")
    state = transition(r, start(r, "DINKES"), V, "DPMPTSP", "lanjut").state
    with pytest.raises(WrongAgency, match="bukan DESDM"):
        transition(r, state, T, "DESDM", "lanjut")
    with pytest.raises(WrongRole, match="peran Tim Teknis, bukan Verifikator"):
        transition(r, state, V, "DINKES", "lanjut")
    with pytest.raises(ActionNotAllowed, match="tidak tersedia"):
        transition(r, state, T, "DINKES", "terbitkan")
    with pytest.raises(UnknownStep):
        transition(r, RoutingState("hilang", ("DINKES",), "DINKES"), T, "DINKES", "lanjut")
    assert issubclass(AlreadyActed, WrongAgency) and issubclass(WrongRole, RoutingError)


def test_parallel_step_joins_when_every_agency_agreed():
    r = routing("rekomendasi-paralel")
    state = transition(r, start(r, "DESDM"), V, "DPMPTSP", "lanjut").state
    assert state.step == "rekomendasi" and state.pending == ("DESDM", "DLH")
    assert [(t.role, t.agency) for t in pending_tasks(r, state)] == [(T, "DESDM"), (T, "DLH")]
    first = transition(r, state, T, "DLH", "lanjut")
    assert first.outcome == "waiting" and first.waiting_for == ("DESDM",)
    assert first.state.decisions == (("DLH", "lanjut"),)
    assert allowed_actions(r, first.state, T, "DLH") == []
    with pytest.raises(AlreadyActed, match="DLH sudah"):
        transition(r, first.state, T, "DLH", "lanjut")
    joined = transition(r, first.state, T, "DESDM", "lanjut")
    assert joined.outcome == "moved" and joined.state.step == "tte"
    assert joined.state.pending == ("DPMPTSP",) and joined.state.decisions == ()


def test_parallel_revision_resolves_at_once_and_resubmit_restarts_the_step():
    r = routing("rekomendasi-paralel")
    state = transition(r, start(r, "DISHUT"), V, "DPMPTSP", "lanjut").state
    state = transition(r, state, T, "DISHUT", "lanjut").state
    back = transition(r, state, T, "DLH", "revisi")
    assert back.outcome == "revision"
    assert back.state.step == "@applicant" and back.state.returned_from == "rekomendasi"
    with pytest.raises(AwaitingApplicant):
        transition(r, back.state, T, "DISHUT", "lanjut")
    again = resubmit(r, back.state)
    assert again.step == "rekomendasi" and again.pending == ("DISHUT", "DLH")


def test_parallel_rejection_by_one_agency_ends_the_application():
    r = routing("rekomendasi-paralel")
    state = transition(r, start(r, "DESDM"), V, "DPMPTSP", "lanjut").state
    done = transition(r, state, T, "DESDM", "tolak")
    assert done.outcome == "rejected" and done.state.finished


def test_permit_owned_by_the_other_parallel_agency_gets_one_task():
    r = routing("rekomendasi-paralel")
    state = transition(r, start(r, "DLH"), V, "DPMPTSP", "lanjut").state
    assert state.pending == ("DLH",)
    assert transition(r, state, T, "DLH", "lanjut").state.step == "tte"


def test_revision_at_verification_then_resubmit_then_issue():
    r = routing("verifikasi-langsung")
    state = start(r, "DKP")
    back = transition(r, state, V, "DPMPTSP", "revisi").state
    assert back.awaiting_applicant and allowed_actions(r, back, V, "DPMPTSP") == []
    state = resubmit(r, back)
    assert state.step == "verifikasi" and state.returned_from is None
    with pytest.raises(NotAwaitingApplicant):
        resubmit(r, state)
    state = transition(r, state, V, "DPMPTSP", "lanjut").state
    returned = transition(r, state, P, "DPMPTSP", "kembalikan").state
    assert returned.step == "verifikasi"
    state = transition(r, returned, V, "DPMPTSP", "lanjut").state
    issued = transition(r, state, P, "DPMPTSP", "terbitkan")
    assert issued.outcome == "issued"
    with pytest.raises(AlreadyFinished, match="sudah selesai"):
        transition(r, issued.state, P, "DPMPTSP", "terbitkan")
    assert allowed_actions(r, issued.state, P, "DPMPTSP") == []


def test_state_is_json_serialisable_and_immutable():
    r = routing("rekomendasi-paralel")
    state = transition(r, start(r, "DESDM"), V, "DPMPTSP", "lanjut").state
    state = transition(r, state, T, "DLH", "lanjut").state
    text = json.dumps(state.to_dict())
    assert RoutingState.from_dict(json.loads(text)) == state
    with pytest.raises(AttributeError):
        state.step = "tte"  # type: ignore[misc]
