"""Lint for lesson prose: emphasis that Markdown will show as literal stars.

CommonMark closes ``**bold**`` only where the closing stars are "right-flanking": after a
punctuation mark they must be followed by a space or punctuation. Korean particles follow words
directly, so ``**파드(Pod)**는`` renders as ``**파드(Pod)**는`` with its stars showing; the fix is
``**파드**(Pod)는``. The check renders the text exactly as the page does (lessons/markup.py)
and reports stars left over outside code.
"""
from __future__ import annotations

import re

from lessons.markup import markdown

_CODE = re.compile(r"<code>.*?</code>|<pre>.*?</pre>", re.S)
_TAG = re.compile(r"<[^>]+>")
_STARS = re.compile(r"\*\*|__")


def unclosed_emphasis(text: str) -> str | None:
    """The words around the first ``**`` (or ``__``) that renders literally, or None."""
    html = _CODE.sub("", markdown(text))
    for line in _TAG.sub("", html).splitlines():
        found = _STARS.search(line)
        if found:
            closing = _STARS.search(line, found.end())
            end = (closing or found).end() + 4
            return line[max(0, found.start() - 20):end].strip()
    return None
