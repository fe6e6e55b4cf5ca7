"""The import use case on SQLite and PostgreSQL: claims, repeats, idempotency, versions, atomicity."""

from __future__ import annotations

from sqlalchemy import select

from claimtrack.store import audit
from claimtrack.store.models import ArticleVersion, Claim, Mention
from conftest import SEED

from .conftest import ARTICLE_EN, counts

SEED_STATEMENTS = ["企业近2000家", "出货量已近1000台", "海外市场占比超40%", "最高4000万元", "四分之一",
                   "缩短约60%", "订单已达数千台"]


def claims_with_mentions(store) -> dict[str, list[Mention]]:
    with store.read() as session:
        rows = session.execute(select(Claim.text, Mention).join(Mention, Mention.claim_id == Claim.id)).all()
    found: dict[str, list[Mention]] = {}
    for text, mention in rows:
        found.setdefault(text, []).append(mention)
    return found


def test_the_seed_gives_one_claim_per_statement_with_one_mention_per_copy(run_import, store):
    summary = run_import(str(SEED))
    result = summary.results[0]
    assert (result.status, result.version) == ("imported", 1)
    assert len(result.repeats) == 1
    repeat = result.repeats[0]
    assert repeat["first_start"] == 0 and repeat["end"] > repeat["start"] > repeat["first_end"]
    claims = claims_with_mentions(store)
    with store.read() as session:
        text = session.scalar(select(ArticleVersion.text))
    for statement in SEED_STATEMENTS:
        matching = [c for c in claims if statement in c]
        assert len(matching) == 1, statement
        mentions = claims[matching[0]]
        assert len(mentions) == 2, statement
        first, second = sorted(mentions, key=lambda m: m.start)
        assert first.end <= repeat["first_end"] and second.start >= repeat["start"]
        assert all(text[m.start:m.end] == m.quote == matching[0] for m in mentions)
    assert result.claims_new == len(claims)
    assert result.mentions == 2 * len(claims)


def test_importing_the_same_bytes_again_writes_nothing(run_import, store):
    run_import(str(SEED))
    before = counts(store)
    again = run_import(str(SEED)).results[0]
    assert (again.status, again.version, again.claims_new) == ("unchanged", 1, 0)
    assert len(again.repeats) == 1
    assert counts(store) == before


def test_audit_events_cover_article_version_mentions_and_claims(run_import, store):
    run_import(str(SEED))
    with store.read() as session:
        from claimtrack.store.models import Event

        actions = [e.action for e in session.scalars(select(Event).order_by(Event.id))]
        assert audit.verify(session).ok
    assert actions[:2] == ["article.create", "version.create"]
    assert actions[-1] == "mention.create"
    assert actions.count("claim.create") == len(claims_with_mentions(store))


def test_a_second_article_with_the_same_sentence_matches_the_claim(run_import, write, store):
    first = run_import(write("a.txt", ARTICLE_EN)).results[0]
    other = ARTICLE_EN.replace("Robots on the march", "Another outlet").replace("The future belongs to the bold.", "")
    second = run_import(write("b.txt", other)).results[0]
    assert second.status == "imported"
    assert second.claims_new == 0
    assert second.claims_matched == first.claims_new


ZH = "海淀人形机器人订单已达数千台\n\n数据显示，仅海淀辖区内就聚集了人工智能相关企业近2000家。全球累计出货量已近1000台，海外市场占比超40%。\r\n合作导演反馈影视制作成本可降至传统方法四分之一，制作时间缩短约60%。\n"
ZH_TW = "海淀人形機器人訂單已達數千台\n\n數據顯示，海淀轄區內聚集了人工智慧相關企業近2000家。全球累計出貨量已近1000台，海外市場佔比超過40%。\n製作成本可降至傳統方法四分之一，製作時間縮短約60%。\n"


def version_of(store, article_id: int) -> ArticleVersion:
    with store.read() as session:
        return session.scalars(select(ArticleVersion).where(ArticleVersion.article_id == article_id)).one()


