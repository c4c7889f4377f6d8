"""Writes: none yet (scenarios are shared by URL, not stored)."""
