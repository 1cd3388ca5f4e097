"""``kubectl create namespace --help``: kubectl 1.32's text, adapted to what Podlab supports."""
from __future__ import annotations

TEXT = """\
Create a namespace with the specified name.

Aliases:
namespace, ns

Examples:
  # Create a new namespace named my-namespace
  kubectl create namespace my-namespace
"""

USAGE = 'kubectl create namespace NAME [--dry-run=server|client|none]'
