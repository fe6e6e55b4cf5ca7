"""Bytes to text: which encoding an article was written in, and refusing what is not text at all.

The one idea: evidence beats guessing, in this order —

1. a byte-order mark (UTF-8, UTF-16, UTF-32) is certain;
2. a declared charset (the HTTP `Content-Type` header, then `<meta charset>` / `http-equiv` in an HTML
   head, then an XML declaration) wins over detection, *if the bytes decode under it*; a declaration the
   bytes contradict is a lie and is ignored. Like browsers (WHATWG Encoding), GB2312/GBK mean GB18030,
   Big5 means Big5-HKSCS and ISO-8859-1/ASCII mean windows-1252; a Western single-byte declaration on
   bytes that are valid, non-ASCII UTF-8 is the common server default, not a decision, so UTF-8 wins;
3. bytes that are valid UTF-8 are UTF-8 (the strict decoder almost never accepts anything else);
4. otherwise charset-normalizer guesses. It is reliable on a few hundred bytes, ambiguous on a handful,
   which is why any declaration outranks it.

Binary input (known file signatures, NUL bytes outside UTF-16/32, or control characters in what decoded) is
refused with `InputError`, so nothing undecodable is ever stored.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from claimtrack.errors import InputError

__all__ = ["Decoded", "decode", "declared_charset", "sniff_charset"]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: its BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SIGNATURES = {
    b"\x89PNG\r\n\x1a\n": "a PNG image", b"GIF87a": "a GIF image", b"GIF89a": "a GIF image",
    b"\xff\xd8\xff": "a JPEG image", b"%PDF-": "a PDF document", b"PK\x03\x04": "a ZIP archive (or .docx/.xlsx)",
    b"\x1f\x8b": "gzip-compressed data", b"\x7fELF": "an executable", b"RIFF": "a RIFF media file",
    b"\xd0\xcf\x11\xe0": "an old Office document", b"SQLite format 3\x00": "a SQLite database",
}
# WHATWG-style aliases: what a page that declares the label really uses.
_ALIASES = {
    "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030", "euc-cn": "gb18030",
    "big5": "big5hkscs", "x-x-big5": "big5hkscs", "cp950": "big5hkscs",
    "iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252",
    "iso8859-1": "cp1252", "l1": "cp1252",
}
_DAMAGE_BYTES = 5000  # at most one replaced sequence per this many bytes keeps a declared charset
_WESTERN = {"cp1252", "latin-1", "iso8859-15", "ascii"}
_META = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML_DECL = re.compile(rb"""^\s*<\?xml\b[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""", re.I)
_SNIFF_BYTES = 4096
_BAD_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_MAX_CONTROL_RATIO = 0.001


@dataclass(frozen=True)
class Decoded:
    """Decoded text, the codec that produced it, and how that codec was chosen."""

    text: str
    encoding: str
    method: str  # "bom", "declared", "meta", "utf-8", "detected"


def decode(data: bytes, *, declared: str | None = None, html: bool = False, label: str = "input") -> Decoded:
    """Decode `data` (see the module docstring for the order of evidence); `InputError` if it is not text."""
    _refuse_signatures(data, label)
    decoded = _from_bom(data)
    if decoded is None:
        decoded = _from_declaration(data, declared, "declared")
        if decoded is None and b"\x00" in data:
            decoded = _as_utf16(data, label)
        if decoded is None and html:
            decoded = _from_declaration(data, sniff_charset(data), "meta")
        decoded = decoded or _as_utf8(data) or _detected(data, label)
    _refuse_control(decoded.text, label)
    return decoded


def declared_charset(content_type: str | None) -> str | None:
    """The `charset=` parameter of a Content-Type header value, if any."""
    for part in (content_type or "").split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def sniff_charset(data: bytes) -> str | None:
    """A charset declared inside the document: `<meta charset>` / http-equiv, or an XML declaration."""
    head = data[:_SNIFF_BYTES]
    match = _XML_DECL.search(head) or _META.search(head)
    return match.group(1).decode("ascii") if match else None


def _codec(label: str | None) -> str | None:
    """The Python codec for a charset label (browser aliases applied), or None for an unknown label."""
    if not label:
        return None
    label = label.strip().lower()
    try:
        name = codecs.lookup(_ALIASES.get(label, label)).name
    except LookupError:
        return None
    return _ALIASES.get(name, name)


def _from_bom(data: bytes) -> Decoded | None:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(codec), codec, "bom")
            except UnicodeDecodeError:
                raise InputError("the byte-order mark promises Unicode but the bytes do not decode") from None
    return None


def _from_declaration(data: bytes, label: str | None, method: str) -> Decoded | None:
    codec = _codec(label)
    if codec is None or codec.startswith(("utf-16", "utf-32")) and b"\x00" not in data:
        return None
    if codec in _WESTERN and not data.isascii() and _as_utf8(data):
        return None  # the usual server default, contradicted by bytes that are valid UTF-8
    try:
        return Decoded(data.decode(codec), codec, method)
    except UnicodeDecodeError:
        pass
    # A few damaged sequences in a long page (a truncated multibyte character, a stray byte) do not make
    # the declaration a lie: keep it, with U+FFFD for the damage. Many bad sequences do.
    text = data.decode(codec, "replace")
    if text.count("\ufffd") <= max(2, len(data) // _DAMAGE_BYTES):
        return Decoded(text, codec, method)
    return None  # the declaration lies; fall through to the next kind of evidence


def _as_utf8(data: bytes) -> Decoded | None:
    try:
        return Decoded(data.decode("utf-8"), "utf-8", "utf-8")
    except UnicodeDecodeError:
        return None


def _detected(data: bytes, label: str) -> Decoded:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(f"{label} is not text in any known encoding (binary file?)")
    codec = _codec(best.encoding) or best.encoding
    try:
        return Decoded(data.decode(codec), codec, "detected")
    except (UnicodeDecodeError, LookupError):
        return Decoded(str(best), best.encoding, "detected")


def _as_utf16(data: bytes, label: str) -> Decoded:
    """Text with NUL bytes is UTF-16 without a BOM when the NULs sit on every other byte; else binary."""
    sample = data[:4096]
    evens, odds = sample[0::2].count(0), sample[1::2].count(0)
    if len(sample) >= 4 and len(data) % 2 == 0 and max(evens, odds) > len(sample) * 0.15 \
            and min(evens, odds) * 10 < max(evens, odds):
        try:
            return Decoded(data.decode("utf-16-le" if odds > evens else "utf-16-be"),
                           "utf-16-le" if odds > evens else "utf-16-be", "detected")
        except UnicodeDecodeError:
            pass
    raise InputError(f"{label} is binary (it contains NUL bytes), not text (UTF-16 text needs a byte-order mark)")


def _refuse_signatures(data: bytes, label: str) -> None:
    for signature, kind in _SIGNATURES.items():
        if data.startswith(signature):
            raise InputError(f"{label} is {kind}, not text")


def _refuse_control(text: str, label: str) -> None:
    bad = len(_BAD_CONTROL.findall(text))
    if "\x00" in text or bad > max(2, len(text) * _MAX_CONTROL_RATIO):
        raise InputError(f"{label} is binary (control characters), not text")
