"""Places many triggers look in — an article, a referenced provision, the whole text — read once
per rule instead of once per trigger.

For every trigger, `DocumentRun.evaluate` reads the places its rule looks in, sentence by
sentence: the first sentence that has the safeguard (on the trigger's topic, not disqualified)
clears the trigger; sentences that have it only with a disqualifier, or a near miss, are evidence.
A long bill has thousands of triggers and the whole text is one of their places, so that reading
takes time quadratic in the length. `PlaceReading` reads a shared place once per rule and keeps
only what can change a verdict, indexed by topic; a trigger's visit then costs a few look-ups and
gives the verdict the sentence loop gives (the corpus snapshot and the equivalence tests hold it
to that).
"""

from __future__ import annotations

from dataclasses import dataclass, field


class Seen:
    """Keys of the sentences a verdict has read. A place read through a `PlaceReading` is added
    as one set (made once per run), so marking a whole article or the whole text seen is free."""

    __slots__ = ("keys", "places")

    def __init__(self) -> None:
        self.keys: set[tuple[int, int, str]] = set()
        self.places: list[frozenset] = []

    def __contains__(self, key) -> bool:
        return key in self.keys or any(key in place for place in self.places)

    def add(self, key) -> None:
        self.keys.add(key)

    def add_all(self, keys: frozenset) -> None:
        self.places.append(keys)


def sentence_key(sentence) -> tuple[int, int, str]:
    """How the verdict loop tells sentences apart (a sentence and its joined reading differ)."""
    return (sentence.line, sentence.column, sentence.text[:20])


@dataclass
class _Event:
    key: tuple[int, int, str]
    sentence: object
    bad: object                 # the disqualifier or None
    found: list                 # the safeguard's matches, or [near miss]
    topics: set[str] | None     # the sentence's topics if it has the safeguard; None for a near miss

    @property
    def satisfies(self) -> bool:
        return self.topics is not None and self.bad is None


@dataclass
class PlaceReading:
    """What one rule finds in one shared place, in reading order."""

    keys: frozenset                                   # every sentence of the place
    events: list[_Event] = field(default_factory=list)
    rejecting: list[_Event] = field(default_factory=list)      # evidence, in order
    satisfying: list[_Event] = field(default_factory=list)     # clear any trigger without topics
    untopical: list[_Event] = field(default_factory=list)      # ... and those with topics too
    by_topic: dict[str, list[_Event]] = field(default_factory=dict)

    @classmethod
    def of(cls, keys, events: list[_Event]) -> "PlaceReading":
        """A reading made of events in reading order (a reading mended after an edit)."""
        reading = cls(keys=frozenset(keys), events=events)
        for event in events:
            if not event.satisfies:
                reading.rejecting.append(event)
                continue
            reading.satisfying.append(event)
            if not event.topics:
                reading.untopical.append(event)
            for t in event.topics:
                reading.by_topic.setdefault(t, []).append(event)
        return reading

    def satisfied(self, topics: set[str], seen: Seen) -> bool:
        """Whether a sentence not read yet clears a trigger on `topics` (all topics if empty)."""
        lists = [self.satisfying] if not topics else \
            [self.untopical, *(self.by_topic[t] for t in topics if t in self.by_topic)]
        return any(e.key not in seen for events in lists for e in events)

    def reject_into(self, rejected: list, topics: set[str], seen: Seen, limit: int) -> None:
        """Append the evidence a sentence loop would append (when nothing clears the trigger),
        until `rejected` holds `limit` entries: a finding quotes no more."""
        for e in self.rejecting:
            if len(rejected) >= limit:
                return
            if e.key in seen:
                continue
            if e.topics and topics and not (topics & e.topics):
                continue  # a disqualified ground about another topic is not evidence either
            rejected.append((e.sentence, e.bad, e.found))


class PlaceIndex:
    """A long shared place's sentences by the needles in their words (legislint.prefilter), made
    once and asked by every rule: a rule then reads only the sentences that hold a needle of
    each gate of its safeguard, or one of its near misses'."""

    def __init__(self, sentences: list, present, wanted: frozenset[str]) -> None:
        keys: set[tuple[int, int, str]] = set()
        #: Indices of the sentences the reading loop reads (a repeat of a key is skipped).
        self.firsts: list[int] = []
        self.postings: dict[str, set[int]] = {}
        self.wanted = wanted
        for i, s in enumerate(sentences):
            key = sentence_key(s)
            if key in keys:
                continue
            keys.add(key)
            self.firsts.append(i)
            for n in present(s.text) & wanted:
                self.postings.setdefault(n, set()).add(i)
        self.keys = frozenset(keys)

    def holding(self, gates: list[frozenset[str]]) -> set[int] | None:
        """Indices of the sentences with a needle of each gate; None if one lies outside the index."""
        out: set[int] | None = None
        for gate in gates:
            if not gate <= self.wanted:
                return None
            hit = set().union(*(self.postings.get(n, ()) for n in gate))
            out = hit if out is None else out & hit
        return set(self.firsts) if out is None else out


def read_place(matcher, rule, sentences: list, index: PlaceIndex | None = None) -> PlaceReading:
    """Read `sentences` for `rule` as `DocumentRun.evaluate` would, once; with `index`, only the
    sentences that may have the safeguard or a near miss."""
    if index is not None:
        positive = index.holding(matcher.gates_of(rule.safeguard))
        near: set[int] | None = set()
        if rule.near_miss:
            gate = matcher.near_miss_gate(rule)
            near = index.holding([gate]) if gate is not None else set(index.firsts)
        if positive is not None and near is not None:
            return _read(matcher, rule, [sentences[i] for i in sorted(positive | near)], index.keys)
    return _read(matcher, rule, sentences, None)


def _read(matcher, rule, sentences: list, all_keys: frozenset | None) -> PlaceReading:
    keys: set[tuple[int, int, str]] = set()
    reading = PlaceReading(keys=frozenset())
    for s in sentences:
        key = sentence_key(s)
        if key in keys:
            continue  # a repeat is skipped by the reading loop
        keys.add(key)
        if matcher.cannot_be_positive(rule.safeguard, s.text) and not rule.near_miss:
            continue
        found = matcher.positive(rule.safeguard, s.text)
        if found is None:
            near = matcher.first(rule.near_miss, s.text) if rule.near_miss else None
            bad = matcher.disqualifier(rule.safeguard, s.text) if near else None
            if bad is not None:
                event = _Event(key, s, bad, [near], None)
                reading.events.append(event)
                reading.rejecting.append(event)
            continue
        topics = matcher.topics(rule.same_topic, s.text) if rule.same_topic else set()
        event = _Event(key, s, matcher.disqualifier(rule.safeguard, s.text), found, topics)
        reading.events.append(event)
        if not event.satisfies:
            reading.rejecting.append(event)
            continue
        reading.satisfying.append(event)
        if not topics:
            reading.untopical.append(event)
        for t in topics:
            reading.by_topic.setdefault(t, []).append(event)
    reading.keys = all_keys if all_keys is not None else frozenset(keys)
    return reading
