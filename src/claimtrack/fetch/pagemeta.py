"""What a page says about itself: headline, publication date, authors and canonical URL, read from its markup.

The one idea: a value is taken only where the page *declares* it — `<meta>` tags (also the `value=` form of
sanitized captures), JSON-LD, `<link rel=canonical>`, headings, and byline elements — and cross-checked
between those declarations; nothing is guessed from body prose, footers or the clock. An unknown value stays
None. Titles: the longest heading that is also a run of `<title>`/`og:title` segments (so the site name and
section names are left out, and a navigation `<h1>` such as "Log In" loses), else the `<title>` with its site
segments removed. Dates: metadata, then `<time datetime>`, then a short byline element with a full date.
Authors: metadata and bylines (`By …`, 记者/作者/文/…報導), with outlet names, editors and placeholders dropped.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

__all__ = ["PageMeta", "read_meta", "strip_site", "clean_author"]


@dataclass(frozen=True)
class PageMeta:
    title: str | None
    date: str | None
    author: str | None
    canonical_url: str | None
    site: str | None


_SEP = re.compile(r"(\s+[|｜\-–—:@·]\s+|\s*[|｜]\s*|\s*::\s*|\s*--+\s*|\s+_|_(?=\S))")
_CJK_DASH = re.compile(r"(?<=[\u3400-\u9fff！？」》）\w])-(?=[\u3400-\u9fff])")
_SITE_WORD = re.compile(
    r"(?:网|網|报|報|新闻|新聞|频道|頻道|日报|日報|时报|時報|在线|在線|资讯|資訊|新聞雲|新闻网|新聞網|"
    r"\bnews|\bonline|\btimes|\bpost|\bdaily|\bjournal|\btribune|\bherald|\bobserver|\btelegraph|\bguardian|"
    r"\.com|\.org|\.net|pixnet|::)\s*$", re.I)
_GENERIC_HOST = {"www", "com", "org", "net", "co", "uk", "cn", "tw", "hk", "news", "m", "edu", "gov", "html", "ie", "in"}
_PUNCT = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "\u3000": " "})
_DATE_META = ("article:published_time", "og:article:published_time", "og:published_time", "article:published", "published_time", "datepublished", "pubdate",
              "publishdate", "publish-date", "publish_date", "dc.date.issued", "dcterms.issued", "dc.date",
              "parsely-pub-date", "og:pubdate", "article.published", "date", "sailthru.date", "pubtime",
              "publishtime", "article_date_original", "originalpublicationdate", "cxenseparse:recs:publishtime")
_AUTHOR_META = ("author", "article:author", "byl", "dc.creator", "sailthru.author", "parsely-author", "og:author",
                "twitter:creator")
_DATE = re.compile(
    r"(?P<y>(?:19|20)\d\d)\s*(?:[-/.年]\s*)(?P<m>[01]?\d)\s*(?:[-/.月]\s*)(?P<d>[0-3]?\d)(?:\s*日)?"
    r"(?:[\sT]*(?P<H>[0-2]?\d)[:：时時](?P<M>[0-5]\d)(?:[:：分](?P<S>[0-5]\d))?)?")
_ISO = re.compile(r"^\s*((?:19|20)\d\d-\d\d-\d\d)(?:[T ](\d\d:\d\d(?::\d\d)?)(?:\.\d+)?\s*(Z|[+-]\d\d:?\d\d)?)?")
_MONTHS = {m: i for i, ms in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                         "dec"), 1) for m in (ms,)}
_EN_DATE = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+([0-3]?\d),?\s+((?:19|20)\d\d)"
                      r"(?:,?\s+(?:at\s+)?([01]?\d):([0-5]\d)\s*([ap])\.?m\.?)?", re.I)
_BYLINE_CLASS = re.compile(r"byline|author|writer|reporter|source|info|meta|date|time|pub", re.I)
_NOT_AUTHOR = re.compile(
    r"^(?:by|from|name|username|user|admin|author|作者|记者|記者|编辑|編輯|staff|agencies|agency|letters|"
    r"reuters|ap|afp|associated press|.*\bstaff|.*\bnews|.*\bonline|.*新[闻聞](?:[网網雲])?|.*[网網]|.*[报報]|"
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|updated?|published|特稿|綜合報導|综合报道)$", re.I)
_EDITOR = re.compile(r"责任编辑|責任編輯|编辑[:：]|編輯[:：]|责编|責編|editor", re.I)


def key(text: str | None) -> str:
    """Compare headlines whatever their spacing, width and quote style."""
    text = unicodedata.normalize("NFKC", (text or "").translate(_PUNCT))
    return re.sub(r"[\s\u200b-\u200d\u2060\ufeff]+", "", text).lower()


def _norm(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFC", (text or "").replace("\u200b", "")).split())


def read_meta(tree, *, url: str | None = None, extracted_title: str | None = None,
              extracted_site: str | None = None) -> PageMeta:
    """Title, date, author and canonical URL of a parsed page (`lxml.html` tree)."""
    metas = _metas(tree)
    ld = _json_ld(tree)
    canonical = _canonical(tree, metas, url)
    sites = [s for s in (metas.get("og:site_name"), metas.get("application-name"), ld.get("publisher"),
                         extracted_site) if s]
    hosts = _host_labels(canonical or url or metas.get("og:url") or "")
    title = _title(tree, metas, ld, extracted_title, sites, hosts)
    return PageMeta(title=title, date=_date(tree, metas, ld), author=_author(tree, metas, ld, sites, hosts),
                    canonical_url=canonical, site=_norm(sites[0]) if sites else None)


def _metas(tree) -> dict[str, str]:
    out: dict[str, str] = {}
    for m in tree.iter("meta"):
        name = (m.get("property") or m.get("name") or m.get("itemprop") or m.get("http-equiv") or "").strip().lower()
        value = m.get("content") if m.get("content") is not None else m.get("value")
        if name and value and value.strip() and name not in out:
            out[name] = value.strip()
    return out


def _json_ld(tree) -> dict[str, str]:
    """headline, datePublished, author names and publisher of the first JSON-LD article object."""
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        for item in _ld_items(data):
            if not isinstance(item, dict) or not item.get("headline") and not item.get("datePublished"):
                continue
            return {"headline": _ld_text(item.get("headline")), "date": _ld_text(item.get("datePublished")),
                    "author": "; ".join(n for n in _ld_names(item.get("author")) if n),
                    "publisher": "; ".join(n for n in _ld_names(item.get("publisher")) if n)}
    return {}


def _ld_items(data):
    if isinstance(data, list):
        for x in data:
            yield from _ld_items(x)
    elif isinstance(data, dict):
        yield data
        if isinstance(data.get("@graph"), list):
            yield from _ld_items(data["@graph"])


def _ld_text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def _ld_names(value) -> list[str]:
    if isinstance(value, list):
        return [n for v in value for n in _ld_names(v)]
    if isinstance(value, dict):
        return [_ld_text(value.get("name"))]
    return [value.strip()] if isinstance(value, str) else []


# --- canonical URL ------------------------------------------------------------------------------------------

def _canonical(tree, metas: dict[str, str], url: str | None) -> str | None:
    og = metas.get("og:url", "")
    og = og if og.lower().startswith(("http://", "https://")) else ""
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and (link.get("href") or "").strip():
            href = link.get("href").strip()
            base = url or og
            full = urljoin(base, href) if base else href
            if full.lower().startswith(("http://", "https://")):
                return full
    return og or None


def _host_labels(url: str) -> list[str]:
    host = urlsplit(url).hostname or ""
    return [p for p in host.lower().split(".") if len(p) >= 3 and p not in _GENERIC_HOST]


# --- title --------------------------------------------------------------------------------------------------

def _segments(title: str) -> list[str]:
    parts = _SEP.split(_CJK_DASH.sub(" - ", title))
    return [p for p in parts[::2]]


def _runs(title: str) -> set[str]:
    """Keys of every run of consecutive segments of a `<title>` (the whole title included)."""
    parts = _SEP.split(_CJK_DASH.sub(" - ", title))
    segs, seps = parts[::2], parts[1::2]
    out = set()
    for i in range(len(segs)):
        text = ""
        for j in range(i, len(segs)):
            text += (seps[j - 1] if j > i else "") + segs[j]
            out.add(key(text))
    out.discard("")
    return out


def _site_like(segment: str, sites: list[str], hosts: list[str]) -> bool:
    k = key(segment)
    if not k:
        return True
    if any(key(s) and (key(s) in k or k in key(s)) for s in sites):
        return True
    if any(h in k or (len(k) >= 4 and k.strip(".") in h) for h in hosts):
        return True
    return len(segment) <= 24 and bool(_SITE_WORD.search(segment))


def strip_site(title: str | None, sites: list[str] = (), hosts: list[str] = ()) -> str | None:
    """A `<title>` without the site (and section) names around the headline: when an end segment names the
    site, the longest remaining segment is the headline; otherwise the title is kept whole."""
    title = _norm(title)
    if not title:
        return None
    segs = [s.strip() for s in _segments(title)]
    if len(segs) < 2 or not (_site_like(segs[-1], sites, hosts) or _site_like(segs[0], sites, hosts)):
        return title
    rest = [s for s in segs if s and not _site_like(s, sites, hosts)]
    return max(rest, key=len) if rest else None


def _headings(tree) -> list[str]:
    out = []
    for tag in ("h1", "h2"):
        for h in tree.iter(tag):
            text = _norm(h.text_content())
            if 2 <= len(text) <= 400:
                out.append(text)
            if len(out) > 40:
                return out
    return out


def _title(tree, metas, ld, extracted, sites, hosts) -> str | None:
    tag = next((_norm(t.text_content()) for t in tree.iter("title")
                if not any(a.tag == "svg" or str(a.tag).endswith("}svg") for a in t.iterancestors())), "")
    og = _norm(metas.get("og:title") or metas.get("twitter:title") or ld.get("headline"))
    runs = _runs(tag) | _runs(og) if tag or og else set()
    agreeing = [h for h in _headings(tree) if key(h) in runs and not _site_like(h, sites, hosts)]
    if not agreeing and extracted and key(extracted) in runs and not _site_like(extracted, sites, hosts):
        agreeing = [_norm(extracted)]
    if agreeing:
        return strip_site(max(agreeing, key=lambda h: len(key(h))), sites, hosts)
    stripped_tag, stripped_og = strip_site(tag, sites, hosts), strip_site(og, sites, hosts)
    if stripped_tag and stripped_og and key(stripped_og).startswith(key(stripped_tag)) \
            and len(stripped_og) > len(stripped_tag):
        return stripped_og  # a <title> cut short by the site
    return stripped_tag or stripped_og or _norm(extracted) or None


# --- date ---------------------------------------------------------------------------------------------------

def iso_date(value: str | None) -> str | None:
    """An ISO 8601 date or date-time of a declared value (`2019-09-08T00:20:15+08:00`, `2019年9月8日 08:18`)."""
    value = (value or "").strip()
    m = _ISO.match(value)
    if m:
        day, clock, zone = m.groups()
        if not clock:
            return day
        zone = "" if not zone else ("Z" if zone == "Z" else zone[:3] + ":" + zone[-2:])
        return f"{day}T{clock if len(clock) == 8 else clock + ':00'}{zone}"
    m = _DATE.search(value)
    if not m:
        return _english_date(value)
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    day = f"{y:04d}-{mo:02d}-{d:02d}"
    if m["H"] and int(m["H"]) < 24:
        return f"{day}T{int(m['H']):02d}:{m['M']}:{m['S'] or '00'}"
    return day


def _english_date(value: str) -> str | None:
    """"December 16, 2016, 4:19 PM" as 2016-12-16T16:19:00 (wall-clock time, as the page shows it)."""
    m = _EN_DATE.search(value)
    if not m:
        return None
    day = f"{m[3]}-{_MONTHS[m[1][:3].lower()]:02d}-{int(m[2]):02d}"
    if not m[4]:
        return day
    hour = int(m[4]) % 12 + (12 if m[6].lower() == "p" else 0)
    return f"{day}T{hour:02d}:{m[5]}:00"


def _date(tree, metas, ld) -> str | None:
    for name in _DATE_META:
        if metas.get(name) and (found := iso_date(metas[name])):
            return found
    if ld.get("date") and (found := iso_date(ld["date"])):
        return found
    for el in tree.xpath("//*[@itemprop='datePublished']"):
        if (found := iso_date(el.get("content") or el.get("datetime") or el.text_content())):
            return found
    for t in tree.iter("time"):
        if (found := iso_date(t.get("datetime"))) and not _in_footer(t):
            return found
    return _byline_date(tree) or _date_under_headline(tree)


def _date_under_headline(tree) -> str | None:
    """A full date in a short element just after the first `<h1>` (the byline row under the headline)."""
    h1 = next(tree.iter("h1"), None)
    if h1 is None:
        return None
    seen = 0
    for el in h1.itersiblings():
        for inner in el.iter():
            if not isinstance(inner.tag, str) or inner.tag in ("script", "style"):
                continue
            seen += 1
            own = _norm(inner.text_content())
            if len(own) <= 80 and (m := _DATE.search(own) or _EN_DATE.search(own)):
                return iso_date(m.group())
            if seen > 40:
                return None
    return None


def _in_footer(el) -> bool:
    for anc in el.iterancestors():
        if anc.tag in ("footer",) or re.search(r"foot|copyright|comment|related", (anc.get("class") or "") + " "
                                                + (anc.get("id") or ""), re.I):
            return True
    return False


def _byline_date(tree) -> str | None:
    """The first short element marked as a byline/date/source block that holds a full date (day included)."""
    for el in tree.iter():
        if not isinstance(el.tag, str) or el.tag in ("script", "style", "option", "a", "li"):
            continue
        marker = f"{el.get('class') or ''} {el.get('id') or ''}"
        if not _BYLINE_CLASS.search(marker):
            continue
        text = _norm(el.text_content())
        if len(text) > 160 or _in_footer(el):
            continue
        if (m := _DATE.search(text)) and (found := iso_date(m.group())):
            return found
    return None


# --- author -------------------------------------------------------------------------------------------------

def clean_author(value: str | None, sites: list[str] = (), hosts: list[str] = ()) -> str | None:
    """Personal names of a byline, `; `-separated; outlets, editors, dates and placeholders dropped."""
    value = _norm(value)
    if not value or _EDITOR.search(value) or re.search(r"@|https?:|www\.|\.com\b|\bemail\b", value, re.I):
        return None
    value = re.sub(r"^(?:(?:by|from)\s*)+", "", value, flags=re.I)
    value = re.sub(r"\s+(?:twitter|facebook|email|e-mail|follow|instagram|linkedin)\b.*$", "", value, flags=re.I)
    value = re.sub(r"^(?:[（(\[【]?(?:本报|本報)?(?:记者|記者|作者|文|撰文|采写|採訪)[)）\]】]?[:：/／\s]*)+", "", value)
    value = re.sub(r"(?:[/／].*|\s*(?:台北|臺北|綜合|综合|特稿|即時)?(?:報導|报道|特稿))$", "", value)
    names = []
    for part in re.split(r"\s*(?:;|,|，|、|·|\||\band\b|&)\s*", value, flags=re.I):
        part = re.sub(r"\s+(?:for\s+the|updated|published|on|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?)\b.*$",
                      "", part.strip(), flags=re.I).strip(" .:：-—")
        if not part or _NOT_AUTHOR.match(part) or _site_like_name(part, sites, hosts) or re.search(r"\d", part):
            continue
        if re.fullmatch(r"[\u3400-\u9fff]{2,4}", part) or re.fullmatch(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){1,4}", part,
                                                                       flags=re.I):
            names.append(part)
    seen: list[str] = []
    for n in names:
        if n.lower() not in (s.lower() for s in seen):
            seen.append(n)
    return "; ".join(seen) or None


def _site_like_name(part: str, sites, hosts) -> bool:
    k = key(part)
    return any(key(s) and (key(s) in k or k in key(s)) for s in sites) or any(h in k for h in hosts)


_EDITOR_NAME = re.compile(r"(?:责任编辑|責任編輯|编辑|編輯|责编|責編)\s*[:：]\s*([\u3400-\u9fff]{2,4})")


def _author(tree, metas, ld, sites, hosts) -> str | None:
    editors = {metas.get("editor", "")} | set(_EDITOR_NAME.findall(_norm(tree.text_content())))
    for value in (ld.get("author"), *(metas.get(n) for n in _AUTHOR_META), _byline_author(tree, sites, hosts)):
        found = clean_author(value, sites, hosts) if value else None
        names = [n for n in (found or "").split("; ") if n and n not in editors]
        if names:
            return "; ".join(names)
    return None


_BYLINE_TEXT = re.compile(
    r"^(?:by\s+(?P<en>[A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]+|and|&|,))*)|"
    r"[（(]?(?:本报|本報)?(?:记者|記者|作者|文)[)）]?[:：/／\s]*(?P<zh>[\u3400-\u9fff]{2,4}(?:[、\s][\u3400-\u9fff]{2,4})*)|"
    r"(?:[（(【]?(?:中央社)?(?:记者|記者))?(?P<tw>[\u3400-\u9fff]{2,4}(?:[、\s][\u3400-\u9fff]{2,4})*)[/／]"
    r"[\u3400-\u9fff]{0,6}(?:報導|报道|特稿))", re.I)


def _in_list(el) -> bool:
    """Inside a link, a list item or a comment thread: another story's or a commenter's name, not a byline."""
    for anc in el.iterancestors():
        if anc.tag in ("a", "li") or re.search(r"comment|reply|related|recommend|\bhot|rank", (anc.get("class") or "")
                                               + " " + (anc.get("id") or ""), re.I):
            return True
    return False


def _byline_author(tree, sites, hosts) -> str | None:
    for el in tree.iter():
        if not isinstance(el.tag, str) or el.tag in ("script", "style", "option", "title", "head", "a"):
            continue
        marker = f"{el.get('class') or ''} {el.get('id') or ''} {el.get('rel') or ''} {el.get('itemprop') or ''}"
        if not re.search(r"byline|author|writer|reporter", marker, re.I) or _in_list(el):
            continue
        text = _norm(el.text_content())
        if not text or len(text) > 120 or _in_footer(el):
            continue
        m = _BYLINE_TEXT.match(text)
        found = clean_author(m.group(m.lastgroup) if m else text, sites, hosts)
        if found:
            return found
    return None


_N = r"[\u4e00-\u9fff]{2,4}"
_NAMES = rf"{_N}(?:[、\s]{_N})*"
_TEXT_BYLINES = [re.compile(p) for p in (
    rf"(?:記者|记者)\s*({_NAMES})\s*[／/╱](?!\s*(?:攝影|摄影|攝|摄|圖|图))",          # 記者李欣芳／台北報導 (not ／攝影)
    rf"[【〔\[(（]\s*({_NAMES})\s*[／/╱][\u4e00-\u9fff]{{0,6}}(?:報導|报道|電|电)",  # 【王家俊／台北報導】
    r"(?:記者|记者)([\u4e00-\u9fff]{3})[\u4e00-\u9fff]{2,3}\d{1,2}日(?:專)?電",     # 中央社記者楊思瑞台南4日電
    rf"(?:本報|本报)(?:記者|记者)({_N})[】\]）)]",                                 # 【聯合報╱本報記者古硯偉】
    rf"(?<![\u4e00-\u9fff])({_N})\s*[／/╱]\s*[\u4e00-\u9fff]{{2,6}}\d{{1,2}}日電",  # 劉屏／華盛頓4日電
    rf"(?<![\u4e00-\u9fff])({_N}(?:\s+{_N})*)\s+(?:報導|报道)(?![\u4e00-\u9fff])",  # 彭佳芸 黃翊真 報導
    r"(?:作者|撰文|文)\s*[:：/／]\s*([\u4e00-\u9fff]{2,4})(?![\u4e00-\u9fff])",   # 作者：谢若含
)]


def text_byline(text: str, editors: set[str] = frozenset()) -> str | None:
    """The reporters a Chinese byline in running text names (記者X／台北報導, 【X／台北報導】, 中央社記者X台南4日電 …):
    the shapes are specific enough to be searched for; editors (责任编辑) are never authors."""
    found = sorted((m.start(), m.group(1)) for p in _TEXT_BYLINES for m in p.finditer(text[:100000]))
    for _, group in found:  # the earliest byline: later ones belong to other stories on the page
        names = [n for n in re.split(r"[、\s]+", group) if n and n not in editors and not _NOT_AUTHOR.match(n)
                 and not re.search(r"[報报网網社台北市]$|^本|编辑|編輯|责任|責任", n)]
        if names:
            return "; ".join(names)
    return None


def editor_names(tree) -> set[str]:
    """Names the page gives as editors (meta `editor`, 责任编辑：X)."""
    metas = _metas(tree)
    return {metas.get("editor", "")} | set(_EDITOR_NAME.findall(_norm(tree.text_content())))
