"""Decoding: BOM, then a declared charset, then UTF-8, then detection; binary input is refused."""

from __future__ import annotations

import pytest

from claimtrack.errors import InputError
from claimtrack.fetch.decode import decode, declared_charset, sniff_charset

ZH = ("数据显示，仅海淀辖区内就聚集了人工智能相关企业近2000家，形成了国内最密集的AI产业集群之一。"
      "全球累计出货量已近1000台，海外市场占比超40%。合作导演反馈影视制作成本可降至传统方法四分之一，"
      "制作时间缩短约60%。线上线下订单已达数千台，政策包抛出最高4000万元红包。") * 3
ZH_TW = ("數據顯示，海淀轄區內聚集了人工智慧相關企業近2000家，形成了國內最密集的產業集群之一。"
         "全球累計出貨量已近1000台，海外市場佔比超過40%。製作時間縮短約60%，訂單已達數千台。") * 3


@pytest.mark.parametrize(("encoding", "expected", "method"), [
    ("utf-8", "utf-8", "utf-8"),
    ("utf-8-sig", "utf-8-sig", "bom"),
    ("gb18030", "gb18030", "detected"),
    ("gbk", "gb18030", "detected"),
    ("utf-16", "utf-16", "bom"),
    ("utf-32", "utf-32", "bom"),
])
def test_chinese_in_each_encoding_decodes_to_the_same_text(encoding, expected, method):
    decoded = decode(ZH.encode(encoding))
    assert (decoded.text, decoded.encoding, decoded.method) == (ZH, expected, method)


def test_big5_is_detected():
    decoded = decode(ZH_TW.encode("big5"))
    assert decoded.text == ZH_TW
    assert decoded.encoding == "big5hkscs"


def test_a_declared_charset_wins_over_detection_on_short_input():
    data = "中文".encode("gbk")  # too short to detect reliably
    assert decode(data, declared="GB2312").text == "中文"
    assert decode(data, declared="gb2312").method == "declared"


def test_a_declaration_the_bytes_contradict_is_ignored():
    decoded = decode(ZH.encode("gb18030"), declared="utf-8")
    assert decoded.text == ZH
    assert decoded.method == "detected"


def test_a_latin1_default_on_valid_utf8_bytes_gives_way_to_utf8():
    decoded = decode("Café: 40% more".encode("utf-8"), declared="ISO-8859-1")
    assert (decoded.text, decoded.encoding) == ("Café: 40% more", "utf-8")


def test_a_real_latin1_page_decodes_as_windows_1252():
    decoded = decode("Café – 40%".encode("cp1252"), declared="iso-8859-1")
    assert (decoded.text, decoded.encoding, decoded.method) == ("Café – 40%", "cp1252", "declared")


def test_html_meta_charset_is_used_only_for_html():
    page = '<html><head><meta charset="gbk"></head><body>中文</body></html>'.encode("gbk")
    assert decode(page, html=True).method == "meta"
    assert "中文" in decode(page, html=True).text
    assert sniff_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=big5">') == "big5"
    assert sniff_charset(b'<?xml version="1.0" encoding="GB18030"?><html/>') == "GB18030"


def test_the_bom_beats_a_contrary_declaration():
    assert decode(ZH.encode("utf-16"), declared="gbk").text == ZH


def test_declared_charset_parsing():
    assert declared_charset("text/html; charset=\"GBK\"") == "GBK"
    assert declared_charset("text/html;CHARSET=utf-8 ") == "utf-8"
    assert declared_charset("text/html") is None
    assert declared_charset(None) is None


def test_unknown_charset_labels_are_ignored():
    assert decode("plain".encode(), declared="x-no-such-charset").text == "plain"


@pytest.mark.parametrize(("data", "message"), [
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "is a PNG image, not text"),
    (b"%PDF-1.7\n...", "is a PDF document, not text"),
    (b"GIF89a\x01\x00", "is a GIF image, not text"),
    (b"hello\x00world\x00\x01\x02binary", "is binary (it contains NUL bytes)"),
    (bytes(range(1, 256)) * 8, "not text in any known encoding"),
    (b"abc\x01\x02\x03\x04\x05\x06\x07\x08def", "is binary (control characters)"),
])
def test_binary_input_is_refused(data, message):
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        decode(data, label="f.txt")


def test_utf16_without_bom_but_ascii_heavy_is_text():
    text = "Nearly 2,000 AI firms; over 40% overseas.\n" * 5
    assert decode(text.encode("utf-16-le")).text == text


def test_empty_input_decodes_to_empty_text():
    assert decode(b"").text == ""


def test_a_few_damaged_bytes_keep_the_declared_charset():
    body = ("<p>國光免費去宜蘭第二天，零星衝突。</p>" * 400).encode("big5")
    cut = body.index(b"</p>", 5000)
    page = b'<meta charset="big5">' + body[:cut] + b"\xff" + body[cut:]  # one byte no Big5 character starts with
    decoded = decode(page, html=True)
    assert decoded.encoding.startswith("big5")
    assert decoded.text.count("\ufffd") == 1 and "零星衝突" in decoded.text


def test_many_damaged_bytes_are_not_the_declared_charset():
    page = b'<meta charset="big5"><p>' + "caf\u00e9 ".encode("latin-1") * 50 + b"</p>"
    assert not decode(page, html=True).encoding.startswith("big5")
