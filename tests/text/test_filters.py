import pytest

from redact.text import _filters as f


@pytest.mark.parametrize("value", ["${DB_PASSWORD}", "<your-key>", "YOUR_API_KEY", "changeme", "****",
                                   "{{ .Values.apiKey }}", "$GH_TOKEN", "xxxxxxxx", "process.env.TOKEN",
                                   "S{APITOKEN}", "§{API_TOKEN", "%DB_PASSWORD%"])  # OCR's '$', Windows

def test_placeholders(value):
    assert f.is_placeholder(value)


@pytest.mark.parametrize("value", ["hunter2hunter2", "Tr0ub4dor&3", "mySuperSecret1", "a1B2c3D4e5", "Sk3jd{9Fj"])
def test_not_placeholders(value):
    assert not f.is_placeholder(value)


def test_uuid_colour_version_timestamp():
    assert f.is_uuid("0b7e5c5e-1c1f-4d0e-9d1a-3c3a0d1e2f40")
    assert not f.is_uuid("0b7e5c5e1c1f4d0e9d1a3c3a0d1e2f40")
    assert f.is_hex_colour("#1e90ff") and f.is_hex_colour("fff") and not f.is_hex_colour("#1e90fz")
    assert f.is_version("v2.0.0-rc.1") and f.is_version("3.11.7") and not f.is_version("hunter2")
    assert f.is_timestamp("2024-05-02T10:11:12Z") and f.is_timestamp("1714644672")


@pytest.mark.parametrize("value", ["sk-…••••3b18", "****1234", "ghp_••••••••", "AKIA...XYZ"])
def test_masked(value):
    assert f.is_masked(value)


def test_sequential_entropy_data_uri():
    assert f.is_sequential("abcdefgh") and f.is_sequential("987654") and f.is_sequential("aaaaaa")
    assert not f.is_sequential("a1b2c3")
    assert f.shannon_entropy("") == 0 and f.shannon_entropy("aaaa") == 0
    assert f.shannon_entropy("hunter2hunter2") < 3.0 < f.shannon_entropy("8fK2xQ9vLm3ZpR7w")
    assert f.is_data_uri("data:image/png;base64,iVBORw0")


@pytest.mark.parametrize("value,expected", [
    ("self.password", True), ("get_token()", True), ("new_password", True), ("None", True),
    ("Optional[str]", True), ("hunter2", False), ("m0nkeyBus1ness", False), ("S3cr3t!", False),
    ("settings.OPENAI_API_KEY_V2", True), ("os.environ.get('DB_PASSWORD_2024')", True),
    ("auth.getUserById2FactorAuth", True),
    # a dotted token (a Discord bot token with its first dot lost) is no attribute access
    ("NTY1MDMzMDkwNjkxNjUwNzk5MQeleankK.bsRyikM9QbbTMABQQeubJM6Qg", False),
])
def test_code_reference(value, expected):
    assert f.is_code_reference(value) is expected


def test_hash_context():
    assert f.is_hash_context("commit ") and f.is_hash_context("request_id=")
    assert not f.is_hash_context("secret=")


@pytest.mark.parametrize("value", ["e@eeeeceaeaeeneaeceee", "oooooooo", "••••••"])
def test_ocr_read_bullets_are_masked(value):
    assert f.is_masked(value)


@pytest.mark.parametrize("value", ["Coca@Cola2024", "hunter2hunter2", "coffee", "eeeee"])
def test_real_values_are_not_masked(value):
    assert not f.is_masked(value)


@pytest.mark.parametrize("value,expected", [("092585889", True), (" 5653502690658 ", True),
                                            ("+1 415 555 0132", False), ("(415) 555-0132", False), ("555-0132", False)])
def test_bare_number(value, expected):
    assert f.is_bare_number(value) is expected
