"""Lines of an article's text that are page furniture, not the article: they are kept in the text (spans stay
exact) but never become claims.

The one idea: judge a line by what it *is on a page*, not by what it says — a section header of story lists
(延伸阅读 / 相关报道 / Read more …) and the short link-like lines under it, copyright and comment-widget lines,
stock-ticker rows, lines that read like headlines (Title Case, no sentence end: sub-headings and listicle
teasers, which score near the threshold), the headline itself (stored as the title) and headings. Each rule is a shape, in both languages; none names a site.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["furniture_lines", "is_heading_like"]

_LB = re.compile(r"[^\n]+")
_HEADER = re.compile(
    r"^\s*[【\[]?\s*(?:延伸阅读|延伸閱讀|相关报道|相關報導|相关新闻|相關新聞|相关阅读|相關閱讀|推荐阅读|推薦閱讀|"
    r"热门推荐|熱門推薦|更多阅读|更多閱讀|猜你喜欢|猜你喜歡|热点新闻|熱點新聞|热门新闻|熱門新聞|今日推荐|精彩推荐|"
    r"相关链接|相關連結|更多新闻|更多新聞|最新新闻|最新新聞|看更多|点击排行|點閱排行|"
    r"read more|related(?: stories| articles| coverage| content| news| links| reading)?|more from [^.!?]{1,40}|"
    r"more stories|recommended(?: for you| stories| reading)?|you may also like|you might also like|see also|"
    r"most (?:read|popular|viewed)|trending(?: now)?|further reading|also read|read next|more on this story|"
    r"top stories|latest news|editor'?s picks)\s*[】\]]?\s*(?:[:：>»|›]|$)", re.I)
_COPYRIGHT = re.compile(r"©|\(c\)\s*\d{4}|copyright\s*(?:©|\(c\)|(?:19|20)\d\d)|版权所有|版權所有|all rights reserved|未经授权|未經授權|"
                        r"不得转载|不得轉載|禁止转载|禁止轉載", re.I)
_COMMENTS = re.compile(
    r"^\s*(?:跟贴|跟帖|最热评论|最新评论|热门评论|網友評論|网友评论|发表评论|發表評論|我要评论|我要評論|评论\s*[（(]?\d|"
    r"評論\s*[（(]?\d|参与\s*\d|\d+\s*(?:条评论|條評論|人参与|人參與)|"
    r"(?:\d+\s+)?comments?\s*(?:\(\d+\)|\d+)?\s*$|leave a (?:comment|reply)|sign in to comment|log in to comment|join the conversation|"
    r"add your comment|post a comment|show comments|view comments|reply\b|report abuse)", re.I)
_TICKER = re.compile(r"(?:[A-Z]{1,5}(?:\.[A-Z]{1,2})?|\d{6}|[\u4e00-\u9fff]{2,6})\s*[-+]?\d[\d,.]*\s+[-+]?\d[\d.]*%")
_LIST_MARK = re.compile(r"^\s*(?:[-*•·▪►]|\d{1,3}[.)、])\s+")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_SMALL = frozenset("a an the of in on at to for and or but with from by as vs is are be your you our my".split())
_END = re.compile(r"[.!?。！？…”\"')）」』]\s*$")
_STAMP = re.compile(r"(?:\d{1,2}[-/.]\d{1,2}|\d{4}[-/.]\d{1,2}[-/.]\d{1,2})(?:\s+\d{1,2}:\d{2})?\s*[)）]?$")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s")
_CJK = re.compile(r"[\u3400-\u9fff]")


def _key(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).lower()


def is_heading_like(line: str) -> bool:
    """A line shaped like a headline: Title Case English words, no sentence end (e.g. "15 Amazing Images of
    Stars"), at most 14 words."""
    words = []
    for m in _WORD.finditer(line):  # not findall: a 20 MB line is not a heading, and 15 words already say so
        words.append(m.group())
        if len(words) > 14:
            break
    if not 2 <= len(words) <= 14 or _END.search(line) or _CJK.search(line):
        return False
    content = [w for w in words if w.lower() not in _SMALL]
    return bool(content) and sum(w[0].isupper() for w in content) >= 0.8 * len(content)


def furniture_lines(text: str, title: str | None = None, headings: tuple[str, ...] | list[str] = (),
                    links: tuple[str, ...] | list[str] = ()) -> list[tuple[int, int]]:
    """`(start, end)` spans of the lines of `text` that are page furniture (see the module docstring);
    `headings` are the texts the source marks as headings (HTML `<h1>`–`<h4>`, Markdown `#`), `links` the
    lines that are links in the page's link-dense blocks (story lists, navigation)."""
    spans: list[tuple[int, int]] = []
    # a "heading" that is a full sentence (a dek: "…makes a quick comeback.") is prose, not a heading
    heads = {_key(h) for h in headings if h and h.strip() and not _END.search(h)}
    heads |= {_key(line) for line in links if line.strip()}
    if title and title.strip() and len(text.strip().split("\n", 1)) > 1:
        heads.add(_key(title))  # (a one-line text is its own body, not a headline)
    under_header = False
    for m in _LB.finditer(text):
        line = m.group()
        stripped = line.strip()
        if not stripped:
            continue
        bare = _LIST_MARK.sub("", re.sub(r"^\s{0,3}#{1,6}\s+", "", stripped))
        furniture = (
            bool(heads) and _key(bare) in heads  # (no folded copy of a 20 MB line when nothing to compare)
            or bool(_MD_HEADING.match(line))
            or bool(_HEADER.match(bare))
            or bool(_COPYRIGHT.search(stripped)) and len(stripped) < 200
            or bool(_COMMENTS.match(bare)) and len(stripped) < 80
            or len(_TICKER.findall(stripped)) >= 2
            or bool(_LIST_MARK.match(stripped)) and bool(_STAMP.search(stripped)) and not _END.search(bare[:-5])
            or is_heading_like(bare)  # a headline or a teaser ("- 15 Amazing Images of Stars"), not a sentence
        )
        header = _HEADER.match(bare)
        if header:
            under_header = len(bare) - header.end() < 2  # a header alone on its line: a list follows
        elif under_header and (_END.search(stripped) and len(stripped) > 60 or len(stripped) > 120):
            under_header = False  # prose again: the story list is over
        if furniture or under_header:
            spans.append(m.span())
    return spans
