"""Atomic writes: a failure keeps the previous report and records nothing; bad targets are refused."""

from __future__ import annotations

import json
import os

import pytest
from sqlalchemy import func, select

from claimtrack.report import json_report
from claimtrack.store.models import Event, Export
from tests.conftest import run_cli
from tests.report.helpers import report


def _counts(store) -> tuple[int, int]:
    with store.read() as session:
        return session.scalar(select(func.count(Export.id))), session.scalar(select(func.count(Event.id)))


def test_failure_while_writing_keeps_the_previous_report_and_records_nothing(context, hostile, tmp_path,
                                                                               monkeypatch):
    out = tmp_path / "r.json"
    out.write_text("previous report\n")
    before = _counts(context.store)
    original = json_report.dumps
    calls = []

    def failing(value):
        calls.append(1)
        if len(calls) == 4:  # the header and two claims are already in the temporary file
            raise OSError(28, "No space left on device")
        return original(value)

    monkeypatch.setattr(json_report, "dumps", failing)
    result = report(context, "json", out)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")
    assert out.read_text() == "previous report\n"
    assert _counts(context.store) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".r.json")) == []


def test_success_replaces_the_file_and_records_one_export_with_its_hash(context, hostile, tmp_path):
    import hashlib

    out = tmp_path / "r.json"
    out.write_text("previous report\n")
    os.chmod(out, 0o640)
    assert report(context, "json", out).exit_code == 0
    assert json.loads(out.read_text())["summary"]["claims"] == 8
    assert oct(out.stat().st_mode & 0o777) == "0o640"
    with context.store.read() as session:
        export = session.scalar(select(Export))
        event = session.scalar(select(Event).order_by(Event.id.desc()).limit(1))
    assert (export.format, export.rows, export.path) == ("json", 8, str(out))
    assert export.sha256 == hashlib.sha256(out.read_bytes()).hexdigest()
    assert (event.action, event.entity, event.entity_id) == ("report.export", "export", export.id)


def test_out_must_not_be_a_folder(context, store, tmp_path):
    result = report(context, "json", tmp_path)
    assert (result.exit_code, result.stderr) == (1, f"Error: --out is a folder, not a file: {tmp_path}\n")


def test_out_must_not_be_a_symlink(context, store, tmp_path):
    outside = tmp_path / "elsewhere.txt"
    outside.write_text("keep me\n")
    link = tmp_path / "r.json"
    link.symlink_to(outside)
    result = report(context, "json", link)
    assert (result.exit_code, result.stderr) == (1, f"Error: --out is a symbolic link, refusing to follow it: {link}\n")
    assert outside.read_text() == "keep me\n" and link.is_symlink()
    assert _counts(context.store)[0] == 0


def test_missing_folder(context, store, tmp_path):
    result = report(context, "json", tmp_path / "no" / "r.json")
    assert result.exit_code == 1 and result.stderr.startswith("Error: folder for --out does not exist")


@pytest.mark.parametrize("args, message", [
    (("--format", "pdf"), "Error: unknown report format 'pdf': use one of json, csv, md, html, claimreview, claimreview-html\n"),
    (("--format", "json", "--since", "yesterday"),
     "Error: --since: not an ISO 8601 date or time, nor an age like 24h or 7d: 'yesterday'\n"),
    (("--format", "json", "--since", "2026-02-01", "--until", "2026-01-01"),
     "Error: --since (2026-02-01T00:00:00.000000Z) is after --until (2026-01-01T00:00:00.000000Z)\n"),
])
def test_bad_options_are_one_line_errors_and_write_nothing(context, store, tmp_path, args, message):
    from tests.conftest import invoke

    result = invoke("report", *args, "--out", str(tmp_path / "r.out"), context=context)
    assert (result.exit_code, result.stderr) == (1, message)
    assert not (tmp_path / "r.out").exists()


def test_cli_subprocess_to_stdout(db_url, hostile, tmp_path):
    result = run_cli("report", "--format", "json", "--out", "-", "--generated-at", "2026-11-01", db=db_url)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["summary"]["claims"] == 8
    assert result.stderr.startswith("report json: 8 claim row(s), since the beginning, until now -> - (sha256 ")
    assert result.stderr.count("\n") == 1
