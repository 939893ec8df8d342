"""The hostile battery: each attack really runs in the sandbox, is contained, gets the right verdict,
and leaves the host untouched (checked from outside after the run)."""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest

from mlcoach.domain.exercises import Limits
from mlcoach.domain.verdicts import Verdict
from mlcoach.engines.judge.judge import Judge
from mlcoach.engines.judge.sandbox import PACKAGE_DIR

from .conftest import judge_uid_processes, python_exercise, sql_exercise

pytestmark = pytest.mark.usefixtures("no_leftovers")


def attack(judge: Judge, body: str, **overrides: object) -> tuple[Verdict, str]:
    """Run `body` as the function `attack()`; it returns 'contained' when every attempt failed."""
    code = "def attack():\n" + "".join(f"    {line}\n" for line in body.strip("\n").splitlines())
    result = judge.judge(python_exercise(**overrides), code)
    t = result.tests[0] if result.tests else None
    return (t.verdict if t else result.verdict), (t.message + str(t.details) if t else result.message)


def test_runs_as_an_unprivileged_user_with_seccomp(bwrap_judge: Judge) -> None:
    verdict, why = attack(
        bwrap_judge,
        """
import os
status = open('/proc/self/status').read()
ok = os.getuid() != 0 and os.geteuid() != 0 and 'Seccomp:\\t2' in status and 'CapEff:\\t0000000000000000' in status
ok = ok and 'NoNewPrivs:\\t1' in status and len(os.listdir('/proc/self/fd')) <= 5  # 0-2, results, this listing
return 'contained' if ok else status
""",
    )
    assert verdict is Verdict.ACCEPTED, why
    result = bwrap_judge.judge(python_exercise(), "def attack():\n    return 'contained'\n")
    assert result.sandbox == "bwrap+seccomp"


def test_no_network(bwrap_judge: Judge) -> None:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.2)
    port = server.getsockname()[1]
    verdict, why = attack(
        bwrap_judge,
        f"""
import socket
for target in [('127.0.0.1', {port}), ('127.0.0.1', 6379), ('1.1.1.1', 53)]:
    try:
        socket.create_connection(target, timeout=1).close()
        return 'reached ' + str(target)
    except OSError:
        pass
try:
    socket.getaddrinfo('example.com', 80)
    return 'dns works'
except OSError:
    return 'contained'
""",
    )
    assert verdict is Verdict.ACCEPTED, why
    with pytest.raises(TimeoutError):
        server.accept()  # nobody ever connected to the host's port
    server.close()


