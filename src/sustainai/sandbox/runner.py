"""Run a submitted ``predict(X_train, y_train, X_test)`` in the sandbox and check what it returns.

:func:`evaluate` writes the public data (never the hidden labels) to a fresh directory, builds the
bubblewrap command line (:func:`sandbox_command`), runs it through ``supervise.py`` with the energy
measured by the footprint engine's ``measure`` (CodeCarbon), ``repeats`` times, and returns an
:class:`Evaluation`: the predictions of the first run, validated (one per test row, labels among
the classes or finite numbers), each run's energy, and a reason whenever it failed. Nothing here
raises for a bad submission: every failure is an outcome.

Threat model and mounts: docs/challenges.md.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import io
import json
import math
import os
import shutil
import signal
import subprocess
import sys
import sysconfig
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from sustainai.sandbox import seccomp as seccomp_filter

HARNESS = Path(__file__).with_name("harness.py")
SUPERVISOR = Path(__file__).with_name("supervise.py")
#: The libraries a submission may import, besides the standard library: importable top-level
#: names, with the folders of shared libraries their wheels ship beside them.
LIBRARIES = {
    "numpy": ("numpy.libs",),
    "scipy": ("scipy.libs",),
    "sklearn": ("scikit_learn.libs",),
    "joblib": (),
    "threadpoolctl": (),
    "narwhals": (),  # scikit-learn 1.9 imports it
}
#: The unprivileged user the submission runs as (Debian's "nobody").
NOBODY = 65534
MAX_SOURCE_BYTES = 1024 * 1024


class SandboxUnavailable(RuntimeError):
    """The sandbox cannot run here (no bubblewrap, not started as root): nothing was run."""


@dataclasses.dataclass(frozen=True)
class Limits:
    """Per run: CPU seconds, wall-clock seconds, address space, processes (threads included) of the
    sandbox user, size of any file written, of the scratch directory and of the output."""

    cpu_s: int = 60
    wall_s: int = 120
    memory_mb: int = 2048
    processes: int = 64
    file_mb: int = 16
    scratch_mb: int = 64
    output_mb: int = 8

    def as_dict(self) -> dict[str, int]:
        return dataclasses.asdict(self)


@dataclasses.dataclass
class Run:
    """One run in the sandbox. ``status``: ``ok``, ``failed``, ``timeout`` or ``killed``."""

    status: str
    reason: str = ""
    predictions: list[Any] | None = None
    wall_s: float = 0.0
    cpu_s: float = 0.0
    max_rss_mb: float = 0.0
    energy_kwh: float | None = None
    carbon_kg: float | None = None
    stderr_tail: str = ""

    def as_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data.pop("predictions")
        return data


@dataclasses.dataclass
class Evaluation:
    """All runs of one submission. ``status`` is ``ok`` when every run returned valid predictions;
    otherwise that of the first run that did not, with its ``reason``."""

    status: str
    reason: str
    runs: list[Run]
    predictions: list[Any] | None
    energy_method: str = ""
    measurement: dict[str, Any] = dataclasses.field(default_factory=dict)

    @property
    def energy_wh(self) -> list[float]:
        return [run.energy_kwh * 1000 for run in self.runs if run.energy_kwh is not None]

    @property
    def carbon_g(self) -> list[float]:
        return [run.carbon_kg * 1000 for run in self.runs if run.carbon_kg is not None]


def read_source(content: bytes, filename: str) -> str:
    """The Python source of a submission: the file itself, or the one ``.py`` file of a zip.

    Raises ``ValueError`` with the reason for a zip without exactly one Python file, an oversized
    file, or bytes that are not UTF-8 text. Whether it is valid Python is decided in the sandbox.
    """
    if filename.lower().endswith(".zip") or content[:4] == b"PK\x03\x04":
        try:
            archive = zipfile.ZipFile(io.BytesIO(content))
        except zipfile.BadZipFile:
            raise ValueError("the zip file cannot be read") from None
        members = [m for m in archive.infolist() if m.filename.endswith(".py") and not m.is_dir()]
        if len(members) != 1:
            raise ValueError(f"the zip must hold exactly one .py file (it holds {len(members)})")
        if members[0].file_size > MAX_SOURCE_BYTES:
            raise ValueError("the Python file in the zip is larger than 1 MiB")
        with archive.open(members[0]) as handle:
            content = handle.read(MAX_SOURCE_BYTES + 1)
    if len(content) > MAX_SOURCE_BYTES:
        raise ValueError("the file is larger than 1 MiB")
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        raise ValueError("the file is not Python source (not UTF-8 text)") from None


def _bwrap() -> str:
    path = shutil.which("bwrap") or "/usr/bin/bwrap"
    if not os.access(path, os.X_OK):
        raise SandboxUnavailable("bubblewrap is not installed (apt-get install bubblewrap)")
    if os.geteuid() != 0:
        raise SandboxUnavailable(
            "the sandbox must be started as root: it drops the submission to the user nobody"
        )
    return path


def _python_paths() -> tuple[Path, list[Path], Path]:
    """The interpreter, the files it needs besides the system's libraries, and the stdlib."""
    executable = Path(os.path.realpath(sys.executable))
    stdlib = Path(os.path.realpath(os.path.dirname(os.__file__)))
    extra = []
    library = sysconfig.get_config_var("LDLIBRARY")
    libdir = sysconfig.get_config_var("LIBDIR")
    if sysconfig.get_config_var("Py_ENABLE_SHARED") and library and libdir:
        candidate = Path(libdir, library)
        for path in {candidate, Path(os.path.realpath(candidate))}:
            if path.exists():
                extra.append(path)
                extra.extend(p for p in candidate.parent.glob(library + ".*") if p.exists())
    return executable, sorted(set(extra)), stdlib


