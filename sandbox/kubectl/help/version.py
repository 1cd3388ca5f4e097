"""``kubectl version --help``: kubectl 1.32's text, adapted to what Podlab supports."""
from __future__ import annotations

TEXT = """\
Print the client and server version information for the current context.

Examples:
  # Print the client and server versions for the current context
  kubectl version
"""

USAGE = 'kubectl version [flags]'