def test_every_encoding_imports_to_the_same_canonical_text(run_import, write, store):
    files = [write(f"zh-{enc}.txt", ZH, enc) for enc in ("utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16")]
    files += [write(f"tw-{enc}.txt", ZH_TW, enc) for enc in ("utf-8", "big5")]
    summary = run_import(*files)
    assert [r.status for r in summary.results] == ["imported"] * 7
    versions = [version_of(store, r.article_id) for r in summary.results]
    assert {v.text for v in versions[:5]} == {versions[0].text}
    assert versions[5].text == versions[6].text
    assert versions[0].text.startswith("海淀人形机器人订单已达数千台\n\n数据显示")
    assert [v.encoding for v in versions] == ["utf-8", "utf-8-sig", "gb18030", "gb18030", "utf-16", "utf-8",
                                              "big5hkscs"]
    assert len({v.raw_sha256 for v in versions[:5]}) == 4  # raw bytes differ (GBK = GB18030 here), text is one
    assert summary.results[2].claims_matched == summary.results[0].claims_new  # same claims, not new ones


def test_binary_files_are_refused_and_nothing_is_stored(run_import, write, store):
    png = write("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    nul = write("nul.txt", b"some text\x00\x00\x01 and more\x00binary")
    summary = run_import(png, nul)
    assert [(r.status, r.error) for r in summary.results] == [
        ("failed", f"{png} is a PNG image, not text"),
        ("failed", f"{nul} is binary (it contains NUL bytes), not text (UTF-16 text needs a byte-order mark)"),
    ]
    assert counts(store) == dict.fromkeys(counts(store), 0)


def test_a_file_over_the_cap_and_an_empty_file_fail_without_stopping_the_others(context, write, store):
    from dataclasses import replace

    from claimtrack.ingest.importer import import_sources

    context.settings = replace(context.settings, import_max_bytes=2000)
    big, empty, good = write("big.txt", "x" * 2001), write("empty.txt", "\n \n"), write("good.txt", ARTICLE_EN)
    summary = import_sources(context, [big, empty, good])
    assert [(r.status, r.error) for r in summary.results] == [
        ("failed", f"file too large (2,001 bytes, cap 2,000): {big}"),
        ("failed", f"no text in {empty}"),
        ("imported", None),
    ]


def test_a_failure_mid_import_leaves_nothing_of_that_source(run_import, write, store, monkeypatch):
    real = audit.append_events
    calls = {"mention.create": 0}

    def failing(session, events):
        if any(e.action == "mention.create" for e in events):
            calls["mention.create"] += 1
            if calls["mention.create"] == 1:
                session.flush()  # the version, claims and mentions are in the transaction by now
                raise RuntimeError("disk on fire")
        return real(session, events)

    monkeypatch.setattr(audit, "append_events", failing)
    first, second = write("first.txt", ARTICLE_EN), write("second.txt", "近2000家AI企业落户海淀。\n")
    summary = run_import(first, second)
    assert [(r.status, r.error) for r in summary.results] == [
        ("failed", "internal error: RuntimeError: disk on fire"), ("imported", None)]
    with store.read() as session:
        from claimtrack.store.models import Article

        assert [a.source for a in session.scalars(select(Article))] == [second]
        assert audit.verify(session).ok
    assert counts(store)["mention"] == 1


def test_stdin_with_a_title_becomes_versions_of_one_article(run_import, store):
    import io

    one = run_import("-", title="Evening bulletin", stdin=io.BytesIO(ARTICLE_EN.encode())).results[0]
    edited = ARTICLE_EN.replace("almost 1,000 units", "almost 1,100 units")
    two = run_import("-", title="Evening bulletin", stdin=io.BytesIO(edited.encode())).results[0]
    assert (one.status, two.status) == ("imported", "updated")
    assert one.article_id == two.article_id and two.version == 2
    assert one.source == "stdin:Evening bulletin"
