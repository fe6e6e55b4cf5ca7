"""The import use case: sources in, article versions with their claim mentions out.

The one idea: one article version and all of its mentions are ONE write transaction (invariant 4), and
everything that needs no database — reading, fetching, decoding, extracting, the text analysis — happens
before that transaction starts, so the write lock is held only for the inserts.

Short transactions: a reviewer's write must never wait long behind an import. An article with more than
`INLINE_CLAIMS` distinct check-worthy sentences (a huge one: matching costs milliseconds a sentence, 76 s
for 2,000 in one transaction) first resolves its claims in short write transactions of their own (each
stops after `BATCH_SECONDS`, and the next starts `YIELD_SECONDS` later, so that a waiting reviewer gets
the lock in between), then writes the version with all its mentions in one transaction of inserts.
Invariant 4 still holds (the version and its mentions are one transaction); what a crash between the two
can leave is claims without a mention yet, which the re-run of the import matches by fingerprint (no
duplicates). Ordinary articles resolve their claims inside the version's transaction, as before.

Per source:

* identical raw bytes (sha256) to the article's latest version → `unchanged`, nothing written;
* a new source → `imported` (article + version 1); new bytes for a known source → `updated` (version n+1);
* check-worthy sentences are grouped by fingerprint, so a sentence the text repeats (the seed article holds
  itself twice) is one claim with one mention per occurrence; each distinct sentence is resolved once by
  `matching.resolve_claim` (fingerprint, fuzzy match, reviewers' merges);
* on an update, every mention of the previous version is re-anchored onto the new text with
  `claimtrack.text.anchor` (position, exact quote, quote in context, fuzzy): anchored → a new mention row
  with the anchor method and `previous_id`; not found → an orphaned row (start/end None). Nothing is
  deleted. A re-anchored mention landing on the span a freshly extracted mention of the same claim holds is
  merged into it; on a span held by another claim it is orphaned (that text now says something else);
* repeated blocks (`text.find_repeats`) are stored on the version and reported;
* claims are resolved for the whole article at once (`matching.resolve_many`: a fixed number of statements
  per article, the answers `resolve_claim` gives one sentence at a time), and new rows go in by Core
  executemany, not the ORM unit of work;
* audit: `article.create`, `version.create` (row digests), `mention.create` (one event per version with the
  mention count and every mention's digest), `claim.create` per new claim (its digest and its quantities'),
  and one `claim.link` event for all the "similar to" links the article made (every link's digest), so
  `audit verify` still proves each row, while an article costs a few dozen events instead of ~150.

Speed: `import_sources(jobs=N)` reads and analyses sources in N spawned worker processes (`analyse_file`,
`analyse_document`: pure, no database) while this process alone writes, in input order. One run keeps the LSH
buckets and candidate texts it has read (`matching.CandidateCache`, in `Store.info` for the run's duration);
a huge article's batches go without it (`_without_cache`), so its buckets do not pile up in memory.

A failing source is reported and the next one runs; the caller decides the exit code.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from sqlalchemy import select

from claimtrack.errors import ClaimtrackError, InputError
from claimtrack.store import audit
from claimtrack.ingest.sources import Document, Source, expand, load
from claimtrack.store.models import Article, ArticleVersion, Claim, Mention
from claimtrack.text.spans import span

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from claimtrack.context import AppContext
    from claimtrack.store.db import Store

_WORDY = re.compile(r"\w")

INLINE_CLAIMS = 40  # more distinct check-worthy sentences than this: claims resolved in batches first
BATCH_SECONDS = 0.25  # a claim batch's write transaction ends after about this long
YIELD_SECONDS = 0.05  # pause between batches: SQLite has no queue, a waiting writer polls for the free lock
PARALLEL_MIN_SOURCES = 8  # by default (no --jobs), fewer sources are analysed here: starting workers costs ~1 s
BATCH_CLAIMS = 40  # distinct sentences resolved by one `resolve_many` call in a claim batch
# SQLite: the import's connection copies its write-ahead log into the database file (a checkpoint, with an
# fsync) once the log holds this many pages, instead of SQLite's default 1,000 (4 MB): an article writes a few
# hundred pages, mostly the same index pages again, so a checkpoint every few articles copied them again and
# again. Measured on the 300-article corpus: commits 1.87 -> 1.31 s CPU, 11.0 -> 5.8 s wall. Durability is
# the same (a commit is in the log either way; WAL + synchronous=NORMAL); the log grows to ~40 MB at most,
# and SQLite checkpoints and removes it when the last connection closes.
IMPORT_CHECKPOINT_PAGES = 10_000
# SQLite: the import's connection keeps this many KiB of database pages in memory, not SQLite's default
# 2,000 KiB: matching reads the claim-key and claim indexes of every earlier article, and with the default
# cache each article read most of their pages back from the file. 300-article corpus: 2.2 -> 1.3 s system
# CPU. Costs at most this much memory, and only as pages are read.
IMPORT_CACHE_KIB = 32_768


@dataclass
class SourceResult:
    """What happened to one source."""

    given: str
    status: str  # imported / updated / unchanged / failed
    source: str | None = None
    article_id: int | None = None
    version_id: int | None = None
    version: int | None = None
    title: str | None = None
    error: str | None = None
    claims_new: int = 0
    claims_matched: int = 0
    mentions: int = 0
    reanchored: int = 0
    orphaned: int = 0
    repeats: list[dict[str, Any]] = field(default_factory=list)
    previously_checked: list[dict[str, Any]] = field(default_factory=list)
    checked_elsewhere: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.article_id, "source": self.source or self.given, "given": self.given,
                "status": self.status, "version_id": self.version_id, "version": self.version,
                "title": self.title, "error": self.error, "claims_new": self.claims_new,
                "claims_matched": self.claims_matched, "mentions": self.mentions,
                "reanchored": self.reanchored, "orphaned": self.orphaned, "repeats": self.repeats,
                "previously_checked": self.previously_checked, "checked_elsewhere": self.checked_elsewhere}


@dataclass
class ImportSummary:
    results: list[SourceResult] = field(default_factory=list)
    skipped_hidden: int = 0
    skipped_unsupported: int = 0
    total: int = 0  # sources found
    interrupted: bool = False  # should_stop() ended the run before every source was tried

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def failed(self) -> list[SourceResult]:
        return [r for r in self.results if r.status == "failed"]

    def as_dict(self) -> dict[str, Any]:
        """The `import --json` shape of CLI.md (plus skipped counts and per-article details)."""
        done = [r for r in self.results if r.status != "failed"]
        return {
            "imported": self.count("imported"), "updated": self.count("updated"),
            "unchanged": self.count("unchanged"),
            "failed": [{"source": r.given, "error": r.error} for r in self.failed],
            "claims_new": sum(r.claims_new for r in done), "claims_matched": sum(r.claims_matched for r in done),
            "skipped": {"hidden": self.skipped_hidden, "unsupported": self.skipped_unsupported},
            "articles": [r.as_dict() for r in done],
            "total": self.total, "interrupted": self.interrupted,
        }


def import_sources(ctx: AppContext, names: list[str], *, from_list: str | None = None, lang: str | None = None,
                   title: str | None = None, allow_private: bool = False, stdin: BinaryIO | None = None,
                   progress: Callable[[int, int, SourceResult], None] | None = None, fmt: str | None = None,
                   follow_symlinks: bool = False, jobs: int | None = 1,
                   should_stop: Callable[[], bool] | None = None) -> ImportSummary:
    """Import every source the names expand to; one failing source never stops the others.

    `progress(done, total, result)` is called after each source; `should_stop()` before each one: when it
    says so, the run ends there (`summary.interrupted`), every source before it complete.

    `jobs` > 1 (None: the CPU count, from PARALLEL_MIN_SOURCES sources on) reads, extracts and analyses the
    sources in that many worker processes while this process alone writes, storing them in input order: the
    results, the database and every audit event are the same as with `jobs=1`, which does everything here.
    """
    expansion = expand(names, from_list=from_list, stdin=stdin, follow_symlinks=follow_symlinks)
    summary = ImportSummary(skipped_hidden=expansion.skipped_hidden,
                            skipped_unsupported=expansion.skipped_unsupported)
    summary.results += [SourceResult(p.given, "failed", error=p.error) for p in expansion.problems]
    summary.total = len(expansion.sources)
    few = len(expansion.sources) < (PARALLEL_MIN_SOURCES if jobs is None else 2)
    jobs = default_jobs() if jobs is None else max(1, jobs)
    pool = _pool(jobs) if jobs > 1 and not few else None
    store = None
    try:
        store = ctx.creating_store() if expansion.sources else None  # a database that cannot open fails the run
        if store is not None:  # the LSH buckets and texts this run reads, kept for its next articles
            from claimtrack.ingest.matching import CACHE, CandidateCache

            store.info[CACHE] = CandidateCache()
        fetcher = _lazy_fetcher(ctx, allow_private)
        options = {"fetcher": fetcher, "stdin": stdin, "lang": lang, "title": title, "fmt": fmt}
        loaded = _in_workers(pool, ctx, expansion.sources, jobs, options) if pool else None
        for done, source in enumerate(expansion.sources, 1):
            if should_stop is not None and should_stop():
                summary.interrupted = True
                break
            if loaded is None:
                summary.results.append(_import_one(ctx, store, source, **options))
            else:
                summary.results.append(_store_one(ctx, store, source, next(loaded)))
            if progress:
                progress(done, summary.total, summary.results[-1])
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
        if store is not None:
            store.info.pop(CACHE, None)
    return summary


def default_jobs() -> int:
    """`import --jobs` by default: the CPUs this process may run on."""
    import os

    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _pool(jobs: int):
    """Worker processes for the analysis (spawned: they inherit no database connection or thread)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_worker_start)


