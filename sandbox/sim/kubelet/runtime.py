"""The container runtime (what containerd and runc do): create, start, signal and exec.

A container's process is either a shell interpreter state (``sandbox.sim.shell``) or a catalogue
server (``programs.ServerProcess``). Live objects (the file system, the process) are kept in a cache
keyed by container ID and written back into the plain-data ``Instance`` when the cluster is saved.
"""
from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING, Any

from .. import shell
from ..shell.builtins import SHELL_BUILTINS, UTILITIES
from ..catalogue import ImageSpec, ServerSpec
from ..clock import PRIO_RUNTIME
from ..fs import FileSystem, FsError
from ..programs import ServerProcess, render
from .containers import container_argv, container_env, exec_not_found, start_error
from . import rootfs
from .host import ContainerHost, ExecResult, Live
from .state import ContainerRecord, Instance, PodState

if TYPE_CHECKING:
    from . import Kubelet

LOG_LINES_KEPT = 5000
SHELLS = {"sh", "bash", "ash", "dash"}
EVERY_PROGRAM = frozenset(UTILITIES) | frozenset(SHELLS)


def image_programs(image: ImageSpec) -> frozenset[str] | None:
    """The utilities an image ships, as the shell's ``programs`` (None: all it implements)."""
    if image.utilities is None:
        return EVERY_PROGRAM - image.missing if image.missing else None
    return image.utilities


