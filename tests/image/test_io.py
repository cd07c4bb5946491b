"""Loading every accepted input kind, rejecting bad input, and writing fresh files."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, PngImagePlugin

from redact import InputError
from redact.image._io import load_image, to_output, write_image

MAX = 60_000_000


def _png_bytes(img: Image.Image, **kw: object) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "PNG", **kw)
    return buf.getvalue()


def test_path_bytes_pil_and_arrays_load_to_rgb(tmp_path: Path) -> None:
    img = Image.new("RGB", (7, 5), (10, 20, 30))
    p = tmp_path / "a.png"
    img.save(p)
    for src in (p, str(p), p.read_bytes(), img):
        li = load_image(src, max_pixels=MAX)
        assert li.rgb.shape == (5, 7, 3) and tuple(li.rgb[0, 0]) == (10, 20, 30)
    bgr = np.zeros((5, 7, 3), np.uint8)
    bgr[..., 0] = 30  # blue first
    li = load_image(bgr, max_pixels=MAX, channel_order="bgr")
    assert tuple(li.rgb[0, 0]) == (0, 0, 30)
    back = to_output(li, li.rgb, None)
    assert isinstance(back, np.ndarray) and tuple(back[0, 0]) == (30, 0, 0)
    gray = np.full((4, 4), 99, np.uint8)
    li = load_image(gray, max_pixels=MAX)
    assert to_output(li, li.rgb, None).shape == (4, 4)


def test_rgba_and_l_modes_round_trip() -> None:
    rgba = Image.new("RGBA", (6, 6), (1, 2, 3, 40))
    li = load_image(rgba, max_pixels=MAX)
    assert li.alpha is not None and int(li.alpha[0, 0]) == 40
    out = to_output(li, li.rgb, li.alpha)
    assert isinstance(out, Image.Image) and out.mode == "RGBA" and out.size == (6, 6)
    l_img = Image.new("L", (6, 6), 200)
    li = load_image(l_img, max_pixels=MAX)
    assert to_output(li, li.rgb, None).mode == "L"


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        (b"", "empty"),
        (b"not an image at all", "not an image"),
        (object(), "cannot redact an object"),
        (np.zeros((4, 4), np.float32), "uint8"),
        (np.zeros((4, 4, 2), np.uint8), "shape"),
    ],
)
def test_bad_inputs_raise_input_error(data: object, needle: str) -> None:
    with pytest.raises(InputError, match=needle):
        load_image(data, max_pixels=MAX)  # type: ignore[arg-type]


def test_truncated_png_is_rejected() -> None:
    data = _png_bytes(Image.effect_noise((64, 64), 50).convert("RGB"))
    with pytest.raises(InputError, match="corrupt or truncated"):
        load_image(data[: len(data) // 2], max_pixels=MAX)


def test_zero_byte_and_missing_files(tmp_path: Path) -> None:
    empty = tmp_path / "z.png"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match="empty"):
        load_image(empty, max_pixels=MAX)
    with pytest.raises(InputError, match="no such file"):
        load_image(tmp_path / "missing.png", max_pixels=MAX)


def test_decompression_bomb_is_rejected_before_decoding() -> None:
    # A PNG header that claims 30000 x 30000 pixels.
    ihdr = struct.pack(">IIBBBBB", 30000, 30000, 8, 2, 0, 0, 0)

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")
    with pytest.raises(InputError, match="exceeds the limit|too large"):
        load_image(data, max_pixels=MAX)


def test_written_file_is_fresh(tmp_path: Path) -> None:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "secret-in-metadata")
    src = Image.new("RGB", (8, 8), (5, 5, 5))
    original = _png_bytes(src, pnginfo=info) + b"TRAILING-BYTES"
    li = load_image(original, max_pixels=MAX)
    out = tmp_path / "o.png"
    write_image(to_output(li, li.rgb, None), out)  # type: ignore[arg-type]
    data = out.read_bytes()
    assert b"secret-in-metadata" not in data and b"tEXt" not in data
    assert data.endswith(b"IEND\xaeB`\x82")  # nothing after the end marker
    jpg = tmp_path / "o.jpg"
    exif = Image.Exif()
    exif[0x010E] = "secret-exif"
    src.save(tmp_path / "in.jpg", exif=exif)
    li = load_image(tmp_path / "in.jpg", max_pixels=MAX)
    write_image(to_output(li, li.rgb, None), jpg)  # type: ignore[arg-type]
    assert b"secret-exif" not in jpg.read_bytes() and b"Exif" not in jpg.read_bytes()
    assert jpg.read_bytes().endswith(b"\xff\xd9")


def test_failed_write_leaves_nothing(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="unsupported output extension"):
        write_image(Image.new("RGB", (2, 2)), tmp_path / "o.xyz")
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(InputError, match="does not exist"):
        write_image(Image.new("RGB", (2, 2)), tmp_path / "nodir" / "o.png")
