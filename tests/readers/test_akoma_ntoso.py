"""Akoma Ntoso reader: the tree comes from the XML (not re-parsed), eId origins, hardening."""

from __future__ import annotations

import time

import pytest

from legislint.api import lint_source
from legislint.errors import InputError
from legislint.readers import read_path

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"

TREATY = f"""<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="{NS}">
  <act name="convention">
    <meta><identification source="#x"/></meta>
    <preface><p eId="preface__p_1"><docTitle>Convention on Testing</docTitle></p></preface>
    <body>
      <chapter eId="chp_I">
        <num>CHAPTER I</num><heading>USE OF TERMS</heading>
        <article eId="art_1">
          <num>Article 1</num><heading>Definitions</heading>
          <intro><p>For the purposes of this Convention:</p></intro>
          <point eId="art_1__point_a"><num>a)</num>
            <content><p>"system" means any device;</p></content></point>
          <point eId="art_1__point_b"><num>b)</num>
            <intro><p>"provider" means:</p></intro>
            <point eId="art_1__point_b__point_i"><num>(i)</num>
              <content><p>any public entity, and</p></content></point>
            <point eId="art_1__point_b__point_ii"><num>(ii)</num>
              <content><p>any other <term refersTo="#e">entity</term><authorialNote eId="n1"><p>a note</p></authorialNote>.</p></content></point>
          </point>
        </article>
      </chapter>
      <chapter eId="chp_II">
        <num>CHAPTER II</num><heading>MEASURES</heading>
        <section eId="chp_II__sec_1">
          <num>SECTION 1</num><heading>PROCEDURE</heading>
          <article eId="art_2">
            <num>Article 2</num><heading>Interception of content data</heading>
            <paragraph eId="art_2__para_1"><num>1.</num>
              <list eId="art_2__para_1__list_1">
                <intro><p>Each Party shall adopt such measures as may be necessary to empower its competent authorities to:</p></intro>
                <point eId="art_2__para_1__list_1__point_a"><num>a)</num>
                  <content><p>collect or record content data,</p></content></point>
                <point eId="art_2__para_1__list_1__point_b"><num>b)</num>
                  <content><p>compel a service provider to co-operate,</p></content></point>
                <wrapUp><p>in real-time, of specified communications in its territory.</p></wrapUp>
              </list>
            </paragraph>
            <paragraph eId="art_2__para_2"><num>2.</num>
              <content><p>Each Party shall oblige a service provider to keep confidential the fact of the execution of any power provided for in this article.</p>
              <p>A second sentence in its own paragraph of text.</p></content>
            </paragraph>
          </article>
          <article eId="art_3">
            <num>Article 3</num><heading>Unnumbered</heading>
            <paragraph eId="art_3__para_1"><content><p>Text with no number.</p></content></paragraph>
          </article>
        </section>
      </chapter>
    </body>
  </act>
</akomaNtoso>
"""


def write(tmp_path, xml: str | bytes, name="doc.xml"):
    path = tmp_path / name
    path.write_bytes(xml.encode() if isinstance(xml, str) else xml)
    return path


def by_path(document):
    return {n.path: n for n in document.nodes() if n.kind != "document"}


