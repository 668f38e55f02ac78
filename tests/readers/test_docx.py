"""Word .docx reader: automatic numbering, tracked changes, paragraph origins, corpus equivalence."""

from __future__ import annotations

import zipfile

import docx
import pytest

from legislint.readers import read_path

CORPUS_FILES = ["budapest-ets185.txt", "us-18-usc-2705.txt",
                "mu-computer-misuse-cybercrime-act-2003.txt",
                "pk-prevention-of-electronic-crimes-bill-2016.txt", "us-18-usc-2703.txt"]


def lines_of(source) -> list[str]:
    return [line for line in source.text.split("\n") if line]


def numbered_doc(fx, tmp_path, spec, build_numbering, name="n.docx"):
    """A docx with one paragraph per (text, num_id or None, ilvl) in `spec`."""
    document = docx.Document()
    numbering = fx.WordNumbering(document)
    ids = build_numbering(numbering)
    for text, num, ilvl in spec:
        p = document.add_paragraph(text)
        if num is not None:
            fx._set_num(p, ids[num], ilvl)
    path = tmp_path / name
    document.save(str(path))
    return path


# --------------------------------------------------------------------------- numbering
def test_multilevel_numbering_restarts_deeper_levels(fx, tmp_path):
    def numbering(n):
        aid = n.abstract([{"fmt": "decimal", "text": "%1."},
                          {"fmt": "lowerLetter", "text": "(%2)"},
                          {"fmt": "lowerRoman", "text": "(%3)"}])
        return {"L": n.num(aid)}
    spec = [("one", "L", 0), ("a", "L", 1), ("b", "L", 1), ("i", "L", 2), ("ii", "L", 2),
            ("c", "L", 1), ("two", "L", 0), ("a again", "L", 1), ("plain text", None, 0)]
    path = numbered_doc(fx, tmp_path, spec, numbering)
    assert lines_of(read_path(path)) == [
        "1. one", "(a) a", "(b) b", "(i) i", "(ii) ii", "(c) c", "2. two", "(a) a again",
        "plain text"]
    # the labels are not in the paragraph text: python-docx alone does not see them
    assert [p.text for p in docx.Document(str(path)).paragraphs][:2] == ["one", "a"]


def test_lvl_restart_zero_continues_and_legal_numbering(fx, tmp_path):
    def numbering(n):
        aid = n.abstract([{"fmt": "upperRoman", "text": "Chapter %1"},
                          {"fmt": "lowerLetter", "text": "%2)", "restart": 0}])
        legal = n.abstract([{"fmt": "upperRoman", "text": "Part %1"},
                            {"fmt": "decimal", "text": "%1.%2", "legal": True}])
        return {"C": n.num(aid), "P": n.num(legal)}
    spec = [("A", "C", 0), ("x", "C", 1), ("y", "C", 1), ("B", "C", 0), ("z", "C", 1),
            ("first part", "P", 0), ("s", "P", 1), ("second part", "P", 0), ("t", "P", 1)]
    path = numbered_doc(fx, tmp_path, spec, numbering)
    assert lines_of(read_path(path)) == [
        "Chapter I A", "a) x", "b) y", "Chapter II B", "c) z",           # lvlRestart 0: no restart
        "Part I first part", "1.1 s", "Part II second part", "2.1 t"]   # isLgl: arabic "1.1"


def test_nums_sharing_an_abstract_continue_unless_start_override(fx, tmp_path):
    def numbering(n):
        aid = n.abstract([{"fmt": "lowerLetter", "text": "(%1)"}])
        return {"A": n.num(aid), "B": n.num(aid), "C": n.num(aid, {0: 1}), "D": n.num(aid, {0: 5})}
    spec = [("a", "A", 0), ("b", "A", 0), ("continued", "B", 0),
            ("restarted", "C", 0), ("next", "C", 0), ("from five", "D", 0), ("six", "D", 0)]
    path = numbered_doc(fx, tmp_path, spec, numbering)
    assert lines_of(read_path(path)) == [
        "(a) a", "(b) b", "(c) continued", "(a) restarted", "(b) next", "(e) from five", "(f) six"]


def test_numbering_from_paragraph_style_and_bullets(fx, tmp_path):
    document = docx.Document()
    for text in ("first", "second"):
        document.add_paragraph(text, style="List Number")
    document.add_paragraph("a bullet", style="List Bullet")
    p = document.add_paragraph("numbering switched off", style="List Number")
    fx._set_num(p, 0)  # numId 0 overrides the style's numbering
    document.add_paragraph("third", style="List Number")
    path = tmp_path / "styles.docx"
    document.save(str(path))
    assert lines_of(read_path(path)) == [
        "1. first", "2. second", "a bullet", "numbering switched off", "3. third"]


