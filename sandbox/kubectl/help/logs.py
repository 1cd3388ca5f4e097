"""``kubectl logs --help``: kubectl 1.32's text, adapted to what Podlab supports."""
from __future__ import annotations

TEXT = """\
Print the logs for a container in a pod or specified resource. If the pod has only one container, the container name is optional.

Examples:
  # Return snapshot logs from pod nginx with only one container
  kubectl logs nginx
  
  # Return snapshot of previous terminated ruby container logs from pod web-1
  kubectl logs -p -c ruby web-1
  
  # Begin streaming the logs of the ruby container in pod web-1
  kubectl logs -f -c ruby web-1
  
  # Display only the most recent 20 lines of output in pod nginx
  kubectl logs --tail=20 nginx
  
  # Show all logs from pod nginx written in the last hour
  kubectl logs --since=1h nginx
"""

USAGE = 'kubectl logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'
