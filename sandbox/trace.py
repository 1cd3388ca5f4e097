"""What happened in a sandbox, for the lessons' checks: each pod's history and the kubectl commands.

A pod keeps only its present in the store (one ``lastState``, a restart count), so "was it ever in
CrashLoopBackOff?" cannot be answered afterwards from the cluster. ``Trace`` listens to the store's
watch events as sandbox/timeline.py does and keeps, per pod uid, a ``PodRecord``: when the pod was
created and deleted (simulated seconds, ``cluster.now`` at the change) and a ``Sample`` each time
kubectl's STATUS column, the phase, the Ready condition or the RESTARTS column changes. STATUS and
RESTARTS are computed by ``summarize_pod`` (sandbox/kubectl/printers/pods.py), the function behind
``kubectl get pods``, so a check sees exactly what the learner saw.

Attaching to a cluster first brings the records up to the store (pods created where nobody
listened are recorded from their creationTimestamp, pods gone are marked deleted), so a trace
restored with its session, or attached to a session saved before traces existed, is never wrong
about the present. Memory is bounded: ``MAX_SAMPLES`` per pod (the first and the latest kept) and
``MAX_PODS`` pods (the oldest deleted go first).

``CommandRecord`` is one kubectl invocation in the learner's shell (sandbox/terminal/kubectl.py
records it); ``record_command`` appends it to ``session.commands``, keeping the latest
``MAX_COMMANDS``. Plain Python: no Django, no wall clock.
"""
from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter
from typing import Any

from sandbox.kubectl.printers.pods import summarize_pod
from sandbox.sim.apiserver.selectors import parse_label_selector
from sandbox.sim.store import WatchEvent
from sandbox.sim.timefmt import parse_rfc3339

MAX_SAMPLES = 500       # per pod: a pod crash-looping for hours keeps its first and latest changes
MAX_PODS = 200          # pods kept; the oldest deleted go first
MAX_COMMANDS = 1000     # kubectl invocations kept, the latest


class _Row(list):  # type: ignore[type-arg]
    """A record that is its own JSON form, an array of plain values. A session keeps hundreds of
    records (a pod's samples, the kubectl commands) and saves them all on every turn: turning each
    into a list first was up to a fifth of a long session's turn (bench/turns.py), and orjson
    writes a list's subclass as the list it is, without calling back into Python. Fields are read
    by name (properties over the items); a record is never changed in place, like a tuple: a
    record that changes is replaced."""
    __slots__ = ()

    def __repr__(self) -> str:
        return f"{type(self).__name__}{tuple(self)!r}"

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(tuple(v if type(v) is not list else tuple(v) for v in self))


class Sample(_Row):
    """A pod as kubectl showed it at ``t``: ``[t, status, phase, ready (0/1), restarts]``."""
    __slots__ = ()

    def __init__(self, t: float, status: str, phase: str, ready: bool, restarts: int) -> None:
        super().__init__((t, status, phase, int(ready), restarts))

    t = property(itemgetter(0))             # simulated seconds
    status = property(itemgetter(1))        # kubectl's STATUS column
    phase = property(itemgetter(2))
    restarts = property(itemgetter(4))      # kubectl's RESTARTS column (the containers' restart counts)

    @property
    def ready(self) -> bool:                # the Ready condition is True
        return bool(self[3])

    def to_json(self) -> list[Any]:
        return list(self)

    @classmethod
    def from_json(cls, data: list[Any]) -> Sample:
        return cls(float(data[0]), str(data[1]), str(data[2]), bool(data[3]), int(data[4]))


