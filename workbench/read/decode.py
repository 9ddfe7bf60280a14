"""Bytes to text: UTF-8 (BOM removed) first, then a charset guess, then latin-1, with warnings."""

from __future__ import annotations

from charset_normalizer import from_bytes

from workbench.schema import Problem


class InputError(ValueError):
    """Content that cannot be used; the message is the one-line reason."""


def decode(data: bytes) -> tuple[str, str | None]:
    """Return ``(text, warning)``. Raises InputError for empty or binary content."""
    if not data.strip():
        raise InputError("empty file")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        guess = _utf16_without_bom(data)
        if guess is None:
            raise InputError("binary file (contains NUL bytes)")
        text, codec = guess
        return _check_text(text), f"no byte-order mark; decoded as {codec.upper()} (guessed)"
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return _check_text(text), None
    matches = from_bytes(data)
    best = matches.best()
    if best is not None:  # among equally good guesses, prefer Windows-1252 (Western news)
        tied = [m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
        best = next((m for m in tied if m.encoding == "cp1252"), best)
    if best is not None and best.encoding:
        text = str(best)
        return _check_text(text), f"not valid UTF-8; decoded as {best.encoding} (guessed)"
    return _check_text(data.decode("latin-1")), "not valid UTF-8; decoded as latin-1"


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """``(text, codec)`` for BOM-less UTF-16 ``data``: its NUL bytes are the high bytes of ASCII
    characters, frequent in one half of the byte pairs and (almost) absent from the other, and
    the whole decodes. None for anything else (binary)."""
    if len(data) % 2:
        return None
    head = data[:8192]
    for codec, high, low in [
        ("utf-16-le", head[1::2], head[0::2]),
        ("utf-16-be", head[0::2], head[1::2]),
    ]:
        if high.count(0) >= len(high) // 10 and low.count(0) <= len(low) // 100:
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError:
                return None
    return None


def _check_text(text: str) -> str:
    if not text.strip():
        raise InputError("empty file (only white space)")
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > max(8, len(text[:8192]) // 100):
        raise InputError("binary file (control characters)")
    return text


def decode_file(path: str, data: bytes) -> tuple[str | None, list[Problem]]:
    """``(text, problems)``: no text and one rejection for unusable content; a decoding guess is
    a warning and the text is still read."""
    try:
        text, warning = decode(data)
    except InputError as exc:
        return None, [Problem(path, str(exc))]
    return text, [Problem(path, warning, level="warning")] if warning else []