def _worker_start() -> None:
    """Ctrl-C is the writer's to handle (it stops the run between articles); workers ignore it."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _in_workers(pool, ctx: AppContext, sources: list[Source], jobs: int, options: dict[str, Any]):
    """(Document, Analysed) or an error message for each source, in input order, analysed in `pool`.

    Files are read in the workers too; URLs and stdin are read here (the fetcher and stdin belong to this
    process) and only analysed there. A window of a few sources per worker keeps memory bounded."""
    from collections import deque

    settings = ctx.settings
    threshold, budget = settings.detect_threshold, settings.import_seconds_per_mb
    ahead = max(4, jobs * 4)
    queue: deque = deque()
    pending = iter(sources)

    def submit(source: Source) -> None:
        if source.kind == "file":
            queue.append(pool.submit(analyse_file, source, settings, options["title"], options["lang"],
                                     options["fmt"]))
            return
        try:
            doc = load(source, settings, fetcher=options["fetcher"], stdin=options["stdin"],
                       title=options["title"], lang=options["lang"], fmt=options["fmt"])
        except Exception as exc:  # noqa: BLE001 - reported like any failing source
            queue.append(_Done(_failure(exc)))
            return
        queue.append(pool.submit(analyse_document, doc, threshold, budget))

    for source in pending:
        submit(source)
        if len(queue) >= ahead:
            break
    while queue:
        future = queue.popleft()
        try:
            loaded = future.result()
        except Exception as exc:  # noqa: BLE001 - a worker that died (BrokenProcessPool) fails its source
            loaded = _failure(exc)
        yield loaded
        source = next(pending, None)
        if source is not None:
            submit(source)


class _Done:
    """A finished result standing in a queue of futures."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def result(self) -> Any:
        return self.value