@dataclass(slots=True)
class PodRecord:
    uid: str
    name: str
    namespace: str
    labels: dict[str, str]              # as last seen
    created: float
    deleted: float | None = None
    samples: list[Sample] = field(default_factory=list)
    ready_at: float | None = None       # the first instant it was Ready (kept when samples are trimmed)

    @property
    def max_restarts(self) -> int:
        return max((s.restarts for s in self.samples), default=0)

    def to_json(self) -> list[Any]:
        return [self.uid, self.name, self.namespace, dict(sorted(self.labels.items())), self.created,
                self.deleted, self.ready_at, list(self.samples)]

    @classmethod
    def from_json(cls, data: list[Any]) -> PodRecord:
        uid, name, namespace, labels, created, deleted, ready_at, samples = data
        return cls(str(uid), str(name), str(namespace), dict(labels), float(created),
                   None if deleted is None else float(deleted), [Sample.from_json(s) for s in samples],
                   None if ready_at is None else float(ready_at))


def sample_of(pod: dict[str, Any], now: float) -> Sample:
    """A pod as ``kubectl get pods`` shows it, at ``now``."""
    summary = summarize_pod(pod)
    status = pod.get("status") or {}
    ready = any(c.get("type") == "Ready" and c.get("status") == "True" for c in status.get("conditions") or [])
    return Sample(now, summary.status, str(status.get("phase") or ""), ready, int(summary.restarts))


class Trace:
    def __init__(self, records: dict[str, PodRecord] | None = None) -> None:
        self.records: dict[str, PodRecord] = records or {}    # pod uid -> record, in creation order

    # -- recording -----------------------------------------------------------------------------
    def attach(self, cluster: Any) -> Callable[[], None]:
        """Bring the records up to ``cluster``'s pods, then listen to its store; returns the
        function that stops listening."""
        self.reconcile(cluster)
        return cluster.store.subscribe(lambda event: self.observe(event, cluster.now))

    def observe(self, event: WatchEvent, now: float) -> None:
        if event.resource == "pods":
            self._pod(event.object, now, deleted=event.type == "DELETED")

    def reconcile(self, cluster: Any) -> None:
        now = cluster.now
        alive = set()
        for pod in cluster.store.list("pods"):
            meta = pod["metadata"]
            alive.add(meta.get("uid", ""))
            created = None
            if meta.get("uid", "") not in self.records and meta.get("creationTimestamp"):
                try:
                    created = min(now, max(0.0, parse_rfc3339(meta["creationTimestamp"]) - cluster.epoch))
                except (ValueError, TypeError):
                    created = None
            self._pod(pod, now, deleted=False, created=created)
        for uid, record in self.records.items():
            if record.deleted is None and uid not in alive:
                record.deleted = now

    def _pod(self, pod: dict[str, Any], now: float, *, deleted: bool, created: float | None = None) -> None:
        meta = pod["metadata"]
        uid = meta.get("uid", "")
        record = self.records.get(uid)
        if record is None:
            if deleted:
                return
            record = self.records[uid] = PodRecord(uid, meta["name"], meta.get("namespace", ""),
                                                   dict(meta.get("labels") or {}),
                                                   now if created is None else created)
            self._trim_pods()
        if record.deleted is not None:
            return
        record.labels = dict(meta.get("labels") or {})
        sample = sample_of(pod, now)
        last = record.samples[-1] if record.samples else None
        if last is None or (last.status, last.phase, last.ready, last.restarts) != \
                (sample.status, sample.phase, sample.ready, sample.restarts):
            record.samples.append(sample)
            if len(record.samples) > MAX_SAMPLES:
                del record.samples[1:len(record.samples) - MAX_SAMPLES + 1]
        if sample.ready and record.ready_at is None:
            record.ready_at = now
        if deleted:
            record.deleted = now

    def _trim_pods(self) -> None:
        excess = len(self.records) - MAX_PODS
        if excess <= 0:
            return
        deleted = sorted((r for r in self.records.values() if r.deleted is not None), key=lambda r: r.deleted or 0.0)
        victims = [r.uid for r in deleted[:excess]]
        if len(victims) < excess:      # all alive: the oldest go
            victims += [uid for uid in self.records if uid not in victims][:excess - len(victims)]
        for uid in victims:
            del self.records[uid]

    # -- reading -------------------------------------------------------------------------------
    def pods(self, name: str | None = None, namespace: str = "default", selector: str | None = None) -> list[PodRecord]:
        """The recorded pods of ``namespace`` (None: all) with that name and/or matching that
        label selector (kubectl's syntax), oldest first."""
        matches = parse_label_selector(selector).matches if selector else None
        return [r for r in self.records.values()
                if (namespace is None or r.namespace == namespace) and (name is None or r.name == name)
                and (matches is None or matches(r.labels))]

    # -- persistence ---------------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        return {"pods": [r.to_json() for r in self.records.values()]}

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> Trace:
        if not data:
            return cls()
        records = [PodRecord.from_json(r) for r in data.get("pods", [])]
        return cls({r.uid: r for r in records})


