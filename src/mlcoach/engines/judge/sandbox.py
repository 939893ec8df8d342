"""Start the runner in a sandbox and talk to it through two pipes (results; stdout and stderr merged).

bubblewrap (Debian's `bwrap`) gives new pid, network, ipc, uts and cgroup namespaces (so no network), a
root that is an empty read-only tmpfs with only the interpreter, the system libraries, NumPy/DuckDB and
the judge's own code bound read-only, a small writable tmpfs working directory, a clean environment and
a new session. The candidate runs under an unprivileged uid: as root we give each concurrent sandbox its
own uid (so RLIMIT_NPROC of one cannot starve another) and the runner drops to it; as a normal user
bwrap maps uid 65534 in a fresh user namespace (which also makes RLIMIT_NPROC count per sandbox).
The runner then sets the rlimits and the seccomp filter. Kill = SIGKILL to the process group; bwrap's
--die-with-parent then takes down the whole pid namespace. Without working bwrap we fall back to
rlimits (and the uid drop when root) with a loud warning.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from mlcoach.engines.judge.process import UID_BASE, SandboxProcess, UidSlots

log = logging.getLogger("mlcoach.judge")
JUDGE_DIR = Path(__file__).resolve().parent  # .../mlcoach/engines/judge
PACKAGE_DIR = JUDGE_DIR.parent.parent  # .../mlcoach
SITE_PACKAGES = ("numpy", "duckdb")  # what solutions may import beyond the standard library
INNER_JUDGE, INNER_SITE = "/opt/judge", "/opt/site"
NOBODY = 65534
# Imported before the uid drop in the rlimits fallback as root, where the interpreter may be unreadable after.
PREIMPORT = [
    *("abc", "array", "bisect", "collections", "collections.abc", "copy", "dataclasses", "decimal", "enum"),
    *("fractions", "functools", "heapq", "itertools", "json", "math", "operator", "random", "re"),
    *("statistics", "string", "time", "traceback", "typing", "numpy", "sqlite3", "duckdb"),
]
ENV = {
    "PATH": "/usr/bin:/bin",
    "HOME": "/tmp",
    "LANG": "C.UTF-8",
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "PYTHONIOENCODING": "utf-8",
}


@dataclass(frozen=True)
class ProcessLimits:
    address_space_mb: int
    cpu_s: int
    nproc: int = 64
    nofile: int = 64
    fsize_mb: int = 16
    tmpfs_mb: int = 32

    def rlimits(self) -> dict[str, int]:
        return {
            "as_bytes": self.address_space_mb * 1024 * 1024,
            "cpu_s": self.cpu_s,
            "fsize_bytes": self.fsize_mb * 1024 * 1024,
            "nofile": self.nofile,
            "nproc": self.nproc,
        }


def interpreter() -> tuple[str, str]:
    """The real interpreter binary (not a venv shim) and its installation prefix."""
    exe = os.path.realpath(getattr(sys, "_base_executable", sys.executable) or sys.executable)
    return exe, os.path.realpath(sys.base_prefix)


def site_entries() -> list[Path]:
    """Top-level files and folders of the packages solutions may import, found from their RECORDs."""
    out: list[Path] = []
    for dist in SITE_PACKAGES:
        try:
            d = metadata.distribution(dist)
        except metadata.PackageNotFoundError:
            continue
        tops = {str(f).split("/")[0] for f in d.files or ()}
        base = Path(str(d.locate_file("")))
        for top in sorted(tops):
            if top.startswith(".") or top.endswith("-stubs") or top == "__pycache__":
                continue
            if (base / top).exists():
                out.append(base / top)
    return out


def _hidden_dirs(bound: list[str]) -> list[str]:
    """Installed-package folders under a bound root: covered by an empty tmpfs so the bank and the rest
    of site-packages (hidden tests, reference solutions) stay out of reach."""
    _, prefix = interpreter()
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    candidates = [
        f"{prefix}/lib/{version}/site-packages",
        "/usr/lib/python3/dist-packages",
        f"/usr/local/lib/{version}/dist-packages",
        f"/usr/local/lib/{version}/site-packages",
        str(PACKAGE_DIR),
    ]
    return [c for c in candidates if os.path.isdir(c) and any(c == b or c.startswith(b + "/") for b in bound)]


def _mounts() -> list[str]:
    """bwrap arguments for the minimal read-only filesystem."""
    exe, prefix = interpreter()
    args: list[str] = ["--ro-bind", "/usr", "/usr"]
    bound = ["/usr"]
    for top in ("/bin", "/sbin", "/lib", "/lib64", "/lib32"):
        if os.path.islink(top):
            args += ["--symlink", os.readlink(top), top]
        elif os.path.isdir(top):
            args += ["--ro-bind", top, top]
            bound.append(top)
    for f in ("/etc/ld.so.cache", "/etc/localtime"):
        if os.path.exists(f):
            args += ["--ro-bind", f, f]
    if not any(prefix == b or prefix.startswith(b + "/") for b in bound):
        args += ["--ro-bind", prefix, prefix]
        bound.append(prefix)
    if not any(exe.startswith(b + "/") for b in bound):
        args += ["--ro-bind", exe, exe]
    for hidden in _hidden_dirs(bound):
        args += ["--tmpfs", hidden, "--remount-ro", hidden]
    for entry in site_entries():
        args += ["--ro-bind", str(entry), f"{INNER_SITE}/{entry.name}"]
    inner = f"{INNER_JUDGE}/mlcoach"
    args += ["--ro-bind", str(PACKAGE_DIR / "__init__.py"), f"{inner}/__init__.py"]
    args += ["--ro-bind", str(PACKAGE_DIR / "engines" / "__init__.py"), f"{inner}/engines/__init__.py"]
    args += ["--ro-bind", str(JUDGE_DIR), f"{inner}/engines/judge"]
    return _parents(args) + args


def _parents(args: list[str]) -> list[str]:
    """Create every parent of a bind target as 0755 first (bwrap as root would make them 0700, and the
    unprivileged uid could not reach the interpreter below them)."""
    dests = [args[i + 2] for i, a in enumerate(args) if a in ("--ro-bind", "--symlink")]
    parents: list[str] = []
    for dest in dests:
        parts = Path(dest).parts[1:-1]
        for n in range(1, len(parts) + 1):
            d = "/" + "/".join(parts[:n])
            if d not in parents and not any(d == x or d.startswith(x + "/") for x in ("/usr", "/proc", "/dev")):
                parents.append(d)
    out: list[str] = []
    for d in parents:
        out += ["--perms", "0755", "--dir", d]
    return out


def _boot(paths: list[str]) -> str:
    return f"import sys; sys.path[:0] = {paths!r}; from mlcoach.engines.judge.runner import main; main()"


class Sandbox:
    """Spawns runners. `mode` is "auto" (bwrap when it works, else the rlimits fallback), "bwrap" or
    "rlimits"; tests force one or the other. As root, sandboxes run as uids `uid_base`..+63."""

    def __init__(self, mode: str = "auto", uid_base: int = UID_BASE) -> None:
        if mode not in ("auto", "bwrap", "rlimits"):
            raise ValueError(f"unknown sandbox mode {mode!r}")
        self.kind = detect() if mode == "auto" else mode
        self.root = os.geteuid() == 0
        self.slots = _slots(uid_base)

    def _argv(self, tmpfs_mb: int) -> list[str]:
        exe, _ = interpreter()
        if self.kind == "rlimits":
            paths = [str(PACKAGE_DIR.parent), *sorted({str(p.parent) for p in site_entries()})]
            return [exe, "-I", "-S", "-B", "-c", _boot(paths)]
        argv = ["bwrap", "--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try"]
        argv += ["--die-with-parent", "--new-session", "--clearenv", "--hostname", "sandbox"]
        if self.root:  # no user namespace: the runner drops to a per-sandbox uid itself
            argv += ["--cap-drop", "ALL", "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"]
        else:
            argv += ["--unshare-user", "--uid", str(NOBODY), "--gid", str(NOBODY), "--disable-userns"]
        for key, value in ENV.items():
            argv += ["--setenv", key, value]
        argv += _mounts()
        argv += ["--proc", "/proc", "--dev", "/dev"]
        argv += ["--perms", "1777", "--size", str(tmpfs_mb * 1024 * 1024), "--tmpfs", "/tmp"]
        argv += ["--remount-ro", "/", "--chdir", "/tmp"]
        return [*argv, "--", exe, "-I", "-S", "-B", "-c", _boot([INNER_JUDGE, INNER_SITE])]

    def spawn(self, job: dict[str, Any], limits: ProcessLimits) -> SandboxProcess:
        """Start a runner for `job` (the executor's payload); the caller reads events and closes it."""
        result_r, result_w = os.pipe()
        uid: int | None = None
        lock_fd: int | None = None
        workdir: str | None = None
        extra: dict[str, Any] = {}
        payload = {**job, "result_fd": result_w, "rlimits": limits.rlimits(), "seccomp": True}
        if self.root:
            uid, lock_fd = self.slots.claim()
        if uid is not None:  # the runner drops to it after start (the interpreter may sit under /root)
            payload["drop_to"] = [uid, uid]
        if self.kind == "rlimits":
            workdir = tempfile.mkdtemp(prefix="mlcoach-judge-")
            os.chmod(workdir, 0o777)
            extra["cwd"] = workdir
            if uid is not None:
                payload["preimport"] = PREIMPORT
        try:
            popen = subprocess.Popen(
                self._argv(limits.tmpfs_mb),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                pass_fds=(result_w,),
                env=dict(ENV),
                start_new_session=True,
                **extra,
            )
        except BaseException:
            for fd in (result_r, result_w):
                os.close(fd)
            if lock_fd is not None:
                UidSlots.release(lock_fd)
            raise
        os.close(result_w)
        data = json.dumps(payload).encode()
        threading.Thread(target=_feed, args=(popen, data), daemon=True).start()
        return SandboxProcess(popen, result_r, uid, lock_fd, workdir)


def _feed(popen: subprocess.Popen[bytes], data: bytes) -> None:
    assert popen.stdin is not None
    try:
        popen.stdin.write(data)
        popen.stdin.close()
    except (BrokenPipeError, OSError):
        pass


_SLOT_POOLS: dict[int, UidSlots] = {}
_warned: list[str] = []


def _slots(base: int) -> UidSlots:
    """One allocator per uid range and process, shared by every Sandbox using that range."""
    return _SLOT_POOLS.setdefault(base, UidSlots(base))


@lru_cache(maxsize=1)
def detect() -> str:
    """ "bwrap" when a probe sandbox starts and reports back; otherwise "rlimits", with a loud warning."""
    reason = ""
    if shutil.which("bwrap") is None:
        reason = "bubblewrap (bwrap) is not installed"
    else:
        try:
            probe = Sandbox("bwrap")
            proc = probe.spawn({"language": "probe"}, ProcessLimits(address_space_mb=512, cpu_s=10))
            events: list[tuple[str, Any]] = []
            with proc:
                deadline = time.monotonic() + 20
                while time.monotonic() < deadline and not any(k == "exit" for k, _ in events):
                    events += proc.read(deadline - time.monotonic())
            if any(k == "event" and v.get("event") == "hardened" for k, v in events):
                return "bwrap"
            output = b"".join(v for k, v in events if k == "output").decode(errors="replace").strip()
            reason = f"bwrap could not start a sandbox: {output[-300:] or 'no output'}"
        except OSError as exc:
            reason = f"bwrap could not start: {exc}"
    warn_fallback(reason)
    return "rlimits"


def warn_fallback(reason: str) -> None:
    message = (
        f"WARNING: {reason}. The code judge FALLS BACK TO RLIMITS ONLY: submissions run without filesystem, "
        "network or process isolation. Fine for your own code on your own machine; do NOT serve other "
        "users like this (install bubblewrap and allow user namespaces)."
    )
    log.warning(message)
    if not _warned:
        _warned.append(message)
        sys.stderr.write("\n" + "!" * 100 + "\n" + message + "\n" + "!" * 100 + "\n")
