"""``kubectl describe`` for pods, nodes and namespaces, byte for byte as kubectl 1.32 prints it.

All functions take ``now`` as Unix seconds (the instant ages are measured from) and plain dicts
in the API's JSON shape; see pod.py, node.py, namespace.py and events.py.
"""
from __future__ import annotations

from sandbox.kubectl.describe.events import describe_events, sort_events
from sandbox.kubectl.describe.namespace import describe_namespace
from sandbox.kubectl.describe.node import describe_node
from sandbox.kubectl.describe.pod import describe_pod

__all__ = ["describe_events", "describe_namespace", "describe_node", "describe_pod", "sort_events"]
