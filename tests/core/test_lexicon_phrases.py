"""The phrase syntax lexicon authors write (rules/lexicon/en.yaml, header): what each form matches.

Each case is a phrase, a text it must find (the words it must find), and a text it must not."""

from __future__ import annotations

import pytest

from legislint.lexicon import Lexicon, compile_regex


def found(phrase: str, text: str) -> str | None:
    lexicon = Lexicon(language="en", entries={"entry": [phrase]})
    m = compile_regex(lexicon.regex("entry")).search(text)
    return m.group(0) if m else None


@pytest.mark.parametrize("phrase,text,words", [
    # "..." between two commas: the conditions a drafter sets between the modal and the verb.
    ("may , ... , refuse", "The Party may, in addition to the grounds in Article 25, refuse assistance.",
     "may, in addition to the grounds in Article 25, refuse"),
    ("may , ... , authori[sz]e", "The Attorney-General may, on a request by a foreign State, authorise it.",
     "may, on a request by a foreign State, authorise"),
    # "..." between words: up to twenty words of the same sentence.
    ("issue ... warrant", "A judge may issue, on application, a search warrant.", "issue, on application, a search warrant"),
    # An elided word is followed by the next without a space, and either apostrophe counts.
    ("l'article", "selon l’article 100", "l’article"),
    ("d' une", "au moyen d'une réquisition", "d'une"),
    # "?" makes the last letter optional; "*" ends a word anyhow.
    ("judges?", "before the judge", "judge"),
    ("intercept*", "interception of content", "interception"),
    ("offen[cs]e", "an offense under", "offense"),
])
def test_phrase_finds(phrase, text, words):
    assert found(phrase, text) == words


@pytest.mark.parametrize("phrase,text", [
    # The commas are part of the phrase: without them there is no parenthetical condition.
    ("may , ... , refuse", "The Party may refuse assistance."),
    # Whole words only.
    ("judges?", "prejudges the matter"),
    ("search", "research institutes"),
    # A gap never crosses a sentence end.
    ("issue ... warrant", "The judge may issue orders. A warrant is a different instrument."),
    # A plain word followed by a space does not join the next word as an elided one would.
    ("computer data", "computerdata"),
])
def test_phrase_does_not_find(phrase, text):
    assert found(phrase, text) is None
