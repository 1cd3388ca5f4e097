"""``kubectl cordon --help``: kubectl 1.32's text."""
from __future__ import annotations

TEXT = """\
Mark node as unschedulable.

Examples:
  # Mark node "foo" as unschedulable
  kubectl cordon foo
"""

USAGE = "kubectl cordon NODE"
