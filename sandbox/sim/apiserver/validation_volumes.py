"""Pod volume validation (pkg/apis/core/validation/validation.go, 1.32: ValidateVolumes and
validateVolumeSource with the sources learners use: emptyDir, hostPath, secret, configMap,
persistentVolumeClaim, downwardAPI, projected). Other sources are counted (one source per volume)
but their fields are not checked. The Forbidden paths keep Go's spellings (``downwarAPI``, ``cephFS``).
"""
from __future__ import annotations

from typing import Any

from ..errors import FieldError, duplicate, forbidden, invalid, not_supported, required
from .formats import name_is_dns_label

FILE_MODE_ERROR = "must be a number between 0 and 0777 (octal), both inclusive"
_HOST_PATH_TYPES = ["", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"]

# validateVolumeSource's order, with the child name Go uses in the "more than 1" error.
_SOURCES = [
    ("emptyDir", "emptyDir"), ("hostPath", "hostPath"), ("gitRepo", "gitRepo"),
    ("gcePersistentDisk", "gcePersistentDisk"), ("awsElasticBlockStore", "awsElasticBlockStore"),
    ("secret", "secret"), ("nfs", "nfs"), ("iscsi", "iscsi"), ("glusterfs", "glusterfs"), ("flocker", "flocker"),
    ("persistentVolumeClaim", "persistentVolumeClaim"), ("rbd", "rbd"), ("cinder", "cinder"), ("cephfs", "cephFS"),
    ("quobyte", "quobyte"), ("downwardAPI", "downwarAPI"), ("fc", "fc"), ("flexVolume", "flexVolume"),
    ("configMap", "configMap"), ("azureFile", "azureFile"), ("vsphereVolume", "vsphereVolume"),
    ("photonPersistentDisk", "photonPersistentDisk"), ("portworxVolume", "portworxVolume"),
    ("azureDisk", "azureDisk"), ("storageos", "storageos"), ("projected", "projected"), ("scaleIO", "scaleIO"),
    ("csi", "csi"), ("ephemeral", "ephemeral"), ("image", "image"),
]


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [v if isinstance(v, dict) else {} for v in value] if isinstance(value, list) else []


def _no_backsteps(value: str, path: str) -> list[FieldError]:
    return [invalid(path, value, "must not contain '..'")] if ".." in value.replace("\\", "/").split("/") else []


def _local_non_reserved_path(value: str, path: str) -> list[FieldError]:
    """ValidateLocalNonReservedPath."""
    errs = [invalid(path, value, "must be a relative path")] if value.startswith("/") else []
    errs.extend(_no_backsteps(value, path))
    if value.startswith("..") and not value.startswith("../"):
        errs.append(invalid(path, value, "must not start with '..'"))
    return errs


def _mode(value: Any, path: str) -> list[FieldError]:
    return [invalid(path, value, FILE_MODE_ERROR)] if isinstance(value, int) and not 0 <= value <= 0o777 else []


def _key_to_paths(items: Any, path: str) -> list[FieldError]:
    errs: list[FieldError] = []
    for i, item in enumerate(_dicts(items)):
        p = f"{path}[{i}]"
        if not item.get("key"):
            errs.append(required(f"{p}.key"))
        if not item.get("path"):
            errs.append(required(f"{p}.path"))
        errs.extend(_local_non_reserved_path(str(item.get("path") or ""), f"{p}.path"))
        errs.extend(_mode(item.get("mode"), f"{p}.mode"))
    return errs


def _validate_source(kind: str, source: dict[str, Any], path: str) -> list[FieldError]:
    errs: list[FieldError] = []
    if kind == "hostPath":
        if not source.get("path"):
            return [required(f"{path}.path")]
        errs.extend(_no_backsteps(str(source["path"]), f"{path}.path"))
        if source.get("type") is not None and source["type"] not in _HOST_PATH_TYPES:
            errs.append(not_supported(f"{path}.type", source["type"], _HOST_PATH_TYPES))
    elif kind in ("secret", "configMap"):
        name_key = "secretName" if kind == "secret" else "name"
        if not source.get(name_key):
            errs.append(required(f"{path}.{name_key}"))
        errs.extend(_mode(source.get("defaultMode"), f"{path}.defaultMode"))
        errs.extend(_key_to_paths(source.get("items"), f"{path}.items"))
    elif kind == "persistentVolumeClaim":
        if not source.get("claimName"):
            errs.append(required(f"{path}.claimName"))
    elif kind == "downwardAPI":
        errs.extend(_mode(source.get("defaultMode"), f"{path}.defaultMode"))
        for item in _dicts(source.get("items")):
            if not item.get("path"):
                errs.append(required(f"{path}.path"))
            if item.get("fieldRef") is None and item.get("resourceFieldRef") is None:
                errs.append(required(path, "one of fieldRef and resourceFieldRef is required"))
    elif kind == "projected":
        errs.extend(_mode(source.get("defaultMode"), f"{path}.defaultMode"))
        errs.extend(_projection_sources(source, path))
    return errs


def _projection_sources(projected: dict[str, Any], path: str) -> list[FieldError]:
    """validateProjectionSources, for the kinds a service-account volume uses."""
    errs: list[FieldError] = []
    for i, source in enumerate(_dicts(projected.get("sources"))):
        p = f"{path}.sources[{i}]"
        present = [k for k in ("secret", "configMap", "downwardAPI", "serviceAccountToken", "clusterTrustBundle")
                   if isinstance(source.get(k), dict)]
        for kind in present[1:]:
            errs.append(forbidden(p, "may not specify more than 1 volume type per source"))
        token = source.get("serviceAccountToken")
        if isinstance(token, dict):
            tp = f"{p}.serviceAccountToken"
            seconds = token.get("expirationSeconds")
            if isinstance(seconds, int) and seconds < 600:
                errs.append(invalid(f"{tp}.expirationSeconds", seconds, "may not specify a duration less than 10 minutes"))
            elif isinstance(seconds, int) and seconds > 1 << 32:
                errs.append(invalid(f"{tp}.expirationSeconds", seconds, "may not specify a duration larger than 2^32 seconds"))
            if not token.get("path"):
                errs.append(required(f"{tp}.path"))
            errs.extend(_local_non_reserved_path(str(token.get("path") or ""), f"{tp}.path"))
        for kind in ("secret", "configMap"):
            if isinstance(source.get(kind), dict):
                if not source[kind].get("name"):
                    errs.append(required(f"{p}.{kind}.name"))
                errs.extend(_key_to_paths(source[kind].get("items"), f"{p}.{kind}.items"))
    return errs


def validate_volumes(volumes: Any, path: str) -> tuple[set[str], list[FieldError]]:
    """ValidateVolumes: the names of the volumes that validated cleanly (mounts may only use those)."""
    errs: list[FieldError] = []
    names: set[str] = set()
    for i, volume in enumerate(_dicts(volumes)):
        p = f"{path}[{i}]"
        volume_errs: list[FieldError] = []
        count = 0
        for key, go_child in _SOURCES:
            source = volume.get(key)
            if source is None:
                continue
            if count:
                volume_errs.append(forbidden(f"{p}.{go_child}", "may not specify more than 1 volume type"))
                continue
            count += 1
            volume_errs.extend(_validate_source(key, source if isinstance(source, dict) else {}, f"{p}.{key}"))
        if not count:
            volume_errs.append(required(p, "must specify a volume type"))
        name = str(volume.get("name") or "")
        if not name:
            volume_errs.append(required(f"{p}.name"))
        else:
            volume_errs.extend(invalid(f"{p}.name", name, m) for m in name_is_dns_label(name))
        if name in names:
            volume_errs.append(duplicate(f"{p}.name", name))
        if volume_errs:
            errs.extend(volume_errs)
        else:
            names.add(name)
    return names, errs
