"""The generated blocks of the docs: what stands between a start marker ``<!-- NAME:start ... -->``
(its note, e.g. the command that writes the block, is kept) and its end marker
``<!-- NAME:end -->``. The bench scripts that write a table into a document share this."""

from __future__ import annotations

import re
from pathlib import Path


def replace_block(document: str, name: str, text: str) -> str:
    """``document`` with the block ``name`` holding ``text`` (as whole lines)."""
    start = re.search(rf"<!-- {re.escape(name)}:start[^\n]*-->\n", document)
    end = f"<!-- {name}:end -->"
    if start is None or end not in document[start.end() :]:
        raise ValueError(f"the document has no {name} markers")
    after = document[start.end() :].split(end, 1)[1]
    return f"{document[: start.end()]}{text.rstrip(chr(10))}\n{end}{after}"


def rewrite(path: Path, name: str, text: str) -> None:
    path.write_text(replace_block(path.read_text(), name, text))
