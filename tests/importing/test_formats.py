"""stdin and files without an extension are sniffed (HTML, Markdown, text); --format forces; Markdown is parsed."""

from __future__ import annotations

import io
import json

import pytest

from claimtrack.config import Settings
from claimtrack.ingest.sources import Source, load, sniff_format
from conftest import invoke

PAGE = ("<!DOCTYPE html><html><head><title>Nearly 2,000 AI firms - Daily Tech</title>"
        "<meta property='og:site_name' content='Daily Tech'></head><body><nav><a href='/'>Home</a></nav>"
        "<article><h1>Nearly 2,000 AI firms</h1><p>Nearly 2,000 AI firms are based in Haidian, the district "
        "government said on Tuesday in a statement.</p></article><script>var x = 1;</script></body></html>")
MARKDOWN = """# Robots on the march

*By Jane Doe*

Nearly **2,000** AI companies are based in the [district](https://example.org/d), the city government said.

## Exports

- Shipments of humanoid robots reached almost 1,000 units last year, with more than 40% sold overseas.
"""


def read(data: bytes, fmt=None, path=None):
    if path is not None:
        path.write_bytes(data)
        return load(Source("file", str(path), path), Settings(), fmt=fmt)
    return load(Source("stdin", "-"), Settings(), stdin=io.BytesIO(data), fmt=fmt)


@pytest.mark.parametrize("data,kind", [
    (PAGE.encode(), "text/html"), (b"<div><p>Some text</p><p>more</p><a href='x'>x</a></div>", "text/html"),
    (MARKDOWN.encode(), "text/markdown"), (b"Plain words. 40% more < 50% less.\n", "text/plain"),
])
def test_sniffing(data, kind):
    assert sniff_format(data) == kind


def test_html_on_stdin_is_extracted_not_stored_as_markup():
    doc = read(PAGE.encode())
    assert doc.content_type == "text/html" and doc.extractor.startswith("trafilatura")
    assert "<" not in doc.text and "var x" not in doc.text and "Nearly 2,000 AI firms are based" in doc.text
    assert doc.title == "Nearly 2,000 AI firms"


def test_a_file_without_extension_is_sniffed(tmp_path):
    doc = read(MARKDOWN.encode(), path=tmp_path / "README")
    assert doc.content_type == "text/markdown"


def test_markdown_markup_never_reaches_the_text():
    doc = read(MARKDOWN.encode())
    assert doc.title == "Robots on the march" and doc.author == "Jane Doe" and doc.published is None
    assert "*" not in doc.text and "#" not in doc.text and "](" not in doc.text
    assert "Nearly 2,000 AI companies are based in the district, the city government said." in doc.text
    assert doc.headings == ("Robots on the march", "Exports")


def test_format_forces_a_reading():
    doc = read(PAGE.encode(), fmt="txt")
    assert doc.content_type == "text/plain" and "<article>" in doc.text
    assert read(b"# Not a heading", fmt="txt").text == "# Not a heading"


def test_plain_text_gets_no_invented_date(tmp_path):
    assert read(b"Homes would be built by 2026, the council said on 3 May 2024.\n", path=tmp_path / "a.txt"
                ).published is None


def test_cli_format_option_and_its_errors(context, tmp_path):
    (tmp_path / "page").write_text(PAGE, encoding="utf-8")
    result = invoke("extract", str(tmp_path / "page"), "--format", "html", "--json", context=context)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["content_type"] == "text/html"
    bad = invoke("extract", str(tmp_path / "page"), "--format", "pdf", context=context)
    assert bad.exit_code == 2 and bad.stderr == "Error: --format must be html, md or txt, not 'pdf'\n"


def test_stdin_html_import_makes_claims_of_the_article_only(context):
    result = invoke("import", "-", "--json", context=context, input=PAGE)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["claims_new"] == 1
