"""Re-linting after an edit (legislint.incremental, legislint.reparse) gives what a fresh lint gives.

The fast paths are only worth having if they are exact: every test here compares with
`lint_text` of the same text, finding by finding, field by field.
"""

from __future__ import annotations

import random

import pytest

from legislint.api import lint_text
from legislint.incremental import IncrementalLinter
from legislint.parser import parse, parse_keeping_lines
from legislint.reparse import ParsedText, changed_lines, patch_line, rebuild_articles


def _key(result) -> list:
    return ([(f.code, f.line, f.column, f.end_line, f.end_column, f.severity, f.provision, f.message,
              f.provision_text, f.suggestion, repr(f.fix), repr(f.evidence)) for f in result.findings]
            + [("suppressed", f.code, f.line, f.suppressed) for f in result.suppressed]
            + [("unused", p.line, p.message) for p in result.unused_suppressions])


def _tree(document) -> list:
    return [(n.kind, n.number, n.label, n.title, n.style, n.start_line, n.end_line, n.citation_base,
             n.language, tuple((s.line, s.column, s.text) for s in n.segments), len(n.children))
            for n in document.nodes()]


def _random_edit(rng: random.Random, text: str) -> str:
    """One keystroke anywhere in a non-blank line: insert, delete or replace a character."""
    lines = text.split("\n")
    i = rng.choice([k for k, line in enumerate(lines) if line.strip()])
    line = lines[i]
    j = rng.randrange(len(line) + 1)
    ch = rng.choice("etaoin ;,.()1A")
    op = rng.choice(["insert", "insert", "delete", "replace"])
    if op == "insert" or j == len(line):
        lines[i] = line[:j] + ch + line[j:]
    elif op == "delete":
        lines[i] = line[:j] + line[j + 1:]
    else:
        lines[i] = line[:j] + ch + line[j + 1:]
    return "\n".join(lines)


def _keystrokes(rng: random.Random, text: str, count: int):
    """`count` random keystrokes in turn, each as (new text, index of the edited line, its new
    words); a character replaced by itself is skipped."""
    for _ in range(count):
        new = _random_edit(rng, text)
        changed = changed_lines(text, new)
        if changed == []:
            continue
        assert changed is not None and len(changed) == 1
        yield new, changed[0], new.split("\n")[changed[0]]
        text = new


@pytest.mark.parametrize("name,seed", [("budapest-ets185.txt", 1), ("us-18-usc-2518.txt", 2),
                                       ("pk-investigation-for-fair-trial-act-2013.txt", 3)])
def test_patched_tree_equals_a_fresh_parse(corpus, name, seed):
    text = (corpus / name).read_text("utf-8")
    parsed = ParsedText(*parse_keeping_lines(text))
    patched = 0
    for new, index, line in _keystrokes(random.Random(seed), text, 150):
        if patch_line(parsed, index, line, new) is None:
            parsed = ParsedText(*parse_keeping_lines(new))
        else:
            patched += 1
            assert _tree(parsed.document) == _tree(parse(new)), (index, line)
    assert patched > 75   # most keystrokes keep the shape of the tree


@pytest.mark.parametrize("name,seed", [("budapest-ets185.txt", 7), ("un-untoc-2000.txt", 8),
                                       ("pk-prevention-of-electronic-crimes-bill-2016.txt", 9)])
def test_rebuilt_articles_equal_a_fresh_parse(corpus, name, seed):
    """Edits that change the structure inside articles (labels, line ends, headings that go)."""
    text = (corpus / name).read_text("utf-8")
    parsed = ParsedText(*parse_keeping_lines(text))
    rebuilt = 0
    for new, index, line in _keystrokes(random.Random(seed), text, 150):
        if patch_line(parsed, index, line, new) is None:
            if rebuild_articles(parsed, index, line, new) is None:
                parsed = ParsedText(*parse_keeping_lines(new))
            else:
                rebuilt += 1
        assert _tree(parsed.document) == _tree(parse(new)), (index, line)
    assert rebuilt >= 5


@pytest.mark.parametrize("name,seed", [("budapest-ets185.txt", 4), ("us-18-usc-2518.txt", 5),
                                       ("mu-computer-misuse-cybercrime-act-2003.txt", 6)])
