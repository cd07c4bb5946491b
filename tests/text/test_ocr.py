import re

import pytest

from redact.text._ocr import ALNUM, SPLIT, CompactView, body, body_about, compact, extend_fragments, looks_random, repair, tolerant


@pytest.mark.parametrize("seen", ["sk_live_", "5k_live_", "sk live ", "sk—l1ve—", "sk_\nlive_", "sk-|ive-"])
def test_tolerant_prefix(seen):
    assert re.fullmatch(tolerant("sk_live_"), seen)


def test_body_fixed_length_through_splits():
    pat = re.compile(tolerant("npm_") + SPLIT + body(ALNUM, 8) + r"(?![A-Za-z0-9])")
    text = "token npm_ab12 CD3\n4 next"
    m = pat.search(text)
    assert m and m.group() == "npm_ab12 CD3\n4"


def test_extend_fragments_stops_at_words():
    text = "sk_live_4eC39Hq LyjWDa9 was leaked"
    assert text[:extend_fragments(text, 15)] == "sk_live_4eC39Hq LyjWDa9"


def test_extend_fragments_follows_a_token_over_several_wrapped_lines():
    # an editor's soft wrap: each wrapped piece after its line number, then ordinary text
    text = "3 tok=eyJab.eyJcd.sMnxZ_3zI BBjcQ\n4 s_bQrFan9KdlY\n5 Fm0BFVaqM2v_P9\n6 done in 1.2s"
    start = text.index("eyJ")
    end = extend_fragments(text, text.index(" BBjcQ"), start=start, max_fragments=16, max_wraps=4)
    assert text[start:end] == "eyJab.eyJcd.sMnxZ_3zI BBjcQ\n4 s_bQrFan9KdlY\n5 Fm0BFVaqM2v_P9"
    # the default still crosses one line break only
    end = extend_fragments(text, text.index(" BBjcQ"), start=start)
    assert text[start:end].endswith("s_bQrFan9KdlY")


def test_extend_fragments_does_not_take_a_bare_line_number_or_a_file_name():
    for tail in ("\n14\nREADME.md", "\n14 return x", "\nREADME.md"):
        text = "key sk_live_4eC39Hq LyjWDa9" + tail
        assert text[:extend_fragments(text, 19, max_wraps=4)] == "key sk_live_4eC39Hq LyjWDa9"


def test_looks_random_and_repair():
    assert looks_random("x7Gq") and looks_random("AbCd") and not looks_random("rotate")
    assert compact("ab c\nd") == "abcd"
    assert repair("a—b,c") == "a-b.c" and repair("1O5l", digits_only=True) == "1051"


def test_compact_view_maps_back():
    text = "ghp_ab  cd\n  ef"
    v = CompactView.of(text)
    assert v.text == "ghp_abcdef"
    s, e = v.span(4, 10)
    assert text[s:e] == "ab  cd\n  ef"


@pytest.mark.parametrize("seen", ["a1B2c3D4", "a1B2c3D", "a1B2c3D4e5", "a1B2 c3D4e"])
def test_body_about_tolerates_a_glyph_or_two(seen):
    assert re.fullmatch(body_about(ALNUM, 8), seen)


@pytest.mark.parametrize("seen", ["a1B2c", "a1B2c3D4e5F", "a1B2c3 D4 e5"])
def test_body_about_keeps_the_count_roughly(seen):
    assert not re.fullmatch(body_about(ALNUM, 8), seen)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("KEY=sk_live_nFPUDoLjXpz4gjAkj oCBtTDo\nREADME.md\n5 next", "sk_live_nFPUDoLjXpz4gjAkj oCBtTDo"),
        # a narrow pane wraps a long token several times; "end" is a word, not a piece
        ("KEY=sk_live_nFPUDoLjXpz4gjAkj\noCBtTDoQ8rT2\nWq8Zr7Tn2Vb\nend", "sk_live_nFPUDoLjXpz4gjAkj\noCBtTDoQ8rT2\nWq8Zr7Tn2Vb"),
    ],
)
def test_a_token_wraps_over_lines_but_not_into_a_file_name(text: str, value: str) -> None:
    from redact.text.secrets import default_detectors

    spans = {text[m.start : m.end] for d in default_detectors() if d.name == "stripe_key" for m in d.find(text)}
    assert spans == {value}


def test_a_token_does_not_wrap_into_the_next_lines_number() -> None:
    """In an editor each line starts with its number: '14 STRIPE_API_KEY=...' is not a continuation."""
    from redact.text.secrets import default_detectors

    text = "13 AWS_SECRET_ACCESS_KEY=hbvT9/eL28RCE2rnrtBXauQdewlcHMoOpFrFNCW8\n14 STRIPE_API_KEY=sk_live_YBLY8EgHZ46Qy4MH8gHfTWZx"
    for d in default_detectors():
        for m in d.find(text):
            assert "\n" not in text[m.start : m.end], d.name


@pytest.mark.parametrize(
    ("tail", "taken"),
    [("skf", True), ("Cswus", True), ("=", True), ("==", True), ("Copy", False), ("done", False),
     ("done in 1.2s", False)],
)
def test_extend_fragments_takes_a_wrapped_tokens_lone_tail_but_not_a_word(tail: str, taken: bool) -> None:
    token = "sk-proj-x_8wOd5YSoXwkSeLOhQsPSdxEyu3qrq4KRG"
    text = f"OPENAI_API_KEY={token}\n{tail}\nnext"
    start = text.index("sk-")
    end = extend_fragments(text, start + len(token), start=start, max_fragments=16, max_wraps=4)
    assert text[start:end] == (f"{token}\n{tail}" if taken else token)


@pytest.mark.parametrize(("rest", "taken"), [("- Jnr Kbx04", True), ("- Jnr Kbx04 is", False), ("- see the docs", False)])
def test_extend_fragments_through_a_dash_and_pairs_to_a_short_random_piece_ending_the_line(rest: str, taken: bool) -> None:
    """OCR cut "B2mGABH5-JnrKbx04" into four pieces: the last, random but short, ends the line."""
    head = "KjaL2gyCuxgwuoldZsy0Jc\n4 yl_r B2mGABHS"
    text = f"{head} {rest}\nCopy"
    end = extend_fragments(text, len(head), start=0, max_fragments=16, max_wraps=4)
    assert text[:end] == (f"{head} {rest}" if taken else head)