def analyse_file(source: Source, settings: Any, title: str | None, lang: str | None,
                 fmt: str | None) -> tuple[Document, Analysed] | str:
    """Worker: read and analyse one file source (pure: no database); an error message if it fails."""
    try:
        doc = load(source, settings, title=title, lang=lang, fmt=fmt)
        return doc, analyse(doc, settings.detect_threshold, settings.import_seconds_per_mb, version_keys=True)
    except Exception as exc:  # noqa: BLE001 - one broken source must not stop the rest
        return _failure(exc)


def analyse_document(doc: Document, threshold: float, seconds_per_mb: float | None) -> tuple[Document, Analysed] | str:
    """Worker: analyse one document read by the writer process; an error message if it fails."""
    try:
        return doc, analyse(doc, threshold, seconds_per_mb, version_keys=True)
    except Exception as exc:  # noqa: BLE001 - one broken source must not stop the rest
        return _failure(exc)


def _failure(exc: BaseException) -> str:
    if isinstance(exc, ClaimtrackError):
        return str(exc)
    from claimtrack.errors_map import describe

    return describe(exc)


def _store_one(ctx: AppContext, store, source: Source, loaded: tuple[Document, Analysed] | str) -> SourceResult:
    if isinstance(loaded, str):
        return SourceResult(source.given, "failed", error=loaded)
    doc, analysed = loaded
    try:
        return import_document(store, doc, actor=ctx.reviewer, threshold=ctx.settings.detect_threshold,
                               seconds_per_mb=ctx.settings.import_seconds_per_mb, analysed=analysed)
    except Exception as exc:  # noqa: BLE001 - one broken source must not stop the rest
        return SourceResult(source.given, "failed", error=_failure(exc))