def test_relint_after_each_keystroke_equals_a_fresh_lint(corpus, name, seed):
    rng = random.Random(seed)
    text = (corpus / name).read_text("utf-8")
    linter = IncrementalLinter("bill.txt")
    linter.lint(text)
    modes = []
    for _ in range(25):
        text = _random_edit(rng, text)
        got = linter.lint(text)
        modes.append(linter.last_mode)
        assert _key(got) == _key(lint_text(text, "bill.txt")), (linter.last_mode, text[:80])
    # The point of it: most keystrokes re-read one provision or article, not the text.
    assert sum(m in ("article", "title", "rebuilt") for m in modes) >= len(modes) // 2, modes



#: Words pasted into or over a line: headings of each kind, labels, list ends, a blank.
_PASTES = ["", "   ", "Article 99 – New", "CHAPTER IX", "(a) the police may intercept;", "1. ",
           "or", ";", "Section 5", "PART II – Powers", "(iv)"]


def _line_edit(rng: random.Random, text: str) -> str:
    """A line emptied, deleted or inserted, words pasted into a line, or a few characters cut."""
    lines = text.split("\n")
    i = rng.randrange(len(lines))
    op = rng.random()
    if op < 0.25:
        lines[i] = rng.choice(["", "   "])
    elif op < 0.4:
        del lines[i]
    elif op < 0.55:
        lines.insert(i, rng.choice(_PASTES))
    else:
        j = rng.randrange(len(lines[i]) + 1)
        paste = rng.choice(_PASTES) if op < 0.8 else ""
        lines[i] = lines[i][:j] + paste + lines[i][j + (0 if paste else rng.randrange(1, 6)):]
    return "\n".join(lines)


@pytest.mark.parametrize("name,seed", [("us-18-usc-2516.txt", 2), ("budapest-ets185.txt", 12),
                                       ("pk-investigation-for-fair-trial-act-2013.txt", 13)])
def test_relint_after_line_edits_equals_a_fresh_lint_and_parse(corpus, name, seed):
    """Editors also empty, delete, insert and paste lines (a heading emptied raised; a division
    whose heading went was built from the wrong lines)."""
    rng = random.Random(seed)
    text = (corpus / name).read_text("utf-8")
    linter = IncrementalLinter("bill.txt")
    linter.lint(text)
    for _ in range(30):
        text = _line_edit(rng, text)
        got = linter.lint(text)
        assert _key(got) == _key(lint_text(text, "bill.txt")), linter.last_mode
        assert _tree(got.document) == _tree(parse(text)), linter.last_mode

BILL = """CYBERCRIME BILL

PART I – POWERS

Article 1 – Use of terms

For the purposes of this Act, "judge" means a judge of the High Court.

Article 2 – Interception

1. The police may intercept communications.

2. An order under paragraph 1 shall last no longer than thirty days.

Article 3 – Safeguards

The powers provided for in this Part shall be subject to prior authorisation by a judge.

Article 4 – Confidentiality

A service provider shall keep confidential the fact that an order was made.
"""


