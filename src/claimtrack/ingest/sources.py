"""What the user named on the command line, expanded into a list of sources to import.

The one idea: expansion never fails as a whole. Files, folders (walked recursively, sorted, hidden entries
and unsupported types skipped and counted), `http(s)://` URLs, `-` for stdin and the lines of a
`--from-list` file all become `Source`s; a name that cannot be used (missing, too long, an unsupported
file named explicitly) becomes a `Problem` that is reported as a failed source, and the others go on.

`load()` turns one source into a `Document`: bytes read under a size cap (checked before reading), decoded
(`claimtrack.fetch.decode`), HTML reduced to its main text, canonicalized, with the provenance kept beside.
An article's identity (`Document.source`) is the absolute resolved path of a file; the final URL after
redirects, without its fragment and with scheme and host in lower case, for a URL; for stdin
`stdin:<title>` when `--title` is given (so re-importing under the same title makes a new version) and
otherwise `stdin:<first 16 hex digits of the raw bytes' sha256>`.

Which files are text, Markdown or HTML: `--format html|md|txt` decides when given; else a file's extension
(`.txt`/`.text` are text even when they contain `<script>`, `.md`/`.markdown` Markdown, `.html`/`.htm`/`.xhtml`
HTML); stdin and a file named without an extension are sniffed (`sniff_format`: markup at the start or
several HTML tags make HTML, a `#` heading or several Markdown signs Markdown, anything else text). Markdown
is parsed (`fetch.markdown`): its markup never reaches the stored text. Plain text and Markdown carry no
publication date (unknown stays empty), only a byline's author (`By …`, 记者/作者 …) among their first lines.

A symbolic link met while walking a folder is followed only when its target stays inside that folder;
one that leads out (`sym/story.txt -> /etc/passwd`) is a problem, unless `follow_symlinks` (the
`--follow-symlinks` option). Linked folders are not descended into (as `os.walk` does by default).
"""

from __future__ import annotations

import dataclasses
import errno
import hashlib
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO
from urllib.parse import urlsplit, urlunsplit

from claimtrack.errors import InputError

if TYPE_CHECKING:
    from claimtrack.config import Settings
    from claimtrack.fetch.client import Fetcher

__all__ = ["Source", "Problem", "Expansion", "Document", "expand", "load", "read_file", "read_stream",
           "canonical_url", "sniff_format", "FILE_TYPES", "FORMATS", "URL_TYPES", "MAX_SOURCE_CHARS"]

FILE_TYPES = {
    ".txt": "text/plain", ".text": "text/plain", ".md": "text/markdown", ".markdown": "text/markdown",
    ".html": "text/html", ".htm": "text/html", ".xhtml": "application/xhtml+xml",
}
FORMATS = {"html": "text/html", "md": "text/markdown", "txt": "text/plain"}
URL_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "text/markdown")
HTML_TYPES = ("text/html", "application/xhtml+xml")
MAX_SOURCE_CHARS = 2000
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")  # javascript:, data:, mailto: (not C:)
TITLE_CHARS = 300
HEADLINE_CHARS = 120
_SENTENCE_END = re.compile(r"[。！？!?](?:[”’\"」』）)])?|\.(?=\s)")


@dataclass(frozen=True)
class Source:
    """One thing to import: `kind` is "file", "url" or "stdin"; `given` is how the user named it."""

    kind: str
    given: str
    path: Path | None = None

    @property
    def content_type(self) -> str | None:
        """The type a file's name implies (None for URLs and stdin)."""
        return FILE_TYPES.get(self.path.suffix.lower()) if self.path else None


@dataclass(frozen=True)
class Problem:
    """A name that could not become a source, and why."""

    given: str
    error: str


@dataclass
class Expansion:
    sources: list[Source] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    skipped_hidden: int = 0
    skipped_unsupported: int = 0
    follow_symlinks: bool = False  # follow links in a folder out of it (--follow-symlinks)


