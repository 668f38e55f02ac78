"""Numbering of enumerated units: what a label is, and where the next one nests.

Drafters nest "1." > "(a)" > "(i)" > "(A)" (treaties) or "(1)" > "(a)" > "(i)" > "(A)" (statutes),
but the same characters mean different things by position: "(i)" after "(h)" is the ninth letter,
after "(a)" it opens a list of roman numerals, after "(iii)" it cannot occur. This module decides
from the sequence, never from the label alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
_ROMAN_RE = re.compile(r"^(?=[ivxlc]+$)c{0,3}(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")

#: A label at the start of a line. Groups: paren "(1)" "(a)" "(iv)" "(A)"; close "1)" "a)";
#: dot "1."; degree "1°" (French) and "1.º" (Spanish); roman-dash "I. –" / "I. ―" (French statute
#: divisions inside articles).
LABEL_RE = re.compile(
    r"""(?x)
    (?: \( (?P<paren>[0-9]{1,4}[A-Z]{0,2}|[a-z]{1,4}|[A-Z]{1,4}) \)
      | (?P<close>[0-9]{1,4}|[a-z]{1,3}) \)
      | (?P<dot>[0-9]{1,4}) \. (?![0-9])
      | (?P<deg>[0-9]{1,3}) \.?[°º]
      | (?P<romdash>[IVXL]{1,6}) \.\s*[-–—―]
    )
    (?=\s|$)
    """
)


def roman_value(s: str) -> int | None:
    s = s.lower()
    if not s or not _ROMAN_RE.match(s):
        return None
    total = 0
    for i, ch in enumerate(s):
        v = _ROMAN[ch]
        if i + 1 < len(s) and _ROMAN[s[i + 1]] > v:
            total -= v
        else:
            total += v
    return total


def letter_value(s: str) -> int | None:
    """a=1 .. z=26, aa=27 (doubled letters), as drafters continue after z."""
    s = s.lower()
    if not s.isalpha() or not s.isascii():
        return None
    if len(s) == 1:
        return ord(s) - 96
    if len(set(s)) == 1:
        return 26 * (len(s) - 1) + ord(s[0]) - 96
    return None


@dataclass(frozen=True)
class Reading:
    """One way to read a label: its style and its ordinal within that style."""

    style: str
    value: int


@dataclass(frozen=True)
class Label:
    text: str          # as written, e.g. "(iv)"
    number: str        # without decoration, e.g. "iv"
    readings: tuple[Reading, ...]  # preferred first
    end: int           # offset in the line just after the label


def _int_prefix(s: str) -> int:
    digits = re.match(r"[0-9]+", s)
    return int(digits.group(0)) if digits else 0


#: Labels read so far, by what matched and where it ended: a bill repeats "(a)" and "1." thousands
#: of times, and a Label is immutable.
_READ: dict[tuple[str, int], Label | None] = {}
_MAX_READ = 50_000


def read_label(line: str, start: int = 0) -> Label | None:
    m = LABEL_RE.match(line, start)
    if not m:
        return None
    key = (m.group(0), m.end())
    try:
        return _READ[key]
    except KeyError:
        pass
    if len(_READ) > _MAX_READ:
        _READ.clear()
    label = _READ[key] = _read(m)
    return label


def _read(m: re.Match) -> Label | None:
    kind = m.lastgroup
    number = m.group(kind)
    readings: list[Reading] = []
    if kind == "dot":
        readings.append(Reading("dot-arabic", int(number)))
    elif kind == "deg":
        readings.append(Reading("degree", int(number)))
    elif kind == "romdash":
        value = roman_value(number)
        if value is None:
            return None
        readings.append(Reading("roman-dash", value))
    else:
        wrap = "paren" if kind == "paren" else "close"
        if number[0].isdigit():
            readings.append(Reading(f"{wrap}-arabic", _int_prefix(number)))
        elif number.islower():
            letter = letter_value(number)
            roman = roman_value(number)
            # Single i/v/x are letters or numerals; longer strings like "ii" are numerals.
            if roman is not None and (letter is None or len(number) > 1):
                readings.append(Reading(f"{wrap}-roman", roman))
                if letter is not None:
                    readings.append(Reading(f"{wrap}-lower", letter))
            else:
                if letter is None:
                    return None
                readings.append(Reading(f"{wrap}-lower", letter))
                if roman is not None:
                    readings.append(Reading(f"{wrap}-roman", roman))
        else:
            letter = letter_value(number)
            roman = roman_value(number)
            if roman is not None and (letter is None or len(number) > 1):
                readings.append(Reading(f"{wrap}-upper-roman", roman))
                if letter is not None:
                    readings.append(Reading(f"{wrap}-upper", letter))
            elif letter is not None:
                readings.append(Reading(f"{wrap}-upper", letter))
                if roman is not None:
                    readings.append(Reading(f"{wrap}-upper-roman", roman))
            else:
                return None
    text = m.group(0).strip()
    return Label(text=text, number=number, readings=tuple(readings), end=m.end())


@dataclass
class Level:
    """An open list while reading down an article: its style and the last ordinal seen."""

    style: str
    value: int
    node: object  # the Node of the last item at this level


def place(stack: list[Level], label: Label) -> tuple[int, Reading]:
    """Decide where `label` goes given the open levels (outermost first).

    Returns (depth, reading): the item becomes a sibling at stack[depth] if depth < len(stack)
    (the stack is then cut to depth), or a child of the innermost level if depth == len(stack).
    """
    # 1. A reading that continues an open list in sequence wins ("(i)" right after "(h)"),
    #    unless the first reading opens a new list (the caller put it first from look-ahead).
    first = label.readings[0]
    if first.value == 1 and len(label.readings) > 1 and all(lv.style != first.style for lv in stack):
        return len(stack), first
    for reading in label.readings:
        for depth in range(len(stack) - 1, -1, -1):
            level = stack[depth]
            if level.style == reading.style and reading.value == level.value + 1:
                return depth, reading
    # 2. A first item ("(a)", "(i)", "1.") opens a new list under the innermost item.
    for reading in label.readings:
        if reading.value == 1 and all(level.style != reading.style for level in stack):
            return len(stack), reading
    # 3. A style already open: a jump in numbering, still a sibling at that level.
    for reading in label.readings:
        for depth in range(len(stack) - 1, -1, -1):
            if stack[depth].style == reading.style:
                return depth, reading
    # 4. Otherwise a new, unusually-started list under the innermost item.
    return len(stack), label.readings[0]
