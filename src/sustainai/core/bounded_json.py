"""JSON from outside, parsed with bounds: nesting depth, digits of a number, finite numbers only.

Python's ``json`` turns 100,000 nested brackets into a RecursionError, a 5,000-digit integer into a
ValueError about integer conversion, and accepts ``NaN`` and ``Infinity``; each reached users as a
500. ``loads`` refuses them all with a ``ValueError`` (``JSONTooComplex``) that says what is wrong.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

MAX_DEPTH = 32
MAX_DIGITS = 40  # of an integer; far beyond any count the platform takes

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")


class JSONTooComplex(ValueError):
    """The JSON is valid but beyond what the platform accepts."""


def _depth_within(text: str, max_depth: int) -> None:
    depth = 0
    for bracket in _BRACKET.finditer(_STRING.sub("", text)):
        if bracket.group() in "[{":
            depth += 1
            if depth > max_depth:
                raise JSONTooComplex(f"nested deeper than {max_depth} levels")
        else:
            depth -= 1


def _integer(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_DIGITS:
        raise JSONTooComplex(f"a number has more than {MAX_DIGITS} digits")
    return int(digits)


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise JSONTooComplex(f"a number is too large ({text[:20]}…)")
    return value


def _constant(name: str) -> float:
    raise JSONTooComplex(f"{name} is not a number JSON allows")


def loads(data: str | bytes, *, max_depth: int = MAX_DEPTH) -> Any:
    """``json.loads`` within the bounds; raises ValueError (JSONDecodeError, JSONTooComplex or
    UnicodeDecodeError) for anything else."""
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    _depth_within(text, max_depth)
    return json.loads(text, parse_int=_integer, parse_float=_float, parse_constant=_constant)
