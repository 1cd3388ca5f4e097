"""Lesson prose as HTML: Markdown (CommonMark, tables, strikethrough) with raw HTML disabled.

Authors write Markdown (docs/authoring.md); the page shows it. ``html: False`` makes markdown-it
escape any tag an author (or a lesson from elsewhere) writes, and its link validator drops
``javascript:``, ``vbscript:``, ``file:`` and most ``data:`` URLs, so the output is safe to mark
safe in a template or to set as ``innerHTML`` in the page.
"""
from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "typographer": False}).enable(["table", "strikethrough"])


def markdown(text: str) -> str:
    """Block Markdown (paragraphs, lists, code blocks) to HTML."""
    return _parser().render(text or "")


def markdown_inline(text: str) -> str:
    """One line of Markdown (a title, a check's message, a quiz choice): no paragraph around it."""
    return _parser().renderInline(text or "")
