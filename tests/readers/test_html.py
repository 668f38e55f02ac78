"""HTML reader: body text, headings kept, lists labelled, scripts and hidden text skipped."""

from __future__ import annotations

import pytest

from legislint.errors import InputError
from legislint.readers import read_path

PAGE = """<!DOCTYPE html>
<html><head><title>Not text</title><style>p { color: red }</style>
<script>var x = "<p>not text either</p>";</script></head>
<body>
<h1 id="top">Cybercrime Act</h1>
<section id="s12">
<h2>12. Preservation order</h2>
<p>(1) Where a police officer is satisfied that
   data stored in a computer system is <b>reasonably</b> required &amp; vulnerable,
   he may apply to a Judge&nbsp;in Chambers for an order.</p>
<ol type="a" start="2"><li>second <i>item</i></li><li>third item</li></ol>
<ol><li>one</li><li value="5">five</li><li>six</li></ol>
<ol type="I" reversed><li>two</li><li>one</li></ol>
<ol style="list-style: none"><li>unlabelled</li></ol>
<p>first line<br>second line</p>
<div>loose text <span>in a div</span><p>a nested paragraph</p>and its tail</div>
<pre>  preformatted
     text</pre>
<p hidden>a hidden draft note</p>
<template><p>template content</p></template>
<noscript>enable scripts</noscript>
</section>
</body></html>
"""


def test_body_text_blocks_and_labels(tmp_path, unchanged):
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    source = unchanged(path, lambda: read_path(path))
    assert source.format == "html"
    lines = [line for line in source.text.split("\n") if line]
    assert lines == [
        "Cybercrime Act",
        "12. Preservation order",
        "(1) Where a police officer is satisfied that data stored in a computer system is "
        "reasonably required & vulnerable, he may apply to a Judge\xa0in Chambers for an order.",
        "(b) second item", "(c) third item",
        "1. one", "5. five", "6. six",
        "(II) two", "(I) one",
        "unlabelled",
        "first line", "second line",
        "loose text in a div", "a nested paragraph", "and its tail",
        "preformatted", "text",
    ]
    origin = {line: source.origins[i] for i, line in enumerate(source.text.split("\n")) if line}
    assert origin["Cybercrime Act"] == "line 5, #top"
    assert origin["12. Preservation order"] == "line 7, #s12"
    assert origin["(b) second item"] == "line 11, #s12"


def test_html_structure_is_parsed_from_the_text(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    from legislint.api import lint_source

    result = lint_source(read_path(path))
    paths = {n.path for n in result.document.nodes()}
    assert "s.12(1)" in paths


def test_encodings_and_junk(tmp_path):
    latin = tmp_path / "latin.htm"
    latin.write_bytes('<html><head><meta charset="iso-8859-1"></head><body><p>Artículo 5 - '
                      'Definición</p></body></html>'.encode("iso-8859-1"))
    assert read_path(latin).text.strip() == "Artículo 5 - Definición"
    undeclared = tmp_path / "utf8.html"  # UTF-8 with no charset declared anywhere
    undeclared.write_bytes("<p>Article 1 – “Definitions” § 5</p>".encode())
    assert read_path(undeclared).text.strip() == "Article 1 – “Definitions” § 5"
    utf16 = tmp_path / "utf16.html"
    utf16.write_bytes("<p>§ 2705. Delayed notice</p>".encode("utf-16"))
    assert read_path(utf16).text.strip() == "§ 2705. Delayed notice"
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    assert read_path(empty).text == ""
    binary = tmp_path / "binary.html"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    with pytest.raises(InputError, match="binary"):
        read_path(binary)


def test_no_network_access(tmp_path):
    """External resources are never fetched: an entity or a stylesheet link stays unresolved."""
    path = tmp_path / "ext.html"
    path.write_text('<!DOCTYPE html SYSTEM "http://127.0.0.1:9/x.dtd"><html><head>'
                    '<link rel="stylesheet" href="http://127.0.0.1:9/s.css"></head>'
                    '<body><p>Article 1</p><iframe src="http://127.0.0.1:9/"></iframe></body></html>')
    assert read_path(path).text.strip() == "Article 1"


@pytest.mark.parametrize("name", ["budapest-ets185.txt", "us-18-usc-2705.txt",
                                  "mu-computer-misuse-cybercrime-act-2003.txt",
                                  "us-18-usc-2703.txt"])
def test_corpus_html_reads_back_and_lints_the_same(fx, tmp_path, name, unchanged):
    text = fx.corpus_text(name)
    built = fx.build_html(text, tmp_path / (name + ".html"))
    html = built.path.read_text()
    assert "<ol type=" in html  # some labels are drawn by the browser, not written
    assert ("&ldquo;" in html) == ("“" in text)
    source = unchanged(built.path, lambda: read_path(built.path))
    assert [line for line in source.text.split("\n") if line] == \
        [line for _, line in fx.corpus_paragraphs(text)]
    rendered = [source.origins[i] for i, line in enumerate(source.text.split("\n")) if line]
    assert rendered == [built.origin_of_line[n] for n, _ in fx.corpus_paragraphs(text)]
    want, got, _ = fx.compare(text, name, built)
    assert got == want, fx.explain(want, got)