def _library_paths() -> list[tuple[Path, str]]:
    """(host path, name under /sandbox/lib) of each allowed library, found without importing."""
    found = []
    for name, siblings in LIBRARIES.items():
        spec = importlib.util.find_spec(name)
        if spec is None or spec.origin is None:
            continue
        origin = Path(spec.origin)
        path = origin.parent if spec.submodule_search_locations else origin
        found.append((path, path.name))
        for sibling in siblings:
            if (path.parent / sibling).is_dir():
                found.append((path.parent / sibling, sibling))
    return found


# Where the command names the seccomp filter's file descriptor: the supervisor opens the filter
# (``job["seccomp"]``) and puts the number in its place, as bubblewrap reads the program from it.
SECCOMP_FD = "{seccomp-fd}"


def sandbox_command(data_dir: Path, limits: Limits, *, seccomp: bool = False) -> list[str]:
    """The bubblewrap command line that runs the harness on ``data_dir`` (mounted read-only).

    The sandbox sees: the system's shared libraries (/usr/lib), the interpreter and its standard
    library (its site-packages hidden), the allowed libraries, the harness and the data, all
    read-only; a size-limited tmpfs at /scratch (its working directory) and /tmp; its own /proc
    and a minimal /dev. No network, PID, IPC, UTS or cgroup namespace of the host's. It runs as
    nobody with no capabilities and no way to gain privileges; with ``seccomp``, under the filter
    of :mod:`sustainai.sandbox.seccomp` too.
    """
    executable, python_files, stdlib = _python_paths()
    args = [
        _bwrap(),
        "--unshare-net",
        "--unshare-pid",
        "--unshare-ipc",
        "--unshare-uts",
        "--unshare-cgroup-try",
        "--die-with-parent",
        "--new-session",
        "--clearenv",
        "--setenv", "HOME", "/scratch",
        "--setenv", "LANG", "C.UTF-8",
        "--setenv", "PYTHONHASHSEED", "0",
    ]  # fmt: skip
    for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        args += ["--setenv", variable, "1"]
    if seccomp:
        args += ["--seccomp", SECCOMP_FD]
    created: set[str] = {"/"}

    def directories(target: Path) -> None:
        for parent in reversed(target.parents):
            if str(parent) not in created:
                created.add(str(parent))
                args.extend(["--perms", "0755", "--dir", str(parent)])

    def bind(source: Path, target: Path) -> None:
        directories(target)
        args.extend(["--ro-bind", str(source), str(target)])

    for system in ("/usr/lib", "/usr/lib64"):
        if os.path.isdir(system):
            bind(Path(system), Path(system))
    for link in ("/lib", "/lib64"):
        if os.path.islink(link):
            args.extend(["--symlink", os.readlink(link), link])
        elif os.path.isdir(link):
            bind(Path(link), Path(link))
    bind(Path("/usr/bin/setpriv"), Path("/usr/bin/setpriv"))
    bind(executable, executable)
    for path in python_files:
        bind(path, path)
    bind(stdlib, stdlib)
    if (stdlib / "site-packages").is_dir():  # hide whatever is installed next to the stdlib
        args.extend(["--perms", "0755", "--tmpfs", str(stdlib / "site-packages")])
    for path, name in _library_paths():
        bind(path, Path("/sandbox/lib", name))
    bind(HARNESS, Path("/sandbox/harness.py"))
    bind(data_dir, Path("/sandbox/data"))
    size = str(limits.scratch_mb * 1024 * 1024)
    args += [
        "--proc", "/proc",
        "--dev", "/dev",
        "--perms", "1777", "--size", size, "--tmpfs", "/scratch",
        "--perms", "1777", "--size", size, "--tmpfs", "/tmp",
        "--remount-ro", "/",
        "--chdir", "/scratch",
        "/usr/bin/setpriv",
        f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups",
        "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs",
        "--",
        str(executable), "-I", "-S", "-B", "/sandbox/harness.py", "/sandbox/data", "/sandbox/lib",
    ]  # fmt: skip
    return args


