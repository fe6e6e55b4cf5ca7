"""`import`, `extract` and `articles` at the command line: exit codes, stdout/stderr, JSON shapes."""

from __future__ import annotations

import json

import httpx
import pytest

from conftest import SEED, invoke

from .conftest import ARTICLE_EN

ZH_PAGE = ("<html><head><meta charset='gbk'><title>海淀AI企业近2000家</title></head><body><nav>首页 | 科技</nav>"
           "<article><p>数据显示，仅海淀辖区内就聚集了人工智能相关企业近2000家，形成了国内最密集的AI产业集群之一。</p>"
           "<p>人形机器人全球累计出货量已近1000台，海外市场占比超40%。</p></article>"
           "<footer>版权所有</footer></body></html>")


def test_import_without_sources_is_a_usage_error(context):
    result = invoke("import", context=context)
    assert result.exit_code == 2
    assert result.stderr == "Error: name at least one SOURCE (file, folder, URL or -) or --from-list FILE\n"


def test_import_the_seed_as_json(cli):
    result = cli("import", str(SEED), "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"imported", "updated", "unchanged", "failed", "claims_new", "claims_matched", "articles"} <= set(data)
    assert (data["imported"], data["updated"], data["unchanged"], data["failed"]) == (1, 0, 0, [])
    article = data["articles"][0]
    assert {"id", "source", "status", "version_id"} <= set(article)
    assert (article["id"], article["source"], article["status"], article["version_id"]) == (1, str(SEED), "imported", 1)
    assert result.stderr == (f"1 imported, 0 updated, 0 unchanged, 0 failed; claims: {data['claims_new']} new, "
                             "0 matched; 1 repeated block(s) found\n")
    check = cli("db", "check")
    assert check.exit_code == 0, check.stdout + check.stderr


def test_one_failing_source_does_not_stop_the_others(context, tmp_path):
    (tmp_path / "good.txt").write_text(ARTICLE_EN, encoding="utf-8")
    result = invoke("import", "missing.txt", "good.txt", context=context)
    assert result.exit_code == 1
    assert result.stdout.startswith("imported  article 1 v1  ")
    lines = result.stderr.splitlines()
    assert lines[0] == "Error: missing.txt: no such file or folder"
    assert lines[1].startswith("1 imported, 0 updated, 0 unchanged, 1 failed; claims: ")


def test_unchanged_on_the_second_run(context, tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE_EN, encoding="utf-8")
    invoke("import", "a.txt", context=context)
    result = invoke("import", "a.txt", "--json", context=context)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert (data["imported"], data["unchanged"], data["claims_new"]) == (0, 1, 0)
    assert data["articles"][0]["status"] == "unchanged"


def test_folder_import_reports_skipped_files(context, tmp_path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text(ARTICLE_EN, encoding="utf-8")
    (tmp_path / "news" / ".draft.txt").write_text("x", encoding="utf-8")
    (tmp_path / "news" / "img.png").write_bytes(b"\x89PNG")
    result = invoke("import", "news", "--json", context=context)
    assert json.loads(result.stdout)["skipped"] == {"hidden": 1, "unsupported": 1}
    assert result.stderr.rstrip().endswith("; skipped 1 hidden, 1 unsupported file(s)")


def test_bad_lang_is_a_usage_error(context):
    result = invoke("import", "a.txt", "--lang", "fr", context=context)
    assert (result.exit_code, result.stderr) == (2, "Error: --lang must be zh or en, not 'fr'\n")


def test_extract_touches_no_database(context, tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE_EN, encoding="utf-8")
    result = invoke("extract", "a.txt", "--json", context=context)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) >= {"text", "sentences"}
    sentence = data["sentences"][0]
    assert set(sentence) >= {"start", "end", "text", "score", "check_worthy", "reasons", "quantities"}
    assert all(s["check_worthy"] for s in data["sentences"])
    assert all(data["text"][s["start"]:s["end"]] == s["text"] for s in data["sentences"])
    everything = json.loads(invoke("extract", "a.txt", "--all", "--json", context=context).stdout)
    assert len(everything["sentences"]) > len(data["sentences"])
    assert not (tmp_path / "claims.db").exists()


def test_extract_plain_output(context, tmp_path):
    (tmp_path / "a.txt").write_text("Nearly 2,000 AI companies are based in the district, officials said.\n",
                                    encoding="utf-8")
    result = invoke("extract", "a.txt", context=context)
    assert result.exit_code == 0
    assert result.stdout.startswith("* ")
    assert "[0:68]" in result.stdout and "\n      Nearly 2,000 = value=2000.0 " in result.stdout


def test_extract_refuses_a_folder_and_binary(context, tmp_path):
    (tmp_path / "bin.txt").write_bytes(b"\x89PNG\r\n\x1a\n")
    assert invoke("extract", ".", context=context).stderr == "Error: extract takes one file, URL or -, not a folder: .\n"
    assert invoke("extract", "bin.txt", context=context).stderr == "Error: bin.txt is a PNG image, not text\n"


def test_articles_list_and_show(context, tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE_EN, encoding="utf-8")
    invoke("import", "a.txt", context=context)
    listed = json.loads(invoke("articles", "list", "--json", context=context).stdout)
    assert [(a["id"], a["title"], a["versions"]) for a in listed] == [(1, "Robots on the march", 1)]
    shown = invoke("articles", "show", "1", "--json", context=context)
    data = json.loads(shown.stdout)
    assert {"id", "title", "url", "source", "language", "text", "versions"} <= set(data)
    assert {"id", "number", "raw_sha256", "text_sha256", "fetched_at", "encoding", "content_type"} <= set(
        data["versions"][0])
    assert data["mentions"] and all(data["text"][m["start"]:m["end"]] == m["quote"] for m in data["mentions"])


def test_articles_show_marks_spans_when_piped(context, tmp_path):
    (tmp_path / "a.txt").write_text("Head\u202eline\n\nNearly 2,000 AI companies are based in the district, officials "
                                    "said.\n", encoding="utf-8")  # a bidi override survives canonicalization
    invoke("import", "a.txt", context=context)
    out = invoke("articles", "show", "1", context=context).stdout
    assert "Headline\n\n[[Nearly 2,000 AI companies are based in the district, officials said.]]#1\n" in out
    assert "\u202e" not in out


def test_articles_show_errors(context, tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE_EN, encoding="utf-8")
    invoke("import", "a.txt", context=context)
    missing = invoke("articles", "show", "1", "--version", "9", context=context)
    assert (missing.exit_code, missing.stderr) == (1, "Error: article 1 has no version 9 (it has 1 to 1)\n")
    none = invoke("articles", "show", "7", context=context)
    assert (none.exit_code, none.stderr) == (1, "Error: no article 7 (see `claimtrack articles list`)\n")


# --- URLs through an injected transport ------------------------------------------------------------------

@pytest.fixture
def web_context(settings):
    from claimtrack.context import AppContext

    def handler(request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if path == "/old":
            return httpx.Response(301, headers={"location": "/news/ai#top"})
        if path == "/news/ai":
            return httpx.Response(200, content=ZH_PAGE.encode("gbk"), headers={"content-type": "text/html; charset=GBK"})
        if path == "/lying-charset":
            return httpx.Response(200, content=("海淀辖区内就聚集了人工智能相关企业近2000家，形成了国内最密集的AI产业集群之一。" * 4)
                                  .encode("gb18030"), headers={"content-type": "text/plain; charset=utf-8"})
        if path == "/file.pdf":
            return httpx.Response(200, content=b"%PDF-1.7", headers={"content-type": "application/pdf"})
        return httpx.Response(404, text="not here")

    ctx = AppContext(settings, transport=httpx.MockTransport(handler), resolve=lambda host, port: ["93.184.216.34"])
    yield ctx
    ctx.close()


def test_import_urls(web_context):
    result = invoke("import", "https://news.example.org/old", "https://news.example.org/lying-charset",
                    "https://news.example.org/file.pdf", "https://news.example.org/gone", "--json",
                    context=web_context)
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["failed"] == [
        {"source": "https://news.example.org/file.pdf",
         "error": "unsupported content type 'application/pdf' from https://news.example.org/file.pdf"},
        {"source": "https://news.example.org/gone", "error": "HTTP 404 Not Found from https://news.example.org/gone"},
    ]
    assert [a["source"] for a in data["articles"]] == ["https://news.example.org/news/ai",
                                                       "https://news.example.org/lying-charset"]
    shown = json.loads(invoke("articles", "show", "1", "--json", context=web_context).stdout)
    assert shown["title"] == "海淀AI企业近2000家"
    assert shown["url"] == "https://news.example.org/news/ai"
    assert "首页" not in shown["text"] and "版权所有" not in shown["text"]
    assert shown["text"].startswith("数据显示，仅海淀辖区内就聚集了人工智能相关企业近2000家")
    version = shown["versions"][0]
    assert (version["encoding"], version["content_type"], version["http_status"], version["final_url"],
            version["source"]) == ("gb18030", "text/html; charset=GBK", 200, "https://news.example.org/news/ai#top",
                                   "https://news.example.org/old")
    assert version["extractor"] == "trafilatura"
    lying = json.loads(invoke("articles", "show", "2", "--json", context=web_context).stdout)
    assert lying["text"].startswith("海淀辖区内就聚集了人工智能相关企业近2000家")
    assert lying["versions"][0]["encoding"] == "gb18030"


def test_articles_show_highlights_on_a_terminal(context, tmp_path, monkeypatch):
    from claimtrack.cli import render

    (tmp_path / "a.txt").write_text("Headline\n\nNearly 2,000 AI companies are based in the district, officials "
                                    "said.\n", encoding="utf-8")
    invoke("import", "a.txt", context=context)
    monkeypatch.setattr(render, "interactive", lambda: True)
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm-256color")
    out = invoke("articles", "show", "1", context=context).stdout
    assert "\x1b[1;33mNearly 2,000 AI companies" in out
    assert "]]#1" in out
