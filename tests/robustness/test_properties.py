"""Properties that hold for any input: the parser and the linter never fail, every position they
report lies inside the text, and the same text always gives the same answer."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from legislint.api import lint_text
from legislint.parser import parse

from strategies import texts

_SETTINGS = settings(max_examples=150, deadline=None,
                     suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def check_tree(document) -> None:
    """Every node spans lines of the text; every segment is the very text at its line and column."""
    count = len(document.lines)
    root = document.root
    assert (root.start_line, root.end_line) == (1, max(1, count))
    for node in document.nodes():
        assert 1 <= node.start_line <= node.end_line <= max(1, count), node
        if node.parent is not None:
            assert node.parent.start_line <= node.start_line, node
            assert node.end_line <= node.parent.end_line, node
        for seg in node.segments:
            assert 1 <= seg.line <= count, (node, seg)
            assert seg.column >= 1, (node, seg)
            line = document.lines[seg.line - 1]
            assert line[seg.column - 1:seg.column - 1 + len(seg.text)] == seg.text, (node, seg, line)
            assert node.start_line <= seg.line <= node.end_line, (node, seg)


def finding_positions(result) -> list[tuple]:
    return [(f.code, f.line, f.column, f.end_line, f.end_column, f.provision, f.message)
            for f in result.findings]


@_SETTINGS
@given(texts)
def test_parse_never_fails_and_spans_stay_inside(text):
    document = parse(text)
    assert len(document.lines) == text.count("\n") + 1
    check_tree(document)


@_SETTINGS
@given(texts)
def test_parse_is_deterministic(text):
    first = [(n.kind, n.path, n.start_line, n.end_line, n.text) for n in parse(text).nodes()]
    again = [(n.kind, n.path, n.start_line, n.end_line, n.text) for n in parse(text).nodes()]
    assert first == again


@_SETTINGS
@given(texts)
def test_lint_never_fails_and_findings_point_inside_the_text(text):
    result = lint_text(text, "fuzz.txt")
    lines = result.source.text.split("\n")
    check_tree(result.document)
    for f in result.findings:
        assert 1 <= f.line <= f.end_line <= len(lines), f
        assert 1 <= f.column <= len(lines[f.line - 1]) + 1, f
        assert 1 <= f.end_column <= len(lines[f.end_line - 1]) + 1, f
        for ev in f.evidence:
            assert 1 <= ev.line <= len(lines), ev
        if f.fix is not None:
            assert 1 <= f.fix.line <= len(lines), f.fix
            assert 1 <= f.fix.column <= len(lines[f.fix.line - 1]) + 1, f.fix
    assert finding_positions(lint_text(text, "fuzz.txt")) == finding_positions(result)


@_SETTINGS
@given(texts)
def test_line_endings_do_not_change_findings(text):
    """CRLF and lone CR files give the findings of the same text with LF."""
    unix = text.replace("\r\n", "\n").replace("\r", "\n")
    expected = finding_positions(lint_text(unix))
    assert finding_positions(lint_text(unix.replace("\n", "\r\n"))) == expected
    assert finding_positions(lint_text(unix.replace("\n", "\r"))) == expected
