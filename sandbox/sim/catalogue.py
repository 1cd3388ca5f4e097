"""The image catalogue: what the simulated registry holds and what each image's programs do.

The data lives in ``data/images.yaml`` (see its header); this module only reads it. Lessons may
add images to one cluster (``Catalogue.with_images``), kept as data in the cluster's state.
"""
from __future__ import annotations

import os.path
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Mapping

import yaml

from . import imageref


@dataclass(frozen=True, slots=True)
class ImageSpec:
    repository: str
    tags: tuple[str, ...]
    size: int
    pull_seconds: float
    entrypoint: tuple[str, ...]
    cmd: tuple[str, ...]
    env: Mapping[str, str]
    stop_signal: str
    userland: str
    utilities: frozenset[str] | None      # None: every utility the shell implements...
    missing: frozenset[str]               # ...except these
    servers: tuple[str, ...]
    wrappers: Mapping[str, Mapping[str, Any]]
    files: Mapping[str, str]
    dirs: frozenset[str]
    preloaded: tuple[str, ...] = ()

    def digest(self, tag: str) -> str:
        return imageref.digest_of(self.repository, tag)

    def knows(self, ref: imageref.ImageRef) -> bool:
        if ref.digest:
            return any(self.digest(t) == ref.digest for t in self.tags) and (
                not ref.tag or ref.tag in self.tags)
        return ref.tag in self.tags


@dataclass(frozen=True, slots=True)
class ServerSpec:
    name: str
    binaries: tuple[str, ...]
    subcommand: str
    logs: tuple[str, ...]
    listen: tuple[Mapping[str, Any], ...]
    signals: Mapping[str, Mapping[str, Any]]


def _image(d: Mapping[str, Any]) -> ImageSpec:
    utilities = d.get("utilities", "all")
    files = {p: str(t) for p, t in (d.get("files") or {}).items()}
    dirs = set(d.get("dirs") or [])
    for path in files:                       # every parent of a file is a directory
        parent = os.path.dirname(path)
        while parent not in ("", "/"):
            dirs.add(parent)
            parent = os.path.dirname(parent)
    dirs.add("/")
    return ImageSpec(
        repository=d["repository"],
        tags=tuple(str(t) for t in d["tags"]),
        size=int(d.get("size", 10_000_000)),
        pull_seconds=float(d.get("pullSeconds", 2)),
        entrypoint=tuple(d.get("entrypoint") or ()),
        cmd=tuple(d.get("cmd") or ()),
        env=dict(d.get("env") or {}),
        stop_signal=str(d.get("stopSignal", "SIGTERM")),
        userland=str(d.get("userland", "busybox")),
        utilities=None if utilities == "all" else frozenset(str(u) for u in utilities),
        missing=frozenset(str(u) for u in d.get("missing") or ()),
        servers=tuple(d.get("servers") or ()),
        wrappers={k: dict(v) for k, v in (d.get("wrappers") or {}).items()},
        files=files,
        dirs=frozenset(dirs),
        preloaded=tuple(str(t) for t in d.get("preloaded") or ()),
    )


def _server(d: Mapping[str, Any]) -> ServerSpec:
    return ServerSpec(
        name=d["name"],
        binaries=tuple(d.get("binaries") or ()),
        subcommand=str(d.get("subcommand", "")),
        logs=tuple(d.get("logs") or ()),
        listen=tuple(d.get("listen") or ()),
        signals={k: dict(v) for k, v in (d.get("signals") or {}).items()},
    )


@dataclass(frozen=True, slots=True)
class Catalogue:
    images: Mapping[str, ImageSpec]
    servers: Mapping[str, ServerSpec]
    extra: tuple[Mapping[str, Any], ...] = field(default=())

    def image(self, ref: imageref.ImageRef) -> ImageSpec | None:
        return self.images.get(ref.repository)

    def preloaded_refs(self) -> list[str]:
        """Normalised references every node has cached from the start."""
        return sorted(f"{spec.repository}:{tag}" for spec in self.images.values() for tag in spec.preloaded)

    def server_for(self, image: ImageSpec, argv: list[str]) -> ServerSpec | None:
        """The server program an argv starts in this image, if any (matched on argv[0]'s basename)."""
        if not argv:
            return None
        binary = os.path.basename(argv[0])
        candidates = [self.servers[n] for n in image.servers if n in self.servers]
        for spec in candidates:
            if binary in spec.binaries and spec.subcommand and len(argv) > 1 and argv[1] == spec.subcommand:
                return spec
        for spec in candidates:
            if binary in spec.binaries and not spec.subcommand:
                return spec
        return None

    def provides_binary(self, image: ImageSpec, name: str) -> bool:
        binary = os.path.basename(name)
        return any(binary in self.servers[n].binaries for n in image.servers if n in self.servers)

    def with_images(self, extra: list[Mapping[str, Any]]) -> Catalogue:
        """This catalogue plus images a lesson adds (same format as data/images.yaml)."""
        images = dict(self.images)
        for d in extra:
            spec = _image(d)
            images[spec.repository] = spec
        return Catalogue(images, self.servers, self.extra + tuple(extra))


@lru_cache(maxsize=1)
def default_catalogue() -> Catalogue:
    text = resources.files("sandbox.sim").joinpath("data/images.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    images = {spec.repository: spec for spec in (_image(d) for d in data["images"])}
    servers = {spec.name: spec for spec in (_server(d) for d in data["servers"])}
    return Catalogue(images, servers)
