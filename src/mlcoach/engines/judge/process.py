"""A running sandbox seen from the judge: its pipes, its kill, and the uids it may run under."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import selectors
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

UID_BASE, UID_SLOTS = 880_000, 64  # per-sandbox uids when the judge runs as root (see docs/judge.md)
MAX_RESULT_BUFFER = 64 * 1024 * 1024


class UidSlots:
    """Hands out distinct uids to concurrent sandboxes, across threads and processes (flock)."""

    def __init__(self, base: int = UID_BASE) -> None:
        self.base = base
        self._lock = threading.Lock()
        self._dir = Path(tempfile.gettempdir()) / f"mlcoach-judge-uids-{os.geteuid()}-{base}"

    def claim(self) -> tuple[int, int]:
        with self._lock:
            self._dir.mkdir(mode=0o700, exist_ok=True)
            for slot in range(UID_SLOTS):
                fd = os.open(self._dir / f"{slot}.lock", os.O_CREAT | os.O_RDWR, 0o600)
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    os.close(fd)
                    continue
                return self.base + slot, fd
        raise RuntimeError("every sandbox uid is busy")

    @staticmethod
    def release(fd: int) -> None:
        os.close(fd)  # closing drops the lock


def sweep_uid(uid: int, wait_s: float = 0.0) -> int:
    """SIGKILL every process of `uid` (only the judge's own per-sandbox uids, as root); with `wait_s`,
    keep at it until none is left, so the uid is clean before the next sandbox gets it."""
    killed = 0
    deadline = time.monotonic() + wait_s
    while True:
        found = 0
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                if os.stat(f"/proc/{entry}").st_uid == uid:
                    found += 1
                    os.kill(int(entry), signal.SIGKILL)
            except OSError:
                continue
        killed += found
        if not found or time.monotonic() >= deadline:
            return killed
        time.sleep(0.01)


class SandboxProcess:
    """A running runner: read its events and output with a timeout, kill it, clean up."""

    def __init__(
        self, popen: subprocess.Popen[bytes], result_r: int, uid: int | None, lock_fd: int | None, workdir: str | None
    ) -> None:
        self.popen, self.result_r, self.uid, self.lock_fd, self.workdir = popen, result_r, uid, lock_fd, workdir
        assert popen.stdout is not None
        self.out_fd = popen.stdout.fileno()
        self.sel = selectors.DefaultSelector()
        for fd in (self.result_r, self.out_fd):
            os.set_blocking(fd, False)
            self.sel.register(fd, selectors.EVENT_READ)
        self.buffer = b""
        self.open_fds = 2
        self.killed = False

    def read(self, timeout: float) -> list[tuple[str, Any]]:
        """Whatever arrived within `timeout`: ("event", dict), ("output", bytes), or finally ("exit", code)."""
        out: list[tuple[str, Any]] = []
        if self.open_fds == 0:
            return [("exit", self._wait())]
        for key, _ in self.sel.select(max(0.0, timeout)):
            fd = int(key.fd)
            try:
                chunk = os.read(fd, 1 << 16)
            except BlockingIOError:
                continue
            if not chunk:
                self.sel.unregister(fd)
                self.open_fds -= 1
                continue
            if fd == self.out_fd:
                out.append(("output", chunk))
                continue
            self.buffer += chunk
            *lines, self.buffer = self.buffer.split(b"\n")
            for line in lines:
                try:
                    out.append(("event", json.loads(line)))
                except ValueError:
                    out.append(("event", {"event": "garbled"}))
            if len(self.buffer) > MAX_RESULT_BUFFER:
                self.kill()
                out.append(("event", {"event": "overflow"}))
        if self.open_fds == 0:
            out.append(("exit", self._wait()))
        return out

    def _wait(self) -> int:
        try:
            return self.popen.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.kill()
            return self.popen.wait()

    def kill(self) -> None:
        self.killed = True
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.popen.pid, signal.SIGKILL)
        if self.uid is not None:
            sweep_uid(self.uid)

    def close(self) -> None:
        if self.popen.poll() is None:
            self.kill()
        self.popen.wait()
        if self.uid is not None:
            sweep_uid(self.uid, wait_s=5.0)
        self.sel.close()
        with contextlib.suppress(OSError):
            os.close(self.result_r)
        with contextlib.suppress(OSError):
            self.popen.stdout.close()  # type: ignore[union-attr]
        if self.lock_fd is not None:
            UidSlots.release(self.lock_fd)
        if self.workdir:
            shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self) -> SandboxProcess:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