def _write_data(directory: Path, source: str, x_train: Any, y_train: Any, x_test: Any) -> None:
    directory.mkdir(mode=0o755)
    for name, array in (("X_train", x_train), ("y_train", y_train), ("X_test", x_test)):
        np.save(directory / f"{name}.npy", np.asarray(array), allow_pickle=False)
    (directory / "submission.py").write_text(source, encoding="utf-8")
    for path in directory.iterdir():
        path.chmod(0o644)


def _interpret(
    outcome: dict[str, Any], limits: Limits, n_test: int, classes: Sequence[Any] | None
) -> Run:
    run = Run(
        status="failed",
        wall_s=outcome["wall_s"],
        stderr_tail=outcome["stderr_tail"][-1000:],
    )
    if outcome["timed_out"]:
        run.status = "timeout"
        run.reason = f"ran past the wall-clock limit of {limits.wall_s} s and was stopped"
        return run
    code = outcome["returncode"]
    try:
        payload = json.loads(outcome["output"]) if outcome["output"] else None
    except ValueError:
        payload = None
    if outcome["output_overflow"]:
        run.reason = f"the output went past {limits.output_mb} MiB"
        return run
    if not isinstance(payload, dict):
        run.cpu_s = float(outcome["cpu_s"])
        signal_number = code - 128 if code > 128 else (-code if code < 0 else 0)
        # RLIMIT_CPU sends SIGXCPU at the limit and SIGKILL a second later.
        if signal_number == signal.SIGXCPU or (
            signal_number == signal.SIGKILL and outcome["cpu_s"] >= limits.cpu_s
        ):
            run.status = "killed"
            run.reason = f"killed: used its CPU-time limit of {limits.cpu_s} s"
        elif signal_number:
            run.status = "killed"
            run.reason = f"killed by {signal.Signals(signal_number).name}"
        else:
            last = outcome["stderr_tail"].strip().splitlines()[-1:] or ["no output"]
            run.reason = f"the sandbox ended without a result (exit code {code}): {last[0][:300]}"
        return run
    for key in ("cpu_s", "max_rss_mb"):
        if isinstance(payload.get(key), int | float):
            setattr(run, key, float(payload[key]))
    if not payload.get("ok"):
        run.reason = str(payload.get("error") or "failed")[:500]
        return run
    predictions = payload.get("predictions")
    if not isinstance(predictions, list):
        run.reason = "predict returned no list of labels"
        return run
    if len(predictions) != n_test:
        run.reason = f"predict returned {len(predictions)} labels for {n_test} test rows"
        return run
    if classes is not None:
        allowed = set(classes)
        outside = sorted({repr(p) for p in predictions if p not in allowed})
        if outside:
            run.reason = (
                f"predict returned labels that are not among the classes: {', '.join(outside[:5])}"
            )
            return run
    else:
        wrong = [p for p in predictions if not isinstance(p, int | float) or not math.isfinite(p)]
        if wrong:
            run.reason = f"predict returned {len(wrong)} values that are not finite numbers"
            return run
    run.status = "ok"
    run.predictions = predictions
    return run


