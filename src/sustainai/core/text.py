"""Control characters in text from outside (forms, the API, imported files).

A control character (Unicode category Cc: U+0000–U+001F, U+007F–U+009F) is never meant in a name,
a summary or a search; a NUL byte breaks PostgreSQL and XLSX files. Tab, line feed and carriage
return are allowed in multi-line text only.
"""

from __future__ import annotations

import re

LINE_BREAKS_AND_TABS = "\t\n\r"
_CONTROL = r"\x00-\x1f\x7f-\x9f"
_CONTROL_BUT_LINE_BREAKS = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_SINGLE_LINE = re.compile(f"[{_CONTROL}]")
_MULTI_LINE = re.compile(f"[{_CONTROL_BUT_LINE_BREAKS}]")
# The same rules as JSON Schema patterns (for the OpenAPI document).
SINGLE_LINE_PATTERN = f"^[^{_CONTROL}]*$"
MULTI_LINE_PATTERN = f"^[^{_CONTROL_BUT_LINE_BREAKS}]*$"


def control_character(text: str, *, multiline: bool = False) -> str | None:
    """The first control character of ``text`` as ``U+0000``, or None when there is none."""
    found = (_MULTI_LINE if multiline else _SINGLE_LINE).search(text)
    return f"U+{ord(found.group()):04X}" if found else None


def shorten(text: str, limit: int = 60) -> str:
    """``text`` cut to ``limit`` characters (with an ellipsis), for echoing it in an error."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
