"""The parser on small texts: each heading style, numbering by sequence, paths, stray lines.

Each test states how a lawyer reads the text; the tree must say the same.
"""

from __future__ import annotations

import pytest

from legislint.model import Document, Node
from legislint.parser import parse


def shape(document: Document) -> list[tuple[int, str, str]]:
    """(depth, kind, path) of every node but the root, in reading order."""
    out = []
    for node in document.nodes():
        if node is document.root:
            continue
        out.append((sum(1 for _ in node.ancestors()) - 1, node.kind, node.path))
    return out


def find(document: Document, path: str) -> Node:
    matches = [n for n in document.nodes() if n.path == path]
    assert len(matches) == 1, f"{path!r}: {len(matches)} nodes; tree: {shape(document)}"
    return matches[0]


def paths(document: Document) -> list[str]:
    return [p for _, _, p in shape(document)]


# ---------------------------------------------------------------------------- heading styles
def test_treaty_article_with_dash_title():
    doc = parse("Article 7 – Computer-related forgery\n\nEach Party shall adopt such measures.\n")
    art = find(doc, "Article 7")
    assert (art.kind, art.number, art.title) == ("article", "7", "Computer-related forgery")
    assert art.text == "Each Party shall adopt such measures."
    assert (art.start_line, art.end_line) == (1, 3)


def test_treaty_article_without_title_keeps_its_paragraphs():
    doc = parse("Article 18\n\n1. Each State Party shall afford assistance.\n\n2. Assistance shall be afforded.\n")
    art = find(doc, "Article 18")
    assert art.title is None
    assert [c.path for c in art.children] == ["Article 18(1)", "Article 18(2)"]
    assert find(doc, "Article 18(2)").text == "Assistance shall be afforded."


def test_us_code_section_sign_heading():
    doc = parse("§ 2705. Delayed notice\n\n(a) Delay of Notification.\n\n(1) A governmental entity may delay notice.\n")
    sec = find(doc, "§ 2705")
    assert (sec.kind, sec.number, sec.title) == ("article", "2705", "Delayed notice")
    assert find(doc, "§ 2705(a)(1)").text == "A governmental entity may delay notice."


def test_commonwealth_numbered_section_title_on_its_own_line():
    doc = parse("12. Damaging a computer system\n\n(1) Any person who does an act shall commit an offence.\n")
    sec = find(doc, "s.12")
    assert (sec.kind, sec.title) == ("article", "Damaging a computer system")
    assert find(doc, "s.12(1)").text.startswith("Any person who does an act")


def test_commonwealth_section_title_longer_than_a_short_title():
    # Indian statutes title sections at length; a numbered line with no verb is still a heading.
    doc = parse("66. Computer related offences.\n\nAny person who dishonestly does any act shall be punished.\n\n"
                "69. Power to issue directions for interception or monitoring or decryption of any "
                "information through any computer resource.\n\n"
                "(1) The Central Government may direct any agency to intercept any information.\n")
    assert shape(doc) == [(0, "article", "s.66"), (0, "article", "s.69"), (1, "paragraph", "s.69(1)")]
    assert find(doc, "s.69").title.startswith("Power to issue directions")


def test_long_numbered_sentence_is_a_paragraph_not_a_heading():
    doc = parse("Article 3 – Scope\n\n1. Each Party may, by a declaration addressed to the Secretary General of "
                "the Council of Europe, reserve the right to apply the measures only to the offences listed.\n")
    assert paths(doc) == ["Article 3", "Article 3(1)"]


def test_commonwealth_section_title_dash_body_on_one_line():
    doc = parse("3. Title - Whoever does something shall be punished.\n\n4. Next section\n\nText.\n")
    sec = find(doc, "s.3")
    assert sec.title == "Title"
    assert sec.text == "Whoever does something shall be punished."
    # the body starts after the dash: its column points at "Whoever"
    seg = sec.segments[0]
    assert doc.lines[seg.line - 1][seg.column - 1:].startswith("Whoever")
    assert find(doc, "s.4").title == "Next section"


def test_uk_section_number_without_dot():
    doc = parse("18 Persons who may apply\n\n(1) An application may be made by the police.\n\n"
                "19 Issue of warrants\n\nA judge may issue a warrant.\n")
    assert shape(doc) == [(0, "article", "s.18"), (1, "paragraph", "s.18(1)"), (0, "article", "s.19")]
    assert find(doc, "s.18").title == "Persons who may apply"
    assert find(doc, "s.19").text == "A judge may issue a warrant."


def test_chapter_heading_takes_its_title_from_the_next_line():
    doc = parse("CHAPTER I\nUSE OF TERMS\n\nArticle 1 – Definitions\n\nFor the purposes of this Convention:\n")
    chapter = find(doc, "CHAPTER I")
    assert (chapter.kind, chapter.title) == ("division", "USE OF TERMS")
    assert find(doc, "Article 1").parent is chapter


