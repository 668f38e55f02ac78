"""Phrase search without asking the regex engine where a phrase's words cannot occur.

Lexicon patterns are long case-insensitive alternations with gaps; Python's `re` cannot skip ahead
in them and tries every alternative at every character (~100 ns a character per pattern). The
`Screen` of a document run looks up, for each text, which needles (legislint.needles) occur in its
words, once; then a pattern whose condition fails is answered "no match" at once, and one whose
condition holds is searched only in the alternatives whose needles occur, then at the leftmost
place one of them matched. The match returned is the one `pattern.search(text)` returns: the
tests compare both on the corpus and on random phrases.
"""

from __future__ import annotations

import re
from re import _parser

from legislint.lexicon import compile_regex
from legislint.needles import (MIN_NEEDLE, WORDS, Condition, alternative_trees, alternatives,
                               condition, condition_of_tree, fold, needles)

__all__ = ["Screen", "alternatives", "condition", "fold", "needles"]

_FEW_NEW = 16   # new needles looked for one by one in a text; more: its words are read again
_MAX_WORDS = 500_000  # words remembered across documents before the memory is reset


# ---------------------------------------------------------------------------- screening
class _Plan:
    """How to search one pattern: its condition, and its alternatives with theirs."""

    __slots__ = ("condition", "quick", "alternatives", "by_needle", "alternative_needles", "unscreened",
                 "gate", "flags", "compiled", "_needles")

    def __init__(self, pattern: re.Pattern) -> None:
        try:
            tree = list(_parser.parse(pattern.pattern, pattern.flags))
        except Exception:  # noqa: BLE001 - what the private parser API cannot read is not filtered
            tree = None
        sources = alternatives(pattern) if tree is not None else None
        parsed = alternative_trees(tree, sources) if sources else []
        # A split pattern is screened by its alternatives; a whole one by its own condition.
        self.condition = condition_of_tree(tree) if tree is not None and not parsed else None
        self.quick = _quick(self.condition)
        #: (alternative's source, its condition, its quick set), in the pattern's order
        self.alternatives: list[tuple[str, Condition | None, frozenset[str]]] = []
        self.flags = pattern.flags
        self._needles: frozenset[str] | None = None
        self.compiled: dict[int, re.Pattern] = {}   # alternatives compiled when first searched
        #: needle -> indices of the alternatives whose quick set holds it
        self.by_needle: dict[str, list[int]] = {}
        #: alternatives nothing is known of: always searched
        self.unscreened: list[int] = []
        for i, (alt, alt_tree) in enumerate(parsed):
            cond = condition_of_tree(alt_tree)
            quick = _quick(cond)
            if cond is not None and len(cond) == 1 and len(cond[0]) == 1:
                cond = None if not quick else ()  # its quick set is all of it: found by needle
            self.alternatives.append((alt, cond, quick))
            if cond is None and not quick:
                self.unscreened.append(i)
            for n in quick:
                self.by_needle.setdefault(n, []).append(i)
        self.alternative_needles = frozenset(self.by_needle)
        #: A text with none of these needles cannot match (None: every text may).
        self.gate: frozenset[str] | None = None
        if self.alternatives and not self.unscreened:
            self.gate = self.alternative_needles
        elif self.condition is not None:
            self.gate = self.quick

    def alternative(self, i: int) -> re.Pattern:
        got = self.compiled.get(i)
        if got is None:
            got = self.compiled[i] = compile_regex(self.alternatives[i][0], self.flags)
        return got

    def needles(self) -> frozenset[str]:
        """Every needle the plan looks for (made once: a plan does not change)."""
        if self._needles is None:
            out = set(self.quick) | set(self.alternative_needles)
            for cond in [self.condition, *(c for _, c, _ in self.alternatives)]:
                for conj in cond or ():
                    for needle_set in conj:
                        out |= needle_set
            self._needles = frozenset(out)
        return self._needles

def _quick(cond: Condition | None) -> frozenset[str]:
    """One set of each alternative of a condition: a text with none of them fails it."""
    return frozenset(n for conj in cond for n in conj[0]) if cond else frozenset()


