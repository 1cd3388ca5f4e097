"""The sandbox as a Kubernetes API server (a subset of the REST API of kube-apiserver 1.32)."""
