"""A cheap proof that a text cannot match a phrase pattern, so the regex engine is not asked.

Lexicon patterns are long case-insensitive alternations with gaps; Python's `re` cannot skip ahead
in them and tries every alternative at every character (~100 ns a character per pattern). Yet
every phrase contains words that any match must contain: "shall not be (granted|extradited)"
needs "shall", "not" and one of "granted", "extradited". `condition(pattern)` reads the parsed
pattern into such a condition (for each alternative, sets of word pieces of which one each must
occur); `Screen.may_match` looks the pieces up among the words of a text. When the condition
fails, the pattern cannot match: the answer is exact, not a heuristic. Whenever it holds, the
pattern is searched as before.

Why it is exact: a piece ("needle") is a run of literal characters [a-z0-9_] of the pattern. Under
`re.IGNORECASE` such a character matches itself, its upper case and four other characters
(İ ı ſ K) that `_FOLD` maps back before lower-casing the text; so an occurrence lies inside one
run of [a-z0-9_] of the folded text, and looking for needles inside its words is enough.
"""

from __future__ import annotations

import re
from re import _constants as C  # noqa: N812 - the names of the parsed-pattern operators
from re import _parser

#: Characters other than A-Z that `re.IGNORECASE` matches to an ASCII letter (a test checks every
#: code point): dotted capital I, dotless i, long s, Kelvin sign.
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_WORD = re.compile(r"[a-z0-9_]+")
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")
_MAX_EXACT = 64      # strings tracked while expanding "(judge|justice)s?" into words
_MIN_NEEDLE = 3      # shorter pieces ("of", "a") are inside nearly every text: no information
_MAX_WORDS = 500_000  # words remembered across documents before the memory is reset