def _edit(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1
    return text.replace(old, new)


def _relint(old: str, new: str):
    """Lint BILL, then BILL with `old` replaced by `new`: (linter, before, after), after checked
    against a fresh lint of the edited text."""
    linter = IncrementalLinter("bill.txt")
    before = linter.lint(BILL)
    edited = _edit(BILL, old, new)
    after = linter.lint(edited)
    assert _key(after) == _key(lint_text(edited, "bill.txt")), linter.last_mode
    return linter, before, after


def test_an_edit_inside_a_provision_rereads_that_provision_only():
    linter, before, after = _relint("The police may", "The national police may")
    assert linter.last_mode == "article"
    assert [f.code for f in after.findings] == [f.code for f in before.findings]


def test_breaking_a_general_safeguard_elsewhere_is_seen_by_the_provisions_it_covered():
    linter, before, after = _relint("prior authorisation by a judge", "prior authorisation by a jxudge")
    assert not [f for f in before.findings if f.code == "LG201"]
    assert linter.last_mode != "article"       # the safeguard is read from other articles
    assert [f.provision for f in after.findings if f.code == "LG201"] == ["Article 2(1)"]
    # ... and mending it brings the finding back to nothing.
    assert _key(linter.lint(BILL)) == _key(before)


def test_a_title_edit_changes_no_finding_and_the_tree_has_the_new_title():
    linter, before, after = _relint("Article 2 – Interception", "Article 2 – Interceptions")
    assert linter.last_mode == "title"
    assert _key(after) == _key(before)
    assert [n.title for n in after.document.articles()][1] == "Interceptions"


def test_a_division_title_is_read_by_no_rule_of_an_english_text():
    linter, before, after = _relint("PART I – POWERS", "PART I – POWERS AND DUTIES")
    assert linter.last_mode == "title"
    assert _key(after) == _key(before)


@pytest.mark.parametrize("old,new", [
    ("Article 4 – Confidentiality\n", "Article 4 – Confidentiality\n\nNew line.\n"),  # a line added
    ("For the purposes", "\nFor the purposes"),                           # a blank line added
    ("PART I – POWERS", "PAT I – POWERS"),                                 # a division heading goes
])
def test_structural_edits_are_linted_afresh_and_agree(old, new):
    linter, _, _ = _relint(old, new)
    assert linter.last_mode in ("full", "patched")


@pytest.mark.parametrize("old,new", [
    ("1. The police", "(a) The police"),                                  # a new label
    ("1. The police may intercept communications.",
     "1. The police may intercept communications;"),                      # a line's end
    ("Article 4 – Confidentiality", "Articl 4 – Confidentiality"),       # a heading goes
    ("Article 2 – Interception", "Article 7 – Interception"),            # a number no one cites
])
def test_structural_edits_inside_articles_rebuild_those_articles_and_agree(old, new):
    linter, _, _ = _relint(old, new)
    assert linter.last_mode.startswith("rebuilt"), linter.last_reason


def test_a_new_article_number_that_a_citation_names_is_linted_afresh():
    text = BILL + "\nArticle 5 – Notice\n\nThe person shall be notified of an order under Article 9.\n"
    linter = IncrementalLinter("bill.txt")
    linter.lint(text)
    edited = _edit(text, "Article 2 – Interception", "Article 9 – Interception")
    got = linter.lint(edited)
    assert linter.last_mode == "patched" and "9" in linter.last_reason   # every rule, every provision
    assert _key(got) == _key(lint_text(edited, "bill.txt"))


def test_a_citation_into_a_rebuilt_article_is_resolved_again():
    """Article 5 cites Article 2(2); once Article 2's heading goes, "Article 2" names nothing."""
    text = BILL + "\nArticle 5 – Duration\n\nThe limit in Article 2(2) applies to every order.\n"
    linter = IncrementalLinter("bill.txt")
    linter.lint(text)
    edited = _edit(text, "Article 2 – Interception", "Artcle 2 – Interception")
    got = linter.lint(edited)
    assert linter.last_mode.startswith("rebuilt")
    assert _key(got) == _key(lint_text(edited, "bill.txt"))


def test_suppression_comments_follow_each_version():
    linter = IncrementalLinter("bill.txt")
    linter.lint(BILL)
    comment = "<!-- legislint: disable-next-line LG401 -- reviewed: notice is given by Article 9 -->\n"
    edited = _edit(BILL, "A service provider", comment + "A service provider")
    got = linter.lint(edited)
    assert _key(got) == _key(lint_text(edited, "bill.txt"))
    assert [f.code for f in got.suppressed] == ["LG401"]
    again = linter.lint(BILL)
    assert _key(again) == _key(lint_text(BILL, "bill.txt"))
    assert not again.suppressed


def test_the_same_text_twice_is_not_read_again():
    linter = IncrementalLinter("bill.txt")
    first = linter.lint(BILL)
    second = linter.lint(BILL)
    assert linter.last_mode == "unchanged"
    assert _key(first) == _key(second)


@pytest.mark.parametrize("old,new", [
    ("abc\ndef\nghi", "abc\ndxef\nghi"),
    ("abc\ndef\nghi", "abc\ndf\nghi"),
    ("abc\ndef", "abc\ndef"),
    ("abc\ndef", "abc\nd\nef"),
    ("abc\ndef", "abcdef"),
    ("abc\ndef\nghi", "xbc\ndef\nghx"),
    ("aaaa\naaaa", "aaaa\naaaaa"),
])
def test_changed_lines(old, new):
    old_lines, new_lines = old.split("\n"), new.split("\n")
    if len(old_lines) != len(new_lines):
        want = None
    else:
        diff = [i for i, (a, b) in enumerate(zip(old_lines, new_lines)) if a != b]
        want = diff if len(diff) <= 1 else None
    assert changed_lines(old, new) == want


def test_a_long_session_starts_its_run_afresh_now_and_then(monkeypatch):
    import legislint.incremental as incremental

    monkeypatch.setattr(incremental, "_MAX_EDITS_PER_RUN", 3)
    linter = IncrementalLinter("bill.txt")
    linter.lint(BILL)
    modes = []
    text = BILL
    for word in ("national ", "federal ", "state ", "local ", "border "):
        text = text.replace("The ", "The " + word, 1)
        got = linter.lint(text)
        modes.append(linter.last_mode)
        assert _key(got) == _key(lint_text(text, "bill.txt"))
    assert modes == ["article", "article", "article", "patched", "article"]


@pytest.mark.parametrize("name,seed", [("budapest-ets185.txt", 11), ("us-18-usc-2703.txt", 12)])
def test_several_lines_changed_at_once_are_read_one_by_one_and_agree(corpus, name, seed):
    """Edits that arrived while a lint ran: the next lint sees several changed lines."""
    rng = random.Random(seed)
    text = (corpus / name).read_text("utf-8")
    linter = IncrementalLinter("bill.txt")
    linter.lint(text)
    modes = []
    for _ in range(6):
        for _ in range(rng.randrange(2, 6)):
            text = _random_edit(rng, text)
        got = linter.lint(text)
        modes.append(linter.last_mode)
        assert _key(got) == _key(lint_text(text, "bill.txt")), linter.last_mode
    assert any(m not in ("full", "patched") for m in modes), modes


POWERS = "\n".join(f"Article {n} – Power {n}\n\nThe police may intercept communications of kind {n}.\n"
                   for n in range(1, 9)) + """
Article 9 – Conditions

The powers provided for in this Act shall be subject to judicial or other independent supervision.

Article 10 – Records

Records shall be kept by the registrar.
"""


def _evaluations(monkeypatch) -> list[tuple[str, str]]:
    """(rule, provision) of every verdict the engine works out from here on."""
    from legislint import engine

    calls: list[tuple[str, str]] = []
    evaluate = engine.DocumentRun._evaluate

    def counting(self, rule, trigger):
        calls.append((rule.code, trigger.unit.path))
        return evaluate(self, rule, trigger)

    monkeypatch.setattr(engine.DocumentRun, "_evaluate", counting)
    return calls


def test_rules_read_again_over_the_text_keep_the_verdicts_the_edit_cannot_reach(monkeypatch):
    linter = IncrementalLinter("bill.txt")
    before = linter.lint(POWERS)
    assert sum(f.code == "LG201" for f in before.findings) == 8
    calls = _evaluations(monkeypatch)
    # "judge" is a safeguard phrase: the rules that read it elsewhere read the text again, but
    # no power's places hold that sentence, so each power's verdict is kept.
    edited = POWERS.replace("by the registrar", "by the judge")
    after = linter.lint(edited)
    assert linter.last_mode == "article+rules", linter.last_reason
    assert calls == []
    assert _key(after) == _key(lint_text(edited, "bill.txt"))
    # A place the powers read (the general clause) changes: their verdicts are worked out again.
    edited = edited.replace("judicial or other independent supervision", "prior authorisation by a judge")
    after = linter.lint(edited)
    assert {p for code, p in calls if code == "LG201"} >= {f"Article {n}" for n in range(1, 9)}
    assert _key(after) == _key(lint_text(edited, "bill.txt"))
    assert not [f for f in after.findings if f.code == "LG201"]


def test_an_edit_a_finding_elsewhere_quotes_rereads_that_provision_only():
    linter = IncrementalLinter("bill.txt")
    before = linter.lint(POWERS)
    clause = POWERS.split("\n").index(
        "The powers provided for in this Act shall be subject to judicial or other independent supervision.") + 1
    quoting = [f for f in before.findings if f.code == "LG201"]
    assert len(quoting) == 8 and all([e.line for e in f.evidence] == [clause] for f in quoting)
    edited = POWERS.replace("The powers provided", "These powers provided")
    after = linter.lint(edited)
    assert linter.last_mode == "article", linter.last_reason
    assert _key(after) == _key(lint_text(edited, "bill.txt"))
    assert all(e.quote.startswith("These powers") for f in after.findings if f.code == "LG201"
               for e in f.evidence)


LOOSE_ITEMS = """COMPUTER MISUSE ACT

Article 1 – Short title

This Act may be cited as the Computer Misuse Act.

PART II – INVESTIGATIONS

(1) A police officer may intercept communications where he suspects an offence.

(2) A police officer may search a computer system.

(3) A person who discloses an order under this Part commits an offence.
"""


@pytest.mark.parametrize("old,new", [
    ("(2) A police", "2) A police"),                                       # a label's style
    ("search a computer system.", "search a computer system;"),           # an item's end
    ("(3) A person", "(a) A person"),                                     # a new label
])
def test_structural_edits_in_a_division_of_loose_items_rebuild_that_division_and_agree(old, new):
    """A division that holds items but no article ("PART II" then "(1)", "(2)"): an edit that
    changes their structure builds that division again, not the whole text."""
    linter = IncrementalLinter("act.txt")
    linter.lint(LOOSE_ITEMS)
    edited = _edit(LOOSE_ITEMS, old, new)
    after = linter.lint(edited)
    assert linter.last_mode.startswith("rebuilt"), linter.last_reason
    assert _key(after) == _key(lint_text(edited, "act.txt"))
    assert _tree(after.document) == _tree(parse(edited))


def test_a_rebuilt_article_with_the_same_words_is_not_searched_for_triggers_again(monkeypatch):
    """Renumbering an article builds it again (new nodes), but each node's words are those of
    an old one: which sentence triggers which rule is known from them."""
    from legislint import engine

    linter = IncrementalLinter("bill.txt")
    linter.lint(BILL)
    searched: list[str] = []
    triggered = engine.DocumentRun._triggered

    def counting(self, rule, sentences):
        searched.extend(s.text for s in sentences)
        return triggered(self, rule, sentences)

    monkeypatch.setattr(engine.DocumentRun, "_triggered", counting)
    edited = _edit(BILL, "Article 2 – Interception", "Article 7 – Interception")
    after = linter.lint(edited)
    assert linter.last_mode.startswith("rebuilt"), linter.last_reason
    assert searched == []
    assert _key(after) == _key(lint_text(edited, "bill.txt"))


DIVIDED = """CYBERCRIME BILL

PART I – POWERS

Article 1 – Interception

1. The police may intercept communications.

2. An order under paragraph 1 shall last no longer than thirty days.

Article 2 – Search

The police may search a computer system.

PART II – COOPERATION

Article 3 – Refusal

Assistance may be refused if the request concerns a political offence.
"""


def test_the_first_article_heading_of_a_division_going_and_coming_back_agrees():
    """"Article 1" right after "PART I": when its heading goes, its lines join the Part's own
    words and items (the Part is built again in part, its other articles kept); typed back, the
    Part's words split again."""
    linter = IncrementalLinter("bill.txt")
    linter.lint(DIVIDED)
    gone = _edit(DIVIDED, "Article 1 – Interception", "Articlee 1 – Interception")
    after = linter.lint(gone)
    assert linter.last_mode.startswith("rebuilt"), linter.last_reason
    assert _key(after) == _key(lint_text(gone, "bill.txt"))
    assert _tree(after.document) == _tree(parse(gone))
    back = linter.lint(DIVIDED)
    assert linter.last_mode not in ("full", "unchanged"), linter.last_reason
    assert _key(back) == _key(lint_text(DIVIDED, "bill.txt"))
    assert _tree(back.document) == _tree(parse(DIVIDED))


def test_a_division_renumbered_changes_its_label_and_no_finding():
    """The tree builder reads no division number: the heading is patched in place."""
    linter = IncrementalLinter("bill.txt")
    before = linter.lint(DIVIDED)
    edited = _edit(DIVIDED, "PART II – COOPERATION", "PART III – COOPERATION")
    after = linter.lint(edited)
    assert linter.last_mode == "title", linter.last_reason
    assert _key(after) == _key(before) == _key(lint_text(edited, "bill.txt"))
    assert _tree(after.document) == _tree(parse(edited))
    assert "PART III" in [n.label for n in after.document.nodes()]


def test_a_division_renumbered_that_a_finding_names_is_read_again():
    """A hedged general clause in a Part's own words: the findings that reject it name the
    Part, so they are made again."""
    text = ("CYBERCRIME BILL\n\nPART I – POWERS\n\nThe powers in this Part shall be subject to review "
            "by a judicial or other independent authority.\n\nArticle 1 – Interception\n\n"
            "The police may intercept communications.\n")
    linter = IncrementalLinter("bill.txt")
    before = linter.lint(text)
    assert any(e.provision == "PART I" for f in before.findings for e in f.evidence)
    edited = _edit(text, "PART I –", "PART IV –")
    after = linter.lint(edited)
    assert linter.last_mode == "patched", linter.last_reason
    assert _key(after) == _key(lint_text(edited, "bill.txt"))
    assert any(e.provision == "PART IV" for f in after.findings for e in f.evidence)


def test_a_division_heading_edited_keeps_the_title_on_the_line_after_it():
    text = "ACT\n\nCHAPTER 6\nREVIEW AND OVERSIGHT\n\n12. Review.- The Minister may review warrants.\n"
    linter = IncrementalLinter("act.txt")
    linter.lint(text)
    for edited in (_edit(text, "CHAPTER 6", "CHAPTER  6"), _edit(text, "CHAPTER 6", "CHAPTER 7")):
        after = linter.lint(edited)
        assert linter.last_mode == "title", linter.last_reason
        assert _tree(after.document) == _tree(parse(edited))
        assert _key(after) == _key(lint_text(edited, "act.txt"))


@pytest.mark.parametrize("line", ["PART II – COOPERATION", "Article 2 – Search",
                                  "The police may search a computer system.", "PART I – POWERS"])
@pytest.mark.parametrize("blank", ["", "   "])
def test_a_line_emptied_agrees_with_a_fresh_lint(line, blank):
    """Selecting a line's words and deleting them leaves a blank line (a heading emptied used
    to raise inside the patch)."""
    linter = IncrementalLinter("bill.txt")
    linter.lint(DIVIDED)
    edited = _edit(DIVIDED, line, blank)
    after = linter.lint(edited)
    assert _key(after) == _key(lint_text(edited, "bill.txt"))
    assert _tree(after.document) == _tree(parse(edited))


def test_the_heading_of_a_division_holding_only_items_going_agrees():
    """A division with no article (items hung from it) after an article: when its heading goes,
    its items join that article (the division must not be built again from the article's lines)."""
    text = ("ACT\n\n§ 1. Orders\n\n(a) An officer may apply for an order.\nCHAPTER IX\n"
            "(b) The police may intercept communications.\n\n(c) A judge may issue it.\n")
    linter = IncrementalLinter("act.txt")
    linter.lint(text)
    for edited in (_edit(text, "CHAPTER IX", "   "), _edit(text, "CHAPTER IX", "CHAPTER")):
        after = linter.lint(edited)
        assert _key(after) == _key(lint_text(edited, "act.txt")), linter.last_mode
        assert _tree(after.document) == _tree(parse(edited))
        linter.lint(text)


CHAPTERED = """SURVEILLANCE ACT

CHAPTER I – GENERAL

Article 1 – Use of terms

For the purposes of this Act, "judge" means a judge of the High Court.

CHAPTER II – POWERS

The powers provided for in this Chapter shall be subject to prior authorisation by a judge.

SECTION 1 – INTERCEPTION

Article 2 – Interception

The police may intercept communications.

SECTION 2 – SEARCH

Article 3 – Search

The police may search a computer system.

CHAPTER III – DISCLOSURE

Article 4 – Production

The police may order a service provider to produce stored data.

SECTION 3 – CONFIDENTIALITY

Article 5 – Confidentiality

A service provider shall keep confidential the fact that an order was made.
"""


@pytest.mark.parametrize("heading,broken", [
    # After a Chapter with Sections: Article 4 falls into Section 2, Section 3 into Chapter II,
    # whose general clause on judicial authorisation now covers the production order.
    ("CHAPTER III – DISCLOSURE", "CHAPTR III – DISCLOSURE"),
    # Its own words (a general clause) join Article 1, whose Chapter now holds the powers.
    ("CHAPTER II – POWERS", "CHAPTERx II – POWERS"),
    ("SECTION 1 – INTERCEPTION", "SECTIN 1 – INTERCEPTION"),   # the first child: its parent's words
    ("SECTION 2 – SEARCH", "SECTION2 – SEARCH"),               # after a sibling Section
])
def test_a_division_heading_going_joins_its_lines_to_what_came_before_and_agrees(heading, broken):
    linter = IncrementalLinter("act.txt")
    before = linter.lint(CHAPTERED)
    edited = _edit(CHAPTERED, heading, broken)
    after = linter.lint(edited)
    assert linter.last_mode.startswith("rebuilt"), linter.last_reason
    assert _key(after) == _key(lint_text(edited, "act.txt"))
    assert _tree(after.document) == _tree(parse(edited))
    back = linter.lint(CHAPTERED)   # typed back: the heading appears
    assert linter.last_mode.startswith("rebuilt"), linter.last_reason
    assert _key(back) == _key(before) and _tree(back.document) == _tree(parse(CHAPTERED))


def test_a_division_heading_going_moves_a_provision_under_another_general_clause():
    linter = IncrementalLinter("act.txt")
    before = linter.lint(CHAPTERED)
    assert "Article 4" in [f.provision for f in before.findings if f.code == "LG201"]
    after = linter.lint(_edit(CHAPTERED, "CHAPTER III – DISCLOSURE", "CHAPTR III – DISCLOSURE"))
    assert linter.last_mode.startswith("rebuilt")
    assert "Article 4" not in [f.provision for f in after.findings if f.code == "LG201"]


def test_a_division_heading_going_that_changes_which_keyword_outranks_which_is_parsed_again():
    """"PART 1" is the first Part: once it goes, "CHAPTER" appears first and outranks "PART",
    so "PART 2" now falls inside "CHAPTER 1"."""
    text = ("ACT\n\nArticle 1 – Short title\n\nThis Act is the Surveillance Act.\n\nPART 1 – POWERS\n\n"
            "Article 2 – Interception\n\nThe police may intercept communications.\n\nCHAPTER 1 – ORDERS\n\n"
            "Article 3 – Orders\n\nA judge may issue an order.\n\nPART 2 – COOPERATION\n\n"
            "Article 4 – Refusal\n\nAssistance may be refused.\n")
    linter = IncrementalLinter("act.txt")
    linter.lint(text)
    edited = _edit(text, "PART 1 – POWERS", "PAT 1 – POWERS")
    after = linter.lint(edited)
    assert linter.last_mode == "full"
    assert _tree(after.document) == _tree(parse(edited))
    assert next(n for n in after.document.nodes() if n.label == "PART 2").parent.label == "CHAPTER 1"


def test_the_language_of_the_text_follows_edits_that_tip_it_one_line_at_a_time():
    """Each edit is checked against the margin the stop words last gave the language by (a
    recount only when edits could have closed it): lines turned French one by one must switch
    the text to French at the same edit as a fresh parse."""
    english = "\n\n".join(f"Article {i} – Powers\n\nThe police may intercept the communications of a person "
                          f"and the data of the system in the course of an investigation." for i in range(1, 13))
    french = ("La police peut intercepter les communications d'une personne et les données du système "
              "dans le cadre d'une enquête pour les besoins de la procédure.")
    linter = IncrementalLinter("loi.txt")
    text = english
    linter.lint(text)
    languages = []
    for i in range(1, 13):
        text = text.replace(f"Article {i} – Powers\n\nThe police may intercept the communications of a person "
                            f"and the data of the system in the course of an investigation.",
                            f"Article {i} – Powers\n\n{french}")
        got = linter.lint(text)
        fresh = lint_text(text, "loi.txt")
        languages.append(got.document.meta["language"])
        assert got.document.meta["language"] == fresh.document.meta["language"], i
        assert _key(got) == _key(fresh)
        assert _tree(got.document) == _tree(parse(text))
    assert languages[0] == "en" and languages[-1] == "fr"


INTERLEAVED = """COMPUTER ACT

Article 1 – Short title

This Act may be cited as the Computer Act.

PART II – POWERS

(1) A police officer may intercept communications; and
the officer shall keep a record of each interception.

(2) A police officer may search a computer system.

(3) A person who discloses an order under this Part commits an offence.
"""


@pytest.mark.parametrize("text", ["LOOSE_ITEMS", "INTERLEAVED"])
def test_a_division_of_loose_items_replaces_only_the_item_an_edit_changed(text):
    """Only the items whose subtree changed are replaced; the others stay the same objects, so
    what was read of them is kept. So too when the Part's own words stand between items (1)
    and (2) (INTERLEAVED), as long as an item still stands between those words and the next."""
    text = globals()[text]
    parsed = ParsedText(*parse_keeping_lines(text))
    part = next(n for n in parsed.document.nodes() if n.label == "PART II")
    first, second, third = part.children
    edited = _edit(text, "search a computer system.", "search a computer system;")
    index = edited.split("\n").index("(2) A police officer may search a computer system;")
    line = edited.split("\n")[index]
    assert patch_line(parsed, index, line, edited) is None
    rebuilt = rebuild_articles(parsed, index, line, edited)
    assert rebuilt is not None and rebuilt.old == [second] and [n.label for n in rebuilt.new] == ["(2)"]
    assert part.children[0] is first and part.children[2] is third
    assert _tree(parsed.document) == _tree(parse(edited))


def test_the_interleaved_part_has_words_between_its_items():
    part = next(n for n in parse(INTERLEAVED).nodes() if n.label == "PART II")
    assert part.segments and part.segments[0].line > part.children[0].start_line


@pytest.mark.parametrize("old,new", [
    ("search a computer system.", "search a computer system;"),
    ("(1) A police", "1 A police"),                 # the only item before the Part's words goes
    ("(2) A police", "2 A police"),
    ("communications; and", "communications. And"),
])
def test_edits_around_a_divisions_words_between_its_items_agree(old, new):
    linter = IncrementalLinter("act.txt")
    linter.lint(INTERLEAVED)
    edited = _edit(INTERLEAVED, old, new)
    after = linter.lint(edited)
    assert _key(after) == _key(lint_text(edited, "act.txt")), linter.last_mode
    assert _tree(after.document) == _tree(parse(edited))


def test_a_division_heading_going_after_a_division_rebuilds_only_that_divisions_last_provision():
    """"CHAPTER III" goes after Chapter II: its lines join Article 3, the last provision of
    Chapter II's last Section, and only that article is built again with them; Article 2,
    earlier in Chapter II, stays the same object (what was read of it is kept)."""
    linter = IncrementalLinter("act.txt")
    before = linter.lint(CHAPTERED)
    article_2 = next(n for n in before.document.nodes() if n.label == "Article 2")
    article_3 = next(n for n in before.document.nodes() if n.label == "Article 3")
    edited = _edit(CHAPTERED, "CHAPTER III – DISCLOSURE", "CHAPTR III – DISCLOSURE")
    after = linter.lint(edited)
    assert linter.last_mode.startswith("rebuilt"), linter.last_reason
    nodes = {n.label: n for n in after.document.nodes()}
    assert nodes["Article 2"] is article_2 and nodes["Article 3"] is not article_3
    assert nodes["Article 4"].parent.label == "SECTION 2" and nodes["SECTION 3"].parent.label == "CHAPTER II"
    assert _key(after) == _key(lint_text(edited, "act.txt"))
    assert _tree(after.document) == _tree(parse(edited))
    # Typed back, the heading splits Article 3 again: Article 2 still stays as it is.
    back = linter.lint(CHAPTERED)
    assert linter.last_mode.startswith("rebuilt"), linter.last_reason
    assert next(n for n in back.document.nodes() if n.label == "Article 2") is article_2
    assert _key(back) == _key(before) and _tree(back.document) == _tree(parse(CHAPTERED))


CITED = """PART 2 – INVESTIGATIVE POWERS

5. Application of this Part

(1) The powers in sections 6 to 8 are subject to the prior approval of a judge.

6 Interception

A police officer may intercept the content of communications transmitted by means of a computer system.

6. Search of computer systems

A police officer may search a computer system and seize any computer data found in it.

PART 3 – INTELLIGENCE

9. Acquisition of traffic data

The Director may require a service provider to disclose traffic data.
"""


@pytest.mark.parametrize("start,old,new", [
    # The first section 6 renumbered: "sections 6 to 8" in the general clause now names the
    # second one, which gains the clause and a referrer without being edited; and back.
    (CITED, "6 Interception", "16 Interception"),
    (CITED.replace("6 Interception", "16 Interception"), "16 Interception", "6 Interception"),
    # The clause names other sections, or stops being one.
    (CITED, "sections 6 to 8", "sections 9 to 10"),
    (CITED, "are subject to the prior approval of a judge", "are subject to the prior approval of a minister"),
    (CITED, "The powers in sections", "The rules in sections"),
])
def test_a_general_clause_that_names_sections_follows_their_numbers(start, old, new):
    linter = IncrementalLinter("bill.txt")
    linter.lint(start)
    edited = _edit(start, old, new)
    after = linter.lint(edited)
    assert _key(after) == _key(lint_text(edited, "bill.txt")), linter.last_mode


def test_a_general_clause_that_names_sections_governs_them():
    text = CITED.replace("6. Search", "7. Search")
    flagged = [f.provision for f in lint_text(text, "bill.txt").findings if f.code == "LG201"]
    # Sections 6 and 7 are under the clause; section 9 is not named by it.
    assert flagged == ["s.9"]
    # Of two sections numbered 6 a citation names the first (as a reader would, reading on).
    flagged = [f.provision for f in lint_text(CITED, "bill.txt").findings if f.code == "LG201"]
    assert flagged == ["s.6", "s.9"]