class Runtime:
    def __init__(self, kubelet: Kubelet) -> None:
        self.kubelet = kubelet
        self.cluster = kubelet.cluster
        self.catalogue = kubelet.cluster.catalogue
        self.live: dict[str, Live] = {}

    def live_for(self, ps: PodState, rec: ContainerRecord, inst: Instance) -> Live:
        live = self.live.get(inst.container_id)
        if live is None:
            live = self._restore(ps, rec, inst)
            self.live[inst.container_id] = live
        return live

    def _context(self, ps: PodState, rec: ContainerRecord, inst: Instance) -> tuple[dict, dict, ImageSpec]:
        pod = self.kubelet.pod_object(ps)
        cspec = self.kubelet.container_spec(pod, rec.name)
        image = self.kubelet.image_spec(inst.image)
        return pod, cspec, image

    def _restore(self, ps: PodState, rec: ContainerRecord, inst: Instance) -> Live:
        pod, cspec, image = self._context(ps, rec, inst)
        files, dirs = rootfs.base_files(ps, image)
        fs = FileSystem.from_json(inst.fs, base=files, base_dirs=dirs, mounts=rootfs.mounts(self.kubelet, ps, pod, cspec))
        proc: Any = None
        server: ServerSpec | None = None
        if inst.proc is not None:
            if inst.proc.get("kind") == "server":
                proc = ServerProcess.from_json(inst.proc)
                server = self.catalogue.servers[proc.name]
            else:
                proc = shell.Process.from_json(inst.proc["state"])
        env = container_env(self.cluster, ps, pod, cspec, image)
        return Live(fs, proc, server, image, image.userland, image_programs(image), env)

    def flush(self) -> None:
        """Write live file systems and processes back into their Instances (before saving)."""
        for ps in self.kubelet.pods.values():
            for rec in ps.containers.values():
                for inst in rec.instances:
                    live = self.live.get(inst.container_id)
                    if live is None:
                        continue
                    inst.fs = live.fs.to_json()
                    if isinstance(live.proc, ServerProcess):
                        inst.proc = live.proc.to_json()
                    elif live.proc is not None and not inst.exited:
                        inst.proc = {"kind": "shell", "state": live.proc.to_json()}
            for name in list(ps.emptydirs) + [v.split("/", 1)[1] for v in self.kubelet.volumes
                                               if v.startswith(ps.uid + "/")]:
                vol = self.kubelet.volumes.get(f"{ps.uid}/{name}")
                if vol is not None:
                    ps.emptydirs[name] = vol.to_json()

    def forget(self, inst: Instance) -> None:
        self.live.pop(inst.container_id, None)

    # -- logs ------------------------------------------------------------------------------------
    def log(self, inst: Instance, stream: str, text: str, now: float) -> None:
        """Container output, kept per line as the CRI log format keeps it (partial lines merge)."""
        if not text:
            return
        logs = inst.logs
        parts = text.split("\n")
        last = logs.last()
        if last is not None and last[1] == stream and len(last) > 3 and last[3]:
            merged = last[2] + parts[0]
            parts = parts[1:]
            if not parts:                   # still no newline: still a partial line
                logs.set_last((last[0], stream, merged, True))
                return
            logs.set_last((last[0], stream, merged))
            if len(parts) == 1 and parts[0] == "":
                return
        for i, part in enumerate(parts):
            final = i == len(parts) - 1
            if final and part == "":
                break
            # a tuple of plain values: the garbage collector stops tracking it (a sandbox may keep
            # thousands of lines, and a full collection would walk every one of them as a list)
            logs.append((now, stream, part, True) if final else (now, stream, part))   # True: partial
        logs.keep(LOG_LINES_KEPT)

    # -- create and start ------------------------------------------------------------------------
    def create(self, ps: PodState, rec: ContainerRecord, pod: dict[str, Any], cspec: dict[str, Any],
               image: ImageSpec, number: int) -> Instance:
        now = self.cluster.clock.now
        inst = Instance(number=number, container_id=self.cluster.ids.container_id(),
                        image=rec.image_ref, image_id=rec.image_id, spec_image=cspec["image"],
                        created_at=now)
        files, dirs = rootfs.base_files(ps, image)
        fs = FileSystem(base=files, base_dirs=dirs, mounts=rootfs.mounts(self.kubelet, ps, pod, cspec))
        env = container_env(self.cluster, ps, pod, cspec, image)
        self.live[inst.container_id] = Live(fs, None, None, image, image.userland, image_programs(image), env)
        rec.instances.append(inst)
        if len(rec.instances) > 2:          # the runtime keeps the newest exited instance only
            old = rec.instances.pop(0)
            self.forget(old)
        return inst

    def start(self, ps: PodState, rec: ContainerRecord, inst: Instance, pod: dict[str, Any],
              cspec: dict[str, Any]) -> str:
        """Start the instance's process; returns a StartError message, or "" when it runs."""
        live = self.live[inst.container_id]
        argv = container_argv(cspec, live.image)
        argv, wrapper_logs = self._unwrap(live.image, argv)
        now = self.cluster.clock.now
        kind = self._classify(live, argv)
        if kind == "missing":
            return start_error(argv[0] if argv else "")
        inst.started_at = now
        for line in wrapper_logs:
            self.log(inst, "stdout", line + "\n", now)
        if kind == "server":
            self._become_server(ps, rec, inst, live, argv)
            return ""
        live.proc = shell.spawn(argv, live.env, flavour=live.flavour, cwd=cspec.get("workingDir") or "/",
                                pid=1, programs=live.programs)
        return ""

    def run_started(self, ps: PodState, rec: ContainerRecord, inst: Instance) -> None:
        """Let a freshly started shell process run (after the kubelet recorded the start)."""
        live = self.live[inst.container_id]
        if live.proc is not None and not isinstance(live.proc, ServerProcess):
            self.run(ps, rec, inst)

    def _unwrap(self, image: ImageSpec, argv: list[str]) -> tuple[list[str], list[str]]:
        if argv and (argv[0] in image.wrappers or posixpath.basename(argv[0]) in image.wrappers):
            wrapper = image.wrappers.get(argv[0]) or image.wrappers[posixpath.basename(argv[0])]
            rest = argv[1:]
            logs = list(wrapper.get("logs") or []) if rest and rest[0] in (wrapper.get("when") or []) else []
            return rest, logs
        return argv, []

    def _classify(self, live: Live, argv: list[str]) -> str:
        """server (a catalogue program), shell (the interpreter runs it) or missing (runc fails)."""
        if not argv:
            return "missing"
        if self.catalogue.server_for(live.image, argv) is not None:
            return "server"
        if self.catalogue.provides_binary(live.image, argv[0]):
            return "shell"          # a catalogue binary used in an unknown way: the shell says so
        name = posixpath.basename(argv[0])
        implemented = name in SHELLS or name in UTILITIES or name in SHELL_BUILTINS
        if implemented and (live.programs is None or name in live.programs):
            return "shell"
        return "missing"

    def _become_server(self, ps: PodState, rec: ContainerRecord, inst: Instance, live: Live,
                       argv: list[str]) -> None:
        spec = self.catalogue.server_for(live.image, argv)
        assert spec is not None
        now = self.cluster.clock.now
        proc = ServerProcess(spec.name, argv, now)
        live.proc, live.server = proc, spec
        extra = {"pod_ip": ps.ip, "hostname": ps.name}
        for line in proc.start_logs(spec, self.cluster.epoch + now, extra):
            self.log(inst, "stdout" if spec.name != "httpd" else "stderr", line + "\n", now)

    # -- running shell processes -----------------------------------------------------------------
    def run(self, ps: PodState, rec: ContainerRecord, inst: Instance) -> None:
        """Let the container's shell run until it sleeps or ends."""
        live = self.live_for(ps, rec, inst)
        now = self.cluster.clock.now
        outcome = shell.run(live.proc, ContainerHost(self, ps, rec, inst, live), now)
        self._outcome(ps, rec, inst, live, outcome)

    def _outcome(self, ps: PodState, rec: ContainerRecord, inst: Instance, live: Live, outcome: Any) -> None:
        if isinstance(outcome, shell.Blocked):
            inst.wake_at = outcome.until if outcome.until != float("inf") else None
            if inst.wake_at is not None:
                self.cluster.clock.schedule(inst.wake_at, "runtime.wake", [ps.uid, rec.name, inst.container_id],
                                            PRIO_RUNTIME)
        elif isinstance(outcome, shell.Exec):
            if self.catalogue.server_for(live.image, outcome.argv) is not None:
                inst.wake_at = None
                self._become_server(ps, rec, inst, live, list(outcome.argv))
            else:
                self.log(inst, "stderr", exec_not_found(outcome.argv, live.flavour), self.cluster.clock.now)
                self.kubelet.container_exited(ps, rec, inst, 127)
        elif isinstance(outcome, shell.Exited):
            inst.wake_at = None
            self.kubelet.container_exited(ps, rec, inst, outcome.code)

    def wake(self, uid: str, name: str, cid: str) -> None:
        found = self.kubelet.find(uid, name, cid)
        if found is None:
            return
        ps, rec, inst = found
        if inst.exited or inst.wake_at is None or inst.wake_at > self.cluster.clock.now:
            return
        live = self.live_for(ps, rec, inst)
        if isinstance(live.proc, ServerProcess):
            return
        self.run(ps, rec, inst)

    # -- signals ---------------------------------------------------------------------------------
    def signal(self, ps: PodState, rec: ContainerRecord, inst: Instance, sig: str) -> None:
        """Deliver a signal to PID 1 of a running instance."""
        if inst.exited:
            return
        live = self.live_for(ps, rec, inst)
        now = self.cluster.clock.now
        if sig == "SIGKILL":
            self.kubelet.container_exited(ps, rec, inst, 137)
            return
        if isinstance(live.proc, ServerProcess):
            assert live.server is not None
            reaction = live.proc.stop_reaction(live.server, sig)
            if reaction is None:
                return
            extra = {"pod_ip": ps.ip, "hostname": ps.name}
            for line in reaction.get("logs") or []:
                self.log(inst, "stdout", render(line, extra, unix=self.cluster.epoch + now) + "\n", now)
            after = float(reaction.get("after", 0))
            code = int(reaction.get("code", 0))
            if after <= 0:
                self.kubelet.container_exited(ps, rec, inst, code)
            else:
                self.cluster.clock.schedule(now + after, "runtime.exit", [ps.uid, rec.name, inst.container_id, code],
                                            PRIO_RUNTIME)
            return
        outcome = shell.deliver_signal(live.proc, ContainerHost(self, ps, rec, inst, live), now, sig)
        if outcome is not None:
            self._outcome(ps, rec, inst, live, outcome)

    def signal_later(self, ps: PodState, rec: ContainerRecord, inst: Instance, sig: str) -> None:
        """`kill` from inside the container: delivered once the current command finishes."""
        self.cluster.clock.schedule(self.cluster.clock.now, "runtime.signal",
                                    [ps.uid, rec.name, inst.container_id, sig], PRIO_RUNTIME)

    def on_signal_timer(self, uid: str, name: str, cid: str, sig: str) -> None:
        found = self.kubelet.find(uid, name, cid)
        if found is not None:
            self.signal(*found, sig)

    def on_exit_timer(self, uid: str, name: str, cid: str, code: int) -> None:
        found = self.kubelet.find(uid, name, cid)
        if found is not None and not found[2].exited:
            self.kubelet.container_exited(*found, int(code))

    # -- exec ------------------------------------------------------------------------------------
    def exec(self, ps: PodState, rec: ContainerRecord, inst: Instance, argv: list[str], *,
             stdin: str = "", timeout: float | None = None, limit: float = 3600.0) -> ExecResult:
        """Run a command beside PID 1 (kubectl exec, exec probes): a local clock, no new timers."""
        live = self.live_for(ps, rec, inst)
        result = ExecResult()
        if self._classify(live, argv) == "missing":
            result.start_error = exec_not_found(argv, None)
            result.exit_code = 126
            return result
        now = self.cluster.clock.now
        pid = inst.next_pid
        inst.next_pid += 1
        proc = shell.spawn(argv, live.env, flavour=live.flavour, cwd="/", pid=pid, programs=live.programs,
                           stdin=stdin)
        host = ContainerHost(self, ps, rec, inst, live, sink=result)
        t = now
        budget = timeout if timeout is not None else limit
        for _ in range(100_000):
            outcome = shell.run(proc, host, t)
            if isinstance(outcome, shell.Blocked):
                if outcome.until - now >= budget:
                    result.timed_out = True
                    result.elapsed = budget
                    return result
                t = outcome.until
                continue
            if isinstance(outcome, shell.Exec):
                result.exit_code = 0
            else:
                result.exit_code = outcome.code
            break
        result.elapsed = t - now
        return result

    def read_file(self, ps: PodState, rec: ContainerRecord, inst: Instance, path: str) -> str | None:
        try:
            return self.live_for(ps, rec, inst).fs.read(path)
        except FsError:
            return None
