"""Warming the cached figures of the Atlas as it opens, after every change to it.

The directory's facet counts, the map's and the charts' figures are cached under the facet
index's version (``selectors._cached``): the first visitor after a change computes them, which
takes a few hundred milliseconds on a large Atlas. With a cache shared by the processes
(``CACHE_URL``), the worker computes them instead, as soon as the change is committed
(``tasks.warm_directory_figures``), and visitors find them there. With each process's own memory
(the default) nothing is scheduled: the worker would warm a cache no web process reads.
"""

from __future__ import annotations

from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.db import connections, transaction


def shared_cache() -> bool:
    """Whether Django's default cache is shared by the processes (not each one's memory)."""
    return not isinstance(caches["default"], LocMemCache | DummyCache)


def after_change(*, using: str = "default") -> None:
    """Have the figures warmed once the current transaction commits (at once in autocommit)."""
    if not shared_cache():
        return
    # Once per transaction: an import changes the index once per batch of rows.
    pending = connections[using].run_on_commit
    # Django 5 keeps (savepoints, callback, robust); the stubs still say two items.
    if any(callback is _enqueue for _savepoints, callback, _robust in pending):  # type: ignore[misc]
        return
    # Robust: a failure to enqueue leaves the first visitor to compute, as without warming.
    transaction.on_commit(_enqueue, using=using, robust=True)


def _enqueue() -> None:
    from sustainai.atlas.tasks import warm_directory_figures

    warm_directory_figures.enqueue()
