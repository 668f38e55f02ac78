"""`legislint.lsp.buffers.Buffer` makes, after any sequence of changes, the text pygls makes."""

from __future__ import annotations

import copy

from hypothesis import given, settings, strategies as st
from lsprotocol import types
from pygls.workspace import TextDocument, Workspace
from pygls.workspace.position_codec import PositionCodec

from legislint.lsp.buffers import Buffer, BufferWorkspace, line_starts, use_buffers

URI = "file:///tmp/bill.txt"
# Words, line breaks of every kind pygls's splitlines knows, a character outside the BMP (two
# UTF-16 units), accented letters.
ALPHABET = st.sampled_from(["a", "b", " ", "\n", "\n", "é", "😋", "\r\n", "\r", "\u2028", "(1)", "Article 5"])
TEXTS = st.lists(ALPHABET, max_size=40).map("".join)
# Only "\n" breaks lines: the texts `Buffer` splices itself.
PLAIN = st.lists(st.sampled_from(["a", " ", "\n", "\n", "é", "😋", "(1)"]), max_size=60).map("".join)


def change(line: int, char: int, end_line: int, end_char: int, text: str) -> types.TextDocumentContentChangePartial:
    return types.TextDocumentContentChangePartial(
        range=types.Range(start=types.Position(line=line, character=char),
                          end=types.Position(line=end_line, character=end_char)), text=text)


CHANGES = st.builds(change, st.integers(0, 8), st.integers(0, 12), st.integers(0, 8), st.integers(0, 12), TEXTS)
PLAIN_CHANGES = st.builds(change, st.integers(0, 10), st.integers(0, 8), st.integers(0, 10),
                          st.integers(0, 8), st.sampled_from(["", "x", "😋", "\n", "ab"]))
ENCODINGS = st.sampled_from([types.PositionEncodingKind.Utf16, types.PositionEncodingKind.Utf32,
                             types.PositionEncodingKind.Utf8])


def pair(text: str, encoding: str) -> tuple[TextDocument, Buffer]:
    codec = PositionCodec(encoding=encoding)
    return (TextDocument(URI, text, version=1, position_codec=codec),
            Buffer(URI, text, version=1, position_codec=codec))


def assert_same_text(text: str, changes: list, encoding: str) -> None:
    theirs, ours = pair(text, encoding)
    for c in changes:
        # The codec clamps the positions it is given in place: each document gets its own copy.
        theirs.apply_change(copy.deepcopy(c))
        ours.apply_change(copy.deepcopy(c))
        assert ours.source == theirs.source
        assert list(ours.lines) == list(theirs.lines)


@settings(max_examples=400, deadline=None)
@given(TEXTS, st.lists(CHANGES, max_size=12), ENCODINGS)
def test_same_text_as_pygls_after_any_changes(text, changes, encoding):
    assert_same_text(text, changes, encoding)


@settings(max_examples=400, deadline=None)
@given(PLAIN, st.lists(PLAIN_CHANGES, min_size=1, max_size=20), ENCODINGS)
def test_same_text_as_pygls_when_only_newlines_break_lines(text, changes, encoding):
    assert_same_text(text, changes, encoding)


def test_one_character_typed_in_a_long_text_moves_the_lines_after_it():
    text = "".join(f"Article {i} – Interception\n1. The police may intercept.\n" for i in range(200))
    theirs, ours = pair(text, types.PositionEncodingKind.Utf16)
    for line, char, typed in [(5, 3, "x"), (5, 4, "y"), (300, 0, "z"), (5, 0, "\n"), (6, 1, "")]:
        theirs.apply_change(change(line, char, line, char + (typed == ""), typed))
        ours.apply_change(change(line, char, line, char + (typed == ""), typed))
        assert ours.source == theirs.source
        assert ours._starts is None or ours._starts == line_starts(ours.source)


def test_full_change_replaces_the_text():
    _, ours = pair("Article 1\n", types.PositionEncodingKind.Utf16)
    ours.apply_change(types.TextDocumentContentChangeWholeDocument(text="Article 2\nx"))
    ours.apply_change(change(1, 1, 1, 1, "y"))
    assert ours.source == "Article 2\nxy"


def test_line_starts_follow_splitlines():
    for text in ["", "a", "a\n", "a\nb", "\n\n", "ab\ncd\n"]:
        assert [text[s:] for s in line_starts(text)] == \
            ["".join(text.splitlines(True)[k:]) for k in range(len(text.splitlines(True)))]


def test_the_workspace_creates_buffers():
    workspace = Workspace(None)
    use_buffers(workspace)
    assert isinstance(workspace, BufferWorkspace)
    workspace.put_text_document(types.TextDocumentItem(uri=URI, language_id="plaintext", version=1,
                                                       text="1. The police may intercept.\n"))
    workspace.update_text_document(types.VersionedTextDocumentIdentifier(uri=URI, version=2),
                                   change(0, 3, 0, 3, "x"))
    doc = workspace.get_text_document(URI)
    assert isinstance(doc, Buffer) and doc.source == "1. xThe police may intercept.\n"


def test_words_typed_past_the_end_of_a_line_open_the_next_one():
    # Column 1 of the empty line 1 is where line 2 starts (pygls reads it so): the "x" typed
    # there belongs to line 2, whose start does not move; a later range ending at (2, 0) must
    # still end before the "x". Found by the property test above.
    assert_same_text("\n\na", [change(1, 1, 1, 1, "x"), change(0, 0, 2, 0, "")],
                     types.PositionEncodingKind.Utf16)