# --------------------------------------------------------------------------- tracked changes
def test_tracked_changes_read_as_current_text(fx, tmp_path):
    document = docx.Document()
    numbering = fx.WordNumbering(document)
    num = numbering.num(numbering.abstract([{"fmt": "lowerLetter", "text": "(%1)"}]))
    document.add_paragraph("Article 1 – Definitions", style="Heading 2")          # paragraph 1
    p = document.add_paragraph()                                                   # paragraph 2
    fx._set_num(p, num)
    p._p.append(fx._run("the "))
    p._p.append(fx._tracked("ins", fx._run("competent "), change_id=1))
    p._p.append(fx._tracked("del", fx._run("any ", deleted=True), change_id=2))
    p._p.append(fx._run("authority;"))
    ghost = document.add_paragraph()                                               # paragraph 3
    fx._set_num(ghost, num)
    ghost._p.append(fx._tracked("del", fx._run("a deleted item;", deleted=True), change_id=3))
    rpr = fx._el("rPr")
    rpr.append(fx._el("del", id=4, author="x", date="2024-01-01T00:00:00Z"))
    ghost._p.get_or_add_pPr().append(rpr)
    p = document.add_paragraph()                                                   # paragraph 4
    fx._set_num(p, num)
    p._p.append(fx._run("a court"))
    p._p.append(fx._run(" (draft note)", hidden=True))
    p._p.append(fx._run(";"))
    first = document.add_paragraph()                                               # paragraph 5
    first._p.append(fx._run("A split "))
    rpr = fx._el("rPr")
    rpr.append(fx._el("del", id=5, author="x", date="2024-01-01T00:00:00Z"))
    first._p.get_or_add_pPr().append(rpr)
    second = document.add_paragraph()                                              # paragraph 6
    second._p.append(fx._run("paragraph, joined again."))
    path = tmp_path / "tracked.docx"
    document.save(str(path))
    xml = zipfile.ZipFile(path).read("word/document.xml").decode()
    assert "<w:ins " in xml and "<w:del " in xml and "<w:delText" in xml

    source = read_path(path)
    assert lines_of(source) == [
        "Article 1 – Definitions",
        "(a) the competent authority;",
        "(b) a court;",                  # the deleted item took no number; hidden text skipped
        "A split paragraph, joined again.",
    ]
    origins = [source.origins[i] for i, line in enumerate(source.text.split("\n")) if line]
    assert origins == ["paragraph 1", "paragraph 2", "paragraph 4", "paragraph 5"]


def test_fields_tables_and_origins(fx, tmp_path):
    document = docx.Document()
    document.add_paragraph("Before the table.")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Offence"
    table.cell(0, 1).text = "Penalty of up to five years"
    p = document.add_paragraph()
    begin = fx._el("r")
    begin.append(fx._el("fldChar", fldCharType="begin"))
    instr = fx._el("r")
    it = fx._el("instrText")
    it.text = " REF _Ref123 \\h "
    instr.append(it)
    sep = fx._el("r")
    sep.append(fx._el("fldChar", fldCharType="separate"))
    end = fx._el("r")
    end.append(fx._el("fldChar", fldCharType="end"))
    for el in (fx._run("See "), begin, instr, sep, fx._run("Article 5"), end, fx._run(".")):
        p._p.append(el)
    path = tmp_path / "fields.docx"
    document.save(str(path))
    source = read_path(path)
    pairs = [(line, source.origins[i]) for i, line in enumerate(source.text.split("\n")) if line]
    assert pairs == [
        ("Before the table.", "paragraph 1"),
        ("Offence", "table 1, row 1, cell 1"),
        ("Penalty of up to five years", "table 1, row 1, cell 2"),
        ("See Article 5.", "paragraph 2"),   # field result kept, instruction dropped
    ]
    # "paragraph N" is python-docx's paragraphs[N - 1]
    assert docx.Document(str(path)).paragraphs[1].text.startswith("See")


# --------------------------------------------------------------------------- corpus
@pytest.mark.parametrize("name", CORPUS_FILES)
def test_corpus_docx_reads_back_and_lints_the_same(fx, tmp_path, name, unchanged):
    text = fx.corpus_text(name)
    built = fx.build_docx(text, tmp_path / (name + ".docx"))
    xml = zipfile.ZipFile(built.path).read("word/document.xml").decode()
    labelled = sum(1 for _, line in fx.corpus_paragraphs(text) if fx.split_label(line))
    # the fixture is real: labels live in numbering.xml, and tracked changes are present
    assert xml.count("<w:numPr>") >= labelled > 0
    assert "<w:del " in xml and "<w:ins " in xml

    source = unchanged(built.path, lambda: read_path(built.path))
    assert source.format == "docx"
    assert lines_of(source) == [line for _, line in fx.corpus_paragraphs(text)]
    rendered = [source.origins[i] for i, line in enumerate(source.text.split("\n")) if line]
    assert rendered == [built.origin_of_line[n] for n, _ in fx.corpus_paragraphs(text)]

    want, got, _ = fx.compare(text, name, built)
    assert got == want, fx.explain(want, got)
    if name == "budapest-ets185.txt":
        assert len(want) >= 10  # a comparison with something in it