def preview(ctx: AppContext, name: str, *, lang: str | None = None, allow_private: bool = False,
            everything: bool = False, stdin: BinaryIO | None = None, fmt: str | None = None) -> dict[str, Any]:
    """The `extract` use case: the import pipeline up to the analysis, touching no database."""
    expansion = expand([name], stdin=stdin)
    if expansion.problems:
        raise InputError(f"{expansion.problems[0].given}: {expansion.problems[0].error}")
    if len(expansion.sources) != 1 or expansion.sources[0].kind == "file" and Path(name).is_dir():
        raise InputError(f"extract takes one file, URL or -, not a folder: {name}")
    doc = load(expansion.sources[0], ctx.settings, fetcher=_lazy_fetcher(ctx, allow_private), stdin=stdin,
               lang=lang, fmt=fmt)
    analysis, repeats = analyze_with_repeats(doc.text, doc.language, ctx.settings.detect_threshold,
                                             seconds_per_mb=ctx.settings.import_seconds_per_mb,
                                             title=doc.title, headings=doc.headings, links=doc.link_lines)
    analysis.reverse()  # each analysed sentence is let go as soon as its dict is made (a 20 MB article's peak)
    sentences = []
    while analysis:
        scored = analysis.pop()
        if everything or scored.check_worthy:
            sentences.append(_sentence(scored))
    return {
        "source": doc.source, "title": doc.title, "language": doc.language, "encoding": doc.encoding,
        "content_type": doc.content_type, "extractor": doc.extractor, "text": doc.text, "repeats": repeats,
        "sentences": sentences,
    }


def _sentence(scored: Any) -> dict[str, Any]:
    s = scored.sentence
    return {"start": s.start, "end": s.end, "text": s.text, "score": round(float(scored.score), 4),
            "check_worthy": bool(scored.check_worthy), "reasons": list(scored.reasons),
            "paragraph": s.paragraph, "index": s.index, "fingerprint": scored.fingerprint,
            "quantities": [_plain(q) for q in scored.quantities]}


def _lazy_fetcher(ctx: AppContext, allow_private: bool):
    made: list[Any] = []

    def get():
        if not made:
            made.append(ctx.fetcher(allow_private=allow_private))
        return made[0]

    return get


def _import_one(ctx: AppContext, store, source: Source, **options) -> SourceResult:
    try:
        doc = load(source, ctx.settings, fetcher=options["fetcher"], stdin=options["stdin"],
                   title=options["title"], lang=options["lang"], fmt=options.get("fmt"))
        return import_document(store, doc, actor=ctx.reviewer, threshold=ctx.settings.detect_threshold,
                               seconds_per_mb=ctx.settings.import_seconds_per_mb)
    except ClaimtrackError as exc:
        return SourceResult(source.given, "failed", error=str(exc))
    except Exception as exc:  # noqa: BLE001 - one broken source must not stop the rest
        from claimtrack.errors_map import describe

        return SourceResult(source.given, "failed", error=describe(exc))


def import_document(store: Store, doc: Document, *, actor: str, threshold: float,
                    seconds_per_mb: float | None = None, analysed: Analysed | None = None) -> SourceResult:
    """Store `doc` as a new article or version (or nothing, if its bytes are already the latest).

    `analysed` is the analysis of `doc` made beforehand (by a worker process, `analyse`); else it is made here.
    """
    with store.read() as session:
        latest = _latest(session, doc.source)
    if latest is not None and latest.raw_sha256 == doc.raw_sha256:
        return _unchanged(doc, latest)
    if analysed is None:
        analysed = analyse(doc, threshold, seconds_per_mb)
    repeats, prepared, version_keys = analysed.repeats, analysed.prepared, analysed.version_keys
    tally, groups = SourceResult(doc.given, "resolving"), _groups(analysed.analysis)
    del analysed  # `groups` alone holds the sentences (when analysed here): writing the mentions lets them go
    resolved = (_resolve_in_batches(store, groups, doc.language, tally, actor, prepared)
                if len(groups) > INLINE_CLAIMS else None)
    with store.write() as session:
        if store.is_sqlite:  # set on the writer's connection (cheap; the connection keeps it)
            session.connection().exec_driver_sql(f"PRAGMA wal_autocheckpoint = {IMPORT_CHECKPOINT_PAGES}")
            session.connection().exec_driver_sql(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}")
        article = session.scalar(select(Article).where(Article.source == doc.source))
        previous = _latest(session, doc.source)
        if previous is not None and previous.raw_sha256 == doc.raw_sha256:
            return _unchanged(doc, previous)  # another writer stored these bytes meanwhile
        status = "updated" if article else "imported"
        article = article or _add_article(session, doc, actor)
        version = _add_version(session, article, doc, previous, repeats, actor)
        result = SourceResult(doc.given, status, doc.source, article.id, version.id, version.number,
                              article.title, repeats=repeats, claims_new=tally.claims_new,
                              claims_matched=tally.claims_matched, previously_checked=tally.previously_checked)
        _add_mentions(session, version, doc, groups, previous, result, actor, resolved, prepared)
        result.checked_elsewhere = _checked_elsewhere(session, version, actor, version_keys)
    return result


