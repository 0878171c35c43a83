"""HTML from course databases turned into safe plain text.

KURSNET stores ``inhalt``, ``zugang``, ``unterrichtszeiten`` ... as HTML fragments (``<h4>``,
``<p>``, ``<ul><li>``, ``<br/>``, entities). The bot shows plain text only: headings and paragraphs
become lines, list items "• " lines, entities are decoded, and nothing of a tag survives, so no
markup, script or link attribute can reach a chat widget (an escaped ``&lt;b&gt;`` stays the text
"<b>", which the widget shows as text, as it does with every message). Text without tags passes unchanged
(apart from whitespace), so calling this on plain text is harmless.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "tr", "section", "article",
          "blockquote", "pre", "dl", "dt", "dd"}
_DROP = {"script", "style", "head", "title", "template", "noscript", "iframe", "object"}
_SPACES = re.compile(r"[ \t\u00a0]+")
_LOOKS_LIKE_HTML = re.compile(r"<[a-zA-Z/!][^>]*>|&[a-zA-Z#][a-zA-Z0-9]*;")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.dropping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROP:
            self.dropping += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag == "li":
            self.parts.append("\n• ")
        elif tag in ("td", "th"):
            self.parts.append(" ")
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROP:
            self.dropping = max(0, self.dropping - 1)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            self.parts.append(data)


def html_to_text(value: str | None) -> str:
    """Plain text of an HTML fragment: lines kept, at most one empty line between blocks."""
    if not value:
        return ""
    if not _LOOKS_LIKE_HTML.search(value):
        return "\n".join(_SPACES.sub(" ", line).strip() for line in value.strip().splitlines()).strip()
    parser = _Text()
    parser.feed(value)
    parser.close()
    lines = [_SPACES.sub(" ", line).strip() for line in "".join(parser.parts).splitlines()]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()
