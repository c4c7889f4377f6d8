"""The script that runs inside the sandbox: load the data, import the submission, call ``predict``.

It is copied into the sandbox read-only and run by the sandbox's own interpreter in isolated mode
(``python -I -S``), already as an unprivileged user under the resource limits. It imports nothing
but the standard library and numpy, and writes one JSON object to the descriptor that was its
standard output when it started: ``{"ok": true, "predictions": [...]}`` or ``{"ok": false,
"error": "..."}``. Whatever the submission prints goes to standard error, which the supervisor
keeps the end of. Nothing this script writes is trusted by the platform: the runner validates it.
"""

from __future__ import annotations

import importlib.util
import inspect
import json
import math
import os
import sys
import traceback

# Outside the sandbox this module is only imported (tests walk the package); nothing runs then.
MAIN_PID = os.getpid()


def _describe(error: BaseException) -> str:
    """One line naming the error and, where it came from the submission, its line."""
    if isinstance(error, MemoryError):
        return "MemoryError: the submission went past its memory limit"
    if isinstance(error, BlockingIOError) and error.errno == 11:
        return f"{type(error).__name__}: {error} (the process limit was reached)"
    line = ""
    for frame in traceback.extract_tb(error.__traceback__):
        if frame.filename.endswith("submission.py"):
            line = f" (submission.py, line {frame.lineno})"
    text = str(error).strip().splitlines()[0][:300] if str(error).strip() else ""
    return f"{type(error).__name__}{': ' + text if text else ''}{line}"


def _plain(value: object) -> object:
    """A label as JSON can carry it: numpy scalars become Python ones; anything else is refused."""
    if hasattr(value, "item") and callable(value.item):
        value = value.item()
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | str):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("predict returned a value that is not a finite number")
        return value
    raise ValueError(f"predict returned a {type(value).__name__}, not a number or a string")


def main(data_dir: str, lib_dir: str) -> int:
    result_out = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)  # the submission's prints go to standard error
    sys.stdout = sys.stderr
    sys.path[:0] = [lib_dir]

    def finish(payload: dict[str, object]) -> int:
        if os.getpid() != MAIN_PID:  # a child the submission forked: it reports nothing
            os._exit(0)
        import resource

        usage = resource.getrusage(resource.RUSAGE_SELF)
        payload["cpu_s"] = round(usage.ru_utime + usage.ru_stime, 3)
        payload["max_rss_mb"] = round(usage.ru_maxrss / 1024, 1)
        result_out.write(json.dumps(payload))
        result_out.flush()
        return 0

    try:
        import numpy as np

        x_train = np.load(os.path.join(data_dir, "X_train.npy"), allow_pickle=False)
        y_train = np.load(os.path.join(data_dir, "y_train.npy"), allow_pickle=False)
        x_test = np.load(os.path.join(data_dir, "X_test.npy"), allow_pickle=False)
    except BaseException as error:  # noqa: BLE001 - reported, not raised
        return finish(
            {"ok": False, "error": "the sandbox could not load the data: " + _describe(error)}
        )

    path = os.path.join(data_dir, "submission.py")
    try:
        with open(path, "rb") as handle:
            source = handle.read()
        compile(source, "submission.py", "exec")
    except SyntaxError as error:
        return finish(
            {
                "ok": False,
                "error": f"the file is not valid Python: {error.msg} (line {error.lineno})",
            }
        )
    except ValueError as error:
        return finish({"ok": False, "error": f"the file is not valid Python: {error}"})
    try:
        spec = importlib.util.spec_from_file_location("submission", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules["submission"] = module
        spec.loader.exec_module(module)
    except BaseException as error:  # noqa: BLE001
        return finish(
            {"ok": False, "error": "importing the submission failed: " + _describe(error)}
        )

    predict = getattr(module, "predict", None)
    if not callable(predict):
        return finish(
            {"ok": False, "error": "the file defines no function predict(X_train, y_train, X_test)"}
        )
    try:
        inspect.signature(predict).bind(x_train, y_train, x_test)
    except TypeError:
        return finish(
            {
                "ok": False,
                "error": "predict must take three arguments: predict(X_train, y_train, X_test)",
            }
        )
    except ValueError:
        pass  # a builtin without a signature: let the call decide
    try:
        output = predict(x_train, y_train, x_test)
    except BaseException as error:  # noqa: BLE001
        return finish({"ok": False, "error": "predict raised " + _describe(error)})
    try:
        # A list keeps its items' own types (numpy would turn [0, "a"] into strings).
        items = list(output) if isinstance(output, list | tuple) else np.asarray(output)
        if np.ndim(items) != 1 or any(isinstance(item, list | tuple) for item in items):
            raise ValueError("predict must return one label per test row (a 1-D sequence)")
        labels = [_plain(value) for value in items]
    except BaseException as error:  # noqa: BLE001
        return finish({"ok": False, "error": _describe(error)})
    return finish({"ok": True, "predictions": labels})


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
