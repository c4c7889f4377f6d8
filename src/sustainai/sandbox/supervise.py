"""``python -m sustainai.sandbox.supervise JOB.json``: start the sandbox, hold it to its limits.

This is the command the energy measurement runs (``footprint.measure`` has no time limit of its
own): it starts bubblewrap in a session of its own with the resource limits set, reads at most a
bounded number of bytes of its output, kills the whole process group when the wall-clock limit
passes, and prints one JSON object saying how the run ended. It runs outside the sandbox, as the
worker's user; the job file is written by :mod:`sustainai.sandbox.runner`.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import signal
import subprocess
import sys
import threading
import time
from typing import IO, Any

# The placeholder the runner writes where the filter's descriptor goes (runner.SECCOMP_FD; this
# module imports nothing of the package: it runs as a script).
SECCOMP_FD = "{seccomp-fd}"


def _limit(resource_id: int, value: int) -> None:
    resource.setrlimit(resource_id, (value, value))


def _apply_limits(limits: dict[str, int]) -> None:
    """Set in the child before bubblewrap starts; inherited by everything inside the sandbox."""
    # SIGXCPU at the soft limit, SIGKILL a second later at the hard one.
    resource.setrlimit(resource.RLIMIT_CPU, (limits["cpu_s"], limits["cpu_s"] + 1))
    _limit(resource.RLIMIT_AS, limits["memory_mb"] * 1024 * 1024)
    _limit(resource.RLIMIT_FSIZE, limits["file_mb"] * 1024 * 1024)
    _limit(resource.RLIMIT_NPROC, limits["processes"])
    _limit(resource.RLIMIT_CORE, 0)


class _TreeCPU:
    """Samples, in a thread, the CPU time used by a process and all its descendants (bubblewrap
    and everything in the sandbox) and keeps the most seen.

    It tells a kill at the CPU limit from any other SIGKILL (the kernel's OOM killer, say): the
    rusage of children does not reach this process through bubblewrap's PID namespace, and the
    sandbox runs in a session of its own (``--new-session``), so the tree is followed by parent.
    A process's time counts its own and that of the children it has reaped; a sample may miss the
    last ``interval`` seconds, less than the second between RLIMIT_CPU's SIGXCPU and its SIGKILL.
    """

    def __init__(self, root: int, interval: float = 0.1) -> None:
        self.most_s = 0.0
        self._root, self._interval = root, interval
        self._tick = os.sysconf("SC_CLK_TCK")
        self._done = threading.Event()
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()

    def _used_s(self) -> float:
        children: dict[int, list[int]] = {}
        ticks: dict[int, int] = {}
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as handle:
                    stat = handle.read()
            except OSError:  # gone since the listing
                continue
            # The fields after the command name, which may hold spaces, start at field 3 (state).
            fields = stat[stat.rindex(b")") + 2 :].split()
            pid = int(entry.name)
            children.setdefault(int(fields[1]), []).append(pid)  # field 4, the parent
            ticks[pid] = sum(int(value) for value in fields[11:15])  # utime stime cutime cstime
        total, stack = 0, [self._root]
        while stack:
            pid = stack.pop()
            total += ticks.get(pid, 0)
            stack.extend(children.get(pid, ()))
        return total / self._tick

    def _sample(self) -> None:
        while not self._done.wait(self._interval):
            self.most_s = max(self.most_s, self._used_s())

    def stop(self) -> None:
        self._done.set()
        self.thread.join(timeout=5)


class _Capped:
    """Reads a stream to its end in a thread, keeping its first ``head`` bytes (the result) or its
    last ``tail`` bytes (the error output); ``overflow`` says whether bytes were dropped."""

    def __init__(self, stream: IO[bytes], head: int = 0, tail: int = 0) -> None:
        self.data = bytearray()
        self.overflow = False
        self._stream, self._head, self._tail = stream, head, tail
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        while chunk := self._stream.read(65536):
            if self._head:
                room = self._head - len(self.data)
                if len(chunk) > room:
                    self.overflow = True
                self.data += chunk[: max(room, 0)]
            else:
                self.data = (self.data + chunk)[-self._tail :]


def supervise(job: dict[str, Any]) -> dict[str, Any]:
    limits = job["limits"]
    command = list(job["command"])
    kept: tuple[int, ...] = ()
    if job.get("seccomp"):
        # Bubblewrap reads the compiled filter from this descriptor, which it inherits.
        descriptor = os.open(job["seccomp"], os.O_RDONLY)
        kept = (descriptor,)
        command = [str(descriptor) if arg == SECCOMP_FD else arg for arg in command]
    started = time.monotonic()
    process = subprocess.Popen(
        command,
        pass_fds=kept,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        preexec_fn=lambda: _apply_limits(limits),  # noqa: PLW1509 - this process has one thread
        env={"PATH": "/usr/bin", "LANG": "C.UTF-8"},
    )
    assert process.stdout is not None and process.stderr is not None
    out = _Capped(process.stdout, head=limits["output_mb"] * 1024 * 1024)
    err = _Capped(process.stderr, tail=4096)
    cpu = _TreeCPU(process.pid)
    timed_out = False
    try:
        process.wait(timeout=limits["wall_s"])
    except subprocess.TimeoutExpired:
        timed_out = True
    finally:
        cpu.stop()
        # The whole group: bubblewrap, and with it (--die-with-parent, its own PID namespace)
        # everything the submission started.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    out.thread.join(timeout=5)
    err.thread.join(timeout=5)
    wall = time.monotonic() - started
    code = process.returncode
    return {
        "timed_out": timed_out,
        "returncode": code,
        "signal": signal.Signals(-code).name if code < 0 else None,
        "wall_s": round(wall, 3),
        "cpu_s": round(cpu.most_s, 3),
        "output": out.data.decode("utf-8", "replace"),
        "output_overflow": out.overflow,
        "stderr_tail": err.data.decode("utf-8", "replace"),
    }


def main(argv: list[str]) -> int:
    with open(argv[1], encoding="utf-8") as handle:
        job = json.load(handle)
    outcome = supervise(job)
    sys.stdout.write(json.dumps(outcome))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