@dataclass(frozen=True)
class Analysed:
    """Everything about a document that needs no database: the check-worthy scored sentences (the only ones
    an import stores), repeated blocks, and each check-worthy fingerprint's (normalized text, LSH keys) for
    matching. Picklable (worker processes). `version_keys`: the text's fact-check match keys
    (`factchecks.version_keys`), when a worker made them (None: the writer makes them)."""

    analysis: list[Any]
    repeats: list[dict[str, Any]]
    prepared: dict[str, tuple[str, tuple[int, ...]]]
    version_keys: frozenset[int] | None = None


def analyse(doc: Document, threshold: float, seconds_per_mb: float | None = None, *,
            version_keys: bool = False) -> Analysed:
    """The pure part of importing `doc` (the text core's analysis and the matching keys).

    With `version_keys` (the `--jobs` workers), the version's fact-check match keys too: pure text work
    (jieba segmentation, quantities of the whole text: ~15 ms an article) that the writer then skips. Single
    process, the writer makes them itself, at the same cost."""
    from claimtrack.text import normalize
    from claimtrack.text.similarity import claim_keys

    analysis, repeats = analyze_with_repeats(doc.text, doc.language, threshold, seconds_per_mb=seconds_per_mb,
                                             title=doc.title, headings=doc.headings, links=doc.link_lines,
                                             check_worthy_only=True)
    prepared = {}
    for fp, occurrences in _groups(analysis).items():
        normalized = normalize(occurrences[0].sentence.text)
        prepared[fp] = (normalized, claim_keys(normalized))
    if version_keys:
        from claimtrack.ingest.factchecks import version_keys as match_keys

        return Analysed(analysis, repeats, prepared, frozenset(match_keys(doc.text)))
    return Analysed(analysis, repeats, prepared)


def _checked_elsewhere(session: Session, version: ArticleVersion, actor: str,
                       keys: frozenset[int] | None = None) -> list[dict[str, Any]]:
    """Suggestions that the version's claims, or its whole text, were checked by others (ingest.factchecks).
    `keys`: the text's match keys, if a worker made them."""
    from claimtrack.ingest.factchecks import index_version, match_version, version_claim_ids

    index_version(session, version.id, version.text, keys)  # so that fact-checks imported later find this text
    return match_version(session, version, version_claim_ids(session, version.id), actor)


def _groups(analysis: list[Any]) -> dict[str, list[Any]]:
    """Check-worthy sentence occurrences by fingerprint (one claim each), in text order."""
    groups: dict[str, list[Any]] = {}
    for scored in analysis:
        if scored.check_worthy:
            groups.setdefault(scored.fingerprint, []).append(scored)
    return groups


def _resolve_in_batches(store: Store, groups: dict[str, list[Any]], language: str, tally: SourceResult,
                        actor: str, prepared: dict[str, Any] | None = None) -> dict[str, int]:
    """The claim id of every fingerprint, resolved in write transactions of about BATCH_SECONDS each
    (BATCH_CLAIMS sentences at a time, a batch ending once it has run that long)."""
    items = list(groups.items())
    claims: dict[str, int] = {}
    with _without_cache(store):
        while len(claims) < len(items):
            if claims:
                time.sleep(YIELD_SECONDS)
            with store.write() as session:
                started = time.monotonic()
                while len(claims) < len(items):
                    chunk = dict(items[len(claims):len(claims) + BATCH_CLAIMS])
                    claims.update(_claims_for(session, chunk, language, tally, actor, prepared))
                    if time.monotonic() - started >= BATCH_SECONDS:
                        break
    return claims


@contextmanager
def _without_cache(store: Store) -> Iterator[None]:
    """A huge article's batches bypass the run's candidate cache: buckets kept across thousands of its
    sentences cost more memory (issue 14: 515 against 486 MB at 20 MB of Chinese) than the one statement per
    batch they would save. The cache starts afresh afterwards, so it never catches up on the article's rows."""
    from claimtrack.ingest.matching import CACHE

    cache = store.info.pop(CACHE, None)
    try:
        yield
    finally:
        if cache is not None:
            cache.clear()
            store.info[CACHE] = cache