def test_host_files_and_the_hidden_tests_are_out_of_reach(bwrap_judge: Judge, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-TOKEN")
    bank = PACKAGE_DIR / "bank" / "exercises" / "python" / "two-sum-indices.yaml"
    assert bank.exists()
    verdict, why = attack(
        bwrap_judge,
        f"""
import os
found = []
for path in [{str(secret)!r}, {str(bank)!r}, '/etc/shadow', '/etc/passwd', '/root/.bash_history',
             '/proc/1/environ', '/proc/1/root/etc/hostname']:
    try:
        found.append(path + ': ' + open(path).read()[:40])
    except OSError:
        pass
wanted = {"two-sum-indices.yaml", "taxonomy.yaml", "mlcoach.db", "secret_key", "secret.txt"}
tops = ['/' + t for t in os.listdir('/') if t not in ('proc', 'dev', 'sys', 'usr') and not os.path.islink('/' + t)]
for top in tops + ['/usr/local', '/usr/lib/python3', '/usr/share']:
    for root, dirs, files in os.walk(top):
        found += [root + '/' + f for f in files if f in wanted]
return 'contained' if not found else found
""",
        limits=Limits(time_s=10.0, memory_mb=256, output_kb=16),
    )
    assert verdict is Verdict.ACCEPTED, why
    assert "TOP-SECRET" not in why


def test_environment_secrets_do_not_leak(bwrap_judge: Judge, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MLCOACH_SECRET_KEY", "leaky-secret-value-123")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "leaky-secret-value-456")
    verdict, why = attack(
        bwrap_judge,
        """
import os
seen = dict(os.environ)
for pid in os.listdir('/proc'):
    try:
        seen[pid] = open('/proc/' + pid + '/environ').read()
    except OSError:
        pass
return 'contained' if 'leaky-secret' not in str(seen) else str(seen)
""",
    )
    assert verdict is Verdict.ACCEPTED, why


def test_writes_outside_the_working_directory_fail(bwrap_judge: Judge, tmp_path: Path) -> None:
    target = tmp_path / "pwned.txt"
    verdict, why = attack(
        bwrap_judge,
        f"""
import os
wrote = []
for path in [{str(target)!r}, '/pwned', '/usr/pwned', '/etc/pwned', '/opt/judge/pwned', '/dev/shm/pwned',
             '/root/pwned', '/proc/pwned']:
    try:
        with open(path, 'w') as f:
            f.write('x')
        wrote.append(path)
    except OSError:
        pass
with open('/tmp/scratch.txt', 'w') as f:  # the working directory is writable, and small
    f.write('fine')
try:
    with open('/tmp/big', 'wb') as f:
        f.write(b'x' * (64 * 1024 * 1024))
    wrote.append('64 MB in /tmp')
except OSError:
    pass
return 'contained' if not wrote else wrote
""",
        limits=Limits(time_s=3.0, memory_mb=256, output_kb=16),
    )
    assert verdict is Verdict.ACCEPTED, why
    assert not target.exists() and not Path("/tmp/scratch.txt").exists()


def test_fork_bomb_is_contained(bwrap_judge: Judge) -> None:
    before = len(os.listdir("/proc"))
    started = time.monotonic()
    verdict, why = attack(
        bwrap_judge,
        """
import os
while True:
    os.fork()
""",
    )
    assert verdict in (Verdict.RUNTIME_ERROR, Verdict.TIME_LIMIT), why
    assert time.monotonic() - started < 15
    assert judge_uid_processes() == []
    assert len(os.listdir("/proc")) < before + 20


def test_memory_bombs_hit_the_memory_limit(bwrap_judge: Judge) -> None:
    for body in (
        "x = bytearray(8 * 1024 ** 3)",
        "xs = []\nwhile True:\n    xs.append(bytearray(10 ** 6))",
        "import numpy\nreturn numpy.ones(10 ** 10)",
    ):
        verdict, why = attack(bwrap_judge, body)
        assert verdict is Verdict.MEMORY_LIMIT, (body, why)


def test_infinite_loop_hits_the_time_limit(bwrap_judge: Judge) -> None:
    started = time.monotonic()
    verdict, why = attack(bwrap_judge, "while True:\n    pass")
    assert verdict is Verdict.TIME_LIMIT, why
    assert time.monotonic() - started < 6


def test_sleeping_forever_hits_the_wall_clock_limit(bwrap_judge: Judge) -> None:
    verdict, why = attack(bwrap_judge, "import time\ntime.sleep(3600)")
    assert verdict is Verdict.TIME_LIMIT, why


def test_output_flood_hits_the_output_limit(bwrap_judge: Judge) -> None:
    verdict, why = attack(bwrap_judge, "while True:\n    print('x' * 1000)")
    assert verdict is Verdict.OUTPUT_LIMIT, why
    verdict, why = attack(bwrap_judge, "import os\nwhile True:\n    os.write(2, b'y' * 65536)")
    assert verdict is Verdict.OUTPUT_LIMIT, why


def test_killing_the_parent_leaves_the_judge_alive(bwrap_judge: Judge) -> None:
    me = os.getpid()
    verdict, why = attack(
        bwrap_judge,
        f"""
import os, signal
for pid in (os.getppid(), 1, {me}, -1):
    try:
        os.kill(pid, signal.SIGKILL)
    except OSError:
        pass
for group in (0, os.getpgid(0), {os.getpgid(0)}):
    try:
        os.killpg(group, signal.SIGTERM)
    except OSError:
        pass
return 'contained'
""",
    )
    assert verdict in (Verdict.ACCEPTED, Verdict.RUNTIME_ERROR), why
    os.kill(me, 0)  # this process is still alive
    verdict, why = attack(bwrap_judge, "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)")
    assert verdict is Verdict.RUNTIME_ERROR and "SIGKILL" in why, why


def test_raw_syscalls_through_ctypes_are_refused(bwrap_judge: Judge) -> None:
    verdict, why = attack(
        bwrap_judge,
        """
import ctypes, os
libc = ctypes.CDLL(None, use_errno=True)
calls = {
    'unshare(NEWUSER)': lambda: libc.unshare(0x10000000),
    'unshare(NEWNS)': lambda: libc.unshare(0x00020000),
    'mount': lambda: libc.mount(b'none', b'/tmp', b'tmpfs', 0, None),
    'ptrace': lambda: libc.ptrace(0, 0, 0, 0),
    'setuid(0)': lambda: libc.setuid(0),
    'bpf': lambda: libc.syscall(321, 0, 0, 0),
    'io_uring_setup': lambda: libc.syscall(425, 1, 0),
    'chroot': lambda: libc.chroot(b'/tmp'),
    'keyctl': lambda: libc.syscall(250, 0, 0, 0),
}
worked = [name for name, call in calls.items() if call() == 0]
return 'contained' if not worked else worked
""",
    )
    assert verdict is Verdict.ACCEPTED, why


def test_a_crash_in_native_code_is_a_runtime_error(bwrap_judge: Judge) -> None:
    verdict, why = attack(bwrap_judge, "import ctypes\nreturn ctypes.string_at(0)")
    assert verdict is Verdict.RUNTIME_ERROR and ("SIGSEGV" in why or "segmentation" in why), why


def test_a_forked_child_cannot_report_results(bwrap_judge: Judge) -> None:
    verdict, why = attack(
        bwrap_judge, "import os\nif os.fork() == 0:\n    return 'contained'\nos.wait()\nreturn 'parent'"
    )
    assert verdict is Verdict.WRONG_ANSWER, why


@pytest.mark.parametrize("engine", ["sqlite", "duckdb"])
@pytest.mark.parametrize(
    "query",
    [
        "ATTACH DATABASE '/tmp/x.db' AS x; SELECT name, salary FROM employee",
        "SELECT load_extension('/usr/lib/x86_64-linux-gnu/libc.so.6'), 1",
        "VACUUM INTO '/tmp/copy.db'; SELECT name, salary FROM employee",
        "PRAGMA query_only = OFF; DELETE FROM employee; SELECT name, salary FROM employee",
    ],
)
def test_sql_escape_hatches_are_closed(bwrap_judge: Judge, engine: str, query: str) -> None:
    result = bwrap_judge.judge(sql_exercise(engine), query)
    assert result.verdict in (Verdict.RUNTIME_ERROR, Verdict.COMPILE_ERROR), result


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * FROM read_csv('/etc/passwd')",
        "SELECT content, 1 FROM read_text('/etc/hostname')",
        "COPY (SELECT 1) TO '/tmp/out.csv'",
        "INSTALL httpfs",
        "SET enable_external_access = true",
    ],
)
def test_duckdb_file_and_extension_access_is_refused(bwrap_judge: Judge, query: str) -> None:
    result = bwrap_judge.judge(sql_exercise("duckdb"), query)
    assert result.verdict in (Verdict.RUNTIME_ERROR, Verdict.COMPILE_ERROR), result
    assert not Path("/tmp/out.csv").exists()


def test_concurrent_fork_bomb_does_not_starve_a_neighbour(bwrap_judge: Judge) -> None:
    results: list[Verdict] = []
    bomb = threading.Thread(target=lambda: attack(bwrap_judge, "import os\nwhile True:\n    os.fork()"))
    bomb.start()
    time.sleep(0.3)
    for _ in range(3):
        results.append(attack(bwrap_judge, "import subprocess\nreturn 'contained'")[0])
    bomb.join()
    assert results == [Verdict.ACCEPTED] * 3


def test_fallback_still_enforces_rlimits(rlimits_judge: Judge) -> None:
    assert rlimits_judge.sandbox.kind == "rlimits"
    assert attack(rlimits_judge, "while True:\n    pass")[0] is Verdict.TIME_LIMIT
    assert attack(rlimits_judge, "x = bytearray(8 * 1024 ** 3)")[0] is Verdict.MEMORY_LIMIT
    assert attack(rlimits_judge, "while True:\n    print('x' * 1000)")[0] is Verdict.OUTPUT_LIMIT
    verdict, why = attack(rlimits_judge, "import os\nreturn 'contained' if os.getuid() != 0 else 'root'")
    assert verdict is Verdict.ACCEPTED, why
