"""Which records a report's figures count: real ones only, except while a demo report is frozen.

A deployment that loaded the demo data must never show demo pilots or challenges in a report on a
real event, so the toolkits' report sections count real records only (``real_only()``). The demo
report itself is made of demo data: it is frozen inside ``demo_records_counted()``, and then the
same sections count the demo records too, so that `make serve` shows every toolkit's section.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_COUNT_DEMO = ContextVar("sustainai_count_demo_records", default=False)


@contextmanager
def demo_records_counted() -> Iterator[None]:
    """Within this block, ``real_only()`` lets demo records through."""
    token = _COUNT_DEMO.set(True)
    try:
        yield
    finally:
        _COUNT_DEMO.reset(token)


def real_only() -> dict[str, bool]:
    """Filter keywords for a ``DemoFlagged`` queryset: ``{"is_demo": False}``, or none inside
    ``demo_records_counted()``."""
    return {} if _COUNT_DEMO.get() else {"is_demo": False}
