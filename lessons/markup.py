"""Lesson prose as HTML: Markdown (CommonMark, tables, strikethrough) with raw HTML disabled.

Authors write Markdown (docs/authoring.md); the page shows it. ``html: False`` makes markdown-it
escape any tag an author (or a lesson from elsewhere) writes, and its link validator drops
``javascript:``, ``vbscript:``, ``file:`` and most ``data:`` URLs, so the output is safe to mark
safe in a template or to set as ``innerHTML`` in the page.

Then, belt and braces, the HTML goes through nh3 (the Ammonia sanitiser) with an allow-list of
exactly the tags and attributes this Markdown produces, and only http(s), mailto and relative
URLs: should a future option or plug-in let raw HTML through, no script, event handler or
``javascript:`` URL reaches the page.
"""
from __future__ import annotations

from functools import lru_cache

import nh3
from markdown_it import MarkdownIt

TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre", "code", "em",
        "strong", "s", "a", "img", "hr", "br", "table", "thead", "tbody", "tr", "th", "td"}
ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "ol": {"start"},
              "code": {"class"}, "th": {"style"}, "td": {"style"}}
URL_SCHEMES = {"http", "https", "mailto"}


def sanitize(html: str) -> str:
    """The allow-list above; everything else is dropped (a <script>'s content too)."""
    return nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES, link_rel=None,
                     filter_style_properties={"text-align"}, strip_comments=True)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "typographer": False}).enable(["table", "strikethrough"])


# A lesson's sandbox renders its progress report after every turn (lessons/live.py), in every
# language: the same few hundred strings again and again. Rendering is a pure function of the
# text, so the results are kept (a course's prose is a few thousand strings at most).
@lru_cache(maxsize=8192)
def markdown(text: str) -> str:
    """Block Markdown (paragraphs, lists, code blocks) to HTML."""
    return sanitize(_parser().render(text or ""))


@lru_cache(maxsize=8192)
def markdown_inline(text: str) -> str:
    """One line of Markdown (a title, a check's message, a quiz choice): no paragraph around it."""
    return sanitize(_parser().renderInline(text or ""))