def test_divisions_nest_by_first_appearance():
    doc = parse("CHAPTER II – MEASURES\n\nSECTION 1 – SUBSTANTIVE LAW\n\nArticle 2 – Illegal access\n\nText.\n\n"
                "SECTION 2 – PROCEDURAL LAW\n\nArticle 14 – Scope\n\nText.\n\nCHAPTER III – COOPERATION\n\n"
                "Article 23 – General principles\n\nText.\n")
    assert shape(doc) == [
        (0, "division", "CHAPTER II"), (1, "division", "SECTION 1"), (2, "article", "Article 2"),
        (1, "division", "SECTION 2"), (2, "article", "Article 14"),
        (0, "division", "CHAPTER III"), (1, "article", "Article 23"),
    ]


def test_markdown_heading_marks_are_not_part_of_the_heading():
    doc = parse("## Article 5\n\n1. Each Party shall adopt measures.\n\n## **Article 6 – Scope**\n\nText.\n")
    assert paths(doc) == ["Article 5", "Article 5(1)", "Article 6"]
    assert find(doc, "Article 6").title == "Scope"
    art5 = find(doc, "Article 5")
    assert art5.title is None


def test_keyword_heading_with_dashed_title_and_text_on_one_line():
    # Philippine and Indian statutes: "SEC. 12. Title. — Text" / "Section 66. Title.—Text".
    text = ("SEC. 12. Real-Time Collection of Traffic Data. — Law enforcement authorities shall be "
            "authorized to collect traffic data.\n\nSection 13. Preservation.—The data shall be preserved.\n")
    doc = parse(text)
    assert paths(doc) == ["Sec. 12", "Section 13"]
    sec = find(doc, "Sec. 12")
    assert sec.title == "Real-Time Collection of Traffic Data"
    assert sec.text.startswith("Law enforcement authorities shall be authorized")
    seg = sec.segments[0]
    assert doc.lines[seg.line - 1][seg.column - 1:].startswith("Law enforcement")
    sec13 = find(doc, "Section 13")
    assert (sec13.title, sec13.text) == ("Preservation", "The data shall be preserved.")
    # ... and without the keyword: "66. Computer related offences.—If any person ..."
    doc = parse("66. Computer related offences.—If any person dishonestly does any act, he shall be "
                "punished.\n\n69. Power to intercept.—The Government may direct any agency to intercept.\n")
    assert paths(doc) == ["s.66", "s.69"]
    assert (find(doc, "s.66").title, find(doc, "s.69").text) == (
        "Computer related offences", "The Government may direct any agency to intercept.")


def test_section_number_and_first_subsection_on_one_line():
    # Kenyan, Ugandan and Nigerian statute books: "50. (1) A police officer may ...", the section's
    # title in the margin.
    doc = parse("50. (1) A police officer may apply to court for an order.\n\n"
                "(2) The court may order a service provider to collect traffic data.\n\n"
                "51. (1) A service provider shall not disclose the order.\n")
    assert paths(doc) == ["s.50", "s.50(2)", "s.51"]
    sec = find(doc, "s.50")
    assert sec.text.startswith("(1) A police officer may apply")
    seg = sec.segments[0]
    assert doc.lines[seg.line - 1][seg.column - 1:].startswith("(1) A police officer")


def test_bold_labels_are_items_and_keep_their_columns():
    text = ("### Section 21. Access to stored data\n\n**(1)** An officer may access a computer system.\n\n"
            "**(2)** A provider shall assist the officer.\n\n**Section 22.** Secrecy\n\nText.\n")
    doc = parse(text)
    assert paths(doc) == ["Section 21", "Section 21(1)", "Section 21(2)", "Section 22"]
    seg = find(doc, "Section 21(1)").segments[0]
    assert doc.lines[seg.line - 1][seg.column - 1:].startswith("An officer may access")


def test_sentence_starting_with_article_is_text_not_a_heading():
    doc = parse("Article 2 – Scope\n\nArticle 15 of the Convention shall apply to these powers.\n")
    assert paths(doc) == ["Article 2"]
    assert find(doc, "Article 2").text.startswith("Article 15 of the Convention")


# ---------------------------------------------------------------------------- numbering
def _list(labels: str, item: str = "item") -> str:
    return "\n\n".join(f"({c}) {item} {c};" for c in labels.split())


def test_i_after_h_is_the_ninth_letter():
    doc = parse("Article 3 – Refusal\n\nA Party may refuse if:\n\n" + _list("a b c d e f g h i j") + "\n")
    art = find(doc, "Article 3")
    assert [c.number for c in art.children] == list("abcdefghij")
    assert find(doc, "Article 3(i)").style == "paren-lower"


def test_i_after_a_followed_by_ii_opens_a_roman_list():
    doc = parse("Article 3 – X\n\n1. A Party may refuse if:\n\n(a) the request concerns:\n\n"
                "(i) a political offence; or\n\n(ii) a military offence; or\n\n(b) the person is a national.\n")
    assert shape(doc) == [
        (0, "article", "Article 3"), (1, "paragraph", "Article 3(1)"),
        (2, "subparagraph", "Article 3(1)(a)"),
        (3, "point", "Article 3(1)(a)(i)"), (3, "point", "Article 3(1)(a)(ii)"),
        (2, "subparagraph", "Article 3(1)(b)"),
    ]
    assert find(doc, "Article 3(1)(a)(i)").style == "paren-roman"


