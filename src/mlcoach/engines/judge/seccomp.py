"""A small seccomp-BPF deny list, built by hand so no libseccomp binding is needed.

The runner installs it inside the sandbox before any candidate code runs. It does not try to be a full
allow list: bubblewrap's namespaces and the unprivileged uid do the containment; this filter removes the
kernel interfaces a Python solution never needs and that widen the attack surface (namespaces, mounts,
ptrace, BPF, io_uring, keyrings, module loading, ...). Blocked calls fail with EPERM, so hostile code sees
an ordinary error. Only x86_64 is described; elsewhere `program()` returns None and the judge says so.
"""

from __future__ import annotations

import os
import struct

AUDIT_ARCH_X86_64 = 0xC000003E
RET_ALLOW = 0x7FFF0000
RET_KILL_PROCESS = 0x80000000
RET_ERRNO = 0x00050000
EPERM, ENOSYS = 1, 38

# BPF opcodes
LD_W_ABS = 0x20
JEQ_K = 0x15
JGE_K = 0x35
JSET_K = 0x45
RET_K = 0x06

# x86_64 syscall numbers denied with EPERM.
DENIED_X86_64 = {
    "ptrace": 101,
    "syslog": 103,
    "pivot_root": 155,
    "chroot": 161,
    "acct": 163,
    "mount": 165,
    "umount2": 166,
    "swapon": 167,
    "swapoff": 168,
    "reboot": 169,
    "sethostname": 170,
    "setdomainname": 171,
    "iopl": 172,
    "ioperm": 173,
    "init_module": 175,
    "delete_module": 176,
    "quotactl": 179,
    "lookup_dcookie": 212,
    "kexec_load": 246,
    "add_key": 248,
    "request_key": 249,
    "keyctl": 250,
    "unshare": 272,
    "perf_event_open": 298,
    "fanotify_init": 300,
    "name_to_handle_at": 303,
    "open_by_handle_at": 304,
    "setns": 308,
    "process_vm_readv": 310,
    "process_vm_writev": 311,
    "kcmp": 312,
    "finit_module": 313,
    "kexec_file_load": 320,
    "bpf": 321,
    "userfaultfd": 323,
    "io_uring_setup": 425,
    "io_uring_enter": 426,
    "io_uring_register": 427,
    "open_tree": 428,
    "move_mount": 429,
    "fsopen": 430,
    "fsconfig": 431,
    "fsmount": 432,
    "fspick": 433,
    "mount_setattr": 442,
}
NR_IOCTL, NR_CLONE, NR_CLONE3 = 16, 56, 435
TIOCSTI = 0x5412
# CLONE_NEWNS | NEWCGROUP | NEWUTS | NEWIPC | NEWUSER | NEWPID | NEWNET: no new namespaces from inside.
CLONE_NEW_NAMESPACES = 0x00020000 | 0x02000000 | 0x04000000 | 0x08000000 | 0x10000000 | 0x20000000 | 0x40000000
X32_BIT = 0x40000000

# offsets in struct seccomp_data
OFF_NR, OFF_ARCH, OFF_ARG0, OFF_ARG1 = 0, 4, 16, 24


def _insn(code: int, k: int, jt: int = 0, jf: int = 0) -> bytes:
    return struct.pack("<HBBI", code, jt, jf, k)


def program(machine: str | None = None) -> bytes | None:
    """The filter as raw `struct sock_filter[]`, or None when this architecture is not described."""
    if (machine or os.uname().machine) not in ("x86_64", "AMD64"):
        return None
    denied = sorted(DENIED_X86_64.values())
    # Layout: header, one JEQ per denied number, the clone/clone3/ioctl blocks, then the return table.
    body: list[tuple[int, int, str | None, str | None]] = []  # (code, k, jump-if-true label, jump-if-false label)
    body.append((LD_W_ABS, OFF_ARCH, None, None))
    body.append((JEQ_K, AUDIT_ARCH_X86_64, None, "kill"))
    body.append((LD_W_ABS, OFF_NR, None, None))
    body.append((JGE_K, X32_BIT, "eperm", None))
    for nr in denied:
        body.append((JEQ_K, nr, "eperm", None))
    body.append((JEQ_K, NR_CLONE3, "enosys", None))  # glibc falls back to clone(), whose flags we can see
    body.append((JEQ_K, NR_CLONE, "clone", None))
    body.append((JEQ_K, NR_IOCTL, "ioctl", None))
    body.append((RET_K, RET_ALLOW, None, None))
    labels: dict[str, int] = {}
    labels["clone"] = len(body)
    body.append((LD_W_ABS, OFF_ARG0, None, None))
    body.append((JSET_K, CLONE_NEW_NAMESPACES, "eperm", "allow"))
    labels["ioctl"] = len(body)
    body.append((LD_W_ABS, OFF_ARG1, None, None))
    body.append((JEQ_K, TIOCSTI, "eperm", "allow"))
    for name, ret in (("allow", RET_ALLOW), ("eperm", RET_ERRNO | EPERM), ("enosys", RET_ERRNO | ENOSYS)):
        labels[name] = len(body)
        body.append((RET_K, ret, None, None))
    labels["kill"] = len(body)
    body.append((RET_K, RET_KILL_PROCESS, None, None))

    out = bytearray()
    for pos, (code, k, jt, jf) in enumerate(body):
        jt_off = labels[jt] - pos - 1 if jt else 0
        jf_off = labels[jf] - pos - 1 if jf else 0
        if not (0 <= jt_off < 256 and 0 <= jf_off < 256):
            raise ValueError("seccomp program too long for 8-bit jumps")
        out += _insn(code, k, jt_off, jf_off)
    return bytes(out)


def install(prog: bytes) -> None:
    """Install `prog` on this process (and every thread and child it creates later).

    Sets no_new_privs first, which is what lets an unprivileged process load a filter."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)

    class SockFprog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    buf = ctypes.create_string_buffer(prog, len(prog))
    fprog = SockFprog(len(prog) // 8, ctypes.cast(buf, ctypes.c_void_p))
    pr_set_no_new_privs, pr_set_seccomp, seccomp_mode_filter = 38, 22, 2
    if libc.prctl(pr_set_no_new_privs, ctypes.c_ulong(1), ctypes.c_ulong(0), ctypes.c_ulong(0), ctypes.c_ulong(0)):
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_NO_NEW_PRIVS) failed")
    if libc.prctl(pr_set_seccomp, ctypes.c_ulong(seccomp_mode_filter), ctypes.byref(fprog), ctypes.c_ulong(0), 0):
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_SECCOMP) failed")