def _holds(cond: Condition | None, quick: frozenset[str], present: frozenset[str]) -> bool:
    if cond is None:
        return True
    if quick.isdisjoint(present):
        return False
    for conj in cond:
        for needle_set in conj:
            if needle_set.isdisjoint(present):
                break
        else:
            return True
    return False


class _Needles:
    """The plans of every pattern seen in this process, the needles they use, indexed to find
    those inside a word, and the needles found in each word so far."""

    def __init__(self) -> None:
        self.plans: dict[tuple[str, int], _Plan] = {}
        #: Every needle, in the order patterns brought them: a cache entry made when there were
        #: `v` needles is brought up to date by looking for `order[v:]` only.
        self.order: list[str] = []
        self.all: set[str] = set()
        self.by_head: dict[str, list[str]] = {}   # first three letters -> needles
        self.in_word: dict[str, tuple[int, frozenset[str]]] = {}

    def plan(self, pattern: re.Pattern) -> _Plan:
        key = (pattern.pattern, pattern.flags)
        plan = self.plans.get(key)
        if plan is not None:
            return plan
        plan = self.plans[key] = _Plan(pattern)
        for n in sorted(plan.needles() - self.all):
            self.order.append(n)
            self.all.add(n)
            self.by_head.setdefault(n[:MIN_NEEDLE], []).append(n)
        return plan

    def in_this_word(self, word: str) -> frozenset[str]:
        version = len(self.order)
        got = self.in_word.get(word)
        if got is not None and got[0] == version:
            return got[1]
        if got is not None and version - got[0] <= len(word):
            # A few needles came with patterns planned since: look for those only.
            found = got[1].union(n for n in self.order[got[0]:] if n in word)
        else:
            # The distinct three-letter pieces of the word, then a substring search per needle
            # that starts with one: linear also for a 1 MB "word" (a text without spaces).
            heads = {word[i:i + MIN_NEEDLE] for i in range(len(word) - MIN_NEEDLE + 1)}
            found = frozenset(n for head in heads for n in self.by_head.get(head, ()) if n in word)
            if len(self.in_word) > _MAX_WORDS:
                self.in_word.clear()
        self.in_word[word] = (version, found)
        return found


_NEEDLES = _Needles()


