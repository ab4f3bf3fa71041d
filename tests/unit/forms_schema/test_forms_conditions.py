"""The condition language: what catalogue admins may write in visible_if / required_if."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forms_schema import ConditionError, parse_condition


def ev(text, **answers):
    return parse_condition(text).evaluate(answers)


@pytest.mark.parametrize(
    ("text", "answers", "expected"),
    [
        ("kind == 'non_mandiri'", {"kind": "non_mandiri"}, True),
        ('kind == "non_mandiri"', {"kind": "mandiri"}, False),
        ("kind != 'a'", {}, True),
        ("count >= 10", {"count": 10}, True),
        ("count > 10", {"count": 10}, False),
        ("count < 2.5", {"count": Decimal("2.25")}, True),
        ("count <= -1", {"count": -1}, True),
        ("start >= '2024-01-01'", {"start": date(2024, 5, 1)}, True),
        ("agree", {"agree": True}, True),
        ("agree == true", {"agree": False}, False),
        ("not agree", {}, True),
        ("name", {"name": ""}, False),
        ("name == null", {"name": ""}, True),
        ("name != null", {"name": "Budi"}, True),
        ("kind in ['a', 'b']", {"kind": "b"}, True),
        ("kind not in ['a', 'b']", {"kind": "b"}, False),
        ("kind not in ['a', 'b']", {}, True),
        ("tags in ['x']", {"tags": ["y", "x"]}, True),
        ("tags in ['z']", {"tags": ["y", "x"]}, False),
        ("n in [1, 2.5, null]", {"n": Decimal("2.5")}, True),
    ],
)
def test_evaluates_comparisons_membership_and_truthiness(text, answers, expected):
    assert parse_condition(text).evaluate(answers) is expected


def test_and_binds_tighter_than_or_and_not_tighter_than_and():
    assert ev("a == 1 or b == 1 and c == 1", a=1, b=0, c=0) is True
    assert ev("(a == 1 or b == 1) and c == 1", a=1, b=0, c=0) is False
    assert ev("not a == 1 and b == 1", a=2, b=1) is True
    assert ev("not (a == 1 and b == 1)", a=1, b=1) is False


@pytest.mark.parametrize(
    ("text", "answers"),
    [
        ("n > 5", {"n": "10"}),  # string vs number
        ("n > 5", {}),  # missing
        ("n == 1", {"n": True}),  # bool is not a number
        ("n < 'b'", {"n": 1}),
        ("rows == 'x'", {"rows": [{"a": 1}]}),
        ("n > 1", {"n": Decimal("NaN")}),
        ("n > 1", {"n": float("inf")}),
        ("n > 1", {"n": object()}),
    ],
)
def test_mismatched_or_missing_values_compare_false_without_crashing(text, answers):
    assert parse_condition(text).evaluate(answers) is False


def test_exposes_referenced_fields_and_a_json_tree():
    condition = parse_condition("kind == 'x' and (n > 1.5 or not tags in ['a'])")
    assert condition.fields == {"kind", "n", "tags"}
    assert condition.to_json() == {
        "op": "and",
        "args": [
            {"op": "==", "left": {"field": "kind"}, "right": {"value": "x"}},
            {
                "op": "or",
                "args": [
                    {"op": ">", "left": {"field": "n"}, "right": {"value": 1.5}},
                    {"op": "not", "arg": {"op": "in", "left": {"field": "tags"}, "values": ["a"]}},
                ],
            },
        ],
    }


@pytest.mark.parametrize(
    ("text", "position", "fragment"),
    [
        ("", 0, "kosong"),
        ("a == ", 5, "terlalu cepat"),
        ("a = 1", 2, "'=='"),
        ("a == 'x", 5, "kutip"),
        ("(a == 1", 7, "')'"),
        ("a == 1 b", 7, "Tidak terduga"),
        ("a in b", 5, "daftar"),
        ("a in [b]", 6, "nilai tetap"),
        ("a == 1.", 6, "digit"),
        ("a && b", 2, "'and'"),
        ("a == 12abc", 5, "Angka"),
        ("a < b < c", 6, "Tidak terduga"),
        ("a == 1234567890123456", 5, "terlalu panjang"),
        ("a == #", 5, "'#'"),
    ],
)
def test_syntax_errors_carry_the_character_position(text, position, fragment):
    with pytest.raises(ConditionError) as caught:
        parse_condition(text)
    assert caught.value.position == position
    assert fragment in caught.value.message
    assert f"karakter ke-{position + 1}" in str(caught.value)


def test_deep_nesting_and_huge_input_are_refused_not_crashing():
    with pytest.raises(ConditionError, match="bertingkat"):
        parse_condition("(" * 100 + "a" + ")" * 100)
    with pytest.raises(ConditionError, match="bertingkat"):
        parse_condition("not " * 100 + "a")
    with pytest.raises(ConditionError, match="terlalu panjang"):
        parse_condition("a or " * 1000 + "a")


def test_non_text_input_is_a_condition_error():
    for value in (None, 1, ["a == 1"]):
        with pytest.raises(ConditionError):
            parse_condition(value)


def test_is_never_evaluated_as_python():
    with pytest.raises(ConditionError):
        parse_condition("__import__('os').system('true')")


_ALPHABET = st.sampled_from(list("ab_ (),[]'\"=!<>-.019 \\notandrueflsi#\n"))


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.text(_ALPHABET, max_size=40)))
def test_arbitrary_text_only_ever_raises_condition_error(text):
    try:
        condition = parse_condition(text)
    except ConditionError as exc:
        assert 0 <= exc.position <= len(text)
    else:
        assert isinstance(condition.evaluate({}), bool)


_ANY_ANSWER = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.decimals(), st.text(max_size=3),
    st.dates(), st.lists(st.text(max_size=2), max_size=3),
    st.dictionaries(st.text(), st.integers()),
)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.sampled_from(["a", "b"]), _ANY_ANSWER))
def test_evaluation_never_crashes_on_any_answers(answers):
    condition = parse_condition("a == b or a < b or a in ['x', 1, null] or not a and b >= -2.5")
    assert isinstance(condition.evaluate(answers), bool)
