"""`evidence export`: a WARC that round-trips through warcio with every digest checked, and a WACZ whose
structure, hashes and index agree with its WARC (both databases)."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import zipfile

from warcio.archiveiterator import ArchiveIterator

from tests.evidence.conftest import HTML, cited, ok, page


def _two_captures(context, seeded, site) -> tuple[int, int, str]:
    base, routes = site
    claim, evidence = cited(context, seeded, base)
    ok("verdict", "set", str(claim), "mostly-false", "--rationale", "The register lists 1,412.", context=context)
    routes["/firms"] = (200, HTML, page(b"2,013"))
    ok("evidence", "check", context=context)
    return claim, evidence, base


def _records(path) -> list:
    """Every record with its headers, payload and digest check (warcio reads them back)."""
    found = []
    with open(path, "rb") as f:
        iterator = ArchiveIterator(f, check_digests=True)
        for record in iterator:
            payload = record.content_stream().read()
            found.append((record.rec_type, record.rec_headers, record.http_headers, payload,
                          record.digest_checker.passed, list(record.digest_checker.problems)))
    return found


def test_warc_round_trips_through_warcio_with_every_digest_checked(context, seeded, site, tmp_path):
    claim, evidence, base = _two_captures(context, seeded, site)
    out = tmp_path / "evidence.warc.gz"
    result = json.loads(ok("evidence", "export", "--format", "warc", "--out", str(out), "--json",
                           context=context).stdout)
    assert result["captures"] == 2 and result["records"] == 1 + 2 * 5
    assert hashlib.sha256(out.read_bytes()).hexdigest() == result["sha256"]
    records = _records(out)
    assert len(records) == result["records"]
    assert [r[0] for r in records] == ["warcinfo"] + ["request", "response", "request", "response", "metadata"] * 2
    for kind, headers, _, _, passed, problems in records:
        assert headers.protocol == "WARC/1.1"
        assert passed is True and problems == [], (kind, problems)  # block (and payload) digests verified
        assert headers.get_header("WARC-Block-Digest").startswith("sha1:")
    responses = [r for r in records if r[0] == "response" and r[2].get_statuscode() == "200"]
    shows = [json.loads(ok("evidence", "show", str(evidence), "--capture", str(n), "--json", context=context).stdout)
             for n in (1, 2)]
    for (_, headers, http, payload, _, _), view in zip(responses, shows, strict=True):
        assert headers.get_header("WARC-Record-ID") == view["warc_record_id"]
        assert headers.get_header("WARC-Payload-Digest") == view["record"]["payload_digest"]
        assert headers.get_header("WARC-IP-Address") == "127.0.0.1"
        assert headers.get_header("WARC-Target-URI") == f"{base}/firms"
        assert http.get_header("Content-Length") == str(len(payload))
        assert hashlib.sha256(payload).hexdigest() == view["capture"]["sha256"]
    redirect = records[2]
    assert redirect[2].get_statuscode() == "301" and redirect[2].get_header("Location") == "/firms"
    assert records[1][1].get_header("WARC-Concurrent-To") == redirect[1].get_header("WARC-Record-ID")
    metadata = records[5]
    fields = metadata[3].decode()
    assert metadata[1].get_header("WARC-Refers-To") == shows[0]["warc_record_id"]
    assert f"claimtrack-claim-id: {claim}\r\n" in fields and f"claimtrack-evidence-id: {evidence}\r\n" in fields
    assert "claimtrack-stance: refutes\r\n" in fields and "claimtrack-relied-on-by-verdict: 1 mostly-false by" in fields
    assert "claimtrack-since-verdict: changed\r\n" in fields
    report = tmp_path / "r.json"
    ok("report", "--format", "json", "--out", str(report), context=context)
    item = next(c for c in json.loads(report.read_text())["claims"] if c["id"] == claim)["evidence"][0]
    assert item["warc_record_id"] == shows[0]["warc_record_id"] and item["since_verdict"] == "changed"


def test_export_scopes_by_claim_and_since_and_refuses_bad_input(context, seeded, site, tmp_path):
    _two_captures(context, seeded, site)
    out = tmp_path / "x.warc.gz"
    other = seeded.claims["output"]
    none = json.loads(ok("evidence", "export", "--claim", str(other), "--out", str(out), "--json",
                         context=context).stdout)
    assert none["captures"] == 0 and [r[0] for r in _records(out)] == ["warcinfo"]
    later = json.loads(ok("evidence", "export", "--since", "2999-01-01", "--out", str(out), "--json",
                          context=context).stdout)
    assert later["captures"] == 0
    assert ok("evidence", "export", "--format", "zip", "--out", str(out), context=context,
              code=1).stderr == "Error: unknown export format 'zip': use warc or wacz\n"
    assert ok("evidence", "export", "--claim", "999", "--out", str(out), context=context,
              code=1).stderr == "Error: no claim with id 999\n"


def test_wacz_structure_hashes_and_index_agree_with_the_warc(context, seeded, site, tmp_path):
    _, evidence, base = _two_captures(context, seeded, site)
    out = tmp_path / "evidence.wacz"
    ok("evidence", "export", "--format", "wacz", "--out", str(out), context=context)
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
        assert sorted(names) == ["archive/data.warc.gz", "datapackage-digest.json", "datapackage.json",
                                 "indexes/index.cdxj", "pages/pages.jsonl"]
        assert {i.compress_type for i in z.infolist()} == {zipfile.ZIP_STORED}
        package_bytes = z.read("datapackage.json")
        package = json.loads(package_bytes)
        digest = json.loads(z.read("datapackage-digest.json"))
        assert digest == {"path": "datapackage.json", "hash": "sha256:" + hashlib.sha256(package_bytes).hexdigest()}
        assert package["profile"] == "data-package" and package["wacz_version"] == "1.1.1"
        assert sorted(r["path"] for r in package["resources"]) == sorted(n for n in names if "datapackage" not in n)
        for resource in package["resources"]:
            data = z.read(resource["path"])
            assert resource["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
            assert resource["bytes"] == len(data)
        warc = z.read("archive/data.warc.gz")
        index = z.read("indexes/index.cdxj").decode().splitlines()
        pages = [json.loads(line) for line in z.read("pages/pages.jsonl").decode().splitlines()]
    assert index == sorted(index) and len(index) == 4  # the redirect and the page, twice
    for line in index:
        key, stamp, blob = line.split(" ", 2)
        entry = json.loads(blob)
        assert key.startswith("1,0,0,127:") and len(stamp) == 14 and stamp.isdigit()
        chunk = warc[int(entry["offset"]):int(entry["offset"]) + int(entry["length"])]
        gzip.decompress(chunk)  # each record is a gzip member of its own
        record = next(iter(ArchiveIterator(io.BytesIO(chunk))))
        assert record.rec_headers.get_header("WARC-Record-ID") == entry["recordId"]
        assert record.rec_headers.get_header("WARC-Target-URI") == entry["url"]
        assert record.rec_headers.get_header("WARC-Payload-Digest") == entry["digest"]
    assert pages[0] == {"format": "json-pages-1.0", "id": "pages", "title": "All Pages"}
    assert [(p["url"], p["title"]) for p in pages[1:]] == [(f"{base}/firms", "Register of firms")] * 2
    shown = json.loads(ok("evidence", "show", str(evidence), "--capture", "1", "--json", context=context).stdout)
    assert pages[1]["id"] in shown["warc_record_id"] and pages[1]["ts"] == shown["capture"]["fetched_at"]


def test_warc_metadata_names_a_retracted_evidence_item(context, seeded, site, tmp_path):
    claim, evidence, _ = _two_captures(context, seeded, site)
    ok("evidence", "retract", str(evidence), "--reason", "wrong page\n[bold]cited[/bold]", context=context)
    out = tmp_path / "evidence.warc.gz"
    ok("evidence", "export", "--format", "warc", "--out", str(out), context=context)
    metadata = [r[3].decode() for r in _records(out) if r[0] == "metadata"]
    assert len(metadata) == 2  # the captures stay in the archive, each saying the item no longer counts
    for fields in metadata:
        line = next(x for x in fields.split("\r\n") if x.startswith("claimtrack-evidence-retracted: "))
        assert line.endswith(": wrong page [bold]cited[/bold]")  # one line, verbatim
