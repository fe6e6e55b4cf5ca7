"""The canonical URL a page declares (`<link rel=canonical>`, `og:url`), kept on each article version.

Why: the URL a page says is its own is provenance of that version (it can change between fetches, and a saved
file carries one too); the article's public URL (`article.url`) is taken from it at import, and a reviewer
can correct the article's with `claimtrack articles set ID --url`, while the version keeps what the page said.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 20:15:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("article_version") as batch:
        batch.add_column(sa.Column("canonical_url", sa.String(length=2048), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("article_version") as batch:
        batch.drop_column("canonical_url")