def test_tree_comes_from_the_xml(tmp_path, unchanged):
    path = write(tmp_path, TREATY)
    source = unchanged(path, lambda: read_path(path))
    assert source.format == "akoma-ntoso" and source.document is not None
    lines = [line for line in source.text.split("\n") if line]
    assert lines == [
        "Convention on Testing",
        "CHAPTER I – USE OF TERMS",
        "Article 1 – Definitions",
        "For the purposes of this Convention:",
        'a) "system" means any device;',
        'b) "provider" means:',
        "(i) any public entity, and",
        "(ii) any other entity.",                   # the authorial note is not text
        "CHAPTER II – MEASURES",
        "SECTION 1 – PROCEDURE",
        "Article 2 – Interception of content data",
        "1. Each Party shall adopt such measures as may be necessary to empower its competent "
        "authorities to:",
        "a) collect or record content data,",
        "b) compel a service provider to co-operate,",
        "in real-time, of specified communications in its territory.",
        "2. Each Party shall oblige a service provider to keep confidential the fact of the "
        "execution of any power provided for in this article.",
        "A second sentence in its own paragraph of text.",
        "Article 3 – Unnumbered",
        "Text with no number.",
    ]
    nodes = by_path(source.document)
    assert set(nodes) >= {"CHAPTER I", "SECTION 1", "Article 1", "Article 1(a)", "Article 1(b)",
                          "Article 1(b)(i)", "Article 2(1)(a)", "Article 2(2)", "Article 3"}
    chap = nodes["CHAPTER II"]
    assert chap.kind == "division" and chap.title == "MEASURES"
    sec = nodes["SECTION 1"]
    assert sec.parent is chap and nodes["Article 2"].parent is sec
    art = nodes["Article 2"]
    assert (art.kind, art.number, art.title, art.citation_base, art.origin) == \
        ("article", "2", "Interception of content data", "Article 2", "art_2")
    para = nodes["Article 2(1)"]
    assert para.kind == "paragraph" and para.origin == "art_2__para_1"
    # the list wrapper is transparent: the points are the paragraph's children, the chapeau and
    # the wrap-up are the paragraph's own text
    assert [c.path for c in para.children] == ["Article 2(1)(a)", "Article 2(1)(b)"]
    assert para.children[0].kind == "subparagraph"
    assert para.text.startswith("Each Party") and para.text.endswith("in its territory.")
    assert nodes["Article 1(b)(i)"].kind == "subparagraph"
    assert nodes["Article 3"].text == "Text with no number."
    assert not [n for n in nodes.values() if n.parent is nodes["Article 3"]]

    # every segment points at its text in Source.text, every node's span covers its lines
    doc_lines = source.text.split("\n")
    for node in source.document.nodes():
        for seg in node.segments:
            assert doc_lines[seg.line - 1][seg.column - 1:].startswith(seg.text)
        if node.kind != "document":
            assert node.start_line <= node.end_line
            for child in node.children:
                assert node.start_line <= child.start_line <= child.end_line <= node.end_line


def test_origins_are_eids(tmp_path):
    source = read_path(write(tmp_path, TREATY))
    origin = {line: source.origins[i] for i, line in enumerate(source.text.split("\n")) if line}
    assert origin["Article 2 – Interception of content data"] == "eId art_2"
    assert origin["a) collect or record content data,"] == "eId art_2__para_1__list_1__point_a"
    assert origin["(ii) any other entity."] == "eId art_1__point_b__point_ii"
    assert origin["in real-time, of specified communications in its territory."] == \
        "eId art_2__para_1__list_1"
    assert origin["Convention on Testing"] == "eId preface__p_1"


def test_findings_point_to_eids(tmp_path):
    source = read_path(write(tmp_path, TREATY))
    result = lint_source(source)
    # the tree used is the reader's, not a re-parse of the text
    assert result.document is source.document
    for finding in result.findings:
        assert (source.origin(finding.line) or "").startswith("eId ")


def test_us_code_sections_without_articles(tmp_path):
    xml = f"""<akomaNtoso xmlns="{NS}"><act><body>
      <chapter eId="chp_121"><num>CHAPTER 121</num><heading>STORED COMMUNICATIONS</heading>
      <section eId="sec_2705"><num>§ 2705.</num><heading>Delayed notice</heading>
        <subsection eId="sec_2705__subsec_a"><num>(a)</num><heading>Delay of Notification.</heading>
          <paragraph eId="sec_2705__subsec_a__para_1"><num>(1)</num>
            <content><p>A governmental entity may delay notice.</p></content></paragraph>
        </subsection>
        <subsection eId="sec_2705__subsec_h"><num>(h)</num><content><p>Eighth.</p></content></subsection>
        <subsection eId="sec_2705__subsec_i"><num>(i)</num><content><p>Ninth, a letter.</p></content></subsection>
        <subsection eId="sec_2705__subsec_j"><num>(j)</num>
          <intro><p>Tenth:</p></intro>
          <paragraph eId="x1"><num>(i)</num><content><p>a numeral,</p></content></paragraph>
          <paragraph eId="x2"><num>(ii)</num><content><p>another.</p></content></paragraph>
        </subsection>
      </section></chapter></body></act></akomaNtoso>"""
    source = read_path(write(tmp_path, xml))
    nodes = by_path(source.document)
    sec = nodes["§ 2705"]
    assert (sec.kind, sec.number, sec.title, sec.style) == ("article", "2705", "Delayed notice", "§")
    assert "§ 2705. Delayed notice" in source.text
    assert "(a) Delay of Notification." in source.text
    assert nodes["§ 2705(a)(1)"].text == "A governmental entity may delay notice."
    # "(i)" after "(h)" is the ninth letter; "(i)", "(ii)" under (j) are numerals
    assert nodes["§ 2705(i)"].style == "paren-lower"
    assert nodes["§ 2705(j)(i)"].style == "paren-roman"
    assert nodes["§ 2705(j)(ii)"].style == "paren-roman"


