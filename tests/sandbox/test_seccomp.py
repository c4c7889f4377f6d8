"""The sandbox's seccomp filter: the calls it denies answer EPERM inside, the rest run."""

import errno
import struct
import textwrap

import pytest

from sustainai.sandbox import Limits, evaluate, seccomp

FAST = Limits(cpu_s=3, wall_s=8, memory_mb=512, processes=32)

# For each test row, the errno of one system call made through ctypes (0: it succeeded).
PROBE = """
import ctypes

def predict(X_train, y_train, X_test):
    libc = ctypes.CDLL(None, use_errno=True)
    codes = []
    for number in (272, 250, 39):  # unshare(0), keyctl(0, 0), getpid()
        ctypes.set_errno(0)
        result = libc.syscall(number, 0, 0, 0, 0, 0)
        codes.append(float(ctypes.get_errno() if result == -1 else 0))
    return codes
"""


def test_the_program_tests_the_architecture_then_each_denied_call():
    code = seccomp.program({"unshare": 272, "keyctl": 250})
    rows = [struct.unpack("=HBBI", code[i : i + 8]) for i in range(0, len(code), 8)]
    assert rows == [
        (0x20, 0, 0, 4),  # load the architecture
        (0x15, 0, 6, 0xC000003E),  # not x86-64: kill
        (0x20, 0, 0, 0),  # load the call's number
        (0x35, 4, 0, 0x40000000),  # the x32 ABI: kill
        (0x15, 2, 0, 250),  # keyctl: deny
        (0x15, 1, 0, 272),  # unshare: deny
        (0x06, 0, 0, 0x7FFF0000),  # allow
        (0x06, 0, 0, 0x00050000 | errno.EPERM),  # deny with EPERM
        (0x06, 0, 0, 0x80000000),  # kill the process
    ]
    assert len(seccomp.program()) == 8 * (4 + len(seccomp.DENIED_X86_64) + 3)


@pytest.mark.skipif(not seccomp.available(), reason="the filter is written for x86-64")
def test_denied_calls_answer_eperm_inside_the_sandbox_and_others_run():
    evaluation = evaluate(
        textwrap.dedent(PROBE), [[0.0]], [0.0], [[0.0], [1.0], [2.0]], None,
        limits=FAST, repeats=1, measured=False,
    )  # fmt: skip
    assert (evaluation.status, evaluation.reason) == ("ok", "")
    assert evaluation.predictions == [errno.EPERM, errno.EPERM, 0]
