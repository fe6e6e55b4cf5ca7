"""Report fixtures: rows inserted directly through the models (with audit events, so the chain verifies).

`make` is a small factory; every timestamp comes from a ticking fake clock (one second per call from
2026-01-01), so that two databases built the same way hold the same values, audit hashes included.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

import pytest

from claimtrack.store import audit
from claimtrack.clock import set_clock
from claimtrack.store.models import (
    Approval,
    Article,
    ArticleVersion,
    Capture,
    Claim,
    Dismissal,
    Evidence,
    Mention,
    Quantity,
    Verdict,
)

HOSTILE_TEXT = (
    "The council said 2,000 firms closed in 2025. "
    "Officials <script>alert(1)</script> claimed 40% of shops shut. "
    "The mayor said unemployment fell to 3% <img src=x onerror=alert(1)> last year.\n"
    "=HYPERLINK(\"http://evil.example\",\"click\") sold 40 units in May.\n"
    "-2+3 is what 5% of voters said in the 2024 poll.\n"
    "@SUM(A1:A9) rose by 12% in a single month.\n"
    "+1 million people moved to the city in 2023.\n"
    "  =1+1 was the answer in 7 of 10 surveys.\n"
)


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 1, 1, tzinfo=UTC)
        self.step = timedelta(seconds=1)

    def __call__(self) -> datetime:
        self.now += self.step
        return self.now


class Factory:
    """Inserts report fixtures; each method is one write transaction with an audit event."""

    def __init__(self, store) -> None:
        self.store = store
        self.clock = Clock()

    def _write(self, build):
        set_clock(self.clock)
        try:
            with self.store.write() as session:
                return build(session)
        finally:
            set_clock(None)

    def article(self, text: str = HOSTILE_TEXT, *, title: str = "Council <b>figures</b>",
                url: str | None = "https://news.example/a1", source: str | None = None) -> ArticleVersion:
        def build(session):
            article = Article(source=source or url or "/tmp/a.txt", url=url, title=title, published="2026-01-01",
                              language="en", created_by="importer", created_at=self.clock())
            session.add(article)
            session.flush()
            audit.record(session, "importer", "article.create", article)  # every audited row has its event
            raw = text.encode()
            version = ArticleVersion(article_id=article.id, number=1, raw=raw, raw_sha256=_sha(raw), size=len(raw),
                                     text=text, text_sha256=_sha(raw), source=article.source,
                                     fetched_at=self.clock(), created_at=self.clock())
            session.add(version)
            audit.record(session, "importer", "article.import", version)
            return version
        return self._write(build)

    def claim(self, version: ArticleVersion, quote: str, *, score: float = 0.75,
              quantity: str | None = None) -> Claim:
        def build(session):
            start = version.text.index(quote)
            end = start + len(quote)
            claim = Claim(fingerprint=_sha(quote.encode()), text=quote, normalized=quote.lower(), language="en",
                          score=score, reasons=["statistic"], status="unreviewed", created_by="importer",
                          created_at=self.clock())
            session.add(claim)
            session.flush()
            quantities = []
            mention = Mention(claim_id=claim.id, version_id=version.id, start=start, end=end, quote=quote,
                              prefix=version.text[max(0, start - 32):start], suffix=version.text[end:end + 32],
                              created_at=self.clock())
            session.add(mention)
            audit.record(session, "importer", "mention.add", mention)
            if quantity:
                q_start = quote.index(quantity)
                quantities.append(Quantity(claim_id=claim.id, text=quantity, start=q_start,
                                           end=q_start + len(quantity), kind="number",
                                           value=float(quantity.rstrip("%").replace(",", "")),
                                           unit="%" if quantity.endswith("%") else None))
            session.add_all(quantities)
            audit.record(session, "importer", "claim.create", claim, rows=quantities)
            return claim
        return self._write(build)

    def evidence(self, claim: Claim, url: str, *, stance: str = "refutes", note: str | None = None,
                 outcome: str | None = "ok") -> Evidence:
        def build(session):
            evidence = Evidence(claim_id=claim.id, url=url, stance=stance, note=note, added_by="alice",
                                added_at=self.clock())
            session.add(evidence)
            audit.record(session, "alice", "evidence.add", evidence)
            if outcome:
                capture = Capture(evidence_id=evidence.id, fetched_at=self.clock(), outcome=outcome, status=200,
                                  final_url=url, content_type="text/html", title="Table <3>", sha256="ab" * 32,
                                  size=10, body=b"x" * 10)
                session.add(capture)
                audit.record(session, "alice", "evidence.capture", capture)
            return evidence
        return self._write(build)

    def verdict(self, claim: Claim, rating: str, rationale: str = "Checked against the register.", *,
                reviewer: str = "alice", supersedes: Verdict | None = None) -> Verdict:
        def build(session):
            verdict = Verdict(claim_id=claim.id, rating=rating, rationale=rationale, reviewer=reviewer,
                              supersedes_id=supersedes.id if supersedes else None, created_at=self.clock())
            session.add(verdict)
            audit.record(session, reviewer, "verdict.set", verdict)
            row = session.get(Claim, claim.id)
            row.status, row.rating = "rated", rating
            return verdict
        return self._write(build)

    def approve(self, verdict: Verdict, reviewer: str = "bob") -> Approval:
        def build(session):
            approval = Approval(verdict_id=verdict.id, reviewer=reviewer, created_at=self.clock())
            session.add(approval)
            audit.record(session, reviewer, "verdict.approve", approval)
            session.get(Claim, verdict.claim_id).status = "approved"
            return approval
        return self._write(build)

    def dismiss(self, claim: Claim, reason: str = "opinion", reviewer: str = "carol") -> Dismissal:
        def build(session):
            dismissal = Dismissal(claim_id=claim.id, reason=reason, reviewer=reviewer, created_at=self.clock())
            session.add(dismissal)
            audit.record(session, reviewer, "claim.dismiss", dismissal)
            row = session.get(Claim, claim.id)
            row.status, row.rating = "dismissed", None
            return dismissal
        return self._write(build)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def make(store) -> Factory:
    return Factory(store)


QUOTES = {
    "firms": ("The council said 2,000 firms closed in 2025.", "2,000"),
    "script": ("Officials <script>alert(1)</script> claimed 40% of shops shut.", "40%"),
    "img": ("The mayor said unemployment fell to 3% <img src=x onerror=alert(1)> last year.", "3%"),
    "equals": ("=HYPERLINK(\"http://evil.example\",\"click\") sold 40 units in May.", None),
    "minus": ("-2+3 is what 5% of voters said in the 2024 poll.", "5%"),
    "at": ("@SUM(A1:A9) rose by 12% in a single month.", "12%"),
    "plus": ("+1 million people moved to the city in 2023.", None),
    "spaced": ("  =1+1 was the answer in 7 of 10 surveys.", None),
}


@pytest.fixture
def hostile(make) -> dict:
    """An article full of hostile text, its claims rated (one superseded and approved, one dismissed)."""
    version = make.article()
    claims = {key: make.claim(version, quote, quantity=qty) for key, (quote, qty) in QUOTES.items()}
    first = make.verdict(claims["firms"], "false", "<script>alert('r')</script> The register says 1,412.")
    second = make.verdict(claims["firms"], "mostly-false", "=1+1 register lists 1,412 firms.", supersedes=first,
                          reviewer="dave")
    make.approve(second, "bob")
    make.evidence(claims["firms"], "https://stats.example.gov/t?a=1&b=<2>", note="<img src=x onerror=alert(2)>")
    make.evidence(claims["firms"], "javascript:alert(3)", stance="context", note="-bad", outcome="dead")
    make.evidence(claims["script"], "https://x.example/none", stance="supports", outcome=None)
    for key, rating in (("script", "true"), ("img", "misleading"), ("equals", "unverifiable"),
                        ("minus", "half-true"), ("at", "false"), ("plus", "mostly-true")):
        make.verdict(claims[key], rating, f"@rationale for {key} <b>bold</b>", reviewer="<i>eve</i>")
    make.dismiss(claims["spaced"], "-not check-worthy <script>x</script>")
    return claims
