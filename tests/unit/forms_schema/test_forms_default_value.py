"""A field's default is judged by the field's own checks even when the field has another
problem, unless a property those checks need does not read (reported at its own path)."""

from forms_schema import validate_form_definition


def _form(**field) -> dict:
    spec = {"key": "jumlah", "type": "number", "label": {"id": "Jumlah"}, **field}
    return {"sections": [{"title": {"id": "A"}, "fields": [spec]}]}


def _at(issues, name: str) -> list[str]:
    return [i.message for i in issues if i.path == f"sections[0].fields[0].{name}"]


def test_a_default_outside_a_reversed_range_is_still_reported():
    issues = validate_form_definition(_form(min=10, max=2, default=50))
    assert _at(issues, "min"), "the reversed range itself"
    assert any("2" in m for m in _at(issues, "default")), "50 is above the max of 2"


def test_a_default_is_judged_beside_an_unrelated_problem_of_its_field():
    issues = validate_form_definition(_form(type="text", min_length=5, max_length=2,
                                            default="abcdefgh"))
    assert _at(issues, "min_length") and _at(issues, "default")


def test_a_default_inside_its_range_is_not_reported():
    assert validate_form_definition(_form(min=1, max=20, default=5)) == []


def test_an_unreadable_property_is_reported_once_and_the_default_left_alone():
    issues = validate_form_definition(_form(type="text", pattern="([", default="abc"))
    assert _at(issues, "pattern") and not _at(issues, "default")
    issues = validate_form_definition(_form(type="date", min="kemarin", default="2020-01-01"))
    assert _at(issues, "min") and not _at(issues, "default")