@pytest.mark.parametrize("name", ["budapest-ets185.txt", "us-18-usc-2705.txt",
                                  "mu-computer-misuse-cybercrime-act-2003.txt",
                                  "pk-prevention-of-electronic-crimes-bill-2016.txt",
                                  "us-18-usc-2703.txt", "un-untoc-2000.txt",
                                  "us-50-usc-1881a.txt"])
def test_corpus_akoma_ntoso_rebuilds_the_tree_and_lints_the_same(fx, tmp_path, name):
    from legislint.parser import parse

    text = fx.corpus_text(name)
    built = fx.build_akoma_ntoso(text, tmp_path / (name + ".xml"))
    source = read_path(built.path)
    plain = parse(text)

    def shape(doc):
        return [(n.kind, n.path, n.number, n.label, n.title, n.citation_base,
                 tuple(s.text for s in n.segments)) for n in doc.nodes()]
    assert shape(source.document) == shape(plain)
    want, got, _ = fx.compare(text, name, built)
    assert got == want, fx.explain(want, got)


# --------------------------------------------------------------------------- hardening
BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE akomaNtoso [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<akomaNtoso xmlns="%s"><act><body><article eId="a"><num>Article 1</num>
<content><p>&lol9;</p></content></article></body></act></akomaNtoso>
""" % NS


def test_billion_laughs_is_refused_quickly(tmp_path, unchanged):
    path = write(tmp_path, BILLION_LAUGHS)
    start = time.perf_counter()
    with pytest.raises(InputError, match="DTD") as err:
        unchanged(path, lambda: read_path(path))
    assert time.perf_counter() - start < 1.0
    assert err.value.path == str(path)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_xxe_is_refused_and_nothing_is_read(tmp_path, encoding):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    xml = (f'<?xml version="1.0" encoding="{encoding}"?>\n'
           f'<!DOCTYPE akomaNtoso [<!ENTITY xxe SYSTEM "file://{secret}">]>\n'
           f'<akomaNtoso xmlns="{NS}"><act><body><article eId="a"><num>Article 1</num>'
           f'<content><p>&xxe;</p></content></article></body></act></akomaNtoso>')
    path = write(tmp_path, xml.encode(encoding))
    with pytest.raises(InputError, match="DTD") as err:
        read_path(path)
    assert "TOP-SECRET" not in str(err.value)


def test_external_dtd_and_network_are_refused(tmp_path):
    xml = (f'<?xml version="1.0"?><!DOCTYPE akomaNtoso SYSTEM "http://127.0.0.1:9/akn.dtd">'
           f'<akomaNtoso xmlns="{NS}"><act><body/></act></akomaNtoso>')
    with pytest.raises(InputError, match="DTD"):
        read_path(write(tmp_path, xml))


def test_parser_itself_does_not_expand_or_fetch(tmp_path):
    """The second wall: even if the DTD check were bypassed, lxml is configured safely."""
    from lxml import etree

    from legislint.readers.limits import safe_xml_parser

    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    xxe = (f'<!DOCTYPE r [<!ENTITY xxe SYSTEM "file://{secret}">]><r>&xxe;</r>').encode()
    root = etree.fromstring(xxe, safe_xml_parser())
    assert "TOP-SECRET" not in etree.tostring(root).decode()
    laughs = BILLION_LAUGHS.encode()
    start = time.perf_counter()
    try:
        root = etree.fromstring(laughs, safe_xml_parser())
    except etree.XMLSyntaxError as exc:  # libxml2's amplification guard stops it
        assert "amplification" in str(exc)
    else:
        assert len(etree.tostring(root)) < 10_000  # entities left unexpanded
    assert time.perf_counter() - start < 1.0


def test_malformed_and_foreign_xml(tmp_path):
    with pytest.raises(InputError) as err:
        read_path(write(tmp_path, f'<akomaNtoso xmlns="{NS}"><act>\n<body>\n</act>', "bad.xml"))
    assert err.value.line is not None and "malformed XML" in err.value.message
    with pytest.raises(InputError, match="not Akoma Ntoso"):
        read_path(write(tmp_path, "<rss><channel/></rss>", "feed.xml"))
    with pytest.raises(InputError, match="no document element"):
        read_path(write(tmp_path, f'<akomaNtoso xmlns="{NS}"/>', "empty.akn"))
