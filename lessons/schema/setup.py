"""A lesson's ``setup:``: how its sandbox starts (model.Setup).

Objects are manifests created in order as ``kubectl create`` would; Podlab's lessons start with
pods and namespaces only, each naming apiVersion, kind and metadata.name (the fields the API
server requires before anything else, apimachinery's ObjectMeta validation).
"""
from __future__ import annotations

from typing import Any

from yaml.nodes import Node

from lessons.schema.model import Fault, Setup, SetupFile
from lessons.schema.values import duration, home_path
from lessons.schema.yamlnodes import Where, fields, items, number, plain, sequence, string, strings

SETUP_KEYS = ("speed", "objects", "files", "images", "faults", "commands")
OBJECT_KINDS = ("Pod", "Namespace")
FAULT_ACTIONS = ("node-stop", "node-start")
# The clock's fastest speed (sandbox/terminal/clock.py MAX_SPEED); 0 starts the lesson paused.
MAX_SPEED = 1000.0


def read_setup(node: Node, where: Where) -> Setup | None:
    found = fields(node, where, SETUP_KEYS)
    if found is None:
        return None
    values: dict[str, Any] = {}
    readers = {"objects": _objects, "files": _files, "images": _images, "faults": _faults}
    for key, value_node in found.items():
        here = where.key(key)
        if key == "speed":
            value = number(value_node, here, minimum=0)
            if value is not None and value > MAX_SPEED:
                here.error(value_node, f"speed goes up to {MAX_SPEED:g}, not {value:g}")
                value = None
        elif key == "commands":
            value = strings(value_node, here, "a list of shell lines")
        else:
            value = readers[key](value_node, here)
        values[key] = value
    if None in values.values():
        return None
    return Setup(**values)


def _objects(node: Node, where: Where) -> tuple[dict[str, Any], ...] | None:
    entries = sequence(node, where, "a list of manifests")
    if entries is None:
        return None
    objects: list[dict[str, Any]] = []
    seen: dict[tuple[str, str, str], int] = {}
    ok = True
    for i, entry in enumerate(entries):
        here = where.item(i)
        manifest = _manifest(entry, here)
        if manifest is None:
            ok = False
            continue
        metadata = manifest["metadata"]
        namespace = metadata.get("namespace", "default") if manifest["kind"] == "Pod" else ""
        identity = (manifest["kind"], str(namespace), str(metadata["name"]))
        if identity in seen:
            here.error(entry, f'{manifest["kind"]} "{metadata["name"]}" is already created by '
                              f"objects[{seen[identity]}]")
            ok = False
        seen[identity] = i
        objects.append(manifest)
    return tuple(objects) if ok else None


def _manifest(node: Node, where: Where) -> dict[str, Any] | None:
    entries = items(node, where, "a manifest (apiVersion, kind, metadata, ...)")
    if entries is None:
        return None
    ok = True
    for key in ("apiVersion", "kind", "metadata"):
        if key not in entries:
            where.key(key).error(node, "missing (required)")
            ok = False
    kind = plain(entries["kind"][1]) if "kind" in entries else None
    if "kind" in entries and kind not in OBJECT_KINDS:
        where.key("kind").error(entries["kind"][1], f'setup objects are Pods or Namespaces, not "{kind}"')
        ok = False
    if "apiVersion" in entries and plain(entries["apiVersion"][1]) != "v1":
        where.key("apiVersion").error(entries["apiVersion"][1],
                                      f'a {kind or "Pod"} is apiVersion v1, not "{entries["apiVersion"][1].value}"')
        ok = False
    if "metadata" in entries:
        metadata_node = entries["metadata"][1]
        metadata = items(metadata_node, where.key("metadata"))
        if metadata is None:
            ok = False
        elif "name" not in metadata:
            where.key("metadata").key("name").error(metadata_node, "missing (required)")
            ok = False
        elif string(metadata["name"][1], where.key("metadata").key("name"), "a name") is None:
            ok = False
    return plain(node) if ok else None


def _files(node: Node, where: Where) -> tuple[SetupFile, ...] | None:
    entries = sequence(node, where, "a list of {path: ..., content: ...}")
    if entries is None:
        return None
    files: list[SetupFile] = []
    ok = True
    for i, entry in enumerate(entries):
        here = where.item(i)
        found = fields(entry, here, ("path", "content"), ("path", "content"))
        if found is None or len(found) != 2:
            ok = False
            continue
        path = home_path(found["path"], here.key("path"))
        content = plain(found["content"])
        if not isinstance(content, str):
            here.key("content").error(found["content"], "expected the file's text (use content: |)")
            ok = False
        if path is None or not isinstance(content, str):
            ok = False
            continue
        files.append(SetupFile(path=path, content=content))
    return tuple(files) if ok else None


def _images(node: Node, where: Where) -> tuple[dict[str, Any], ...] | None:
    """Extra image catalogue entries; sandbox/sim/data/images.yaml describes the format."""
    entries = sequence(node, where, "a list of images")
    if entries is None:
        return None
    ok = True
    for i, entry in enumerate(entries):
        found = items(entry, where.item(i), "an image (repository, tags, ...)")
        if found is None:
            ok = False
            continue
        for key in ("repository", "tags"):
            if key not in found:
                where.item(i).key(key).error(entry, "missing (required)")
                ok = False
        if "tags" in found and not isinstance(plain(found["tags"][1]), list):
            where.item(i).key("tags").error(found["tags"][1], "expected a list of tags")
            ok = False
    return tuple(plain(entry) for entry in entries) if ok else None


def _faults(node: Node, where: Where) -> tuple[Fault, ...] | None:
    entries = sequence(node, where, "a list of faults")
    if entries is None:
        return None
    faults: list[Fault] = []
    ok = True
    for i, entry in enumerate(entries):
        here = where.item(i)
        found = fields(entry, here, ("at", "action", "node"), ("at", "action", "node"))
        if found is None or len(found) != 3:
            ok = False
            continue
        at = duration(found["at"], here.key("at"))
        action = string(found["action"], here.key("action"), "an action")
        if action is not None and action not in FAULT_ACTIONS:
            here.key("action").error(found["action"], f'action must be node-stop or node-start, not "{action}"')
            action = None
        node_name = string(found["node"], here.key("node"), "a node name")
        if at is None or action is None or node_name is None:
            ok = False
            continue
        faults.append(Fault(at=at, action=action, node=node_name))  # type: ignore[arg-type]
    return tuple(faults) if ok else None
