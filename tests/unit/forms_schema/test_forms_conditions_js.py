"""static/js/conditions.js must decide exactly what the server decides.

The same condition trees and answers are evaluated by the Python engine and by the browser
script under node; any difference would show or hide a field the server then treats
differently.
"""

import json
import random
import shutil
import subprocess
from pathlib import Path

import pytest
from werkzeug.datastructures import MultiDict

from forms_schema import build_form, parse_condition
from forms_schema.conditions.values import canonical

SCRIPT = Path(__file__).resolve().parents[3] / "static" / "js" / "conditions.js"
NODE = shutil.which("node") or "/usr/bin/node"
pytestmark = pytest.mark.skipif(not Path(NODE).exists(), reason="node is not installed")

HARNESS = """
const c = require(process.argv[1]);
const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const out = cases.map(k => k.tree ? c.evaluate(k.tree, k.answers) : c.coerce(k.type, k.raw));
process.stdout.write(JSON.stringify(out));
"""


def run_node(cases):
    result = subprocess.run(
        [NODE, "-e", HARNESS, str(SCRIPT)],
        input=json.dumps(cases), capture_output=True, text=True, timeout=30, check=True,
    )
    return json.loads(result.stdout)


FIXED = [
    ("kind == 'non_mandiri'", {"kind": "non_mandiri"}),
    ("kind != 'a'", {}),
    ("n >= 10 and n < 20.5", {"n": 20}),
    ("n > 1", {"n": "5"}),
    ("agree", {"agree": True}),
    ("not agree", {"agree": False}),
    ("name == null", {"name": ""}),
    ("name == ''", {"name": ""}),
    ("tags in ['x', 'y']", {"tags": ["z", "y"]}),
    ("tags not in ['x']", {"tags": []}),
    ("tags == null", {"tags": []}),
    ("n in [1, 2.5, null]", {"n": 2.5}),
    ("start >= '2024-01-01'", {"start": "2024-02-01"}),
    ("true == 1", {}),
    ("n == 0 or not n", {"n": 0}),
    ("rows == null", {"rows": [{"a": 1}]}),
    ("rows", {"rows": [{"a": 1}]}),
    ("constructor == null", {}),
    ("(a == 1) == true", {"a": 1}),
    ("a < b", {"a": "abc", "b": "abd"}),
    ("a < b", {"a": True, "b": False}),
]


def _random_condition(rng, depth=0):
    def operand():
        roll = rng.random()
        if roll < 0.5:
            return rng.choice(["a", "b", "c", "tags"])
        return rng.choice(["1", "2.5", "-3", "0", "'x'", "'y'", "''", "true", "false", "null"])

    roll = rng.random()
    if depth < 3 and roll < 0.2:
        op = rng.choice(["and", "or"])
        return f"({_random_condition(rng, depth + 1)} {op} {_random_condition(rng, depth + 1)})"
    if depth < 3 and roll < 0.3:
        return f"not {_random_condition(rng, depth + 1)}"
    if roll < 0.45:
        items = ", ".join(rng.sample(["'x'", "'y'", "1", "2.5", "null", "true"], rng.randint(0, 3)))
        return f"{operand()} {rng.choice(['in', 'not in'])} [{items}]"
    if roll < 0.55:
        return operand()
    return f"{operand()} {rng.choice(['==', '!=', '<', '<=', '>', '>='])} {operand()}"


def _random_answers(rng):
    values = [None, True, False, 0, 1, 2.5, -3, "", "x", "y", "abc", [], ["x"], ["y", "x"]]
    return {key: rng.choice(values) for key in ["a", "b", "c", "tags"] if rng.random() < 0.8}


def test_browser_evaluator_agrees_with_python_on_fixed_and_random_cases():
    rng = random.Random(20240601)
    pairs = list(FIXED)
    pairs += [(_random_condition(rng), _random_answers(rng)) for _ in range(600)]
    cases, expected = [], []
    for text, answers in pairs:
        condition = parse_condition(text)
        cases.append({"tree": condition.to_json(), "answers": answers})
        expected.append(condition.evaluate(json.loads(json.dumps(answers))))
    assert run_node(cases) == expected


@pytest.mark.parametrize(
    ("field", "raw"),
    [
        ({"type": "number"}, ["12"]),
        ({"type": "number"}, [" -7 "]),
        ({"type": "number"}, ["1.5"]),
        ({"type": "number"}, ["abc"]),
        ({"type": "decimal"}, ["1,5"]),
        ({"type": "decimal"}, ["2.25"]),
        ({"type": "decimal"}, ["1.000,5"]),
        ({"type": "decimal"}, [""]),
        ({"type": "text"}, ["  Budi  "]),
        ({"type": "text"}, [""]),
        ({"type": "date"}, ["2024-05-01"]),
        ({"type": "boolean"}, ["y"]),
        ({"type": "boolean"}, []),
        ({"type": "multiselect", "options": ["a", "b"]}, ["a", "b"]),
        ({"type": "multiselect", "options": ["a", "b"]}, []),
        ({"type": "select", "options": ["a", "b"]}, ["b"]),
    ],
)
def test_browser_reads_inputs_into_the_same_values_as_the_server(field, raw):
    definition = {"sections": [{"title": {"id": "S"}, "fields": [{"key": "f", **field}]}]}
    form = build_form(definition)(MultiDict([("f", value) for value in raw]))
    server = canonical(form.f.data)
    browser = run_node([{"type": field["type"], "raw": raw}])[0]
    browser = browser if browser not in ("", []) else None
    if isinstance(server, list) or server is None or isinstance(server, (bool, str)):
        assert browser == server
    else:
        assert browser == float(server)


ROWS_HARNESS = """
const c = require(process.argv[1]);
const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));
process.stdout.write(JSON.stringify(cases.map(k => c.rowsToCheck(k.blank, k.min))));
"""


def test_browser_requires_the_fields_of_the_same_rows_the_server_checks():
    """A blank row that makes up min_rows is asked for on both sides; a spare one on neither."""
    from forms_schema.field_types.group import rows_to_check

    rng = random.Random(20261207)
    cases = [{"blank": [True], "min": 1}, {"blank": [False, True], "min": 1},
             {"blank": [True, False, True, True], "min": 3}, {"blank": [], "min": 2}]
    cases += [{"blank": [rng.random() < 0.5 for _ in range(rng.randint(0, 6))],
               "min": rng.choice([None, 0, 1, 2, 3])} for _ in range(300)]
    result = subprocess.run([NODE, "-e", ROWS_HARNESS, str(SCRIPT)], input=json.dumps(cases),
                            capture_output=True, text=True, timeout=30, check=True)
    assert json.loads(result.stdout) == [rows_to_check(k["blank"], k["min"]) for k in cases]
    assert json.loads(result.stdout)[:3] == [[True], [True, False], [True, True, True, False]]