_ZERO_WIDTH = {C.ASSERT, C.ASSERT_NOT, C.AT}
_REPEATS = {C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", C.MAX_REPEAT)}
_GROUPS = {C.SUBPATTERN, getattr(C, "ATOMIC_GROUP", C.SUBPATTERN)}

#: A condition: any of its alternatives holds; an alternative holds when each of its sets has a
#: needle in the text. None: nothing can be told, always search.
Condition = tuple[tuple[frozenset[str], ...], ...]


def fold(text: str) -> str:
    """The text as needles see it: lower case, the four odd case partners mapped, same length."""
    if text.isascii():
        return text.lower()
    return text.translate(_FOLD).lower()


# ---------------------------------------------------------------------------- reading patterns
def condition(pattern: re.Pattern) -> Condition | None:
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
    except Exception:  # noqa: BLE001 - what the private parser API cannot read is not filtered
        return None
    return _condition(parsed)


def _condition(parsed) -> Condition | None:
    dnf = _sequence(list(parsed))
    if not dnf:
        return None
    return tuple(tuple(sorted(conj, key=len)) for conj in dnf)


def needles(pattern: re.Pattern) -> frozenset[str]:
    """Every needle the condition of `pattern` looks for."""
    dnf = condition(pattern) or ()
    return frozenset(n for conj in dnf for s in conj for n in s)


def _char(code: int) -> str | None:
    ch = chr(code).lower() if code < 128 else None
    return ch if ch is not None and ch in _WORD_CHARS else None


def _exact(items: list) -> set[str] | None:
    """The strings a literal-only sequence matches (lower case, word characters only), or None."""
    out = {""}
    for item in items:
        ex = _exact_item(item)
        if ex is None:
            return None
        out = {a + b for a in out for b in ex}
        if len(out) > _MAX_EXACT:
            return None
    return out


def _exact_item(item) -> set[str] | None:
    op, av = item
    if op is C.LITERAL:
        ch = _char(av)
        return {ch} if ch else None
    if op is C.IN:
        chars = set()
        for kind, value in av:
            ch = _char(value) if kind is C.LITERAL else None
            if ch is None:
                return None
            chars.add(ch)
        return chars if 0 < len(chars) <= 4 else None
    if op is C.BRANCH:
        out: set[str] = set()
        for alt in av[1]:
            ex = _exact(list(alt))
            if ex is None:
                return None
            out |= ex
        return out if len(out) <= _MAX_EXACT else None
    if op in _GROUPS:
        return _exact(list(av[-1]))
    if op in _REPEATS and av[0] == av[1] == 1:
        return _exact(list(av[2]))
    return None


def _needle_set(strings: set[str]) -> frozenset[str] | None:
    """A usable conjunct: no empty or too short piece; "commit" answers for "commits"."""
    if not strings or any(len(s) < _MIN_NEEDLE for s in strings):
        return None
    return frozenset(s for s in strings if not any(t != s and t in s for t in strings))


def _sequence(items: list) -> list[list[frozenset[str]]] | None:
    """The condition of a sequence: the conjuncts of its literal runs and of its parts."""
    conj: list[frozenset[str]] = []
    branches: list[list[list[frozenset[str]]]] = []
    run: set[str] = {""}

    def flush() -> None:
        nonlocal run
        found = _needle_set(run) if run != {""} else None
        if found:
            conj.append(found)
        run = {""}

    for item in items:
        ex = _exact_item(item)
        if ex is not None:
            grown = {a + b for a in run for b in ex}
            if len(grown) > _MAX_EXACT:
                flush()
                grown = set(ex)
            run = grown
            continue
        flush()
        sub = _item(item)
        if not sub:
            continue
        if len(sub) == 1:
            conj.extend(sub[0])
        else:
            branches.append(sub)
    flush()
    if not branches:
        return [conj] if conj else None
    # Keep the alternatives of the richest branch; any other branch becomes one conjunct.
    branches.sort(key=len, reverse=True)
    for other in branches[1:]:
        flat = _flatten(other)
        if flat:
            conj.append(flat)
    return [alt + conj for alt in branches[0]]


def _flatten(dnf: list[list[frozenset[str]]]) -> frozenset[str] | None:
    """One conjunct implied by alternatives: the union of each one's most telling set."""
    out: set[str] = set()
    for alt in dnf:
        if not alt:
            return None
        out |= min(alt, key=_weight)
    return _needle_set(out)


def _weight(needle_set: frozenset[str]) -> tuple:
    return (len(needle_set), -min(map(len, needle_set)))


def _item(item) -> list[list[frozenset[str]]] | None:
    op, av = item
    if op is C.BRANCH:
        out = []
        for alt in av[1]:
            sub = _sequence(list(alt))
            if not sub:
                return None  # an alternative nothing is known of: the branch tells nothing
            out.extend(sub)
        return out
    if op in _GROUPS:
        return _sequence(list(av[-1]))
    if op in _REPEATS:
        return _sequence(list(av[2])) if av[0] >= 1 else None
    return None  # anchors, look-arounds, classes, back-references: no word to rely on


# ---------------------------------------------------------------------------- alternatives
_NO_SPLIT = re.compile(r"\\[1-9]|\(\?P=|\(\?\(")  # back-references, conditionals


def alternatives(pattern: re.Pattern) -> list[str] | None:
    r"""The top-level alternatives of `pattern`, each with the assertions around it (sources).

    `(?<![\w-])(?:A|B)(?![\w])` becomes `(?<![\w-])(?:A)(?![\w])` and `(?<![\w-])(?:B)(?![\w])`:
    at any position the whole pattern matches exactly when one of these does, so the leftmost
    match of the whole starts where the leftmost of the parts does. None when the pattern is not
    of that shape (or uses back-references, or verbose syntax).
    """
    if pattern.flags & re.VERBOSE or _NO_SPLIT.search(pattern.pattern):
        return None
    sources = _split(pattern.pattern)
    if not sources or len(sources) < 2:
        return None
    return sources


def _split(source: str) -> list[str] | None:
    top = _top_level(source)
    if top is None:
        return None
    atoms, bars = top
    if bars:
        cuts = [-1, *bars, len(source)]
        return [source[a + 1:b] for a, b in zip(cuts, cuts[1:])]
    groups = [(a, b) for a, b in atoms if source.startswith("(?:", a)]
    if len(groups) != 1:
        return None
    (a, b), = groups
    if any((x, y) != (a, b) and not source.startswith(("(?=", "(?!", "(?<=", "(?<!"), x)
           for x, y in atoms):
        return None  # a quantifier, a literal or a capturing group beside the group
    inner = _split(source[a + 3:b - 1])
    if inner is None:
        return None
    return [source[:a + 3] + alt + source[b - 1:] for alt in inner]


def _top_level(source: str) -> tuple[list[tuple[int, int]], list[int]] | None:
    """Spans of the atoms at depth 0, and the offsets of the "|" at depth 0."""
    atoms: list[tuple[int, int]] = []
    bars: list[int] = []
    depth = 0
    opened = 0
    i, n = 0, len(source)
    while i < n:
        c = source[i]
        if c == "\\":
            if depth == 0:
                atoms.append((i, i + 2))
            i += 2
            continue
        if c == "[":
            j = i + 1
            if j < n and source[j] == "^":
                j += 1
            if j < n and source[j] == "]":
                j += 1
            while j < n and source[j] != "]":
                j += 2 if source[j] == "\\" else 1
            if depth == 0:
                atoms.append((i, j + 1))
            i = j + 1
            continue
        if c == "(":
            if depth == 0:
                opened = i
            depth += 1
        elif c == ")":
            depth -= 1
            if depth < 0:
                return None
            if depth == 0:
                atoms.append((opened, i + 1))
        elif depth == 0:
            if c == "|":
                bars.append(i)
            else:
                atoms.append((i, i + 1))
        i += 1
    return (atoms, bars) if depth == 0 else None


# ---------------------------------------------------------------------------- screening
class _Plan:
    """How to search one pattern: its condition, and its alternatives with theirs."""

    __slots__ = ("condition", "quick", "alternatives", "by_needle", "alternative_needles", "unscreened",
                 "gate", "flags", "compiled")

    def __init__(self, pattern: re.Pattern) -> None:
        try:
            tree = list(_parser.parse(pattern.pattern, pattern.flags))
        except Exception:  # noqa: BLE001 - what the private parser API cannot read is not filtered
            tree = None
        sources = alternatives(pattern) if tree is not None else None
        parsed = _alternative_trees(tree, sources) if sources else []
        # A split pattern is screened by its alternatives; a whole one by its own condition.
        self.condition = _condition(tree) if tree is not None and not parsed else None
        self.quick = _quick(self.condition)
        #: (alternative's source, its condition, its quick set), in the pattern's order
        self.alternatives: list[tuple[str, Condition | None, frozenset[str]]] = []
        self.flags = pattern.flags
        self.compiled: dict[int, re.Pattern] = {}   # alternatives compiled when first searched
        #: needle -> indices of the alternatives whose quick set holds it
        self.by_needle: dict[str, list[int]] = {}
        #: alternatives nothing is known of: always searched
        self.unscreened: list[int] = []
        for i, (alt, alt_tree) in enumerate(parsed):
            cond = _condition(alt_tree)
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
            got = self.compiled[i] = re.compile(self.alternatives[i][0], self.flags)
        return got

    def needles(self) -> set[str]:
        out = set(self.quick) | set(self.alternative_needles)
        for cond in [self.condition, *(c for _, c, _ in self.alternatives)]:
            for conj in cond or ():
                for needle_set in conj:
                    out |= needle_set
        return out


def _alternative_trees(tree: list, sources: list[str]) -> list[tuple[str, list]]:
    """(source, parsed items) of each alternative, read from the parsed whole pattern.

    The parser drops groups that change nothing and moves a prefix common to all alternatives
    ("Judge|Justice" -> "Ju" + (dge|stice)) in front of the branch; the branch keeps one entry per
    alternative, in order. Empty if the tree is not the shape `_split` read in the source.
    """
    level = tree
    while True:
        core = [item for item in level if item[0] not in _ZERO_WIDTH]
        if len(core) == 1 and core[0][0] in _GROUPS:
            level = list(core[0][1][-1])
            continue
        break
    if not core or core[-1][0] is not C.BRANCH or len(core[-1][1][1]) != len(sources):
        return []
    prefix = core[:-1]
    return [(src, prefix + list(alt)) for src, alt in zip(sources, core[-1][1][1])]


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
            self.by_head.setdefault(n[:_MIN_NEEDLE], []).append(n)
        return plan

    def in_this_word(self, word: str) -> frozenset[str]:
        version = len(self.order)
        got = self.in_word.get(word)
        if got is not None:
            if got[0] == version:
                return got[1]
            found = got[1].union(n for n in self.order[got[0]:] if n in word)
        else:
            # The distinct three-letter pieces of the word, then a substring search per needle
            # that starts with one: linear also for a 1 MB "word" (a text without spaces).
            heads = {word[i:i + _MIN_NEEDLE] for i in range(len(word) - _MIN_NEEDLE + 1)}
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
        if got is None:
            present = _scan(text)
        else:  # needles came with new patterns since: look for those only
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
    for word in set(_WORD.findall(fold(text))):
        got = scan(word)
        if got:
            found.update(got)
    return frozenset(found)
