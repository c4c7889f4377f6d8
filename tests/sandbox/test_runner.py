"""The sandbox against each abuse case of issue 20: every one ends as an outcome with a clear
reason, and the runner goes on with the next submission."""

import io
import subprocess
import textwrap
import zipfile
from pathlib import Path

import pytest

import sustainai
from sustainai.sandbox import Limits, evaluate, read_source, sandbox_command

X_TRAIN = [[0.0], [1.0], [2.0], [3.0]]
Y_TRAIN = [0, 0, 1, 1]
X_TEST = [[0.5], [2.5], [3.5]]
CLASSES = [0, 1]
FAST = Limits(cpu_s=3, wall_s=8, memory_mb=512, processes=32)

GOOD = """
def predict(X_train, y_train, X_test):
    return [1 if row[0] > 1.5 else 0 for row in X_test]
"""


def run(source, classes=CLASSES, limits=FAST):
    return evaluate(
        textwrap.dedent(source), X_TRAIN, Y_TRAIN, X_TEST, classes,
        limits=limits, repeats=1, measured=False,
    )  # fmt: skip


def body(code):
    return "def predict(X_train, y_train, X_test):\n" + textwrap.indent(
        textwrap.dedent(code), "    "
    )


def test_a_good_submission_is_scored():
    evaluation = run(GOOD)
    assert (evaluation.status, evaluation.reason) == ("ok", "")
    assert evaluation.predictions == [0, 1, 1]


def test_numpy_and_scikit_learn_can_be_used():
    evaluation = run(
        """
        import numpy as np
        from sklearn.tree import DecisionTreeClassifier
        def predict(X_train, y_train, X_test):
            return DecisionTreeClassifier().fit(X_train, y_train).predict(np.asarray(X_test))
        """
    )
    assert (evaluation.status, evaluation.predictions) == ("ok", [0, 1, 1])


def test_a_regression_accepts_finite_numbers_only():
    assert run("def predict(a, b, c):\n    return [0.5, 1, 2.25]", classes=None).status == "ok"
    evaluation = run("def predict(a, b, c):\n    return [0.5, float('nan'), 2]", classes=None)
    assert evaluation.status == "failed"
    assert evaluation.reason == "ValueError: predict returned a value that is not a finite number"


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        ("this is not python at all", "the file is not valid Python: invalid syntax (line 1)"),
        ("x = 1\n", "the file defines no function predict(X_train, y_train, X_test)"),
        (
            "def predict(X_train, X_test):\n    return []",
            "predict must take three arguments: predict(X_train, y_train, X_test)",
        ),
        ("def predict(a, b, c):\n    return [0, 1]", "predict returned 2 labels for 3 test rows"),
        (
            "def predict(a, b, c):\n    return [[0], [1], [1]]",
            "ValueError: predict must return one label per test row (a 1-D sequence)",
        ),
        (
            "def predict(a, b, c):\n    return [0, 7, 'cat']",
            "predict returned labels that are not among the classes: 'cat', 7",
        ),
        (
            "def predict(a, b, c):\n    raise RuntimeError('boom')",
            "predict raised RuntimeError: boom (submission.py, line 2)",
        ),
        (
            "import sustainai\ndef predict(a, b, c):\n    return [0, 0, 0]",
            "importing the submission failed: ModuleNotFoundError: No module named 'sustainai' "
            "(submission.py, line 1)",
        ),
        (
            "import django\ndef predict(a, b, c):\n    return [0, 0, 0]",
            "importing the submission failed: ModuleNotFoundError: No module named 'django' "
            "(submission.py, line 1)",
        ),
    ],
)
def test_bad_submissions_fail_with_their_reason(source, reason):
    evaluation = run(source)
    assert (evaluation.status, evaluation.reason, evaluation.predictions) == (
        "failed",
        reason,
        None,
    )


