"""``kubectl cluster-info --help``: kubectl 1.32's text, adapted to what Podlab supports."""
from __future__ import annotations

TEXT = """\
Display addresses of the control plane and services with label kubernetes.io/cluster-service=true. To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.

Examples:
  # Print the address of the control plane and cluster services
  kubectl cluster-info
"""

USAGE = 'kubectl cluster-info [flags]'
