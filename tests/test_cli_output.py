"""Everyday output: piped listings are TSV with a header (escaped cells, `--no-header`), cut listings say so
on stderr, `-q` leaves only errors and warnings, `-v` adds detail. In-process, on a copy of the example
database (SQLite: output formatting does not depend on the engine)."""

from __future__ import annotations

import pytest

from claimtrack.cli import render
from tests.conftest import REPO, invoke


@pytest.fixture
def example(tmp_path) -> str:
    db = tmp_path / "claims.db"
    db.write_bytes((REPO / "claims.db.example").read_bytes())
    assert invoke("--db", str(db), "db", "upgrade").exit_code == 0  # the example may lag behind the head
    return str(db)


def test_tsv_cells_are_escaped():
    assert render.tsv("a\tb\nc\\d\x1b[31m") == "a\\tb\\nc\\\\d"
    assert render.tsv(None) == "-" and render.tsv(3) == "3"


def test_a_tab_or_newline_in_data_never_breaks_a_row(example):
    from sqlalchemy import select, update
    from sqlalchemy.orm import Session

    from claimtrack.store.db import create_db_engine, resolve_url
    from claimtrack.store.models import Claim

    engine = create_db_engine(resolve_url(example))
    with Session(engine) as session, session.begin():
        claim = session.scalars(select(Claim).where(Claim.status == "unreviewed").order_by(Claim.id)).first()
        claim_id, score = claim.id, claim.score
        session.execute(update(Claim).where(Claim.id == claim_id).values(text="two\tcells\nand a line"))
    engine.dispose()
    result = invoke("--db", example, "claims", "list", "--limit", "100")
    lines = result.stdout.splitlines()
    assert lines[0] == "id\tscore\tstatus\trating\tclaim"
    assert all(line.count("\t") == 4 for line in lines)
    assert f"{claim_id}\t{score:.2f}\tunreviewed\t-\ttwo\\tcells\\nand a line" in lines


@pytest.mark.parametrize("command", [("articles", "list"), ("evidence", "list"), ("claims", "list"),
                                     ("audit", "log"), ("search", "企业")], ids=" ".join)
def test_piped_listings_have_a_header_unless_no_header(example, command):
    full = invoke("--db", example, *command).stdout.splitlines()
    bare = invoke("--db", example, *command, "--no-header").stdout.splitlines()
    assert full[1:] == bare and full[0].startswith(("id\t", "kind\t"))


@pytest.mark.parametrize(("command", "hint"), [
    (("articles", "list", "--limit", "2"), "2 of 3 shown (--limit)\n"),
    (("evidence", "list", "--limit", "1"), "1 of 3 shown (--limit)\n"),
    (("audit", "log", "--limit", "3"), "3 of {} shown (--limit)\n"),
    (("search", "企业", "--limit", "1"), "1 of {} shown (--limit)\n"),
], ids=lambda v: " ".join(v) if isinstance(v, tuple) else "")
def test_cut_listings_say_so_with_and_without_json(example, command, hint):
    """Each hint gives the exact total: for `audit log` and `search` (issue 18), every event, every match."""
    import json

    everything = json.loads(invoke("--db", example, *command[:-1], "100000", "--json").stdout)
    hint = hint.format(len(everything))
    for extra in ((), ("--json",)):
        result = invoke("--db", example, *command, *extra)
        assert result.exit_code == 0 and result.stderr == hint, (extra, result.stderr)


def test_a_search_whose_matches_were_capped_says_more(example, monkeypatch):
    """Beyond CANDIDATES matches of a kind only the newest are ranked: the total is not known, "more" is said."""
    from claimtrack.review import search

    monkeypatch.setattr(search, "CANDIDATES", 2)
    result = invoke("--db", example, "search", "企业", "--limit", "1")
    assert result.exit_code == 0 and result.stderr.endswith("1 shown, more match (--limit)\n"), result.stderr


def test_quiet_and_verbose_report(example, tmp_path):
    out = str(tmp_path / "r.json")
    quiet = invoke("--db", example, "-q", "report", "--format", "json", "--out", out)
    assert (quiet.exit_code, quiet.stdout, quiet.stderr) == (0, "", "")
    loud = invoke("--db", example, "--verbose", "report", "--format", "json", "--out", out)
    assert loud.exit_code == 0 and "scope: " in loud.stderr and "report json:" in loud.stderr
    refused = invoke("--db", example, "report", "--format", "json", "--out", "-", "--json")
    assert refused.exit_code == 2


def test_quiet_listing_keeps_its_data_but_not_its_hint(example):
    result = invoke("--db", example, "-q", "claims", "list", "--limit", "2")
    assert result.stderr == "" and len(result.stdout.splitlines()) == 3
