"""The text a reader hands to the parser, with a way back to the original file.

Every reader (plain text, Markdown, docx, PDF, Akoma Ntoso, HTML) returns a `Source`: the
normalized text the linter analyses (`\n` line endings, no NUL) plus, per line, where that line
came from in the original ("page 3, line 12", "paragraph 41", "eId art_29__para_1"). Findings carry
lines of `text`; reporters use `origin()` to point a human at the original document.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from legislint.model import Document


@dataclass(frozen=True)
class Source:
    path: str
    text: str
    #: One entry per line of `text` (index 0 = line 1), or empty when lines are the original's.
    origins: tuple[str | None, ...] = ()
    #: Format name of the reader that produced this source ("text", "markdown", "docx", ...).
    format: str = "text"
    #: A provision tree built by the reader from the format's own structure (Akoma Ntoso).
    #: When present the parser is not run; its nodes' lines must refer to `text`.
    document: "Document | None" = field(default=None, compare=False)

    def origin(self, line: int) -> str | None:
        """Where 1-based `line` of `text` came from in the original file, if not that line."""
        if 1 <= line <= len(self.origins):
            return self.origins[line - 1]
        return None


class LineIndex:
    """Offsets <-> (line, column) for a text; lines and columns are 1-based."""

    def __init__(self, text: str):
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self.starts = starts
        self.length = len(text)

    @property
    def line_count(self) -> int:
        return len(self.starts)

    def position(self, offset: int) -> tuple[int, int]:
        offset = max(0, min(offset, self.length))
        line = bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1

    def offset(self, line: int, column: int = 1) -> int:
        line = max(1, min(line, len(self.starts)))
        return min(self.starts[line - 1] + column - 1, self.length)
