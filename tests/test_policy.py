"""Policy construction, validation and the TOML form."""

from __future__ import annotations

from pathlib import Path

import pytest

from redact import DEFAULT_ENTITIES, CustomPattern, FailMode, Policy, PolicyError, Style


def test_defaults_cover_pii_and_secrets() -> None:
    p = Policy()
    assert p.style is Style.BLUR and p.fail_mode is FailMode.BLANK
    for ent in ("PERSON", "EMAIL_ADDRESS", "US_SSN", "STREET_ADDRESS", "DATE_OF_BIRTH", "AWS_ACCESS_KEY", "PASSWORD"):
        assert ent in p.entities
    # timestamps and plain dates are not redacted by default
    assert "DATE_TIME" not in p.entities
    assert p.entities == DEFAULT_ENTITIES


def test_strings_are_coerced_to_enums() -> None:
    p = Policy(style="fill", fail_mode="raise")  # type: ignore[arg-type]
    assert p.style is Style.FILL and p.fail_mode is FailMode.RAISE


@pytest.mark.parametrize(
    ("kwargs", "needle"),
    [
        ({"style": "smudge"}, "blur, fill, pixelate"),
        ({"fail_mode": "ignore"}, "blank, raise"),
        ({"entities": {"NOT_A_TYPE"}}, "unknown entity types"),
        ({"min_score": 1.5}, "min_score"),
        ({"padding": 0.05}, "padding"),
        ({"fill_color": (0, 0, 300)}, "fill_color"),
        ({"ocr_engine": "easyocr"}, "ocr_engine"),
        ({"timeout_seconds": 0}, "timeout_seconds"),
    ],
)
def test_invalid_values_raise_policy_error(kwargs: dict, needle: str) -> None:
    with pytest.raises(PolicyError, match=needle):
        Policy(**kwargs)


def test_custom_pattern_validation() -> None:
    with pytest.raises(PolicyError, match="invalid regex"):
        CustomPattern(name="emp", entity_type="EMPLOYEE_ID", regex="(")
    with pytest.raises(PolicyError, match="UPPER_SNAKE_CASE"):
        CustomPattern(name="emp", entity_type="employee", regex="x")
    ok = CustomPattern(name="emp", entity_type="EMPLOYEE_ID", regex=r"E-\d{6}")
    p = Policy(custom_patterns=(ok,), entities=DEFAULT_ENTITIES | {"EMPLOYEE_ID"})
    assert "EMPLOYEE_ID" in p.entities
    assert "E-" not in repr(ok)  # the pattern may itself reveal a secret's shape


def test_threshold_override_and_default() -> None:
    p = Policy(min_score=0.55, thresholds={"PERSON": 0.8})
    assert p.threshold("PERSON") == 0.8
    assert p.threshold("EMAIL_ADDRESS") == 0.55


def test_toml_round_trip(tmp_path: Path) -> None:
    f = tmp_path / "policy.toml"
    f.write_text(
        """
style = "pixelate"
disable = ["PERSON"]
allow_list = ["support@example.com"]
padding = 0.3

[thresholds]
PHONE_NUMBER = 0.7

[keys]
unknown_context = "keep"
keep_length = true

[[custom_patterns]]
name = "employee_id"
entity_type = "EMPLOYEE_ID"
regex = "\\\\bE-\\\\d{6}\\\\b"
""",
        encoding="utf-8",
    )
    p = Policy.from_toml(f)
    assert p.style is Style.PIXELATE
    assert "PERSON" not in p.entities and "EMAIL_ADDRESS" in p.entities
    assert p.threshold("PHONE_NUMBER") == 0.7
    assert p.threshold("US_DRIVER_LICENSE") == 0.6  # defaults kept for types not mentioned
    assert p.custom_patterns[0].entity_type == "EMPLOYEE_ID"
    assert "support@example.com" in p.allow_list
    assert p.keys.keep_length is True and p.keys.unknown_context.value == "keep"


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ("stlye = 'fill'", "unknown policy keys"),
        ("style = ", "not valid TOML"),
        ("min_score = 'high'", "invalid policy value|min_score"),
        ("[[custom_patterns]]\nname='x1'\n", "needs name, entity_type and regex"),
        ("[keys]\nkeep_lenght = true\n", "keep_lenght"),
    ],
)
def test_bad_toml_names_file_and_key(tmp_path: Path, content: str, needle: str) -> None:
    f = tmp_path / "bad.toml"
    f.write_text(content, encoding="utf-8")
    with pytest.raises(PolicyError, match=needle) as info:
        Policy.from_toml(f)
    assert "bad.toml" in str(info.value)


def test_missing_policy_file(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="does not exist"):
        Policy.from_toml(tmp_path / "nope.toml")


def test_policy_is_immutable() -> None:
    p = Policy()
    with pytest.raises(AttributeError):
        p.style = Style.FILL  # type: ignore[misc]
    assert p.replace(style="fill").style is Style.FILL and p.style is Style.BLUR


def test_the_allow_list_ignores_case_and_surrounding_spaces() -> None:
    p = Policy(allow_list=["Support@Example.com "])
    assert p.allows("  support@example.COM") and not p.allows("sales@example.com")