def expand(names: list[str], *, from_list: str | None = None, stdin: BinaryIO | None = None,
           follow_symlinks: bool = False) -> Expansion:
    """Expand SOURCE arguments and the lines of `from_list` (a path, or `-` for stdin) into sources."""
    result = Expansion(follow_symlinks=follow_symlinks)
    names = list(names)
    if from_list is not None:
        names += [_beside(from_list, line) for line in _list_lines(from_list, stdin)]
    seen: set[str] = set()
    for name in names:
        before = len(result.sources)
        _expand_one(name, result)
        fresh = [s for s in result.sources[before:] if _key(s) not in seen]
        seen.update(_key(s) for s in fresh)
        result.sources[before:] = fresh
    return result


def _beside(from_list: str, name: str) -> str:
    """A list file's relative path names its folder's file, not the current folder's (a list on stdin: the
    current folder's); URLs, `-`, absolute and `~` paths are taken as they are."""
    if from_list == "-" or name == "-" or name.lower().startswith(("http://", "https://")):
        return name
    path = Path(name)
    if path.is_absolute() or name.startswith("~"):
        return name
    return str(Path(from_list).expanduser().parent / path)


def _key(source: Source) -> str:
    return str(source.path) if source.path else f"{source.kind}:{source.given}"


def _expand_one(name: str, result: Expansion) -> None:
    if len(name) > MAX_SOURCE_CHARS:
        result.problems.append(Problem(name[:80] + "…", f"source name longer than {MAX_SOURCE_CHARS} characters"))
    elif name == "-":
        result.sources.append(Source("stdin", "-"))
    elif name.lower().startswith(("http://", "https://")):
        result.sources.append(Source("url", name))
    elif "://" in name or (_SCHEME.match(name) and not Path(name).exists()):
        scheme = name.split(":", 1)[0].lower()
        result.problems.append(Problem(name, f"unsupported scheme {scheme + ':'!r}: only http:// and https:// "
                                             "URLs can be imported"))
    else:
        _expand_path(name, result)


def _expand_path(name: str, result: Expansion) -> None:
    path = Path(name).expanduser()
    try:
        is_dir, exists = path.is_dir(), path.exists()
    except OSError as exc:  # e.g. a name too long for the file system
        result.problems.append(Problem(name, f"cannot use this path: {exc.strerror or exc}"))
        return
    if is_dir:
        _walk(path, result)
    elif not exists:
        result.problems.append(Problem(name, _missing_reason(path)))
    elif path.suffix and path.suffix.lower() not in FILE_TYPES:
        result.problems.append(Problem(name, f"unsupported file type {path.suffix or '(none)'!r}:"
                                             f" use {', '.join(sorted(FILE_TYPES))}"))
    else:
        result.sources.append(Source("file", name, path.resolve()))


def _missing_reason(path: Path) -> str:
    """Why a path that `exists()` denies is unusable: missing, or e.g. a symlink loop."""
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno != errno.ENOENT:
            return f"cannot use this path: {exc.strerror or exc}"
    return "no such file or folder"


def _walk(folder: Path, result: Expansion) -> None:
    """Every supported file under `folder`, sorted; hidden and unsupported entries are counted, and a
    folder that cannot be read is a problem (not a silent omission)."""
    def unreadable(exc: OSError) -> None:
        result.problems.append(Problem(str(exc.filename or folder), f"cannot read folder: {exc.strerror or exc}"))

    inside = folder.resolve()
    for root, dirs, files in os.walk(folder, onerror=unreadable):
        hidden_dirs = [d for d in dirs if d.startswith(".")]
        result.skipped_hidden += len(hidden_dirs)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root) / name
            if name.startswith("."):
                result.skipped_hidden += 1
            elif path.suffix.lower() not in FILE_TYPES or not path.is_file():
                result.skipped_unsupported += 1
            elif not result.follow_symlinks and not path.resolve().is_relative_to(inside):
                result.problems.append(Problem(str(path), "a symbolic link out of the folder is not followed "
                                                          "(use --follow-symlinks to import it)"))
            else:
                result.sources.append(Source("file", str(path), path.resolve()))


