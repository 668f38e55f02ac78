"""What the default rules report on every corpus text, against the reviewed snapshot, and the same
answers with the prefilter switched off: speed-ups of the parser and engine change no finding.

A deliberate change of a rule or lexicon changes the snapshot: run
`python scripts/regenerate_snapshots.py --findings` and review `git diff tests/`.
"""

from __future__ import annotations

import difflib

import pytest

from legislint import prefilter
from legislint.api import lint_text

import findings_snapshot

_MAX_DIFF_LINES = 60


def test_corpus_findings_match_the_snapshot(corpus):
    assert findings_snapshot.SNAPSHOT.is_file(), \
        "no snapshot: run `python scripts/regenerate_snapshots.py --findings`"
    stored = findings_snapshot.SNAPSHOT.read_text("utf-8")
    now = findings_snapshot.render(findings_snapshot.current())
    if now != stored:
        diff = list(difflib.unified_diff(stored.splitlines(), now.splitlines(), "snapshot", "now",
                                         n=0, lineterm=""))
        more = f"\n... {len(diff) - _MAX_DIFF_LINES} more lines" if len(diff) > _MAX_DIFF_LINES else ""
        pytest.fail("findings on the corpus changed:\n" + "\n".join(diff[:_MAX_DIFF_LINES]) + more +
                    "\nIf intended: python scripts/regenerate_snapshots.py --findings", pytrace=False)


def full(result) -> list[dict]:
    return [f.full_dict() for f in result.findings]


class _PlainRe:
    """The prefilter switched off: every question goes to `re` as it is."""

    @staticmethod
    def install(monkeypatch) -> None:
        screen = prefilter.Screen
        monkeypatch.setattr(screen, "gate", staticmethod(lambda planned: None))
        monkeypatch.setattr(screen, "search_planned", lambda self, planned, text: planned[0].search(text))
        monkeypatch.setattr(screen, "search", lambda self, pattern, text: pattern.search(text))
        monkeypatch.setattr(screen, "may_match", lambda self, pattern, text: True)


@pytest.mark.parametrize("name", ["budapest-ets185.txt", "us-18-usc-2518.txt",
                                  "pk-prevention-of-electronic-crimes-bill-2016.txt",
                                  "coe-ets024-extradition.txt"])
def test_prefilter_changes_no_finding(corpus, monkeypatch, name):
    text = (corpus / name).read_text("utf-8")
    fast = full(lint_text(text, name))
    _PlainRe.install(monkeypatch)
    slow = full(lint_text(text, name))
    assert fast == slow
    assert fast, f"{name} should have findings for this comparison to mean something"


_REFUSALS = """Article {n} – Grounds for refusal

1. Extradition shall be granted in respect of offences punishable by imprisonment.

2. Extradition may be refused if the offence is regarded as a political offence.

3. Extradition may be refused if the person would be persecuted on account of race or religion.

4. Extradition shall not be granted if the offence is punishable by death.

5. The requested Party shall afford the widest measure of mutual assistance, where appropriate.
"""


@pytest.mark.parametrize("name", ["budapest-ets185.txt", "coe-ets024-extradition.txt",
                                  "us-18-usc-2518.txt", "long-synthetic"])
def test_shared_places_change_no_finding(corpus, monkeypatch, name):
    """Places many triggers share (the article, the whole text) are read once per rule; reading
    them sentence by sentence for every trigger gives the same findings."""
    from legislint import engine

    if name == "long-synthetic":
        text = "\n".join(_REFUSALS.format(n=n) for n in range(1, 60))
    else:
        text = (corpus / name).read_text("utf-8")
    fast = full(lint_text(text, name))
    monkeypatch.setattr(engine, "_SHARED_MIN", 10 ** 9)
    slow = full(lint_text(text, name))
    assert fast == slow
    assert fast


@pytest.mark.parametrize("name", ["budapest-ets185.txt", "us-18-usc-2703.txt", "long-synthetic"])
def test_trigger_index_changes_no_finding(corpus, monkeypatch, name):
    """Nodes are asked about a rule's triggers only if the needle index says they may trigger it;
    asking every node gives the same findings."""
    from legislint import engine

    if name == "long-synthetic":
        text = "\n".join(_REFUSALS.format(n=n) for n in range(1, 30))
    else:
        text = (corpus / name).read_text("utf-8")
    fast = full(lint_text(text, name))
    monkeypatch.setattr(engine.DocumentRun, "_may_trigger", lambda self, rule: None)
    slow = full(lint_text(text, name))
    assert fast == slow
    assert fast
