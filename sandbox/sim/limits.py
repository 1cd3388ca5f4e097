"""The simulation's own limits: what one sandbox may hold, and how big or deep a document may be.

A learner may paste anything; each limit refuses the input with the words the real tool would use
and changes nothing. The web ring has limits of its own (line length, frame size, commands per
second: sandbox/consumers.py); docs/limits.md lists them all. Plain Python: no Django.

- ``MAX_FILE_CHARS``: one file's size in a file system (the learner's home, a container's upper
  layer). A write past it fails with EFBIG, "File too large" (what ``ulimit -f`` gives).
- ``MAX_FS_ENTRIES`` / ``MAX_FS_CHARS``: files and directories a file system's writable layer may
  hold, and their total size. Past them: EDQUOT, "Disk quota exceeded".
- ``MAX_OBJECTS``: Podlab's built-in per-sandbox quota, answered as ResourceQuota admission
  answers (``pods "x" is forbidden: exceeded quota: podlab-sandbox, requested: pods=1, used:
  pods=100, limited: pods=100``). It counts every namespace of the sandbox together.
- ``MAX_REQUEST_BYTES``: kube-apiserver's limit on a request body (3 MiB,
  ``Request entity too large: limit is 3145728``), applied to every object written.
- ``MAX_WORD_CHARS``: one word after expansion in the shell (``x=$x$x`` in a loop doubles memory
  each pass): the command is aborted, ``word too long``.
- ``MAX_FUNCTION_NESTING``: shell function calls in progress, as bash with ``FUNCNEST=1000``:
  ``f: maximum function nesting level exceeded (1000)`` and the command is aborted.
- ``MAX_DEPTH``: how deeply a YAML or JSON document may nest (a pod needs about 12 levels).
- ``MAX_ALIAS_*``: go-yaml's rule against alias bombs ("billion laughs"):
  ``yaml: document contains excessive aliasing``.
"""
from __future__ import annotations

import json
import re
from typing import Any

_JSON_TOKEN = re.compile(r'\\.|["\[\]{}]', re.DOTALL)

MAX_FILE_CHARS = 512 * 1024             # one file (characters); the editor sends it in one frame
MAX_FS_ENTRIES = 2000                   # files and directories written in one file system
MAX_FS_CHARS = 8 * 1024 * 1024          # all the written files of one file system together
MAX_OBJECTS = {"pods": 100, "namespaces": 30, "nodes": 20}
QUOTA_NAME = "podlab-sandbox"
MAX_REQUEST_BYTES = 3 * 1024 * 1024     # kube-apiserver: 3 MiB
MAX_DEPTH = 100
MAX_WORD_CHARS = 1024 * 1024            # one expanded shell word (x=$x$x doubling stops here)
MAX_FUNCTION_NESTING = 1000             # shell functions calling functions (bash's FUNCNEST)

# go-yaml (decode.go, allowedAliasRatio): past 100 alias-decoded nodes and 1000 nodes in all, no
# more than this share of the nodes may come from aliases: 99 % below 400,000 nodes, 10 % above
# 4,000,000, in between on a straight line.
ALIAS_RATIO_LOW, ALIAS_RATIO_HIGH = 400_000, 4_000_000


def allowed_alias_ratio(decoded: int) -> float:
    if decoded <= ALIAS_RATIO_LOW:
        return 0.99
    if decoded >= ALIAS_RATIO_HIGH:
        return 0.10
    return 0.99 - 0.89 * (decoded - ALIAS_RATIO_LOW) / (ALIAS_RATIO_HIGH - ALIAS_RATIO_LOW)


def excessive_aliasing(decoded: int, aliased: int) -> bool:
    return aliased > 100 and decoded > 1000 and aliased / decoded > allowed_alias_ratio(decoded)


def depth(value: Any, limit: int = MAX_DEPTH) -> int:
    """How deeply ``value`` nests (a scalar: 0, ``{}``: 1), counted without recursion and stopping
    as soon as it passes ``limit`` (a shared or cyclic structure cannot make it loop)."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 0)]
    seen = 0
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, (list, tuple)):
            children = item
        else:
            continue
        level += 1
        deepest = max(deepest, level)
        if deepest > limit:
            return deepest
        seen += 1
        if seen > 2_000_000:             # a DAG that expands beyond reason is deep enough to refuse
            return limit + 1
        stack.extend((child, level) for child in children)
    return deepest


def too_deep(value: Any, limit: int = MAX_DEPTH) -> bool:
    return depth(value, limit) > limit


def encoded_size(value: Any) -> int:
    """The size of ``value`` as the JSON body a client would send (UTF-8 bytes)."""
    return len(json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode("utf-8"))


def json_text_too_deep(text: str, limit: int = MAX_DEPTH) -> bool:
    """Whether JSON text nests deeper than ``limit``, told from its brackets outside strings
    (before a recursive parser meets it)."""
    level, quoted = 0, False
    for match in _JSON_TOKEN.finditer(text):
        token = match.group()
        if token == '"':
            quoted = not quoted
        elif quoted or token[0] == "\\":
            continue
        elif token in "[{":
            level += 1
            if level > limit:
                return True
        else:
            level -= 1
    return False
