"""How long an import holds the write lock matters to every reviewer waiting behind it: an article's write
transaction should cost a bounded number of statements, however many similar claims the database holds."""

from __future__ import annotations

import pytest

from tests.reliability.helpers import context_for

BUDGET = 300  # statements for one three-claim article; 1317 before links were read in one query, now ~100


def similar(i: int) -> str:
    """Articles from one template: what a wire story rewritten by many outlets looks like."""
    return (f"Budget report number {i}\n\nThe council spent {i + 3}.5 million dollars on {100 + i} new buses in "
            f"2023, according to the finance office. Unemployment in district {i} fell by {i % 9 + 1}.1 percent "
            f"last year, the mayor said.\n")


@pytest.mark.slow
def test_one_article_costs_a_bounded_number_of_statements(tmp_path):
    from sqlalchemy import event

    from claimtrack.ingest.importer import import_sources

    for i in range(17):
        (tmp_path / f"a{i:03d}.txt").write_text(similar(i), encoding="utf-8")
    context = context_for(str(tmp_path / "claims.db"))
    try:
        import_sources(context, [str(tmp_path / f"a{i:03d}.txt") for i in range(16)])
        count = [0]
        event.listen(context.store.engine, "before_cursor_execute", lambda *a: count.__setitem__(0, count[0] + 1))
        summary = import_sources(context, [str(tmp_path / "a016.txt")])
    finally:
        context.close()
    assert summary.count("imported") == 1
    print(f"\n{count[0]} statements for one article after 16 similar ones")
    assert count[0] <= BUDGET, f"{count[0]} statements for one article"