def test_an_infinite_loop_is_killed_at_its_cpu_limit():
    # A generous wall clock: on a loaded machine 2 CPU seconds take longer than 2 s.
    limits = Limits(cpu_s=2, wall_s=60, memory_mb=512, processes=32)
    evaluation = run(body("while True:\n    pass"), limits=limits)
    assert (evaluation.status, evaluation.reason) == (
        "killed",
        "killed: used its CPU-time limit of 2 s",
    )
    # Sampled every 0.1 s while it runs: the last tenth of a second may be missed.
    assert 1.5 <= evaluation.runs[0].cpu_s <= 3


def test_a_loop_that_ignores_sigxcpu_is_killed_at_the_hard_cpu_limit():
    limits = Limits(cpu_s=2, wall_s=60, memory_mb=512, processes=32)
    source = "import signal\nsignal.signal(signal.SIGXCPU, signal.SIG_IGN)\nwhile True:\n    pass"
    evaluation = run(body(source), limits=limits)
    assert (evaluation.status, evaluation.reason) == (
        "killed",
        "killed: used its CPU-time limit of 2 s",
    )
    assert evaluation.runs[0].cpu_s >= 2


def test_a_kill_that_is_not_the_cpu_limit_says_so_whatever_the_wall_clock():
    # Slept past the CPU limit's number of seconds, then killed as the OOM killer would.
    limits = Limits(cpu_s=1, wall_s=60, memory_mb=512, processes=32)
    source = "import os, signal, time\ntime.sleep(1.5)\nos.kill(os.getpid(), signal.SIGKILL)"
    evaluation = run(body(source), limits=limits)
    assert (evaluation.status, evaluation.reason) == ("killed", "killed by SIGKILL")
    assert evaluation.runs[0].wall_s >= 1.5


def test_a_sleeping_submission_is_stopped_at_the_wall_clock_limit():
    evaluation = run(body("import time\nwhile True:\n    time.sleep(1)"))
    assert (evaluation.status, evaluation.reason) == (
        "timeout",
        "ran past the wall-clock limit of 8 s and was stopped",
    )
    assert 8 <= evaluation.runs[0].wall_s < 12


def test_a_memory_bomb_hits_the_memory_limit():
    # Filling the memory takes a fraction of a second, but on a machine short of memory the
    # kernel's reclaim is charged to the process's CPU time: a generous CPU limit keeps memory the
    # limit that is reached, and a small one leaves the OOM killer out of it.
    limits = Limits(cpu_s=30, wall_s=60, memory_mb=256, processes=32)
    evaluation = run(
        body("data = []\nwhile True:\n    data.append(bytearray(50_000_000))"), limits=limits
    )
    assert (evaluation.status, evaluation.reason) == (
        "failed",
        "predict raised MemoryError: the submission went past its memory limit",
    )


def test_a_fork_bomb_hits_the_process_limit_and_leaves_nothing_behind():
    evaluation = run(body("import os\nwhile True:\n    os.fork()"))
    assert evaluation.status in {"failed", "timeout"}
    if evaluation.status == "failed":
        assert evaluation.reason.startswith("predict raised BlockingIOError: [Errno 11]")
        assert evaluation.reason.endswith("(the process limit was reached)")
    leftovers = subprocess.run(["pgrep", "-u", "65534"], capture_output=True, text=True)
    assert leftovers.stdout == ""


@pytest.mark.parametrize(
    ("address", "error"),
    [
        # The sandbox's own loopback: the host's PostgreSQL on 127.0.0.1:5432 is not there.
        ("127.0.0.1", "ConnectionRefusedError: [Errno 111] Connection refused"),
        ("192.0.2.1", "OSError: [Errno 101] Network is unreachable"),
    ],
)
def test_a_socket_cannot_reach_anything(address, error):
    evaluation = run(
        body(f"import socket\nsocket.create_connection(({address!r}, 5432), timeout=2)")
    )
    assert evaluation.status == "failed"
    assert evaluation.reason == f"predict raised {error} (submission.py, line 3)"


