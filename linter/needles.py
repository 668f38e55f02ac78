"""What every match of a regular expression must contain, read from the parsed pattern.

A *needle* is a run of literal characters [a-z0-9_] of the pattern, lower-cased: "shall not be
(granted|extradited)" needs "shall", "not" and one of "granted", "extradited". `condition(pattern)`
gives, for each alternative of the pattern, the sets of needles of which one each must occur in
any text the pattern matches; `alternatives(pattern)` splits a pattern "(?<!x)(?:A|B|C)(?!y)"
into its alternatives, which `legislint.prefilter` searches one by one.

Why a condition is exact: under `re.IGNORECASE` a literal ASCII letter matches itself, its upper
case and four other characters (İ ı ſ K) that `fold` maps back before lower-casing a text; so an
occurrence of a needle lies inside one run of [a-z0-9_] of the folded text, and a text whose words
hold none of a needle set cannot match. Nothing here is a heuristic: when no condition can be
read (look-arounds only, back-references), the pattern is simply always searched.
"""

from __future__ import annotations

import re
from re import _constants as C  # noqa: N812 - the names of the parsed-pattern operators
from re import _parser

#: Characters other than A-Z that `re.IGNORECASE` matches to an ASCII letter (a test checks every
#: code point): dotted capital I, dotless i, long s, Kelvin sign.
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
WORDS = re.compile(r"[a-z0-9_]+")
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")
_MAX_EXACT = 64      # strings tracked while expanding "(judge|justice)s?" into words
MIN_NEEDLE = 3      # shorter pieces ("of", "a") are inside nearly every text: no information

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
    return condition_of_tree(parsed)


def condition_of_tree(parsed) -> Condition | None:
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
    if not strings or any(len(s) < MIN_NEEDLE for s in strings):
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


def alternative_trees(tree: list, sources: list[str]) -> list[tuple[str, list]]:
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
