"""A seccomp filter for the sandbox: system calls a submission has no use for answer ``EPERM``.

Bubblewrap loads a compiled classic-BPF program from a file descriptor (``--seccomp FD``) and
installs it, with ``no_new_privs``, just before it starts the sandboxed command; every process
inside inherits it. The filter narrows what a submission can ask of the shared kernel, where the
namespaces do not reach: kernel modules and ``kexec``, ``ptrace`` and reading other processes'
memory, mounting and new namespaces, the kernel keyring, eBPF, ``perf_event_open``,
``userfaultfd`` and ``io_uring`` (frequent ways into kernel exploits), file handles that bypass
the mount namespace, and the clock, swap and reboot calls. Everything else is allowed, so that
Python, NumPy and scikit-learn run unchanged. It is written for x86-64 only; on another
architecture the sandbox runs without it (``available()`` is false), and a call made through
another ABI (x32) on x86-64 kills the process.

The program is short and checked by the tests (the calls listed answer ``EPERM`` inside the
sandbox; ordinary submissions still run). No Django.
"""

from __future__ import annotations

import errno
import platform
import struct

# The system call numbers of x86-64 (Linux's arch/x86/entry/syscalls/syscall_64.tbl).
DENIED_X86_64: dict[str, int] = {
    "ptrace": 101,
    "syslog": 103,
    "pivot_root": 155,
    "chroot": 161,
    "settimeofday": 164,
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
    "acct": 163,
    "lookup_dcookie": 212,
    "clock_settime": 227,
    "kexec_load": 246,
    "add_key": 248,
    "request_key": 249,
    "keyctl": 250,
    "unshare": 272,
    "perf_event_open": 298,
    "name_to_handle_at": 303,
    "open_by_handle_at": 304,
    "clock_adjtime": 305,
    "setns": 308,
    "process_vm_readv": 310,
    "process_vm_writev": 311,
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
    "pidfd_getfd": 438,
    "mount_setattr": 442,
}

# <linux/audit.h>, <linux/seccomp.h> and <linux/filter.h>.
AUDIT_ARCH_X86_64 = 0xC000003E
X32_SYSCALL_BIT = 0x40000000
SECCOMP_RET_KILL_PROCESS = 0x80000000
SECCOMP_RET_ERRNO = 0x00050000
SECCOMP_RET_ALLOW = 0x7FFF0000
LOAD_WORD_ABS = 0x20  # BPF_LD | BPF_W | BPF_ABS
JUMP_EQUAL = 0x15  # BPF_JMP | BPF_JEQ | BPF_K
JUMP_AT_LEAST = 0x35  # BPF_JMP | BPF_JGE | BPF_K
RETURN = 0x06  # BPF_RET | BPF_K
# struct seccomp_data: int nr; __u32 arch; ...
NR_OFFSET, ARCH_OFFSET = 0, 4


def available() -> bool:
    """Whether this machine's architecture has the filter (x86-64)."""
    return platform.machine() in ("x86_64", "AMD64")


def _instruction(code: int, jump_true: int, jump_false: int, k: int) -> bytes:
    # struct sock_filter { __u16 code; __u8 jt; __u8 jf; __u32 k; }, in the machine's byte order.
    return struct.pack("=HBBI", code, jump_true, jump_false, k)


def program(denied: dict[str, int] | None = None) -> bytes:
    """The compiled filter: kill on another architecture or the x32 ABI, ``EPERM`` for each denied
    call, allow the rest."""
    numbers = sorted(set((denied or DENIED_X86_64).values()))
    # Layout: 0 load arch, 1 check arch, 2 load nr, 3 x32?, 4.. one test per denied call, then
    # allow, deny, kill.
    first_test = 4
    allow = first_test + len(numbers)
    deny, kill = allow + 1, allow + 2
    out = [
        _instruction(LOAD_WORD_ABS, 0, 0, ARCH_OFFSET),
        _instruction(JUMP_EQUAL, 0, kill - 2, AUDIT_ARCH_X86_64),
        _instruction(LOAD_WORD_ABS, 0, 0, NR_OFFSET),
        _instruction(JUMP_AT_LEAST, kill - 4, 0, X32_SYSCALL_BIT),
    ]
    for index, number in enumerate(numbers):
        position = first_test + index
        out.append(_instruction(JUMP_EQUAL, deny - position - 1, 0, number))
    out += [
        _instruction(RETURN, 0, 0, SECCOMP_RET_ALLOW),
        _instruction(RETURN, 0, 0, SECCOMP_RET_ERRNO | errno.EPERM),
        _instruction(RETURN, 0, 0, SECCOMP_RET_KILL_PROCESS),
    ]
    if max(deny - first_test - 1, kill - 2) > 255:
        raise ValueError("too many denied calls for one-byte jumps")
    return b"".join(out)
