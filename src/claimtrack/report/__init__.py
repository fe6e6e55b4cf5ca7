"""Report (floor 4): the claims in a time window, with their provenance, written atomically in one of five formats.

The one idea: one use case, `write_report`, does the same steps for every format — resolve the scope, read
one consistent snapshot of the database, stream plain-data claim records (`model`) into a format module
(`json_report`, `csv_report`, `markdown_report`, `html_report`, `claimreview`) that writes to an atomic
sink (`writer`), and only once the file is in place record the Export (with its audit event). Output
depends only on the database, the scope and the generation time (invariant 6): records are ordered by
integer ids, timestamps are canonical, and nothing reads the clock except for the default generation time.

Rooms: `scope` (the window and the rule selecting claims), `query` (the keyset stream over the read model's
loader, `views.claims.load`), `model` (the read model's records projected onto the published keys, the
summary), `writer` (atomic sink, Export row), and one module per format.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from importlib import import_module

from claimtrack import __version__, canonical_json as canonical
from claimtrack.config import Settings
from claimtrack.errors import InputError
from claimtrack.store import audit
from claimtrack.report import query, writer
from claimtrack.report.model import REPORT_VERSION, Record, Report, claim_record
from claimtrack.report.scope import Scope, parse_when, resolve
from claimtrack.store.db import Store
from claimtrack.clock import utcnow

FORMATS = {"json": "json_report", "csv": "csv_report", "md": "markdown_report", "html": "html_report",
           "claimreview": "claimreview"}


@dataclass(frozen=True)
class ReportResult:
    """What was written: the Export row, the format, where, how many rows, the file's sha256 and the scope."""

    export_id: int
    format: str
    path: str
    rows: int
    size: int
    sha256: str
    scope: Scope
    generated_at: datetime


def write_report(store: Store, fmt: str, out: str, *, settings: Settings, actor: str, since: str | None = None,
                 until: str | None = None, generated_at: datetime | str | None = None, per: str = "claim",
                 bom: bool = False) -> ReportResult:
    """Write the report of `fmt` to `out` (a file path, or `-` for stdout) and record it as an Export.

    `generated_at` (a datetime, or `--generated-at` as given) stamps the report instead of now."""
    render = _renderer(fmt, per, bom)
    if isinstance(generated_at, str):
        generated_at = parse_when(generated_at, now=utcnow(), option="--generated-at") if generated_at else None
    target = writer.check_target(out)
    now = _barrier(store)
    generated = generated_at or now
    with store.read() as session:
        query.snapshot(session)
        scope = resolve(session, fmt, since, until, now=generated)
        head = audit.head_info(session)  # the snapshot's newest event: a `--since last` window ends there
        if scope.since_event is not None:
            window = scope = replace(scope, until_event=head["sequence"])
        elif scope.since is None and scope.until is None:
            window = scope
        else:
            window = replace(scope, until=min(scope.until or now, now))
        report = Report(about=_about(session, fmt, scope, generated, settings),
                        stream=_records(session, window), scale=settings.review_ratings,
                        organisation=settings.report_organisation, base_url=settings.report_base_url,
                        per=per, bom=bom)
        counted: dict[str, int] = {}

        def publish(replace_file) -> None:
            """Record the export and put the file in place in one write transaction (writer.atomic_sink)."""
            info = writer.ExportInfo(fmt, scope.since, min(scope.until or now, now), generated,
                                     str(target) if target else writer.STDOUT, counted["rows"], sink.sha256,
                                     scope.since_event, scope.until_event)
            counted["export"] = writer.record_export(store, info, actor, replace_file)

        with writer.atomic_sink(target, publish) as sink:
            counted["rows"] = render(report, sink)
    path = str(target) if target else writer.STDOUT
    return ReportResult(counted["export"], fmt, path, counted["rows"], sink.size, sink.sha256, scope, generated)


def _renderer(fmt: str, per: str, bom: bool) -> Callable[[Report, writer.Sink], int]:
    if fmt not in FORMATS:
        raise InputError(f"unknown report format {fmt!r}: use one of {', '.join(FORMATS)}")
    if per not in ("claim", "mention"):
        raise InputError(f"--per must be claim or mention (got {per!r})")
    if (per != "claim" or bom) and fmt != "csv":
        raise InputError("--per and --bom apply to --format csv only")
    return import_module(f"claimtrack.report.{FORMATS[fmt]}").render


def _barrier(store: Store) -> datetime:
    """Now, taken once every in-flight writer has committed (a write transaction that writes nothing)."""
    from sqlalchemy import text

    with store.write() as session:
        session.execute(text("SELECT 1"))  # SQLite begins (BEGIN IMMEDIATE: waits for writers) at the first SQL
        return utcnow()


def _records(session, window: Scope) -> Callable[[], Iterator[Record]]:
    def stream() -> Iterator[Record]:
        return (claim_record(item) for item in query.stream(session, window))

    return stream


def _about(session, fmt: str, scope: Scope, generated: datetime, settings: Settings) -> Record:
    chain = audit.verify(session, rows=False)  # the chain only, in flat memory: `audit verify` proves the rows
    return {
        "format": fmt, "report_version": REPORT_VERSION, "generator": f"claimtrack {__version__}",
        "generated_at": canonical.isoformat(generated), "scope": scope.as_dict(),
        "organisation": settings.report_organisation, "rating_scale": list(settings.review_ratings),
        "integrity": {"audit_head": chain.head, "head": audit.head_info(session), "audit_verify": chain.as_dict()},
    }
