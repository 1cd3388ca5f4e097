"""``kubectl replace --help``: kubectl 1.32's text (its examples use ``sed``, which the sandbox's
shell does not have: the third one is left out)."""
from __future__ import annotations

TEXT = """\
Replace a resource by file name or stdin.

 JSON and YAML formats are accepted. If replacing an existing resource, the complete resource spec must be provided. This can be obtained by

        $ kubectl get TYPE NAME -o yaml

Examples:
  # Replace a pod using the data in pod.json
  kubectl replace -f ./pod.json
  
  # Replace a pod based on the JSON passed into stdin
  cat pod.json | kubectl replace -f -
  
  # Force replace, delete and then re-create the resource
  kubectl replace --force -f ./pod.json
"""

USAGE = "kubectl replace -f FILENAME"
