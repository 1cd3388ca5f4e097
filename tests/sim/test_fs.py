from __future__ import annotations

import json

import pytest

from sandbox.sim.fs import FileSystem, FsError, Mount, Volume, normpath

BASE = {
    "/etc/hostname": "nginx\n",
    "/etc/nginx/nginx.conf": "worker_processes auto;\n",
    "/usr/share/nginx/html/index.html": "<h1>Welcome to nginx!</h1>\n",
}
BASE_DIRS = frozenset({"/tmp", "/var/log/nginx"})


@pytest.fixture
def fs() -> FileSystem:
    config = Volume.with_files({"app.properties": "color=blue\n"})
    return FileSystem(BASE, BASE_DIRS, mounts={"/cache": Volume(), "/etc/config": Mount(config, read_only=True)})


def errno_of(fn, *args, **kw) -> str:
    with pytest.raises(FsError) as info:
        fn(*args, **kw)
    return info.value.errno


def test_it_normalises_paths():
    assert normpath("/a/./b//c/../d") == "/a/b/d"
    assert normpath("../..") == "/"
    assert normpath("x/y", cwd="/tmp") == "/tmp/x/y"


def test_it_reads_the_image_layer_and_lists_implied_directories(fs):
    assert fs.read("/etc/hostname") == "nginx\n"
    assert fs.listdir("/") == ["cache", "dev", "etc", "tmp", "usr", "var"]
    assert fs.listdir("/etc") == ["config", "hostname", "nginx"]
    assert fs.is_dir("/usr/share/nginx") and fs.is_file("/usr/share/nginx/html/index.html")


def test_it_gives_the_errno_the_kernel_gives(fs):
    assert errno_of(fs.read, "/tmp/missing") == "ENOENT"
    assert errno_of(fs.read, "/etc") == "EISDIR"
    assert errno_of(fs.read, "/etc/hostname/x") == "ENOTDIR"
    assert errno_of(fs.write, "/nope/x", "") == "ENOENT"
    assert errno_of(fs.write, "/etc", "") == "EISDIR"
    assert errno_of(fs.mkdir, "/tmp") == "EEXIST"
    assert errno_of(fs.remove, "/etc") == "ENOTEMPTY"
    assert errno_of(fs.remove, "/cache") == "EBUSY"


def test_it_words_errors_like_the_c_library():
    assert FsError("ENOENT", "/x").strerror == "No such file or directory"
    assert FsError("EROFS", "/x").strerror == "Read-only file system"
    assert FsError("ENOTEMPTY", "/x").strerror == "Directory not empty"


def test_it_copies_up_on_write_without_touching_the_base(fs):
    fs.write("/etc/hostname", "changed\n")
    fs.write("/etc/hostname", "more\n", append=True)
    assert fs.read("/etc/hostname") == "changed\nmore\n"
    assert BASE["/etc/hostname"] == "nginx\n"
    assert fs.to_json()["files"] == {"/etc/hostname": "changed\nmore\n"}


def test_it_hides_deleted_image_files_with_whiteouts(fs):
    fs.remove("/etc/hostname")
    assert not fs.exists("/etc/hostname")
    assert fs.to_json()["whiteouts"] == ["/etc/hostname"]
    fs.remove("/usr/share/nginx", recursive=True)
    assert fs.listdir("/usr/share") == []


def test_it_keeps_a_recreated_directory_opaque(fs):
    # overlayfs: a directory removed and made again does not show the image's old contents
    fs.remove("/etc/nginx", recursive=True)
    fs.mkdir("/etc/nginx")
    assert fs.listdir("/etc/nginx") == []


def test_it_shares_an_emptydir_between_two_containers():
    shared = Volume()
    a = FileSystem(BASE, BASE_DIRS, mounts={"/data": shared})
    b = FileSystem(BASE, BASE_DIRS, mounts={"/shared": shared})
    a.write("/data/index.html", "from a\n")
    assert b.read("/shared/index.html") == "from a\n"
    assert b.listdir("/shared") == ["index.html"]


def test_it_refuses_writes_under_a_read_only_mount(fs):
    assert fs.read("/etc/config/app.properties") == "color=blue\n"
    assert errno_of(fs.write, "/etc/config/new", "x") == "EROFS"
    assert errno_of(fs.remove, "/etc/config/app.properties") == "EROFS"


def test_it_makes_parents_with_mkdir_p_and_renames_trees(fs):
    fs.mkdir("/tmp/a/b/c", parents=True)
    fs.write("/tmp/a/b/c/f", "x")
    fs.rename("/tmp/a", "/tmp/z")
    assert fs.read("/tmp/z/b/c/f") == "x" and not fs.exists("/tmp/a")
    fs.copy("/tmp/z/b/c/f", "/tmp/g")
    assert fs.size("/tmp/g") == 1
    assert errno_of(fs.rename, "/tmp/z", "/tmp/z/inside") == "EINVAL"


def test_it_treats_dev_null_as_the_device(fs):
    fs.write("/dev/null", "gone")
    assert fs.read("/dev/null") == "" and fs.exists("/dev/null")
    assert "null" in fs.listdir("/dev")


def test_it_restores_an_equal_view_from_json(fs):
    fs.write("/tmp/healthy", "")
    fs.remove("/etc/hostname")
    fs.mkdir("/tmp/d")
    fs.write("/cache/x", "1")
    data = json.loads(json.dumps(fs.to_json()))
    again = FileSystem.from_json(data, base=BASE, base_dirs=BASE_DIRS, mounts=fs.mounts)
    assert list(again.walk("/")) == list(fs.walk("/"))


def test_it_serialises_volumes():
    vol = Volume.with_files({"a/b.txt": "1"})
    assert Volume.from_json(json.loads(json.dumps(vol.to_json()))) == vol
    assert vol.to_json() == {"files": {"/a/b.txt": "1"}, "dirs": ["/", "/a"]}


def test_it_does_not_copy_the_base_per_container():
    base = {f"/usr/lib/f{i}": "x" for i in range(5000)}
    dirs = frozenset({"/tmp"})
    first = FileSystem(base, dirs)
    first.listdir("/usr/lib")
    many = [FileSystem(base, dirs) for _ in range(500)]
    assert all(f._root.base is base for f in many)
    assert many[0].listdir("/usr") == ["lib"]
