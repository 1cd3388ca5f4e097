"""What a lesson is, once loaded: plain, frozen dataclasses (no Django, no YAML).

A lesson lives in ``lessons/content/<slug>/lesson.yaml`` (structure) with Markdown prose inline or in
``*.md`` files beside it (see docs/authoring.md). lessons/schema/loader.py turns the YAML into these
classes, validating every field and naming file, line, step and field on error. The checks
(lessons/checks/) evaluate ``Check`` trees against a sandbox; the progress engine
(lessons/progress.py) decides which steps are done and which hints show.

Durations are simulated seconds (floats) unless a field says "real". Text in two languages is a
``Text`` (``ko`` and ``en``, both required).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

LANGUAGES = ("ko", "en")


@dataclass(frozen=True, slots=True)
class Text:
    """Markdown in Korean and English."""
    ko: str
    en: str

    def get(self, language: str) -> str:
        return self.ko if language == "ko" else self.en


# -- value tests -------------------------------------------------------------------------------
# A value test compares one value (a field, kubectl's STATUS column, a count, ...). In YAML it is
# either a scalar (equality; numbers compare as numbers, anything else as its string form, so
# `"True"` and `true` both match a condition's status "True") or a mapping with exactly one of the
# operators below.
Op = Literal["equals", "not", "regex", "gt", "gte", "lt", "lte", "exists", "in", "contains"]


@dataclass(frozen=True, slots=True)
class ValueTest:
    op: Op
    value: Any          # exists: bool; in: tuple; regex: a pattern (re.search); gt..lte: a number


# -- checks ------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Target:
    """Which objects: one by name or many by label selector (kubectl's syntax, e.g.
    ``app=web,tier!=db``), in a namespace (default "default"; nodes and namespaces have none)."""
    kind: Literal["Pod", "Node", "Namespace", "Event"]
    name: str | None = None
    selector: str | None = None
    namespace: str = "default"


@dataclass(frozen=True, slots=True)
class ObjectCheck:
    """Objects as they are now. Every test must hold for an object to match.

    ``status`` is kubectl's STATUS column for a pod (``Running``, ``CrashLoopBackOff``,
    ``Completed``, ``ErrImagePull``, ``Terminating``...) and the STATUS column for a node
    (``Ready``, ``NotReady``...); ``ready`` the READY column (``"1/1"``); ``restarts`` the sum of
    the containers' restart counts; ``phase`` ``.status.phase``; ``conditions`` maps a condition type to
    a test of its status; ``fields`` maps a field path (``spec.containers[0].image``,
    ``spec.containers[name=web].livenessProbe.httpGet.port``, ``metadata.labels.app``; ``[*]`` means
    "any item") to a test. ``exists: false`` requires that no such object exists (then no other
    test may be given). With a selector, ``count`` tests how many objects match (default: at
    least one); with a name, the named object must exist and match."""
    target: Target
    exists: bool = True
    status: ValueTest | None = None
    ready: ValueTest | None = None
    restarts: ValueTest | None = None
    phase: ValueTest | None = None
    conditions: tuple[tuple[str, ValueTest], ...] = ()
    fields: tuple[tuple[str, ValueTest], ...] = ()
    count: ValueTest | None = None


@dataclass(frozen=True, slots=True)
class HistoryCheck:
    """What happened to a pod (by name, any of the pods that had that name; or by selector) since the
    sandbox started, as recorded by the session's history (sandbox/history.py).

    ``was``: its STATUS column took a value matching this test at some point;
    ``phase_was``: its phase did; ``restarted``: the most restarts it ever showed;
    ``ready_within``: it became Ready within this many simulated seconds of being created;
    ``deleted``: it existed and is gone (true) / was never deleted (false).
    At least one of them is given; all given must hold for one pod."""
    pod: str | None = None
    selector: str | None = None
    namespace: str = "default"
    was: ValueTest | None = None
    phase_was: ValueTest | None = None
    restarted: ValueTest | None = None
    ready_within: float | None = None
    deleted: bool | None = None


@dataclass(frozen=True, slots=True)
class EventCheck:
    """Events (core/v1, as ``kubectl get events`` lists them): every given test must hold for one
    event; ``object`` is the involved object's name, ``kind`` its kind (default any), ``text`` tests the
    message, ``count`` the event's aggregated count."""
    reason: ValueTest | None = None
    object: str | None = None
    kind: str | None = None
    type: str | None = None            # Normal | Warning
    text: ValueTest | None = None
    count: ValueTest | None = None
    namespace: str = "default"


