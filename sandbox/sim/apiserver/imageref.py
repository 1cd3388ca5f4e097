"""Container image references, parsed as kubernetes pkg/util/parsers.ParseImageName does.

The grammar is distribution/reference's (reference.go/regexp.go): ``[domain/]path[:tag][@digest]``
with lower-case path components. ParseImageName returns the tag, or ``latest`` when neither a tag
nor a digest is given; a reference that does not parse yields an empty tag. SetDefaults_Container
(pkg/apis/core/v1/defaults.go) turns the tag into the pull policy: ``Always`` for ``latest``,
``IfNotPresent`` otherwise (a digest without a tag counts as "otherwise").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_DOMAIN_COMPONENT = r"(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])"
_DOMAIN = rf"(?:{_DOMAIN_COMPONENT}(?:\.{_DOMAIN_COMPONENT})*|\[[a-fA-F0-9:]+\])(?::[0-9]+)?"
_PATH_COMPONENT = r"[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*"
_NAME = rf"(?:{_DOMAIN}/)?{_PATH_COMPONENT}(?:/{_PATH_COMPONENT})*"
_TAG = r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}"
_DIGEST = r"[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}"
_REFERENCE = re.compile(rf"^({_NAME})(?::({_TAG}))?(?:@({_DIGEST}))?$")
_IDENTIFIER = re.compile(r"^[a-f0-9]{64}$")
_NAME_TOTAL_LENGTH_MAX = 255


@dataclass(frozen=True, slots=True)
class ImageRef:
    name: str
    tag: str
    digest: str


def parse_image(image: str) -> ImageRef | None:
    """The reference's parts, or None when distribution/reference rejects it."""
    if _IDENTIFIER.match(image):
        return None  # "invalid repository name (...), cannot specify 64-byte hexadecimal strings"
    match = _REFERENCE.match(image)
    if not match or len(match.group(1)) > _NAME_TOTAL_LENGTH_MAX:
        return None
    return ImageRef(match.group(1), match.group(2) or "", match.group(3) or "")


def image_tag(image: str) -> str:
    """parsers.ParseImageName's tag: ``latest`` when no tag and no digest, "" when unparsable."""
    ref = parse_image(image)
    if ref is None:
        return ""
    if not ref.tag and not ref.digest:
        return "latest"
    return ref.tag


def default_pull_policy(image: str) -> str:
    return "Always" if image_tag(image) == "latest" else "IfNotPresent"