def analyze_with_repeats(text: str, language: str, threshold: float, *, seconds_per_mb: float | None = None,
                         title: str | None = None, headings: tuple[str, ...] = (), links: tuple[str, ...] = (),
                         check_worthy_only: bool = False) -> tuple[list[Any], list[dict[str, Any]]]:
    """The text core's analysis of `text` and its repeated blocks (as plain dicts).

    Sentences on furniture lines (the headline, headings, link lines of a page's link-dense blocks, story
    lists, copyright, comment widgets, tickers: `text.boilerplate`) are never check-worthy; sentences without
    a letter or digit (an empty `| |` table row) are not compared for repeats. With `seconds_per_mb`
    ([import] seconds_per_mb), a document whose analysis takes more CPU time than BUDGET_BASE_SECONDS plus
    that much per MB of text is abandoned with an InputError, before anything is stored: a pathological
    document costs a bounded time and becomes one `Error:` line. With `check_worthy_only` (the import), only
    the check-worthy rows are kept, each other one let go as soon as it is scored.
    """
    from claimtrack.ingest.folding import install
    from claimtrack.text import detect_language, find_repeats, segment
    from claimtrack.text.analyze import document_context, score_sentences
    from claimtrack.text.boilerplate import furniture_lines

    install()  # Traditional Chinese is scored on its OpenCC Simplified fold (spans stay on the original)
    check = _budget(text, seconds_per_mb)
    lang = language or detect_language(text)
    sentences = segment(text, lang)
    lines = furniture_lines(text, title, headings, links)
    analysis = []
    for s in score_sentences(sentences, lang, threshold, check=check, context=document_context(text, lang)):
        if s.check_worthy and lines and _inside(s.sentence, lines):
            s = dataclasses.replace(s, check_worthy=False)
        if s.check_worthy or not check_worthy_only:
            analysis.append(s)
    repeats = find_repeats(text, [s for s in sentences if _WORDY.search(s.text)])
    return analysis, [_plain(r) for r in repeats]


def _inside(sentence: Any, lines: list[tuple[int, int]]) -> bool:
    i = bisect.bisect_right(lines, (sentence.start, float("inf"))) - 1
    return i >= 0 and lines[i][0] <= sentence.start and sentence.end <= lines[i][1]


BUDGET_BASE_SECONDS = 5.0


def _budget(text: str, seconds_per_mb: float | None) -> Callable[[], None] | None:
    if not seconds_per_mb:
        return None
    import time

    mb = len(text.encode("utf-8")) / 1_000_000
    allowed = BUDGET_BASE_SECONDS + seconds_per_mb * mb
    deadline = time.thread_time() + allowed  # CPU time of this thread: a busy machine does not count

    def check() -> None:
        if time.thread_time() > deadline:
            raise InputError(f"analysis took longer than its budget ({allowed:.0f} s of CPU for {mb:.1f} MB; "
                             f"[import] seconds_per_mb = {seconds_per_mb:g}); nothing was stored")

    return check


def _plain(value: Any) -> dict[str, Any]:
    if dataclasses.is_dataclass(value):
        return dataclasses.asdict(value)
    return dict(value) if isinstance(value, dict) else {"value": repr(value)}


def _latest(session: Session, source: str) -> ArticleVersion | None:
    return session.scalar(
        select(ArticleVersion).join(Article).where(Article.source == source)
        .order_by(ArticleVersion.number.desc()).limit(1)
    )


def _unchanged(doc: Document, latest: ArticleVersion) -> SourceResult:
    return SourceResult(doc.given, "unchanged", doc.source, latest.article_id, latest.id, latest.number,
                        repeats=list(latest.repeats or []))


def _add_article(session: Session, doc: Document, actor: str) -> Article:
    from claimtrack.clock import utcnow

    values = {"source": doc.source, "url": doc.url, "title": doc.title, "site": doc.site, "author": doc.author,
              "published": doc.published, "language": doc.language, "created_at": utcnow(), "created_by": actor}
    return _insert_audited(session, Article, values, actor, "article.create", {"source": doc.source})


def _add_version(session: Session, article: Article, doc: Document, previous: ArticleVersion | None,
                 repeats: list[dict[str, Any]], actor: str) -> ArticleVersion:
    from claimtrack.clock import utcnow

    values = {
        "article_id": article.id, "number": (previous.number + 1) if previous else 1, "raw": doc.raw,
        "raw_sha256": doc.raw_sha256, "size": len(doc.raw), "text": doc.text, "text_sha256": doc.text_sha256,
        "content_type": doc.content_type[:200], "encoding": doc.encoding, "extractor": doc.extractor,
        "extractor_version": doc.extractor_version, "source": doc.given[:2048], "final_url": doc.final_url,
        "canonical_url": doc.canonical_url, "http_status": doc.http_status, "fetched_at": doc.fetched_at,
        "repeats": repeats, "created_at": utcnow(),
    }
    return _insert_audited(session, ArticleVersion, values, actor, "version.create", {
        "article_id": article.id, "number": values["number"], "raw_sha256": doc.raw_sha256,
        "text_sha256": doc.text_sha256})