def run_once(
    work: Path,
    limits: Limits,
    n_test: int,
    classes: Sequence[Any] | None,
    *,
    measured: bool,
    location: str | None = None,
) -> tuple[Run, dict[str, Any] | None]:
    """One run of the sandbox on the data in ``work / "data"``; with ``measured``, under CodeCarbon."""
    job = work / "job.json"
    spec: dict[str, Any] = {"limits": limits.as_dict()}
    if seccomp_filter.available():
        program = work / "seccomp.bpf"
        program.write_bytes(seccomp_filter.program())
        spec["seccomp"] = str(program)
    spec["command"] = sandbox_command(work / "data", limits, seccomp="seccomp" in spec)
    job.write_text(json.dumps(spec))
    command = [os.path.realpath(sys.executable), "-I", str(SUPERVISOR), str(job)]
    measurement = None
    with tempfile.TemporaryFile(dir=work) as output:
        if measured:
            from sustainai.footprint import measure

            measurement = measure(
                command, spec={"location": location} if location else None, stdout=output
            )
        else:
            subprocess.run(command, stdout=output, check=False)
        output.seek(0)
        outcome = json.loads(output.read().decode("utf-8"))
    run = _interpret(outcome, limits, n_test, classes)
    if measurement is not None:
        run.energy_kwh = float(measurement["energy_kwh"]["value"])
        run.carbon_kg = float(measurement["carbon_kgco2e"]["value"])
    return run, measurement


def evaluate(
    source: str,
    x_train: Any,
    y_train: Any,
    x_test: Any,
    classes: Sequence[Any] | None,
    *,
    limits: Limits | None = None,
    repeats: int = 3,
    measured: bool = True,
    location: str | None = None,
) -> Evaluation:
    """Run ``source``'s ``predict`` ``repeats`` times in the sandbox (stopping at a failure).

    ``classes`` are the labels a classifier may return (``None`` for a regression: any finite
    number). The hidden test labels are not a parameter: they never come near the sandbox.
    """
    limits = limits or Limits()
    n_test = len(x_test)
    runs: list[Run] = []
    method = ""
    last: dict[str, Any] | None = None
    with tempfile.TemporaryDirectory(prefix="sustainai-sandbox-") as directory:
        work = Path(directory)
        _write_data(work / "data", source, x_train, y_train, x_test)
        for _ in range(max(1, repeats)):
            run, measurement = run_once(
                work, limits, n_test, classes, measured=measured, location=location
            )
            runs.append(run)
            if measurement is not None:
                last = measurement
                method = measurement["methods"].get("cpu", "")
            if run.status != "ok":
                return Evaluation(run.status, run.reason, runs, None, method, _summary(last))
    return Evaluation("ok", "", runs, runs[0].predictions, method, _summary(last))


def _summary(measurement: dict[str, Any] | None) -> dict[str, Any]:
    """What the leaderboard says about how energy was obtained (the last run's measurement)."""
    if measurement is None:
        return {}
    return {
        "methods": measurement["methods"],
        "hardware": measurement["hardware"],
        "carbon_intensity_g_per_kwh": measurement["carbon_intensity_g_per_kwh"]["value"],
        "sources": measurement["sources"],
    }