def _list_lines(from_list: str, stdin: BinaryIO | None) -> list[str]:
    """The names in a list file: one a line, blank lines and `#` comments ignored."""
    if from_list == "-":
        data = read_stream(stdin or sys.stdin.buffer, 10_000_000, "the list on stdin")
    else:
        path = Path(from_list).expanduser()
        if not path.is_file():
            raise InputError(f"list file not found: {from_list}")
        data = read_file(path, 10_000_000)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"list file is not UTF-8 text: {from_list}") from None
    lines = (line.strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def read_file(path: Path, max_bytes: int) -> bytes:
    """A file's bytes; its size is checked before reading (and again while reading: it may grow)."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"file too large ({size:,} bytes, cap {max_bytes:,}): {path}")
        with path.open("rb") as f:
            data = f.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise InputError(f"file too large (more than {max_bytes:,} bytes): {path}")
    return data


def read_stream(stream: BinaryIO, max_bytes: int, label: str = "stdin") -> bytes:
    """At most `max_bytes` from a stream; more is refused rather than truncated."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(f"{label} too large (more than {max_bytes:,} bytes)")
    return data


@dataclass(frozen=True)
class Document:
    """One source read, decoded and reduced to canonical text, with everything needed to store a version."""

    source: str
    given: str
    raw: bytes
    text: str
    content_type: str
    encoding: str
    extractor: str
    extractor_version: str
    fetched_at: datetime
    language: str
    url: str | None = None
    final_url: str | None = None
    http_status: int | None = None
    title: str | None = None
    author: str | None = None
    published: str | None = None
    site: str | None = None
    canonical_url: str | None = None
    headings: tuple[str, ...] = ()
    link_lines: tuple[str, ...] = ()

    @property
    def raw_sha256(self) -> str:
        return hashlib.sha256(self.raw).hexdigest()

    @property
    def text_sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class _Raw:
    """Bytes as they arrived, before decoding."""

    data: bytes
    content_type: str
    declared: str | None = None
    url: str | None = None
    final_url: str | None = None
    status: int | None = None
    fetched_at: datetime | None = None


def load(source: Source, settings: Settings, *, fetcher: Callable[[], Fetcher] | None = None,
         stdin: BinaryIO | None = None, title: str | None = None, lang: str | None = None,
         fmt: str | None = None) -> Document:
    """Read, decode, extract and canonicalize one source (no database involved); `fmt` (html, md, txt)
    forces how the bytes are read."""
    from claimtrack.clock import utcnow

    raw = _read(source, settings, fetcher, stdin)
    if fmt is not None:
        if fmt not in FORMATS:
            raise InputError(f"unknown format {fmt!r}: use html, md or txt")
        raw = dataclasses.replace(raw, content_type=FORMATS[fmt])
    elif not raw.content_type:
        raw = dataclasses.replace(raw, content_type=sniff_format(raw.data))
    text, meta = _to_text(raw, source.given)
    if not text:
        raise InputError(f"no text in {source.given}")
    from claimtrack.text import detect_language

    sha = hashlib.sha256(raw.data).hexdigest()
    return Document(
        source=_identity(source, raw, sha, title), given=source.given, raw=raw.data, text=text,
        content_type=raw.content_type, encoding=meta["encoding"], extractor=meta["extractor"],
        extractor_version=meta["extractor_version"], fetched_at=raw.fetched_at or utcnow(),
        language=lang or detect_language(text),
        url=_public_url(meta.get("canonical_url"), raw.final_url), canonical_url=meta.get("canonical_url"),
        final_url=raw.final_url, http_status=raw.status,
        title=_clip(title) or _clip(meta.get("title")) or _headline(text),
        author=meta.get("author"), published=meta.get("date"), site=meta.get("site"),
        headings=tuple(meta.get("headings") or ()), link_lines=tuple(meta.get("link_lines") or ()),
    )


def _read(source: Source, settings: Settings, fetcher, stdin) -> _Raw:
    if source.kind == "file":
        assert source.path is not None
        return _Raw(read_file(source.path, settings.import_max_bytes), source.content_type or "")
    if source.kind == "stdin":
        return _Raw(read_stream(stdin or sys.stdin.buffer, settings.import_max_bytes), "")
    if fetcher is None:
        raise InputError(f"cannot fetch {source.given}: no HTTP client")
    fetched = fetcher().get(source.given, accept=_accept_url_type)
    return _Raw(fetched.body, fetched.content_type, _declared(fetched.content_type), fetched.url,
                fetched.final_url, fetched.status, fetched.fetched_at)


def _to_text(raw: _Raw, label: str) -> tuple[str, dict[str, str | None]]:
    from claimtrack.fetch.derive import derive_text  # the one path; `audit verify` re-derives through it

    text, meta = derive_text(raw.data, raw.content_type, declared=raw.declared, final_url=raw.final_url,
                             label=label)
    if _media_type(raw.content_type) not in HTML_TYPES:
        meta["author"] = _byline(text)
    return text, meta


def _public_url(declared: str | None, final_url: str | None) -> str | None:
    """The article's public URL: the page's canonical URL when it declares one, else where it was fetched."""
    chosen = declared or final_url
    return canonical_url(chosen) if chosen else None


_HTML_START = re.compile(rb"^\s*(?:<!doctype\s+html|<html\b|<head\b|<\?xml[^>]*>\s*<(?:!doctype|html))", re.I)
_HTML_TAG = re.compile(rb"<(?:html|head|body|div|p|article|meta|title|script|a\s+href|table|span|br)\b", re.I)


def sniff_format(data: bytes) -> str:
    """The content type of bytes that came without a name: HTML, Markdown or plain text."""
    head = data[:65536].lstrip(b"\xef\xbb\xbf")
    if _HTML_START.match(head) or len(_HTML_TAG.findall(head)) >= 3:
        return "text/html"
    from claimtrack.fetch.markdown import looks_like_markdown

    if looks_like_markdown(head.decode("utf-8", "ignore")):
        return "text/markdown"
    return "text/plain"


_BYLINE = re.compile(r"^\s*(?:by\s+\S|(?:[（(]?(?:本报|本報)?(?:记者|記者|作者|文)[)）]?\s*[:：/／]?\s*)[\u3400-\u9fff])", re.I)


def _byline(text: str) -> str | None:
    """The author of a byline among the first lines of a plain or Markdown text."""
    from claimtrack.fetch.pagemeta import clean_author

    for line in text.split("\n", 6)[:6]:
        if len(line) <= 120 and _BYLINE.match(line):
            return clean_author(line)
    return None


def _identity(source: Source, raw: _Raw, sha: str, title: str | None) -> str:
    if source.kind == "file":
        return str(source.path)
    if source.kind == "url":
        return canonical_url(raw.final_url or source.given)
    return f"stdin:{title.strip()}" if title and title.strip() else f"stdin:{sha[:16]}"


def canonical_url(url: str) -> str:
    """A URL as an article identity: no fragment, scheme and host in lower case, `/` for an empty path."""
    parts = urlsplit(url.strip())
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, ""))


def _media_type(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


def _accept_url_type(content_type: str) -> bool:
    return _media_type(content_type) in URL_TYPES


def _declared(content_type: str) -> str | None:
    from claimtrack.fetch.decode import declared_charset

    return declared_charset(content_type)


def _headline(text: str) -> str | None:
    """The first line (without Markdown heading marks); a long first line (no separate headline) is cut after
    its first sentence."""
    line = re.sub(r"^#{1,6}\s+", "", text.split("\n", 1)[0])
    if len(line) > HEADLINE_CHARS:
        match = _SENTENCE_END.search(line, 8)
        line = line[:match.end()] if match and match.end() <= TITLE_CHARS else line[:HEADLINE_CHARS] + "…"
    return _clip(line)


def _clip(value: str | None) -> str | None:
    value = " ".join((value or "").split())
    return value[:TITLE_CHARS] or None