class Screen:
    """`may_match` and `search` for the patterns of one document run; remembers each text's needles."""

    def __init__(self) -> None:
        self._by_id: dict[int, tuple[re.Pattern, _Plan]] = {}
        #: needles of each text: (number of needles known then, the needles found)
        self._in_text: dict[str, tuple[int, frozenset[str]]] = {}
        #: Results of searches the needles let through, by (pattern, text): scopes overlap and
        #: rules share phrases, so a sentence meets the same pattern many times in one run.
        self._searched: dict[tuple[int, str], re.Match | None] = {}

    def _plan(self, pattern: re.Pattern) -> _Plan:
        got = self._by_id.get(id(pattern))
        if got is None or got[0] is not pattern:
            got = self._by_id[id(pattern)] = (pattern, _NEEDLES.plan(pattern))
        return got[1]

    def _present(self, text: str) -> frozenset[str]:
        version = len(_NEEDLES.order)
        got = self._in_text.get(text)
        if got is not None and got[0] == version:
            return got[1]
        if got is None or version - got[0] > _FEW_NEW:
            present = _scan(text)
        else:  # a few needles came with new patterns since: look for those only
            folded = fold(text)
            present = got[1].union(n for n in _NEEDLES.order[got[0]:] if n in folded)
        self._in_text[text] = (version, present)
        return present

    def may_match(self, pattern: re.Pattern, text: str) -> bool:
        """False only if `pattern` cannot match `text`."""
        plan = self._plan(pattern)
        if plan.condition is None and not plan.alternatives:
            return True
        present = self._present(text)
        if plan.alternatives:
            return bool(self._candidates(plan, present))
        return _holds(plan.condition, plan.quick, present)

    @staticmethod
    def _candidates(plan: _Plan, present: frozenset[str]) -> list[int]:
        """Indices of the alternatives whose condition holds, in order."""
        if plan.condition is not None and plan.quick.isdisjoint(present):
            return []
        found = set(plan.unscreened)
        by_needle = plan.by_needle
        for needle in plan.alternative_needles.intersection(present):
            found.update(by_needle[needle])
        alts = plan.alternatives
        return [i for i in sorted(found) if not alts[i][1] or _holds(alts[i][1], alts[i][2], present)]

    def planned(self, pattern: re.Pattern) -> tuple[re.Pattern, _Plan]:
        """The pattern with its plan, for `search_planned` (callers keep it per phrase)."""
        return pattern, self._plan(pattern)

    @staticmethod
    def gate(planned: tuple[re.Pattern, _Plan]) -> frozenset[str] | None:
        """Needles one of which a text needs to match the pattern (None: any text may match)."""
        return planned[1].gate

    def patterns(self) -> list[re.Pattern]:
        """The patterns this screen has been asked about."""
        return [pattern for pattern, _ in self._by_id.values()]

    def present(self, text: str) -> frozenset[str]:
        """The needles that occur in `text`, for testing gates."""
        return self._present(text)

    def search(self, pattern: re.Pattern, text: str) -> re.Match | None:
        """The same match as `pattern.search(text)`, found by searching only the alternatives
        whose needles occur, then the whole pattern at the leftmost place one of them matched."""
        return self.search_planned((pattern, self._plan(pattern)), text)

    def search_planned(self, planned: tuple[re.Pattern, _Plan], text: str) -> re.Match | None:
        pattern, plan = planned
        present = self._present(text)
        gate = plan.gate
        if gate is not None and gate.isdisjoint(present):
            return None
        key = (id(pattern), text)
        try:
            return self._searched[key]
        except KeyError:
            pass
        if plan.alternatives:
            candidates = self._candidates(plan, present)
            m = _leftmost(pattern, [plan.alternative(i) for i in candidates], text) if candidates else None
        elif plan.condition is not None and not _holds(plan.condition, plan.quick, present):
            m = None
        else:
            m = pattern.search(text)
        self._searched[key] = m
        return m


def holders(plan: _Plan, postings: dict[str, set[int]]) -> set[int] | None:
    """The keys (nodes of a text) in which `plan`'s pattern may match, read from `postings`
    (needle -> the keys whose words hold it) by the same conditions `search` tests one text at
    a time; None when any key may. A superset: a key's needles may come from several texts."""
    if plan.alternatives:
        if plan.unscreened:
            return None
        out: set[int] = set()
        for _, cond, quick in plan.alternatives:
            out |= _holders_of(cond, quick, postings)
        return out
    if plan.condition is not None:
        return _holders_of(plan.condition, plan.quick, postings)
    return None


def _holders_of(cond: Condition, quick: frozenset[str], postings: dict[str, set[int]]) -> set[int]:
    if not cond:  # an alternative found by any needle of its quick set
        return _union(quick, postings)
    out: set[int] = set()
    for conj in cond:
        got: set[int] | None = None
        for needle_set in conj:
            hit = _union(needle_set, postings)
            got = hit if got is None else got & hit
            if not got:
                break
        if got:
            out |= got
    return out


def _union(needle_set: frozenset[str], postings: dict[str, set[int]]) -> set[int]:
    return set().union(*(postings[n] for n in needle_set if n in postings))


def _leftmost(pattern: re.Pattern, alternatives: list[re.Pattern], text: str) -> re.Match | None:
    leftmost = None
    for alt in alternatives:
        m = alt.search(text)
        if m is not None and (leftmost is None or m.start() < leftmost):
            leftmost = m.start()
            if leftmost == 0:
                break
    if leftmost is None:
        return None
    m = pattern.search(text, leftmost)
    if m is None or m.start() != leftmost:  # pragma: no cover - the split is exact; stay safe
        m = pattern.search(text)
    return m


def _scan(text: str) -> frozenset[str]:
    scan = _NEEDLES.in_this_word
    found: set[str] = set()
    for word in set(WORDS.findall(fold(text))):
        got = scan(word)
        if got:
            found.update(got)
    return frozenset(found)
