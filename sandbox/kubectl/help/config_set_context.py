"""``kubectl config set-context --help``: kubectl 1.32's text, adapted to what Podlab supports."""
from __future__ import annotations

TEXT = """\
Set a context entry in kubeconfig.

 Specifying a name that already exists will merge new fields on top of existing values for those fields.

Examples:
  # Set the user field on the gce context entry without touching other values
  kubectl config set-context gce --user=cluster-admin
"""

USAGE = 'kubectl config set-context [NAME | --current] [--cluster=cluster_nickname] [--user=user_nickname] [--namespace=namespace]'