@dataclass(frozen=True, slots=True)
class CommandCheck:
    """The learner's kubectl commands (each invocation in their shell, recorded with its argv and exit
    status, aliases such as ``k`` included). ``verb``: the first word(s) after flags (``run``,
    ``get``, ``describe``, ``create``, ``apply``, ``delete``, ``exec``, ``logs``, ``rollout`` ...),
    one of a tuple; ``resource``: the resource type as typed or its canonical name (``po`` =
    ``pod`` = ``pods``); ``name``: an object name among the arguments (``pod/nginx`` too);
    ``flags``: flag name (long form without dashes, e.g. ``filename``, ``output``, ``dry-run``,
    ``force``) -> test of its value (a flag given without value is ``"true"``); ``args``: a test of
    the arguments after ``--`` joined by spaces (``exec nginx -- curl 10.244.1.3``);
    ``succeeded``: exit status 0 (default true); ``count``: how many invocations match (default at least
    one). ``line`` tests the raw shell line instead (any program: ``curl``, ``cat pod.yaml``...)."""
    verb: tuple[str, ...] = ()
    resource: str | None = None
    name: str | None = None
    flags: tuple[tuple[str, ValueTest], ...] = ()
    args: ValueTest | None = None
    line: ValueTest | None = None
    succeeded: bool | None = True
    count: ValueTest | None = None


@dataclass(frozen=True, slots=True)
class FileCheck:
    """A file on the learner's control-plane host (``~`` is /root; relative paths are under /root).
    ``contains``: a test of the whole text; ``yaml``: field path -> test, on the file parsed as YAML
    (the first document; ``[N]`` picks documents only through ``documents``); ``exists``."""
    path: str
    exists: bool = True
    contains: ValueTest | None = None
    yaml: tuple[tuple[str, ValueTest], ...] = ()


@dataclass(frozen=True, slots=True)
class AllOf:
    checks: tuple[Check, ...]


@dataclass(frozen=True, slots=True)
class AnyOf:
    checks: tuple[Check, ...]


@dataclass(frozen=True, slots=True)
class Not:
    check: Check


Matcher = ObjectCheck | HistoryCheck | EventCheck | CommandCheck | FileCheck | AllOf | AnyOf | Not


@dataclass(frozen=True, slots=True)
class Check:
    """One check of a step: a matcher, the message shown while it fails, its points for grading.
    ``id`` is unique in the lesson (the loader makes ``<step>-<n>`` when none is given); ``line`` is
    where it starts in lesson.yaml. Nested checks (under all/any/not) have points 0 and may omit
    their message."""
    id: str
    matcher: Matcher
    message: Text | None
    points: int = 1
    line: int = 0


# -- hints, steps, quiz, setup, lesson ----------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Hint:
    """Shown when any of its triggers fires (none given: shown on request, the "hint" button):
    ``after`` simulated seconds since the step became current, ``after_real`` real seconds of the
    learner on that step, or ``when`` a check passes (typically a failure: "the pod is in
    ErrImagePull")."""
    text: Text
    after: float | None = None
    after_real: float | None = None
    when: Check | None = None


@dataclass(frozen=True, slots=True)
class Step:
    id: str                      # unique in the lesson, [a-z0-9-]+
    title: Text
    text: Text
    checks: tuple[Check, ...]    # at least one; a step passes when all pass at one moment
    hints: tuple[Hint, ...] = ()
    solution: tuple[str, ...] = ()      # shell lines, run in order (``lab advance 2m`` moves time)
    explanation: Text | None = None     # shown after the step passes
    line: int = 0

    @property
    def points(self) -> int:
        return sum(c.points for c in self.checks)


@dataclass(frozen=True, slots=True)
class Choice:
    text: Text
    correct: bool = False
    explanation: Text | None = None


@dataclass(frozen=True, slots=True)
class Question:
    """A quiz question for what the cluster cannot check; answered on the lesson page."""
    id: str
    text: Text
    choices: tuple[Choice, ...]
    multiple: bool = False       # several correct choices (all must be picked) or exactly one
    explanation: Text | None = None
    points: int = 1
    line: int = 0


@dataclass(frozen=True, slots=True)
class Fault:
    """Something the lesson does to the cluster at a simulated instant: ``node-stop``/``node-start``
    (a node's kubelet stops/starts answering)."""
    at: float
    action: Literal["node-stop", "node-start"]
    node: str


@dataclass(frozen=True, slots=True)
class SetupFile:
    path: str            # as in FileCheck
    content: str


@dataclass(frozen=True, slots=True)
class Setup:
    """How the lesson's sandbox starts: ``objects`` created first (pods, namespaces: as kubectl create
    would), ``files`` placed in the learner's home, ``images`` added to the image catalogue
    (sandbox/sim/data/images.yaml's format), ``faults`` scheduled, ``commands`` run silently
    (their output is not shown), the clock at ``speed`` (0: paused)."""
    objects: tuple[dict[str, Any], ...] = ()
    files: tuple[SetupFile, ...] = ()
    images: tuple[dict[str, Any], ...] = ()
    faults: tuple[Fault, ...] = ()
    commands: tuple[str, ...] = ()
    speed: float = 1.0


@dataclass(frozen=True, slots=True)
class Lesson:
    slug: str                    # the folder's name, e.g. "01-what-is-a-pod"
    order: int
    title: Text
    summary: Text
    minutes: int
    steps: tuple[Step, ...]
    prerequisites: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    setup: Setup = field(default_factory=Setup)
    quiz: tuple[Question, ...] = ()
    grading_window: float = 300.0       # simulated seconds observed after a submission (grading)
    path: str = ""                      # lesson.yaml's path

    @property
    def points(self) -> int:
        return sum(s.points for s in self.steps)

    def step(self, step_id: str) -> Step:
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(step_id)
