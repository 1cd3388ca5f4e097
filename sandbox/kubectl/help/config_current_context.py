"""``kubectl config current-context --help``: kubectl 1.32's text, adapted to what Podlab supports."""
from __future__ import annotations

TEXT = """\
Display the current-context.

Examples:
  # Display the current-context
  kubectl config current-context
"""

USAGE = 'kubectl config current-context [flags]'