@pytest.mark.parametrize(
    "path",
    [
        "/etc/passwd",
        "/root/.bashrc",
        str(Path(sustainai.__file__).with_name("settings.py")),
        str(Path(sustainai.__file__).parents[2] / "pyproject.toml"),
    ],
)
def test_files_outside_the_sandbox_cannot_be_read(path):
    evaluation = run(body(f"open({path!r}).read()\nreturn [0, 0, 0]"))
    assert evaluation.status == "failed"
    assert evaluation.reason == (
        f"predict raised FileNotFoundError: [Errno 2] No such file or directory: {path!r} "
        "(submission.py, line 2)"
    )


def test_the_filesystem_is_read_only_but_scratch():
    evaluation = run(
        body(
            """
            import os
            open('/scratch/model.bin', 'wb').write(b'x' * 1000)
            assert os.path.getsize('/scratch/model.bin') == 1000
            open('/sandbox/data/X_test.npy', 'ab').write(b'x')
            """
        )
    )
    assert evaluation.status == "failed"
    assert evaluation.reason == (
        "predict raised PermissionError: [Errno 13] Permission denied: '/sandbox/data/X_test.npy' "
        "(submission.py, line 6)"
    )


def test_the_sandbox_sees_only_public_data_and_no_secrets():
    evaluation = run(
        body(
            """
            import os
            seen = sorted(os.listdir('/sandbox/data')) + sorted(os.environ)
            raise RuntimeError(' '.join(seen) + ' uid=%d' % os.getuid())
            """
        )
    )
    assert evaluation.reason == (
        "predict raised RuntimeError: X_test.npy X_train.npy submission.py y_train.npy "
        "HOME LANG MKL_NUM_THREADS OMP_NUM_THREADS OPENBLAS_NUM_THREADS PWD PYTHONHASHSEED uid=65534 "
        "(submission.py, line 5)"
    )


def test_the_runner_goes_on_after_abuse():
    for source in (body("while True:\n    pass"), body("import os\nwhile True:\n    os.fork()")):
        run(source)
    assert run(GOOD).predictions == [0, 1, 1]


def test_the_command_keeps_the_host_out():
    command = sandbox_command(Path("/tmp/data"), FAST)
    assert "--unshare-net" in command and "--die-with-parent" in command
    binds = [command[i + 1] for i, arg in enumerate(command) if arg == "--ro-bind"]
    assert binds[-2:] == [
        str(Path(sustainai.__file__).parent / "sandbox" / "harness.py"),
        "/tmp/data",
    ]
    libraries = [b for b in binds if "site-packages" in b]
    assert {Path(b).name for b in libraries} <= {
        "numpy", "numpy.libs", "scipy", "scipy.libs", "sklearn", "scikit_learn.libs", "joblib",
        "threadpoolctl.py", "narwhals",
    }  # fmt: skip
    others = [b for b in binds[:-2] if b not in libraries]
    assert not any(b.startswith(("/etc", "/home", "/work", "/var", "/tmp")) for b in others)
    assert str(Path(sustainai.__file__).parent) not in binds


def test_a_zip_with_one_python_file_is_read():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("team/predict.py", GOOD)
    assert read_source(buffer.getvalue(), "entry.zip") == GOOD
    with pytest.raises(ValueError, match="exactly one .py file"):
        read_source(b"PK\x05\x06" + b"\0" * 18, "empty.zip")
    with pytest.raises(ValueError, match="not Python source"):
        read_source(b"\xff\xfe\x00binary", "model.py")


def test_energy_is_measured_with_codecarbon_on_each_repeat():
    evaluation = evaluate(GOOD, X_TRAIN, Y_TRAIN, X_TEST, CLASSES, limits=FAST, repeats=2)
    assert evaluation.status == "ok"
    assert len(evaluation.energy_wh) == 2
    assert all(value > 0 for value in evaluation.energy_wh)
    assert evaluation.energy_method.startswith(("measured by CodeCarbon", "modelled by CodeCarbon"))
