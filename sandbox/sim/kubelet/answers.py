"""A container's static-file answers, kept while its files stay as they were.

nginx and httpd answer a request for a static file by resolving the path in the container's file
system (a directory gets its index file, or a 301 to the same path with a slash; a missing file a
404 page). The answer depends on the request line and the files alone, and a probed container asks
the same question every few seconds, so each answer is kept until the file system changes: its
``version`` (fs/filesystem.py) grows with every write, rename or removal, whether by this
container (``kubectl exec ... rm``) or by another one sharing an emptyDir. Only the answer is kept:
the Date header and the access-log line are made for each request.

Part of a container's live state (host.Live), never saved: a sandbox loaded from JSON starts with
nothing kept and answers the same.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from ..fs import FileSystem
from ..net import HttpRequest
from ..programs import StaticAnswer, static_answer

ANSWERS_KEPT = 64          # distinct request lines kept per container (a learner's curl may vary)


@dataclass(slots=True)
class StaticAnswers:
    """The answers, and what they were made from: a file system at a version, a listener's spec."""

    fs: FileSystem | None = None
    version: int = -1
    http: Mapping[str, Any] | None = None
    answers: dict[tuple[str, str, int, str], StaticAnswer] = field(default_factory=dict)

    def answer(self, fs: FileSystem, http: Mapping[str, Any], request: HttpRequest) -> StaticAnswer:
        version = fs.version
        if version != self.version or fs is not self.fs or http is not self.http:
            self.answers.clear()
            self.fs, self.version, self.http = fs, version, http
        key = (request.method, request.host, request.port, request.path)
        found = self.answers.get(key)
        if found is None:
            if len(self.answers) >= ANSWERS_KEPT:
                self.answers.clear()

            def read(path: str) -> str | None:
                try:
                    return fs.read(path) if fs.is_file(path) else None
                except Exception:                  # noqa: BLE001 - any FS error is a 404
                    return None
            found = self.answers[key] = static_answer(http, request, read, fs.is_dir)
        return found
