"""The ``Volumes:`` block of kubectl describe pod (describe.go ``describeVolumes`` and the
``print*VolumeSource`` helpers) for the volume types a sandbox pod can carry. Values print with
Go's ``%v``: booleans ``true``/``false``, absent pointers ``<nil>``, absent strings empty.
"""
from __future__ import annotations

from typing import Any, Mapping, Sequence

from sandbox.kubectl.describe.quantity import quantity
from sandbox.kubectl.describe.writer import LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, PrefixWriter, go_bool

Obj = Mapping[str, Any]


def _pointer(value: Any, seq: list[int]) -> str:
    """``%v`` of a ``*bool``: ``<nil>``, or (kubectl 1.32 prints the pointer itself) an address.

    Real addresses vary from run to run; a stable, plausible one stands in for them."""
    if value is None:
        return "<nil>"
    seq[0] += 1
    return f"0xc000{0x32ff60 + 4 * seq[0]:06x}"


def _v(value: Any) -> str:
    """``%v`` of a plain field: Go zero values for what is unset, ``[a b]`` for lists."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return go_bool(value)
    if isinstance(value, list):
        return "[" + " ".join(_v(v) for v in value) + "]"
    return str(value)


def _ref(value: Any, kind: str) -> str:
    """``%v`` of a *LocalObjectReference / *SecretReference (their generated String())."""
    if value is None:
        return "nil"
    if kind == "SecretReference":
        return f"&SecretReference{{Name:{value.get('name', '')},Namespace:{value.get('namespace', '')},}}"
    return f"&LocalObjectReference{{Name:{value.get('name', '')},}}"


def describe_volumes(w: PrefixWriter, volumes: Sequence[Obj] | None, space: str = "") -> None:
    if not volumes:
        w.write(LEVEL_0, f"{space}Volumes:\t<none>\n")
        return
    w.write(LEVEL_0, f"{space}Volumes:\n")
    for volume in volumes:
        w.write(LEVEL_1, f"{' ' if space else ''}{volume.get('name', '')}:\n")
        for key, printer in _PRINTERS:
            if volume.get(key) is not None:
                printer(w, volume[key])
                break
        else:
            w.write(LEVEL_1, "<unknown>\n")


def _host_path(w: PrefixWriter, v: Obj) -> None:
    w.write(LEVEL_2, "Type:\tHostPath (bare host directory volume)\n"
                     f"    Path:\t{v.get('path', '')}\n    HostPathType:\t{v.get('type') or '<none>'}\n")


def _empty_dir(w: PrefixWriter, v: Obj) -> None:
    size = quantity(v.get("sizeLimit"))
    limit = str(size) if size.nanos > 0 else "<unset>"
    w.write(LEVEL_2, "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n"
                     f"    Medium:\t{v.get('medium', '')}\n    SizeLimit:\t{limit}\n")


def _secret(w: PrefixWriter, v: Obj) -> None:
    w.write(LEVEL_2, "Type:\tSecret (a volume populated by a Secret)\n"
                     f"    SecretName:\t{v.get('secretName', '')}\n"
                     f"    Optional:\t{go_bool(v.get('optional'))}\n")


def _config_map(w: PrefixWriter, v: Obj) -> None:
    w.write(LEVEL_2, "Type:\tConfigMap (a volume populated by a ConfigMap)\n"
                     f"    Name:\t{v.get('name', '')}\n    Optional:\t{go_bool(v.get('optional'))}\n")


def _projected(w: PrefixWriter, v: Obj) -> None:
    """printProjectedVolumeSource (kubectl 1.32 prints the Optional pointers raw)."""
    w.write(LEVEL_2, "Type:\tProjected (a volume that contains injected data from multiple sources)\n")
    seq = [0]
    for source in v.get("sources") or []:
        if source.get("secret") is not None:
            s = source["secret"]
            w.write(LEVEL_2, f"SecretName:\t{s.get('name', '')}\n"
                             f"    SecretOptionalName:\t{_pointer(s.get('optional'), seq)}\n")
        elif source.get("downwardAPI") is not None:
            w.write(LEVEL_2, "DownwardAPI:\ttrue\n")
        elif source.get("configMap") is not None:
            c = source["configMap"]
            w.write(LEVEL_2, f"ConfigMapName:\t{c.get('name', '')}\n"
                             f"    ConfigMapOptional:\t{_pointer(c.get('optional'), seq)}\n")
        elif source.get("serviceAccountToken") is not None:
            seconds = source["serviceAccountToken"].get("expirationSeconds", 0)
            w.write(LEVEL_2, f"TokenExpirationSeconds:\t{seconds}\n")


def _downward_api(w: PrefixWriter, v: Obj) -> None:
    w.write(LEVEL_2, "Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n")
    for item in v.get("items") or []:
        if item.get("fieldRef") is not None:
            w.write(LEVEL_3, f"{item['fieldRef'].get('fieldPath', '')} -> {item.get('path', '')}\n")
        if item.get("resourceFieldRef") is not None:
            w.write(LEVEL_3, f"{item['resourceFieldRef'].get('resource', '')} -> {item.get('path', '')}\n")


def _pvc(w: PrefixWriter, v: Obj) -> None:
    w.write(LEVEL_2, "Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same "
                     f"namespace)\n    ClaimName:\t{v.get('claimName', '')}\n"
                     f"    ReadOnly:\t{go_bool(v.get('readOnly'))}\n")


def _nfs(w: PrefixWriter, v: Obj) -> None:
    w.write(LEVEL_2, "Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n"
                     f"    Server:\t{v.get('server', '')}\n    Path:\t{v.get('path', '')}\n"
                     f"    ReadOnly:\t{go_bool(v.get('readOnly'))}\n")


def _git_repo(w: PrefixWriter, v: Obj) -> None:
    w.write(LEVEL_2, "Type:\tGitRepo (a volume that is pulled from git when the pod is created)\n"
                     f"    Repository:\t{v.get('repository', '')}\n    Revision:\t{v.get('revision', '')}\n")


def _ephemeral(w: PrefixWriter, v: Obj) -> None:
    w.write(LEVEL_2, "Type:\tEphemeralVolume (an inline specification for a volume that gets created and "
                     "deleted with the pod)\n")


def _csi(w: PrefixWriter, v: Obj) -> None:
    w.write(LEVEL_2, "Type:\tCSI (a Container Storage Interface (CSI) volume source)\n"
                     f"    Driver:\t{v.get('driver', '')}\n    FSType:\t{v.get('fsType', '')}\n"
                     f"    ReadOnly:\t{go_bool(v.get('readOnly'))}\n")
    attributes = v.get("volumeAttributes") or {}
    w.write(LEVEL_2, "VolumeAttributes:\t")
    if not attributes:
        w.write_line("<none>")
        return
    for i, key in enumerate(sorted(attributes)):
        if i:
            w.write(LEVEL_2, "")
            w.write(LEVEL_2, "\t")
        line = f"{key}={attributes[key]}"
        w.write(LEVEL_2, f"{line[:140]}...\n" if len(line) > 140 else f"{line}\n")


def _image(w: PrefixWriter, v: Obj) -> None:
    w.write(LEVEL_2, "Type:\tImage (a container image or OCI artifact)\n"
                     f"    Reference:\t{v.get('reference', '')}\n"
                     f"    PullPolicy:\t{v.get('pullPolicy', '')}\n")


# The cloud and network volume types, as (title, [(label, field, how)]) tables of their printers.
_TABLES: dict[str, tuple[str, list[tuple[str, str, str]]]] = {
    "gcePersistentDisk": ("GCEPersistentDisk (a Persistent Disk resource in Google Compute Engine)",
                          [("PDName", "pdName", ""), ("FSType", "fsType", ""),
                           ("Partition", "partition", "int"), ("ReadOnly", "readOnly", "bool")]),
    "awsElasticBlockStore": ("AWSElasticBlockStore (a Persistent Disk resource in AWS)",
                             [("VolumeID", "volumeID", ""), ("FSType", "fsType", ""),
                              ("Partition", "partition", "int"), ("ReadOnly", "readOnly", "bool")]),
    "iscsi": ("ISCSI (an ISCSI Disk resource that is attached to a kubelet's host machine and then exposed "
              "to the pod)",
              [("TargetPortal", "targetPortal", ""), ("IQN", "iqn", ""), ("Lun", "lun", "int"),
               ("ISCSIInterface", "iscsiInterface", "nocolon"), ("FSType", "fsType", ""),
               ("ReadOnly", "readOnly", "bool"), ("Portals", "portals", "list"),
               ("DiscoveryCHAPAuth", "chapAuthDiscovery", "bool"),
               ("SessionCHAPAuth", "chapAuthSession", "bool"),
               ("SecretRef", "secretRef", "local"), ("InitiatorName", "initiatorName", "none")]),
    "glusterfs": ("Glusterfs (a Glusterfs mount on the host that shares a pod's lifetime)",
                  [("EndpointsName", "endpoints", ""), ("Path", "path", ""),
                   ("ReadOnly", "readOnly", "bool")]),
    "rbd": ("RBD (a Rados Block Device mount on the host that shares a pod's lifetime)",
            [("CephMonitors", "monitors", "list"), ("RBDImage", "image", ""), ("FSType", "fsType", ""),
             ("RBDPool", "pool", ""), ("RadosUser", "user", ""), ("Keyring", "keyring", ""),
             ("SecretRef", "secretRef", "local"), ("ReadOnly", "readOnly", "bool")]),
    "quobyte": ("Quobyte (a Quobyte mount on the host that shares a pod's lifetime)",
                [("Registry", "registry", ""), ("Volume", "volume", ""), ("ReadOnly", "readOnly", "bool")]),
    "cinder": ("Cinder (a Persistent Disk resource in OpenStack)",
               [("VolumeID", "volumeID", ""), ("FSType", "fsType", ""), ("ReadOnly", "readOnly", "bool"),
                ("SecretRef", "secretRef", "local")]),
    "cephfs": ("CephFS (a CephFS mount on the host that shares a pod's lifetime)",
               [("Monitors", "monitors", "list"), ("Path", "path", ""), ("User", "user", ""),
                ("SecretFile", "secretFile", ""), ("SecretRef", "secretRef", "local"),
                ("ReadOnly", "readOnly", "bool")]),
    "azureFile": ("AzureFile (an Azure File Service mount on the host and bind mount to the pod)",
                  [("SecretName", "secretName", ""), ("ShareName", "shareName", ""),
                   ("ReadOnly", "readOnly", "bool")]),
    "portworxVolume": ("PortworxVolume (a Portworx Volume resource)", [("VolumeID", "volumeID", "")]),
    "flocker": ("Flocker (a Flocker volume mounted by the Flocker agent)",
                [("DatasetName", "datasetName", ""), ("DatasetUUID", "datasetUUID", "")]),
    "photonPersistentDisk": ("PhotonPersistentDisk (a Persistent Disk resource in photon platform)",
                             [("PdID", "pdID", ""), ("FSType", "fsType", "")]),
    "vsphereVolume": ("vSphereVolume (a Persistent Disk resource in vSphere)",
                      [("VolumePath", "volumePath", ""), ("FSType", "fsType", ""),
                       ("StoragePolicyName", "storagePolicyName", "")]),
}


def _table(key: str) -> Any:
    title, rows = _TABLES[key]

    def printer(w: PrefixWriter, v: Obj) -> None:
        text = f"Type:\t{title}\n"
        for label, field, how in rows:
            value = v.get(field)
            if how == "int":
                shown = str(value or 0)
            elif how == "bool":
                shown = go_bool(value)
            elif how == "local":
                shown = _ref(value, "LocalObjectReference")
            elif how == "none":
                shown = value if value is not None else "<none>"
            else:
                shown = _v(value) if how != "list" else _v(value or [])
            text += f"    {label}{'' if how == 'nocolon' else ':'}\t{shown}\n"
        w.write(LEVEL_2, text)
    return printer


# describeVolumes' switch, in its order
_PRINTERS = (("hostPath", _host_path), ("emptyDir", _empty_dir),
             ("gcePersistentDisk", _table("gcePersistentDisk")),
             ("awsElasticBlockStore", _table("awsElasticBlockStore")), ("gitRepo", _git_repo),
             ("secret", _secret), ("configMap", _config_map), ("nfs", _nfs), ("iscsi", _table("iscsi")),
             ("glusterfs", _table("glusterfs")), ("persistentVolumeClaim", _pvc), ("ephemeral", _ephemeral),
             ("rbd", _table("rbd")), ("quobyte", _table("quobyte")), ("downwardAPI", _downward_api),
             ("vsphereVolume", _table("vsphereVolume")), ("cinder", _table("cinder")),
             ("photonPersistentDisk", _table("photonPersistentDisk")),
             ("portworxVolume", _table("portworxVolume")), ("cephfs", _table("cephfs")),
             ("azureFile", _table("azureFile")), ("flocker", _table("flocker")),
             ("projected", _projected), ("csi", _csi), ("image", _image))
