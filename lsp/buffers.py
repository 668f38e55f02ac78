"""Editor buffers that take a keystroke without copying themselves line by line.

pygls applies an incremental change by splitting the whole buffer into lines and writing every
line back (`TextDocument._apply_incremental_change`): 1.5 ms a keystroke on a 300 KB treaty, half
the server's own share of the latency a drafter waits for. `Buffer` keeps where each line starts
and splices the change into the text, so a keystroke costs two slices and a shift of the line
starts after it. It makes exactly the text pygls makes, quirks included (positions converted by the
same codec, clamped the same way); where its lines could differ from pygls's (`str.splitlines`
also breaks at "\\r", "\\f", "\\u2028"...), or for a range pygls reads in its own way (reversed,
past the end), pygls's own code applies the change.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from lsprotocol import types
from pygls.workspace import TextDocument, Workspace
from pygls.workspace.position_codec import Utf16, Utf32

from legislint.source import LineIndex

#: Line breaks of `str.splitlines` other than "\n": a text holding one is left to pygls.
_OTHER_BREAKS = re.compile("[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


class _Lines(Sequence):
    """The text's lines as `str.splitlines(True)` gives them, cut from it on demand."""

    def __init__(self, text: str, starts: list[int]) -> None:
        self.text, self.starts = text, starts

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        n = len(self.starts)
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError(i)
        end = self.starts[i + 1] if i + 1 < n else len(self.text)
        return self.text[self.starts[i]:end]


def line_starts(text: str) -> list[int]:
    """Offsets at which the lines of `text` start as `str.splitlines` cuts them: the core's
    line index, but no line after a final newline (nor in an empty text)."""
    starts = LineIndex(text).starts
    if starts[-1] == len(text):
        starts.pop()
    return starts


class Buffer(TextDocument):
    """A pygls text document that applies incremental changes by splicing (see the module)."""

    _starts: list[int] | None = None
    _plain: bool | None = None

    def _apply_incremental_change(self, change: types.TextDocumentContentChangePartial) -> None:
        text = self.source
        if self._plain is None:
            self._plain = _OTHER_BREAKS.search(text) is None
        if not self._plain or _OTHER_BREAKS.search(change.text):
            self._starts = None
            self._plain = None
            super()._apply_incremental_change(change)
            return
        if self._starts is None:
            self._starts = line_starts(text)
        lines = _Lines(text, self._starts)
        start = self._column(lines, change.range.start)
        end = self._column(lines, change.range.end)
        if start > end or end[0] >= len(lines):
            # pygls's loop reads these its own way (a reversed range changes nothing, an edit at
            # the line after the last appends).
            self._starts = None
            super()._apply_incremental_change(change)
            return
        a = self._starts[start[0]] + min(start[1], len(lines[start[0]]))
        b = self._starts[end[0]] + min(end[1], len(lines[end[0]]))
        removed = text[a:b]
        self._source = text[:a] + change.text + text[b:]
        if "\n" in removed or "\n" in change.text or b == len(text):
            # Lines joined or split, or words typed after a final newline (a line of their own).
            self._starts = None
        elif len(change.text) != len(removed):
            # The lines that start after the change move. A column past a line's last character
            # is the start of the next line (as pygls reads it): words typed there open that
            # line, which does not move.
            shift = len(change.text) - len(removed)
            after = bisect_right(self._starts, a)
            self._starts[after:] = [s + shift for s in self._starts[after:]]

    def _column(self, lines: _Lines, position: types.Position) -> tuple[int, int]:
        """(line, column in characters) of a client's position, as pygls's codec reads it. The
        codec counts code units character by character; where a line's characters are one unit
        each (ASCII, or UTF-16 and UTF-32 below U+10000) its reading is worked out here."""
        codec = self.position_codec
        line = position.line
        if 0 <= line < len(lines):
            words = lines[line]
            if words.isascii() or isinstance(codec.impl, Utf32) or \
                    (isinstance(codec.impl, Utf16) and max(words) <= "\uffff"):
                if position.character > len(words):
                    position.character = len(words) - 1  # as the codec clamps (in place)
                return line, position.character
        got = codec.position_from_client_units(lines, position)
        return got.line, got.character

    def _apply_full_change(self, change: types.TextDocumentContentChangeEvent) -> None:
        self._starts = self._plain = None
        super()._apply_full_change(change)


class BufferWorkspace(Workspace):
    """A pygls workspace whose text documents are `Buffer`s."""

    def _create_text_document(self, doc_uri: str, source: str | None = None,
                              version: int | None = None, language_id: str | None = None) -> TextDocument:
        return Buffer(doc_uri, source=source, version=version, language_id=language_id,
                      sync_kind=self._sync_kind, position_codec=self._position_codec)


def use_buffers(workspace: Workspace) -> None:
    """Make `workspace` (made by pygls at `initialize`, before any document is open) create
    `Buffer`s. pygls offers no hook for its workspace class, so the instance changes class: the
    subclass adds no state and overrides only the factory."""
    if type(workspace) is Workspace:
        workspace.__class__ = BufferWorkspace
