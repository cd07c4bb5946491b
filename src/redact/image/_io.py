"""Reading images of any accepted kind into one RGB array, and writing fresh output files.

Input: a path, bytes, a PIL image, or a numpy array (``L`` 2-D, RGB/BGR 3-channel, RGBA 4-channel).
Everything is decoded fully here, so a corrupt, truncated, empty or oversized file fails early with
:class:`~redact.InputError` and never reaches OCR.

Output files are written fresh: pixels only, re-encoded from a new image object (no EXIF, text
chunks, ICC profile, thumbnail or trailing bytes survive), to a temporary file in the target
directory that is renamed into place only when complete.
"""

from __future__ import annotations

import io
import os
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np
from PIL import Image, UnidentifiedImageError

from redact._errors import InputError

ImageInput = str | os.PathLike[str] | bytes | bytearray | Image.Image | np.ndarray
ChannelOrder = Literal["rgb", "bgr"]

_SAVE_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WEBP", ".bmp": "BMP", ".tif": "TIFF",
                 ".tiff": "TIFF"}


@dataclass(frozen=True, slots=True)
class LoadedImage:
    """The pixels to work on plus what is needed to give the caller back the same kind of image."""

    rgb: np.ndarray  # H x W x 3 uint8, C-contiguous
    alpha: np.ndarray | None  # H x W uint8, or None
    kind: Literal["path", "bytes", "pil", "array"]
    mode: str  # PIL mode of the input ("RGB", "RGBA", "L", ...) or "BGR"/"BGRA" for arrays
    source: str  # a description for messages: a file name or "<bytes>"; never content


def load_image(data: ImageInput, *, max_pixels: int, channel_order: ChannelOrder = "rgb") -> LoadedImage:
    """Decode ``data`` into RGB (+ alpha); raise :class:`InputError` on anything unusable."""
    if isinstance(data, np.ndarray):
        return _from_array(data, channel_order)
    if isinstance(data, Image.Image):
        return _from_pil(data, kind="pil", source="<PIL image>", max_pixels=max_pixels)
    if isinstance(data, (bytes, bytearray)):
        if not data:
            raise InputError("the image bytes are empty (0 bytes)", code="R101")
        return _decode(io.BytesIO(bytes(data)), kind="bytes", source="<bytes>", max_pixels=max_pixels)
    if isinstance(data, (str, os.PathLike)):
        path = Path(data)
        if not path.is_file():
            raise InputError(f"{path}: no such file", code="R102")
        if path.stat().st_size == 0:
            raise InputError(f"{path}: the file is empty (0 bytes)", code="R101")
        with path.open("rb") as fh:
            return _decode(io.BytesIO(fh.read()), kind="path", source=str(path), max_pixels=max_pixels)
    raise InputError(
        f"cannot redact an object of type {type(data).__name__}; pass a path, bytes, a PIL image "
        "or a numpy array",
        code="R103",
    )


def _decode(buf: io.BytesIO, *, kind: Literal["path", "bytes"], source: str, max_pixels: int) -> LoadedImage:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(buf)
            w, h = img.size
            if w * h > max_pixels:
                raise InputError(
                    f"{source}: {w}x{h} pixels exceeds the limit of {max_pixels} (possible decompression "
                    "bomb); raise max_pixels in the policy if the image is genuine",
                    code="R104",
                )
            img.load()
    except InputError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise InputError(f"{source}: image too large (decompression bomb guard)", code="R104") from None
    except UnidentifiedImageError:
        raise InputError(f"{source}: not an image in a format Pillow can read", code="R105") from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise InputError(f"{source}: corrupt or truncated image ({type(exc).__name__})", code="R106") from None
    return _from_pil(img, kind=kind, source=source, max_pixels=max_pixels)


def _from_pil(img: Image.Image, *, kind: Any, source: str, max_pixels: int) -> LoadedImage:
    w, h = img.size
    if w == 0 or h == 0:
        raise InputError(f"{source}: image has no pixels ({w}x{h})", code="R107")
    if w * h > max_pixels:
        raise InputError(f"{source}: {w}x{h} pixels exceeds the limit of {max_pixels}", code="R104")
    mode = img.mode
    try:
        if getattr(img, "n_frames", 1) > 1:
            img.seek(0)  # animated input: the first frame only (documented)
        has_alpha = mode in ("RGBA", "LA", "PA") or (mode == "P" and "transparency" in img.info)
        rgba = img.convert("RGBA") if has_alpha else None
        rgb = np.ascontiguousarray(np.asarray((rgba or img).convert("RGB"), dtype=np.uint8))
    except (OSError, ValueError) as exc:
        raise InputError(f"{source}: cannot convert image mode {mode} ({type(exc).__name__})", code="R108") from None
    alpha = np.ascontiguousarray(np.asarray(rgba)[:, :, 3]) if rgba is not None else None
    return LoadedImage(rgb=rgb, alpha=alpha, kind=kind, mode=mode, source=source)


