"""WACZ packing (Webrecorder's WACZ 1.1.1 spec) of a WARC written by report/warc.py.

The one idea: a WACZ is a plain ZIP whose members are *stored*, not deflated, so that a replay tool
(ReplayWeb.page) can read one record by byte range: `archive/data.warc.gz`, `indexes/index.cdxj` (one line
per response/resource record: SURT key, 14-digit timestamp, JSON with url, mime, status, digest, length and
offset into the gzipped WARC; metadata records are left out, replay must never serve them as the page),
`pages/pages.jsonl` (a header line, then one page per capture),
`datapackage.json` (every member with its sha256 and size) and `datapackage-digest.json` (the hash of
that). Offsets come from reading the finished WARC back with warcio, so the index cannot disagree with it.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
import zipfile
from typing import Any, BinaryIO
from urllib.parse import parse_qsl, urlencode, urlsplit

from claimtrack import __version__, canonical_json as canonical

WACZ_VERSION = "1.1.1"
WARC_NAME = "data.warc.gz"


def write_wacz(warc: BinaryIO, pages: list[dict[str, Any]], sink, *, created, title: str) -> None:
    """Pack the gzipped WARC in `warc` (any position) with its index and pages into `sink`."""
    warc.seek(0)
    index = cdxj_lines(warc)
    pages_text = pages_jsonl(pages)
    with tempfile.TemporaryFile() as packed:
        with zipfile.ZipFile(packed, "w", compression=zipfile.ZIP_STORED) as z:
            resources = [_add_file(z, f"archive/{WARC_NAME}", warc),
                         _add_bytes(z, "indexes/index.cdxj", "".join(index).encode("utf-8")),
                         _add_bytes(z, "pages/pages.jsonl", pages_text.encode("utf-8"))]
            package = {"profile": "data-package", "wacz_version": WACZ_VERSION, "title": title,
                       "created": canonical.isoformat(created), "modified": canonical.isoformat(created),
                       "software": f"claimtrack/{__version__}", "resources": resources}
            if pages:
                package.update(mainPageURL=pages[0]["url"], mainPageDate=pages[0]["ts"])
            data = json.dumps(package, indent=2, sort_keys=True).encode("utf-8")
            z.writestr(_info("datapackage.json"), data)
            digest = {"path": "datapackage.json", "hash": "sha256:" + hashlib.sha256(data).hexdigest()}
            z.writestr(_info("datapackage-digest.json"), json.dumps(digest, sort_keys=True).encode("utf-8"))
        packed.seek(0)
        while chunk := packed.read(1 << 20):
            sink.write_bytes(chunk)


def _info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))  # fixed: the same input packs the same
    info.compress_type = zipfile.ZIP_STORED
    return info


def _add_bytes(z: zipfile.ZipFile, path: str, data: bytes) -> dict[str, Any]:
    z.writestr(_info(path), data)
    return {"name": path.rsplit("/", 1)[-1], "path": path, "hash": "sha256:" + hashlib.sha256(data).hexdigest(),
            "bytes": len(data)}


def _add_file(z: zipfile.ZipFile, path: str, source: BinaryIO) -> dict[str, Any]:
    source.seek(0)
    digest, size = hashlib.sha256(), 0
    with z.open(_info(path), "w", force_zip64=True) as member:
        while chunk := source.read(1 << 20):
            member.write(chunk)
            digest.update(chunk)
            size += len(chunk)
    return {"name": path.rsplit("/", 1)[-1], "path": path, "hash": "sha256:" + digest.hexdigest(), "bytes": size}


def cdxj_lines(warc: BinaryIO) -> list[str]:
    """The CDXJ index of a gzipped WARC: its response and resource records (what replay serves), sorted."""
    from warcio.archiveiterator import ArchiveIterator

    lines = []
    iterator = ArchiveIterator(warc)
    for record in iterator:
        kind = record.rec_type
        if kind not in ("response", "resource"):
            continue
        uri = record.rec_headers.get_header("WARC-Target-URI")
        date = record.rec_headers.get_header("WARC-Date")
        entry = {"url": uri, "digest": record.rec_headers.get_header("WARC-Payload-Digest"),
                 "filename": WARC_NAME, "recordId": record.rec_headers.get_header("WARC-Record-ID")}
        if kind == "response" and record.http_headers is not None:
            entry["status"] = record.http_headers.get_statuscode()
            entry["mime"] = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip()
        else:
            entry["mime"] = (record.rec_headers.get_header("Content-Type") or "").split(";")[0].strip()
        record.content_stream().read()
        entry["offset"] = str(iterator.get_record_offset())
        entry["length"] = str(iterator.get_record_length())
        lines.append(f"{surt(uri)} {timestamp14(date)} {json.dumps(entry, sort_keys=True)}\n")
    return sorted(lines)


def pages_jsonl(pages: list[dict[str, Any]]) -> str:
    header = {"format": "json-pages-1.0", "id": "pages", "title": "All Pages"}
    return "".join(json.dumps(p, sort_keys=True, ensure_ascii=False) + "\n" for p in [header, *pages])


def timestamp14(warc_date: str) -> str:
    """`2026-12-01T19:50:48.797636Z` -> `20261201195048`."""
    digits = "".join(ch for ch in warc_date.split(".")[0] if ch.isdigit())
    return digits[:14].ljust(14, "0")


def surt(url: str) -> str:
    """The Sort-friendly URI Reordering Transform as CDX indexes use it: `org,example)/path?a=1&b=2`."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    key = ",".join(reversed(host.split(".")))
    default = {"http": 80, "https": 443}.get(parts.scheme.lower())
    try:
        port = parts.port
    except ValueError:
        port = None
    if port and port != default:
        key += f":{port}"
    query = urlencode(sorted(parse_qsl(parts.query, keep_blank_values=True)))
    return f"{key}){(parts.path or '/').lower()}" + (f"?{query.lower()}" if query else "")