def test_upper_roman_nests_under_lower_roman():
    doc = parse("§ 3. X\n\n(a) In general.\n\n(1) text\n\n(A) clause\n\n(i) sub\n\n(I) upper one\n\n"
                "(II) upper two\n\n(ii) sub two\n\n(B) clause b\n")
    assert find(doc, "§ 3(a)(1)(A)(i)(II)").style == "paren-upper-roman"
    assert find(doc, "§ 3(a)(1)(A)(ii)").parent is find(doc, "§ 3(a)(1)(A)")
    assert find(doc, "§ 3(a)(1)(B)").parent is find(doc, "§ 3(a)(1)")


def test_treaty_paragraph_and_letter_path():
    doc = parse("Article 40 – Mutual legal assistance\n\n21. Mutual legal assistance may be refused:\n\n"
                "(a) If the request is not made in conformity with this article;\n\n"
                "(b) If the requested State Party considers that execution is likely to prejudice its sovereignty;\n")
    item = find(doc, "Article 40(21)(b)")
    assert item.kind == "subparagraph"
    assert item.text.startswith("If the requested State Party")
    assert find(doc, "Article 40(21)").text == "Mutual legal assistance may be refused:"


def test_us_code_four_level_path():
    doc = parse("§ 2703. Required disclosure\n\n(b) Contents.\n\n(1) A governmental entity may require—\n\n"
                "(A) without notice, if it obtains a warrant; or\n\n(B) with prior notice if the entity—\n\n"
                "(i) uses a subpoena; or\n\n(ii) obtains a court order;\n")
    assert find(doc, "§ 2703(b)(1)(B)").kind == "point"
    assert find(doc, "§ 2703(b)(1)(B)(ii)").text == "obtains a court order;"


def test_text_after_a_list_goes_to_the_list_owner():
    doc = parse("9. Offences\n\nAny person who—\n\n(a) accesses a computer; or\n\n(b) interferes with data,\n\n"
                "with intent to cause harm, shall commit an offence.\n")
    sec = find(doc, "s.9")
    assert sec.text.splitlines() == ["Any person who—", "with intent to cause harm, shall commit an offence."]
    assert find(doc, "s.9(b)").text == "interferes with data,"
    assert sec.end_line == 9


def test_text_after_a_heading_item_stays_with_the_item():
    doc = parse("§ 2705. Delayed notice\n\n(b) Preclusion of Notice.\n\nA court shall enter an order.\n")
    assert find(doc, "§ 2705(b)").text.splitlines() == ["Preclusion of Notice.", "A court shall enter an order."]


def test_numbering_jump_stays_a_sibling_and_a_list_may_start_late():
    doc = parse("Article 2 – X\n\n1. First.\n\n2. Second.\n\n5. Fifth after a jump.\n\n(c) c first\n\n(d) d\n")
    assert shape(doc) == [
        (0, "article", "Article 2"), (1, "paragraph", "Article 2(1)"), (1, "paragraph", "Article 2(2)"),
        (1, "paragraph", "Article 2(5)"), (2, "subparagraph", "Article 2(5)(c)"),
        (2, "subparagraph", "Article 2(5)(d)"),
    ]


def test_returning_to_an_outer_list_closes_the_inner_ones():
    doc = parse("Article 1 – X\n\n1. One:\n\n(a) a\n\n(i) i\n\n(ii) ii\n\n2. Two.\n")
    assert find(doc, "Article 1(2)").parent is find(doc, "Article 1")
    assert find(doc, "Article 1(1)").end_line == 9


# ---------------------------------------------------------------------------- never fails
@pytest.mark.parametrize("text", [
    "", "\n\n\n", "just a sentence with no structure", "(", "§", "Article", "CHAPTER", "–– 12 ––",
    "—\n––\n**\n## \n> ", "(zzzzz) (xlix (MMMMMMM) 99999. 10000000.", "§§§ ¶ 7",
])
def test_text_that_fits_nothing_stays_text(text):
    doc = parse(text)
    assert doc.root.start_line == 1
    assert doc.root.end_line == max(1, len(text.split("\n")))
    own = " ".join(n.text for n in doc.nodes())
    for word in text.split():
        if word not in ("##", ">", "**"):
            assert word in own, (word, own)


def test_labels_alone_are_empty_items_not_errors():
    doc = parse("1.\n\n(a)\n\n(ii)\n")
    items = list(doc.nodes())[1:]
    assert [n.label for n in items] == ["1.", "(a)", "(ii)"] and all(n.is_enumerated for n in items)
    assert all(not n.segments for n in doc.nodes())


def test_stray_line_between_items_stays_with_the_nearest_provision():
    doc = parse("Article 4 – X\n\n1. One.\n\n[page 12]\n\n2. Two.\n")
    assert find(doc, "Article 4(1)").text.splitlines() == ["One.", "[page 12]"]
    assert find(doc, "Article 4(2)").parent is find(doc, "Article 4")
