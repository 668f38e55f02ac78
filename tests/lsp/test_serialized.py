"""The publish a server sends is written from the text kept of each diagnostic between lints
(`DiagnosticCache.serialized`): it must read back as exactly the diagnostics of that lint."""

from __future__ import annotations

import json

from legislint.api import lint_text
from legislint.lsp.diagnostics import DiagnosticCache


def test_serialized_diagnostics_read_back_as_the_converted_ones(corpus):
    text = (corpus / "budapest-ets185.txt").read_text("utf-8")
    cache = DiagnosticCache()
    uri = "file:///tmp/budapest.txt"
    first = cache.convert(lint_text(text, "budapest.txt"), uri, "utf-16", 1)
    assert first and json.loads(cache.serialized(uri, 1)) == json.loads(json.dumps(first))
    # The next version: most findings kept (their text reused), the version in each one new.
    edited = text.replace("Each Party shall adopt", "Each Party shall adopt and maintain", 1)
    second = cache.convert(lint_text(edited, "budapest.txt"), uri, "utf-16", 2)
    assert json.loads(cache.serialized(uri, 2)) == json.loads(json.dumps(second))
    assert {d["data"]["version"] for d in json.loads(cache.serialized(uri, None))} == {None}


def test_an_inline_suppression_problem_is_serialized_too():
    text = ("<!-- legislint: disable-next-line LG999 -- no such rule -->\n"
            "Article 1 – Interception\n\n1. The police may intercept communications.\n")
    cache = DiagnosticCache()
    out = cache.convert(lint_text(text, "bill.txt"), "file:///bill.txt", "utf-16", 3)
    assert any(d.get("code") != "LG201" for d in out)
    assert json.loads(cache.serialized("file:///bill.txt", 3)) == json.loads(json.dumps(out))
