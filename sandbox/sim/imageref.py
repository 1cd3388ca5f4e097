"""Image references as the container runtime parses them.

Imitates github.com/distribution/reference (regexp.go, normalize.go: ParseNormalizedNamed and
splitDockerDomain) and the kubelet's applyDefaultImageTag (pkg/kubelet/images/image_manager.go).
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

_ALNUM = r"[a-z0-9]+"
_SEP = r"(?:[._]|__|[-]+)"
_PATH_COMPONENT = rf"{_ALNUM}(?:{_SEP}{_ALNUM})*"
_DOMAIN_COMPONENT = r"(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])"
_DOMAIN = rf"(?:{_DOMAIN_COMPONENT}(?:\.{_DOMAIN_COMPONENT})*|\[[0-9a-fA-F:.]+\])(?::[0-9]+)?"
_TAG = r"[\w][\w.-]{0,127}"
_DIGEST = r"[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}"
_REFERENCE = re.compile(
    rf"^((?:{_DOMAIN}/)?{_PATH_COMPONENT}(?:/{_PATH_COMPONENT})*)(?::({_TAG}))?(?:@({_DIGEST}))?$"
)
_IDENTIFIER = re.compile(r"^[a-f0-9]{64}$")

DEFAULT_DOMAIN = "docker.io"


class InvalidReference(ValueError):
    """The text distribution/reference answers with (e.g. ``invalid reference format``)."""


@dataclass(frozen=True, slots=True)
class ImageRef:
    domain: str          # docker.io, registry.k8s.io ...
    path: str            # library/nginx, e2e-test-images/agnhost
    tag: str             # "" when only a digest was given
    digest: str          # "" or sha256:<hex>

    @property
    def repository(self) -> str:
        return f"{self.domain}/{self.path}"

    @property
    def normalized(self) -> str:
        """What containerd reports as the container's image: ``docker.io/library/nginx:latest``."""
        if self.digest and not self.tag:
            return f"{self.repository}@{self.digest}"
        return f"{self.repository}:{self.tag}"


def split_docker_domain(name: str) -> tuple[str, str]:
    i = name.find("/")
    head = name[:i] if i >= 0 else ""
    if i == -1 or (not any(c in head for c in ".:") and head != "localhost" and head.lower() == head):
        domain, remainder = DEFAULT_DOMAIN, name
    else:
        domain, remainder = head, name[i + 1:]
    if domain == "index.docker.io":
        domain = DEFAULT_DOMAIN
    if domain == DEFAULT_DOMAIN and "/" not in remainder:
        remainder = "library/" + remainder
    return domain, remainder


def parse(image: str) -> ImageRef:
    """ParseNormalizedNamed plus the default ``latest`` tag; raises InvalidReference."""
    if _IDENTIFIER.match(image):
        raise InvalidReference(
            f"invalid repository name ({image}), cannot specify 64-byte hexadecimal strings")
    domain, remainder = split_docker_domain(image)
    remote = remainder.split(":", 1)[0] if ":" in remainder else remainder
    remote = remote.split("@", 1)[0]
    if remote.lower() != remote:
        raise InvalidReference(f"invalid reference format: repository name ({remote}) must be lowercase")
    m = _REFERENCE.match(f"{domain}/{remainder}")
    if not m:
        raise InvalidReference("invalid reference format")
    if len(m.group(1)) > 255:
        raise InvalidReference("repository name must not be more than 255 characters")
    name = m.group(1)
    path = name[len(domain) + 1:]
    tag = m.group(2) or ""
    digest = m.group(3) or ""
    if not tag and not digest:
        tag = "latest"
    return ImageRef(domain, path, tag, digest)


def default_tag_error(image: str, err: InvalidReference) -> str:
    """The kubelet's InspectFailed text for a reference it cannot parse."""
    return f'Failed to apply default image tag "{image}": couldn\'t parse image name "{image}": {err}'


def digest_of(repository: str, tag: str) -> str:
    """A stable, made-up manifest digest per repository and tag (same for every seed)."""
    return "sha256:" + hashlib.sha256(f"{repository}:{tag}".encode()).hexdigest()


def default_pull_policy(image: str) -> str:
    """SetDefaults_Container (pkg/apis/core/v1/defaults.go): ``Always`` when parsers.ParseImageName
    gives the tag ``latest`` (also when no tag and no digest are written), else ``IfNotPresent``;
    an unparsable reference has no tag, so ``IfNotPresent``."""
    try:
        ref = parse(image)
    except InvalidReference:
        return "IfNotPresent"
    return "Always" if ref.tag == "latest" else "IfNotPresent"
