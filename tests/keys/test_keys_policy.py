import pytest

from redact._errors import PolicyError
from redact.keys import KeyPolicy, OnMalformed, UnknownContext


def test_defaults_hide_length_and_timing_and_mask_unknown_context():
    p = KeyPolicy()
    assert p.unknown_context is UnknownContext.MASK and not p.keep_length and not p.keep_timing
    assert p.on_malformed is OnMalformed.SKIP


def test_from_dict_round_trip():
    p = KeyPolicy.from_dict({"unknown_context": "keep", "on_malformed": "stop", "hold_max_events": 10,
                             "ignore_entities": ["DATE_TIME"], "time_quantum": 2})
    assert p.unknown_context is UnknownContext.KEEP and p.on_malformed is OnMalformed.STOP
    assert p.ignore_entities == frozenset({"DATE_TIME"}) and p.time_quantum == 2.0
    assert KeyPolicy.from_dict(p.to_dict()) == p


def test_unknown_key_is_rejected_with_the_valid_options():
    with pytest.raises(PolicyError, match="unknown_context"):
        KeyPolicy.from_dict({"unknwn_context": "mask"})


@pytest.mark.parametrize(
    "bad",
    [{"unknown_context": "maybe"}, {"keep_length": "yes"}, {"placeholder": ""}, {"placeholder_events": 0},
     {"hold_max_events": -1}, {"hold_max_seconds": 0}, {"time_quantum": float("nan")}, {"min_score": 2},
     {"ignore_entities": "DATE_TIME"}, {"on_malformed": "ignore"}],
)
def test_invalid_values_raise_policy_error(bad):
    with pytest.raises(PolicyError):
        KeyPolicy.from_dict(bad)


def test_policy_is_frozen():
    with pytest.raises(AttributeError):
        KeyPolicy().keep_length = True  # type: ignore[misc]
