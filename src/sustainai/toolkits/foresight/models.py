"""The foresight toolkit stores nothing yet: a scenario lives in its URL (preset and overrides),
so that anyone can run, share and compare it. See docs/foresight.md."""