class CommandRecord(_Row):
    """One kubectl invocation: when (simulated), its words (``argv[0]`` as typed: ``kubectl`` or
    ``k``), its exit status (a waiting command: 0 when it starts, its final status when it ends)
    and the shell line it was part of, with that line's number in the session (``seq``):
    ``[t, argv, status, line, seq]``, the words a list shared by every record of the same words."""
    __slots__ = ()

    def __init__(self, t: float, argv: Iterable[str], status: int, line: str, seq: int = 0) -> None:
        super().__init__((t, _words_list(shared_words(argv)), status, line, seq))

    t = property(itemgetter(0))
    status = property(itemgetter(2))
    line = property(itemgetter(3))
    seq = property(itemgetter(4))

    @property
    def argv(self) -> tuple[str, ...]:
        return tuple(self[1])

    def to_json(self) -> list[Any]:
        return [self.t, list(self[1]), self.status, self.line, self.seq]

    @classmethod
    def from_json(cls, data: list[Any]) -> CommandRecord:
        # Shared, as the session's history: the same words and lines recur in every sandbox.
        return cls(float(data[0]), data[1], int(data[2]), sys.intern(str(data[3])), int(data[4]) if len(data) > 4 else 0)


@lru_cache(maxsize=4096)
def _shared(words: tuple[str, ...]) -> tuple[str, ...]:
    return words


@lru_cache(maxsize=4096)
def _words_list(words: tuple[str, ...]) -> list[str]:
    """The words as the list a record holds (its JSON form), one per distinct words in this
    process, as ``shared_words``: never changed in place."""
    return list(words)


def shared_words(words: Iterable[str]) -> tuple[str, ...]:
    """``words`` as one tuple shared by every record of the same words in this process (a class
    types the same commands in every sandbox, and each sandbox keeps up to MAX_COMMANDS records),
    made of interned strings: an unseen tuple costs its 4,096-entry cache nothing but a slot."""
    return _shared(tuple(sys.intern(str(word)) for word in words))


def record_command(commands: list[CommandRecord], record: CommandRecord) -> None:
    """Append ``record``, keeping the latest ``MAX_COMMANDS``. The same words run again by the
    same run of a line (``watch kubectl get pods``, a loop: same ``seq``) update the one record
    instead, so an hour of ``watch`` does not push the learner's other commands out; the same
    line typed twice is two records, even at one simulated instant (a paused clock)."""
    last = commands[-1] if commands else None
    if last is not None and record.seq and last.seq == record.seq and last.argv == record.argv:
        commands[-1] = CommandRecord(last.t, last.argv, record.status, last.line, last.seq)
        return
    commands.append(record)
    del commands[:-MAX_COMMANDS]


def finish_command(commands: list[CommandRecord], t: float, argv: Sequence[str], status: int) -> None:
    """A waiting command ended: its record (the latest one started at ``t`` with ``argv``) gets
    the final status."""
    words = tuple(argv)                  # records keep their words as a tuple
    for i in range(len(commands) - 1, -1, -1):
        record = commands[i]
        if record.t == t and record.argv == words:
            commands[i] = CommandRecord(record.t, record.argv, status, record.line, record.seq)
            return
