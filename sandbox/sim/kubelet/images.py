"""The kubelet's image manager (pkg/kubelet/images/image_manager.go): pull policies, the per-node
image cache, the per-pod image-pull back-off, and what the registry answers (spec §5.5, G5).

Timing follows the reference timing model (§13): a first pull takes the image's ``pullSeconds``
(2 s), a re-pull of a cached image under ``Always`` 1 s, and a failed pull fails after 1 s.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import imageref
from ..catalogue import ImageSpec
from ..durations import go_duration

if TYPE_CHECKING:
    from ..cluster import Cluster

PULL_BACKOFF_INITIAL = 10.0
PULL_BACKOFF_MAX = 300.0
FAILED_PULL_SECONDS = 1.0
REPULL_SECONDS = 1.0


@dataclass(frozen=True, slots=True)
class PullDecision:
    action: str               # "present" | "pull" | "never" | "invalid"
    ref: imageref.ImageRef | None = None
    error: str = ""


def decide(cluster: Cluster, node: str, image: str, policy: str) -> PullDecision:
    """Whether a container's image must be pulled before it can start."""
    try:
        ref = imageref.parse(image)
    except imageref.InvalidReference as err:
        return PullDecision("invalid", None, imageref.default_tag_error(image, err))
    present = ref.normalized in cluster.node_images.get(node, set())
    if policy == "Never":
        return PullDecision("present" if present else "never", ref)
    if policy == "IfNotPresent" and present:
        return PullDecision("present", ref)
    return PullDecision("pull", ref)


@dataclass(frozen=True, slots=True)
class PullResult:
    ok: bool
    seconds: float
    error: str = ""
    size: int = 0


def pull(cluster: Cluster, node: str, ref: imageref.ImageRef) -> PullResult:
    """What the registry answers for ``ref`` and how long the pull takes."""
    spec = cluster.catalogue.image(ref)
    if spec is not None and spec.knows(ref):
        cached = ref.normalized in cluster.node_images.get(node, set())
        return PullResult(True, REPULL_SECONDS if cached else spec.pull_seconds, size=spec.size)
    return PullResult(False, FAILED_PULL_SECONDS, registry_error(cluster, ref, spec))


def registry_error(cluster: Cluster, ref: imageref.ImageRef, spec: ImageSpec | None) -> str:
    """containerd's error for a reference the registry does not have (spec §4.2, G5)."""
    name = ref.normalized
    prefix = f'rpc error: code = NotFound desc = failed to pull and unpack image "{name}": ' \
             f'failed to resolve reference "{name}": '
    if spec is None and ref.domain == imageref.DEFAULT_DOMAIN:
        # Docker Hub answers 401 for repositories that do not exist.
        return (f'rpc error: code = Unknown desc = failed to pull and unpack image "{name}": '
                f'failed to resolve reference "{name}": pull access denied, repository does not exist '
                "or may require authorization: server message: insufficient_scope: authorization failed")
    if spec is None and ref.domain not in cluster.known_registries():
        return (f'rpc error: code = Unknown desc = failed to pull and unpack image "{name}": '
                f'failed to resolve reference "{name}": failed to do request: Head '
                f'"https://{ref.domain}/v2/{ref.path}/manifests/{ref.tag or ref.digest}": '
                f"dial tcp: lookup {ref.domain.split(':')[0]}: no such host")
    return prefix + f"{name}: not found"


def pulled_message(image: str, seconds: float, size: int) -> str:
    d = go_duration(seconds, truncate_ms=True)
    return f'Successfully pulled image "{image}" in {d} ({d} including waiting). Image size: {size} bytes.'


def already_present_message(image: str, profile: str) -> str:
    if profile == "current":
        return f'Container image "{image}" already present on machine and can be accessed by the pod'
    return f'Container image "{image}" already present on machine'


def in_backoff(entry: list[float] | None, now: float) -> bool:
    """client-go Backoff.IsInBackOffSinceUpdate: now - lastUpdate < delay."""
    return entry is not None and now - entry[1] < entry[0]


def next_backoff(entry: list[float] | None, now: float) -> list[float]:
    """client-go Backoff.Next: 10 s, doubling to 300 s; reset when idle for 2 x max."""
    if entry is None or now - entry[1] > 2 * PULL_BACKOFF_MAX:
        return [PULL_BACKOFF_INITIAL, now]
    return [min(entry[0] * 2, PULL_BACKOFF_MAX), now]
