"""``kubectl uncordon --help``: kubectl 1.32's text."""
from __future__ import annotations

TEXT = """\
Mark node as schedulable.

Examples:
  # Mark node "foo" as schedulable
  kubectl uncordon foo
"""

USAGE = "kubectl uncordon NODE"
