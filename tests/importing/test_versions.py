"""New content for a known source: a new version, the previous mentions re-anchored, nothing deleted."""

from __future__ import annotations

from sqlalchemy import select

from claimtrack.store.models import ArticleVersion, Claim, Mention

from .conftest import ARTICLE_EN

INSERTED = "Editor's note: this story was updated on Tuesday with new figures from the ministry.\n\n"
CHANGED_OLD = "Shipments of humanoid robots reached almost 1,000 units last year, with more than 40% sold overseas."
CHANGED_NEW = "Shipments of humanoid robots reached almost 1,300 units last year, with more than 45% sold abroad."


def edited() -> str:
    head, body = ARTICLE_EN.split("\n\n", 1)
    return f"{head}\n\n{INSERTED}{body}".replace(CHANGED_OLD, CHANGED_NEW)


def mentions_by_version(store) -> dict[int, list[tuple[Mention, str]]]:
    with store.read() as session:
        rows = session.execute(select(Mention, Claim.text, ArticleVersion.number)
                               .join(Claim, Claim.id == Mention.claim_id)
                               .join(ArticleVersion, ArticleVersion.id == Mention.version_id)).all()
        texts = {v.number: v.text for v in session.scalars(select(ArticleVersion))}
    found: dict[int, list[tuple[Mention, str]]] = {}
    for mention, claim_text, number in rows:
        found.setdefault(number, []).append((mention, claim_text))
        if not mention.orphaned:
            assert texts[number][mention.start:mention.end] == mention.quote
    return found


def test_an_edited_article_keeps_unchanged_claims_anchored(run_import, write, store):
    path = write("story.txt", ARTICLE_EN)
    first = run_import(path).results[0]
    write("story.txt", edited())
    second = run_import(path).results[0]
    assert (second.status, second.version, second.article_id) == ("updated", 2, first.article_id)

    by_version = mentions_by_version(store)
    with store.read() as session:
        new_text = session.scalar(select(ArticleVersion.text).where(ArticleVersion.number == 2))
    old = {m.id: (m, text) for m, text in by_version[1]}
    successors = {m.previous_id: m for m, _ in by_version[2] if m.previous_id is not None}
    assert set(successors) == set(old)  # every old mention was carried: anchored or orphaned, never dropped
    for old_id, (old_mention, claim_text) in old.items():
        new = successors[old_id]
        assert new.claim_id == old_mention.claim_id
        if claim_text == CHANGED_OLD:
            assert new.orphaned or new.anchor in ("context", "fuzzy")
        else:
            assert not new.orphaned
            assert new.anchor == "exact"  # offsets moved by the inserted paragraph
            assert new.start == new_text.index(old_mention.quote) > old_mention.start
            assert new.quote == old_mention.quote
    assert len(by_version[1]) == first.mentions  # the old version's rows are untouched


def test_the_changed_sentence_becomes_a_new_claim(run_import, write, store):
    path = write("story.txt", ARTICLE_EN)
    run_import(path)
    write("story.txt", edited())
    second = run_import(path).results[0]
    assert second.claims_new == 1
    with store.read() as session:
        assert session.scalar(select(Claim.id).where(Claim.text == CHANGED_NEW)) is not None


def test_orphaned_mentions_are_carried_and_can_come_back(run_import, write, store):
    path = write("story.txt", ARTICLE_EN)
    run_import(path)
    write("story.txt", ARTICLE_EN.replace(CHANGED_OLD + "\n\n", ""))
    run_import(path)
    write("story.txt", ARTICLE_EN)
    third = run_import(path).results[0]
    assert third.orphaned == 0
    by_version = mentions_by_version(store)
    orphaned = [m for m, text in by_version[2] if m.orphaned]
    assert [text for m, text in by_version[2] if m.orphaned] == [CHANGED_OLD]
    assert orphaned[0].start is None and orphaned[0].end is None
    back = [m for m, text in by_version[3] if text == CHANGED_OLD]
    assert len(back) == 1 and not back[0].orphaned
    assert back[0].previous_id == orphaned[0].id


def test_re_importing_version_one_bytes_after_an_edit_is_a_new_version(run_import, write, store):
    path = write("story.txt", ARTICLE_EN)
    run_import(path)
    write("story.txt", edited())
    run_import(path)
    write("story.txt", ARTICLE_EN)
    assert run_import(path).results[0].version == 3  # "unchanged" compares with the latest version only