def _insert_audited(session: Session, model: type, values: dict[str, Any], actor: str, action: str,
                    payload: dict[str, Any]) -> Any:
    """Insert one row (every column given) with Core and append its event: what `session.add(row)` and
    `audit.record(session, actor, action, row, payload=payload)` write (the same row, the same event with the
    row's digest), without a unit-of-work flush. The row comes back as a transient object holding its values
    (not in the session: nothing flushes it again)."""
    from claimtrack.ingest.matching import insert_rows

    [row_id] = insert_rows(session, model, [values])
    row = model(id=row_id, **values)
    audit.append_events(session, [audit.PendingEvent(actor, action, model.__tablename__, row_id, {
        **payload, "digest": audit.values_digest(model.__tablename__, {"id": row_id, **values})})])
    return row


def _add_mentions(session: Session, version: ArticleVersion, doc: Document, groups: dict[str, list[Any]],
                  previous: ArticleVersion | None, result: SourceResult, actor: str,
                  resolved: dict[str, int] | None = None, prepared: dict[str, Any] | None = None) -> None:
    """Extracted mentions, then the previous version's mentions re-anchored; one event for all of them.

    The rows go in by Core inserts of MENTION_BATCH at a time, each batch made, inserted, digested and let go
    (only the digests stay for the event): a 20 MB article's ~190,000 mentions are never alive together, and
    each analysed sentence of `groups` (`_groups`, consumed) goes once its row is made."""
    from itertools import chain, islice

    from claimtrack.clock import utcnow
    from claimtrack.ingest.matching import insert_rows

    if resolved is None:
        resolved = _claims_for(session, groups, doc.language, result, actor, prepared)
    merged, carried = _reanchored(session, version, previous, groups, resolved) if previous else ({}, [])
    now = utcnow()
    rows = chain(_extracted(doc.text, version, groups, resolved, merged), carried)
    digests: dict[str, str] = {}
    mentions = reanchored = orphaned = 0
    while batch := list(islice(rows, MENTION_BATCH)):
        for m in batch:
            m.created_at = now
        ids = insert_rows(session, Mention, [{key: getattr(m, key) for key in _MENTION_COLUMNS} for m in batch])
        for m, mention_id in zip(batch, ids, strict=True):
            m.id = mention_id
            digests[str(mention_id)] = m.digest()
            mentions += not m.orphaned
            reanchored += m.previous_id is not None and not m.orphaned
            orphaned += m.orphaned
    result.mentions, result.reanchored, result.orphaned = mentions, reanchored, orphaned
    audit.append_events(session, [audit.PendingEvent(
        actor, "mention.create", "article_version", version.id,
        {"count": len(digests), "orphaned": orphaned,
         "row_digests": {"mention": digests} if digests else {}})])


MENTION_BATCH = 2000  # mention rows made and inserted at a time

_MENTION_COLUMNS = tuple(attr.key for attr in Mention.__mapper__.column_attrs if attr.key != "id")


@dataclass(slots=True)
class NewMention:
    """A mention row on its way in: `Mention`'s columns without an ORM object (inserted with Core and digested
    from its values, so that 100,000 mentions cost no ORM instrumentation)."""

    claim_id: int
    version_id: int
    start: int | None
    end: int | None
    quote: str
    prefix: str
    suffix: str
    paragraph: int | None
    sentence_index: int | None
    score: float | None
    reasons: list[Any]
    orphaned: bool
    anchor: str
    similarity: float | None = None
    previous_id: int | None = None
    created_at: Any = None
    id: int | None = None

    def digest(self) -> str:
        """`audit.row_digest` of the row it becomes."""
        return audit.values_digest("mention", {key: getattr(self, key) for key in ("id", *_MENTION_COLUMNS)})


