"""The prefilter (legislint.prefilter) must give exactly the answers of `re`: same match, same span,
same pattern object, or no match; it may only be faster."""

from __future__ import annotations

import re
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from legislint.clauses import node_sentences
from legislint.config import Config
from legislint.lexicon import Lexicon
from legislint.parser import parse
from legislint.prefilter import Screen, alternatives, fold, needles
from legislint.rules import load_ruleset


def same(fast: re.Match | None, slow: re.Match | None) -> bool:
    if fast is None or slow is None:
        return fast is slow
    return fast.re is slow.re and fast.span() == slow.span() and fast.group(0) == slow.group(0)


def test_fold_maps_every_case_partner_of_an_ascii_letter():
    """Under re.IGNORECASE a few non-ASCII characters match ASCII letters (İ ı ſ K); the folded
    text must show them as those letters, and folding never changes the length."""
    letter = re.compile("[a-z]", re.IGNORECASE)
    for code in range(0x80, 0x110000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        ch = chr(code)
        folded = fold(ch)
        assert len(folded) == 1, hex(code)
        if letter.fullmatch(ch):
            assert folded in string.ascii_lowercase and re.fullmatch(folded, ch, re.IGNORECASE), hex(code)


def test_needles_are_words_every_match_contains():
    pattern = re.compile(r"(?<![\w-])(?:shall\s+not\s+be\s+(?:granted|extradited)|judges?)(?![\w])", re.I)
    assert needles(pattern) == {"shall", "not", "granted", "extradited", "judge"}
    assert alternatives(pattern) == [r"(?<![\w-])(?:shall\s+not\s+be\s+(?:granted|extradited))(?![\w])",
                                     r"(?<![\w-])(?:judges?)(?![\w])"]
    screen = Screen()
    assert not screen.may_match(pattern, "The request shall be granted.")  # no "not"
    assert screen.may_match(pattern, "Extradition SHALL NOT be GRANTED.")
    odd = "SHALL NOT BE GRANTED, said the JUDGE\u017f"   # long s: "judges" to re.IGNORECASE
    assert pattern.search(odd) and screen.may_match(pattern, odd)


@pytest.fixture(scope="module")
def lexicon_patterns() -> list[re.Pattern]:
    ruleset = load_ruleset(Config())
    lexicon = ruleset.lexicon
    phrases = set()
    for rule in ruleset:
        for match in [*rule.trigger, *rule.unless, rule.safeguard]:
            phrases.update(match.all)
            phrases.update(match.any)
            phrases.update(match.none)
    return [lexicon.pattern(name) for name in sorted(lexicon.entries)] + \
        [lexicon.compile_phrase(p) for p in sorted(phrases)]


def test_same_matches_as_re_on_corpus_sentences(corpus, lexicon_patterns):
    sentences: list[str] = []
    for name in ("us-18-usc-2705.txt", "mu-computer-misuse-cybercrime-act-2003.txt"):
        document = parse((corpus / name).read_text("utf-8"))
        cache: dict = {}
        for node in document.nodes():
            sentences.extend(s.text for s in node_sentences(node, cache))
    assert len(sentences) > 150
    screen = Screen()
    checked = matched = 0
    for pattern in lexicon_patterns:
        for text in sentences:
            slow = pattern.search(text)
            assert same(screen.search(pattern, text), slow), (pattern.pattern[:80], text)
            if slow is not None:
                assert screen.may_match(pattern, text)
                matched += 1
            checked += 1
    assert matched > 100, "the corpus sentences should match some phrases"


# ---------------------------------------------------------------------------- random phrases
_WORDS = ["judge", "court", "order", "warrant", "intercept", "data", "shall", "not", "be", "granted",
          "keep", "confidential", "the", "of", "a", "offence", "offense", "party", "may", "refuse"]
_PHRASE_PIECES = st.one_of(
    st.sampled_from(_WORDS),
    st.sampled_from(["...", "intercept*", "offen[cs]e", "judges?", ",", "(order|warrant)",
                     "(a |the )?court", "re:\\bnot\\s+(to\\s+)?exceed", "re:^\\s*whoever\\b"]),
)
_phrases = st.lists(_PHRASE_PIECES, min_size=1, max_size=6).map(" ".join)
_TEXT_PIECES = st.one_of(
    st.sampled_from(_WORDS + ["JUDGE", "Court,", "ORDERS", "intercepts", "offences", "\u212aeep",
                              "\u0130ntercept", "\u017fhall", "whoever", "Whoever", "exceed", "."]),
    st.text(max_size=5),
)
_texts = st.lists(_TEXT_PIECES, max_size=30).map(lambda xs: " ".join(xs))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_phrases, min_size=1, max_size=4), st.lists(_texts, min_size=1, max_size=8))
def test_same_matches_as_re_for_random_phrases(phrases, texts):
    lexicon = Lexicon(language="en", entries={"entry": phrases})
    patterns = [lexicon.pattern("entry"), *(lexicon.compile_phrase(p) for p in phrases),
                lexicon.compile_phrase("{entry}")]
    screen = Screen()
    for pattern in patterns:
        for text in texts:
            assert same(screen.search(pattern, text), pattern.search(text)), (pattern.pattern, text)
            if pattern.search(text):
                assert screen.may_match(pattern, text)
