import redact.keys


def test_public_names_are_exported_on_purpose():
    assert sorted(redact.keys.__all__) == redact.keys.__all__
    assert set(redact.keys.__all__) == {
        "FileReport", "Focus", "KeyEvent", "KeyLogReport", "KeyMasker", "KeyPolicy", "MalformedLine", "MaskStats",
        "OnMalformed", "SecretMemory", "TextScanner", "TypedRun", "UnknownContext", "iter_events", "mask_events",
        "mask_key_log", "parse_event", "parse_line", "reconstruct",
    }
    for name in redact.keys.__all__:
        assert getattr(redact.keys, name) is not None


def test_fake_scanner_satisfies_the_protocol():
    from ._fake_scanner import FakeScanner

    assert isinstance(FakeScanner(), redact.keys.TextScanner)
