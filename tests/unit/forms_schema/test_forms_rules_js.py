"""The browser computes what the server computes for the language's additions: arithmetic,
group.sub paths, count/unique/sum/abs, the map-point geometry (area in hectares, closed
polygon) and the rules' verdicts, on fixed and random cases, bit for bit."""

import json
import random
from decimal import Decimal

import pytest

from forms_schema import parse_condition
from forms_schema.compiled import compile_definition
from forms_schema.form_rules import rule_errors
from tests.unit.forms_schema.test_forms_conditions_js import NODE, SCRIPT

pytestmark = pytest.mark.skipif(not NODE, reason="node is not installed")

HARNESS = """
const c = require(process.argv[1]);
const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const out = cases.map(k => k.rules ? c.ruleErrors(k.rules, k.answers).map(r => r.field)
                                   : c.value(k.tree, k.answers));
process.stdout.write(JSON.stringify(out));
"""


def run_node(cases):
    import subprocess

    result = subprocess.run([NODE, "-e", HARNESS, str(SCRIPT)], input=json.dumps(cases),
                            capture_output=True, text=True, timeout=60, check=True)
    return json.loads(result.stdout)


def as_json(value):
    """The server's canonical value as JSON (a Decimal is the double the browser holds)."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if hasattr(value, "other"):
        return {"other": True}
    return value


def _operand(rng):
    return rng.choice(["a", "b", "c", "1", "2.5", "-3", "0", "0.1", "'x'", "null", "true",
                       "count(r)", "sum(r.n)", "abs(a)", "count(tags)", "unique(r.d)",
                       "unique(tags)"])


def _expression(rng, depth=0):
    roll = rng.random()
    if depth < 3 and roll < 0.45:
        op = rng.choice(["+", "-", "*", "/"])
        return f"({_expression(rng, depth + 1)} {op} {_expression(rng, depth + 1)})"
    if depth < 3 and roll < 0.6:
        op = rng.choice(["==", "!=", "<", "<=", ">", ">="])
        return f"({_expression(rng, depth + 1)} {op} {_expression(rng, depth + 1)})"
    return _operand(rng)


def _answers(rng):
    numbers = [None, 0, 1, -2, 2.5, 0.1, 0.2, 1e10, 3.14159, "x", True]
    rows = [{"n": rng.choice(numbers), "d": rng.choice(["a", "b", None, 1])}
            for _ in range(rng.randint(0, 4))]
    return {"a": rng.choice(numbers), "b": rng.choice(numbers), "c": rng.choice(numbers),
            "r": rows, "tags": rng.choice([[], ["x"], ["x", "y"], ["y", "y"]])}


def test_arithmetic_functions_and_paths_agree_on_random_expressions():
    rng = random.Random(20260310)
    pairs = [(_expression(rng), _answers(rng)) for _ in range(800)]
    cases, expected = [], []
    for text, answers in pairs:
        condition = parse_condition(text)
        cases.append({"tree": condition.to_json(), "answers": answers})
        expected.append(as_json(condition.tree.value(json.loads(json.dumps(answers)))))
    assert run_node(cases) == expected


def _polygon(rng):
    lat, lng = rng.uniform(-5, 5), rng.uniform(100, 140)
    size = rng.choice([0.001, 0.01, 0.1])
    count = rng.randint(2, 7)
    points = [f"{lat + rng.uniform(-size, size):.6f},{lng + rng.uniform(-size, size):.6f}"
              for _ in range(count)]
    if rng.random() < 0.2:
        points.append(points[0])  # a closed ring
    if rng.random() < 0.1:
        points.append(points[1])  # a corner twice
    return [{"p": p} for p in points]


def test_geometry_agrees_bit_for_bit():
    rng = random.Random(7)
    cases, expected = [], []
    for _ in range(300):
        answers = {"g": _polygon(rng)}
        for text in ("area_ha(g.p)", "polygon(g.p)"):
            tree = parse_condition(text).tree
            cases.append({"tree": tree.to_json(), "answers": answers})
            expected.append(as_json(tree.value(answers)))
    found = run_node(cases)
    assert found == expected
    assert any(v is True for v in found) and any(v is False for v in found)


def test_rule_verdicts_agree():
    definition = {"sections": [{"title": {"id": "S"}, "fields": [
        {"key": "a", "type": "number"}, {"key": "b", "type": "number"},
        {"key": "r", "type": "group", "fields": [{"key": "d", "type": "text"}]}]}],
        "rules": [{"check": "a < b", "message": {"id": "m1"}},
                  {"check": "unique(r.d)", "message": {"id": "m2"}},
                  {"check": "a + b <= 10", "message": {"id": "m3"}, "field": "b"}]}
    rules = compile_definition(definition).rules
    rng = random.Random(3)
    cases, expected = [], []
    for _ in range(200):
        answers = {"a": rng.choice([None, 1, 5, 9]), "b": rng.choice([None, 2, 5, 7]),
                   "r": [{"d": rng.choice(["x", "y", "z"])} for _ in range(rng.randint(0, 3))]}
        cases.append({"rules": [r.to_json("id") for r in rules], "answers": answers})
        expected.append(list(rule_errors(rules, answers)))
    found = run_node(cases)
    assert [sorted(set(f)) for f in found] == [sorted(e) for e in expected]