def _from_array(arr: np.ndarray, order: ChannelOrder) -> LoadedImage:
    if arr.dtype != np.uint8:
        raise InputError(f"numpy image must be uint8, got {arr.dtype}", code="R109")
    if arr.ndim == 2:
        if 0 in arr.shape:
            raise InputError("numpy image has no pixels", code="R107")
        rgb = np.repeat(arr[:, :, None], 3, axis=2)
        return LoadedImage(rgb=np.ascontiguousarray(rgb), alpha=None, kind="array", mode="L", source="<array>")
    if arr.ndim != 3 or arr.shape[2] not in (3, 4) or 0 in arr.shape[:2]:
        raise InputError(
            f"numpy image must be HxW, HxWx3 or HxWx4, got shape {arr.shape}", code="R109"
        )
    if order not in ("rgb", "bgr"):
        raise InputError(f"channel_order must be 'rgb' or 'bgr', got {order!r}", code="R110")
    color = arr[:, :, :3]
    if order == "bgr":
        color = color[:, :, ::-1]
    alpha = np.ascontiguousarray(arr[:, :, 3]) if arr.shape[2] == 4 else None
    base = "BGR" if order == "bgr" else "RGB"
    mode = base + ("A" if alpha is not None else "")
    return LoadedImage(rgb=np.ascontiguousarray(color), alpha=alpha, kind="array", mode=mode, source="<array>")


def to_output(loaded: LoadedImage, rgb: np.ndarray, alpha: np.ndarray | None) -> Image.Image | np.ndarray:
    """The redacted pixels in the same kind, size and mode as the input (palette images come back RGB/RGBA)."""
    if loaded.kind == "array":
        if loaded.mode == "L":
            return np.ascontiguousarray(rgb[:, :, 0])
        color = rgb[:, :, ::-1] if loaded.mode.startswith("BGR") else rgb
        if alpha is not None:
            return np.ascontiguousarray(np.dstack([color, alpha]))
        return np.ascontiguousarray(color)
    return to_pil(loaded.mode, rgb, alpha)


def to_pil(mode: str, rgb: np.ndarray, alpha: np.ndarray | None) -> Image.Image:
    """A brand-new PIL image from pixels alone (no ``info`` carried over)."""
    if alpha is not None:
        img = Image.fromarray(np.dstack([rgb, alpha]), "RGBA")
        return img.convert("LA") if mode in ("LA",) else img
    img = Image.fromarray(rgb, "RGB")
    if mode in ("L", "1", "I", "I;16", "F"):
        return img.convert("L")
    if mode == "CMYK":
        return img.convert("CMYK")
    return img


def write_image(img: Image.Image, dest: str | os.PathLike[str], *, fmt: str | None = None) -> None:
    """Encode ``img`` afresh into ``dest`` atomically (temp file + rename); no metadata is written."""
    path = Path(dest)
    fmt = fmt or _SAVE_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(
            f"{path}: unsupported output extension; use one of {', '.join(sorted(_SAVE_FORMATS))}", code="R111"
        )
    if not path.parent.is_dir():
        raise InputError(f"{path.parent}: output directory does not exist", code="R112")
    # Re-create from raw pixels so nothing of the input's metadata can ride along.
    fresh = Image.frombytes(img.mode, img.size, img.tobytes())
    if fmt == "JPEG" and fresh.mode not in ("RGB", "L", "CMYK"):
        fresh = fresh.convert("RGB")  # JPEG has no alpha; the redacted RGB is what matters
    options: dict[str, Any] = {"optimize": False} if fmt == "PNG" else {}
    if fmt == "JPEG":
        options = {"quality": 92, "exif": b"", "icc_profile": None}
    fd, tmp = tempfile.mkstemp(prefix=".redact-", suffix=path.suffix, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fresh.save(fh, format=fmt, **options)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def encode_image(img: Image.Image, fmt: str = "PNG") -> bytes:
    """Encode ``img`` afresh to bytes (for callers that gave bytes)."""
    fresh = Image.frombytes(img.mode, img.size, img.tobytes())
    buf = io.BytesIO()
    fresh.save(buf, format=fmt)
    return buf.getvalue()