def _extracted(text: str, version: ArticleVersion, groups: dict[str, list[Any]], resolved: dict[str, int],
               merged: dict[tuple[int, int], tuple[int, str, float | None]]) -> Iterator[NewMention]:
    """One mention per check-worthy sentence occurrence, made one at a time; occurrences with one fingerprint
    share a claim (`resolved`, fingerprint -> claim id); `merged` are the spans a previous version's mention
    was re-anchored onto (previous id, anchor method, similarity). Empties `groups` as it goes."""
    for fp in list(groups):
        occurrences = groups.pop(fp)[::-1]
        while occurrences:
            s = (scored := occurrences.pop()).sentence
            mention = _mention(text, s.start, s.end, claim_id=resolved[fp], version_id=version.id,
                               paragraph=s.paragraph, sentence_index=s.index, score=scored.score,
                               reasons=list(scored.reasons), anchor="extracted")
            again = merged.get((s.start, s.end))
            if again is not None:
                mention.previous_id, mention.anchor, mention.similarity = again
            yield mention


def _claims_for(session: Session, groups: dict[str, list[Any]], language: str, result: SourceResult,
                actor: str, prepared: dict[str, Any] | None = None) -> dict[str, int]:
    """The claim id of every fingerprint, resolved once per distinct sentence (not per occurrence).

    Matching owns the answer (fingerprint, fuzzy match, a reviewer's merge): `resolve_many` answers for all
    the groups what `resolve_claim` would answer for each in turn, with a few statements for all of them.
    """
    from claimtrack.ingest.matching import resolve_many

    resolutions = resolve_many(session, [(fp, occurrences[0]) for fp, occurrences in groups.items()],
                               language=language, actor=actor, prepared=prepared)
    claims: dict[str, int] = {}
    checked: dict[int, str] = {}
    for fp in groups:
        resolution = resolutions[fp]
        claims[fp] = resolution.claim_id
        result.claims_new += resolution.created
        result.claims_matched += not resolution.created
        checked.update(resolution.previously_checked)
    checked.update({p["claim_id"]: p["rating"] for p in result.previously_checked})  # earlier batches
    result.previously_checked = [{"claim_id": cid, "rating": rating} for cid, rating in sorted(checked.items())]
    return claims


def _reanchored(session: Session, version: ArticleVersion, previous: ArticleVersion, groups: dict[str, list[Any]],
                resolved: dict[str, int]) -> tuple[dict[tuple[int, int], tuple[int, str, float | None]],
                                                   list[NewMention]]:
    """Every mention of `previous`, anchored onto the new text (or orphaned): the extracted spans it merges
    into (span -> previous id, anchor method, similarity), and the rows it adds."""
    from claimtrack.text import anchor

    extracted = {(o.sentence.start, o.sentence.end): resolved[fp] for fp, occ in groups.items() for o in occ}
    old = session.scalars(select(Mention).where(Mention.version_id == previous.id).order_by(Mention.id)).all()
    merged: dict[tuple[int, int], tuple[int, str, float | None]] = {}
    carried: list[NewMention] = []
    taken: set[tuple[int, int]] = set()  # spans of carried rows (besides the extracted ones)
    for m in old:
        found = anchor(version.text, quote=m.quote, prefix=m.prefix or "", suffix=m.suffix or "",
                       start=m.start or 0, end=m.end or 0)
        span = (found.start, found.end) if found is not None else None
        method, similarity = _how(found)
        if span in extracted and extracted[span] == m.claim_id and span not in merged:
            merged[span] = (m.id, method, similarity)
            continue
        if span is None or span in extracted or span in taken:
            carried.append(_orphan(m, version.id, similarity))
            continue
        taken.add(span)
        carried.append(_mention(version.text, *span, claim_id=m.claim_id, version_id=version.id,
                                paragraph=None, sentence_index=None, score=m.score, reasons=list(m.reasons or []),
                                anchor=method, similarity=similarity, previous_id=m.id))
    return merged, carried


def _how(found: Any) -> tuple[str, float | None]:
    if found is None:
        return "orphaned", None
    method = getattr(found, "method", None) or "fuzzy"
    similarity = getattr(found, "similarity", None)
    return method, (float(similarity) if similarity is not None else None)


def _mention(text: str, start: int, end: int, **columns: Any) -> NewMention:
    where = span(text, start, end)
    return NewMention(start=where.start, end=where.end, quote=where.quote, prefix=where.prefix,
                      suffix=where.suffix, orphaned=False, **columns)


def _orphan(old: Mention, version_id: int, similarity: float | None) -> NewMention:
    return NewMention(claim_id=old.claim_id, version_id=version_id, start=None, end=None, quote=old.quote,
                      prefix=old.prefix, suffix=old.suffix, paragraph=None, sentence_index=None, score=old.score,
                      reasons=list(old.reasons or []), orphaned=True, anchor="orphaned", similarity=similarity,
                      previous_id=old.id)
