"""Expanding SOURCE arguments and loading one source into a canonical Document (no database)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from claimtrack.config import Settings
from claimtrack.errors import InputError
from claimtrack.ingest.sources import Source, canonical_url, expand, load, read_file


def test_folders_are_walked_recursively_and_sorted(write, tmp_path):
    write("news/b.txt", "b")
    write("news/a.md", "a")
    write("news/sub/c.html", "<p>c</p>")
    write("news/sub/d.htm", "<p>d</p>")
    write("news/.hidden.txt", "h")
    write("news/.git/config.txt", "h")
    write("news/photo.png", b"\x89PNG")
    write("news/notes.docx", b"PK")
    result = expand([str(tmp_path / "news")])
    assert [Path(s.given).relative_to(tmp_path).as_posix() for s in result.sources] == [
        "news/a.md", "news/b.txt", "news/sub/c.html", "news/sub/d.htm"]
    assert (result.skipped_hidden, result.skipped_unsupported) == (2, 2)
    assert result.problems == []


def test_every_kind_of_name(write, tmp_path):
    path = write("a.txt", "x")
    result = expand([path, "-", "https://news.example.org/a", "HTTP://x.example/b"])
    assert [(s.kind, s.given) for s in result.sources] == [
        ("file", path), ("stdin", "-"), ("url", "https://news.example.org/a"), ("url", "HTTP://x.example/b")]
    assert result.sources[0].path == Path(path).resolve()


def test_names_that_cannot_be_used_become_problems(write):
    pdf = write("report.pdf", b"%PDF")
    result = expand(["missing.txt", pdf, "ftp://x.example/a.txt", "javascript:alert(1)", "x" * 2001])
    assert [p.error for p in result.problems] == [
        "no such file or folder",
        "unsupported file type '.pdf': use .htm, .html, .markdown, .md, .text, .txt, .xhtml",
        "unsupported scheme 'ftp:': only http:// and https:// URLs can be imported",
        "unsupported scheme 'javascript:': only http:// and https:// URLs can be imported",
        "source name longer than 2000 characters",
    ]
    assert result.sources == []


def test_the_same_file_twice_is_imported_once(write, tmp_path):
    path = write("a.txt", "x")
    assert len(expand([path, str(tmp_path), "./a.txt"]).sources) == 1


def test_from_list_skips_comments_and_blank_lines(write):
    a, b = write("a.txt", "a"), write("b.txt", "b")
    listing = write("list.txt", f"# nightly list\n\n{a}\n   # indented comment\nhttps://news.example.org/x\n{b}\n")
    result = expand([], from_list=listing)
    assert [s.given for s in result.sources] == [a, "https://news.example.org/x", b]


def test_from_list_on_stdin(write):
    a = write("a.txt", "a")
    assert [s.given for s in expand([], from_list="-", stdin=io.BytesIO(f"{a}\n".encode())).sources] == [a]


def test_a_missing_list_is_an_error():
    with pytest.raises(InputError, match="list file not found: nope.txt"):
        expand([], from_list="nope.txt")


def test_the_size_cap_is_checked_before_reading(write):
    path = Path(write("big.txt", "x" * 101))
    with pytest.raises(InputError, match=r"file too large \(101 bytes, cap 100\)"):
        read_file(path, 100)
    assert read_file(path, 101) == b"x" * 101


def load_file(path: str, **options):
    return load(Source("file", path, Path(path).resolve()), Settings(), **options)


def test_a_txt_file_is_text_even_with_script_tags(write):
    doc = load_file(write("a.txt", "Headline\n\n<script>alert(1)</script> Nearly 2,000 firms.\n"))
    assert doc.text == "Headline\n\n<script>alert(1)</script> Nearly 2,000 firms."
    assert (doc.content_type, doc.extractor, doc.title, doc.language) == ("text/plain", "plain", "Headline", "en")


def test_an_html_file_is_extracted(write):
    html = ("<html><head><title>Robots</title></head><body><nav>Menu</nav><article><p>Nearly 2,000 AI firms "
            "are based in Haidian, the government said.</p></article><script>x()</script></body></html>")
    doc = load_file(write("a.html", html))
    assert doc.text == "Nearly 2,000 AI firms are based in Haidian, the government said."
    assert (doc.title, doc.extractor, doc.content_type) == ("Robots", "trafilatura", "text/html")


def test_provenance(write):
    raw = "\ufeff第一行\r\n\r\n\r\n近2000家企业。  \r\n".encode()
    doc = load_file(write("zh.txt", raw))
    assert doc.raw == raw
    assert doc.text == "第一行\n\n近2000家企业。"
    assert (doc.encoding, doc.language, doc.source) == ("utf-8-sig", "zh", str(Path(doc.given).resolve()))
    assert len(doc.raw_sha256) == len(doc.text_sha256) == 64


def test_title_and_language_options(write):
    doc = load_file(write("a.txt", "Nearly 2,000 firms."), title="  My title ", lang="zh")
    assert (doc.title, doc.language) == ("My title", "zh")


def test_an_empty_article_is_refused(write):
    with pytest.raises(InputError, match="no text in .*empty.txt"):
        load_file(write("empty.txt", " \n\u3000\n\t"))


def test_stdin_identity():
    doc = load(Source("stdin", "-"), Settings(), stdin=io.BytesIO("近2000家企业。".encode()))
    assert doc.source == f"stdin:{doc.raw_sha256[:16]}"
    titled = load(Source("stdin", "-"), Settings(), stdin=io.BytesIO(b"x"), title="Evening news")
    assert titled.source == "stdin:Evening news"


def test_canonical_url():
    assert canonical_url("HTTPS://News.Example.org/a?b=1#frag") == "https://news.example.org/a?b=1"
    assert canonical_url("https://news.example.org") == "https://news.example.org/"


def test_a_path_too_long_for_the_file_system_is_a_problem():
    result = expand(["a" * 300 + ".txt"])
    assert result.problems[0].error == "cannot use this path: File name too long"


def test_an_unreadable_folder_is_a_problem(tmp_path, monkeypatch):
    import os

    (tmp_path / "news").mkdir()

    def walk(top, onerror=None, **kwargs):
        onerror(PermissionError(13, "Permission denied", str(top)))
        return iter(())

    monkeypatch.setattr(os, "walk", walk)
    result = expand([str(tmp_path / "news")])
    assert [(p.given, p.error) for p in result.problems] == [
        (str(tmp_path / "news"), "cannot read folder: Permission denied")]


def test_from_list_entries_resolve_against_the_list_files_folder(tmp_path, monkeypatch):
    nightly = tmp_path / "nightly"
    (nightly / "in").mkdir(parents=True)
    (nightly / "in" / "a.txt").write_text("a", encoding="utf-8")
    (nightly / "list.txt").write_text("in/a.txt\nhttps://news.example.org/x\n", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "in").mkdir()
    (elsewhere / "in" / "a.txt").write_text("the wrong a", encoding="utf-8")  # what the current folder would give
    monkeypatch.chdir(elsewhere)
    result = expand([], from_list="../nightly/list.txt")
    assert not result.problems
    assert [s.path.resolve() if s.path else s.given for s in result.sources] == [
        (nightly / "in" / "a.txt").resolve(), "https://news.example.org/x"]
