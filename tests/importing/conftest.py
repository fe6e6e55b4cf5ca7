"""Helpers for import tests: writing article files and running the import use case in-process."""

from __future__ import annotations

import pytest

ARTICLE_EN = """Robots on the march

Nearly 2,000 AI companies are now based in the district, the city government said on Monday.

Shipments of humanoid robots reached almost 1,000 units last year, with more than 40% sold overseas.

Production costs fell to a quarter of the traditional level and production time was cut by about 60%, according to the company.

Subsidies of up to 40 million yuan are available to qualifying firms, officials said.

The future belongs to the bold.
"""


@pytest.fixture
def run_import(context):
    """Import names through the service (as the CLI does), returning the summary."""
    from claimtrack.ingest.importer import import_sources

    def run(*names: str, **options):
        return import_sources(context, list(names), **options)

    return run


@pytest.fixture
def write(tmp_path):
    """Write text (or bytes) to a file under tmp_path and return its path as a string."""

    def make(name: str, content: str | bytes, encoding: str = "utf-8") -> str:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
        return str(path)

    return make


def counts(store) -> dict[str, int]:
    """Row counts of the tables an import writes."""
    from sqlalchemy import func, select

    from claimtrack.store.models import Article, ArticleVersion, Claim, Event, Mention, Quantity

    with store.read() as session:
        return {model.__tablename__: session.scalar(select(func.count()).select_from(model))
                for model in (Article, ArticleVersion, Claim, Mention, Quantity, Event)}
