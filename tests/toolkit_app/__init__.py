"""A workstream toolkit that exists only for the tests: one entry in ``INSTALLED_APPS`` plugs it
into the platform (``tests/core/test_registry.py``)."""
