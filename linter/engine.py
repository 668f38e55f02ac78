"""The rule engine: reads the provision tree with the rules and reports findings.

For each rule:
1. *Units.* A provision whose own text triggers the rule is a unit, with everything under it (a
   chapeau's conditions apply together). An item that triggers only when read on from its
   chapeau ("may refuse if:" + "(a) political offence") is a unit of its own. Rules with `each_limb`
   (offences) evaluate every item of a triggering provision separately: alternatives of conduct
   each need their own mental element.
2. *Scope.* The safeguard is sought where the rule says: the clause (the unit, its chapeaux up to
   the article, its sub-items), the provisions it refers to, the general clauses that govern it,
   the article, the whole document.
3. *Verdict.* A sentence that has the safeguard and none of its disqualifiers (hedges, review after
   the fact) satisfies the rule. Sentences that have the safeguard but are disqualified become the
   finding's evidence: the finding names the clause it rejected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from legislint.clauses import (Sentence, chapeau_sentences, continues_into_items, joined_sentence,
                               node_sentences, provision_ancestors,
                               subtree_sentences)
from legislint.config import Config
from legislint.findings import Evidence, Finding, Fix
from legislint.i18n import Catalog, catalog, message_language
from legislint.language import annotate, document_languages, provision_language
from legislint.lexicon import Lexicon
from legislint.model import ALINEA, ARTICLE, DIVISION, DOCUMENT, Document, Node, unique_nodes
from legislint.places import PlaceIndex, PlaceReading, Seen, read_place, sentence_key
from legislint.prefilter import Screen, holders
from legislint.rules import Match, Rule, RuleSet, load_ruleset
from legislint.scope import DocumentIndex, Reach

_MAX_EVIDENCE = 3
_POSTINGS_MIN = 150        # nodes from which a text's triggers are found through needle postings
#: Edited nodes a rule asks one by one; more are first sifted by their needles.
_ASK_EACH = 16
_MAX_DIRTY = 5_000         # nodes edited before the sets of `_may_trigger` are made afresh
_MAX_ANSWERS = 2_000_000   # answers a matcher keeps (phrase or match, sentence)
_QUOTE = 90


# ---------------------------------------------------------------------------- matching
class Matcher:
    """Compiled phrases of one rule set; answers 'does this sentence satisfy this Match?'."""

    def __init__(self, lexicon: Lexicon, screen: Screen | None = None):
        self.lexicon = lexicon
        #: Skips the regex where a phrase's words cannot occur (legislint.prefilter).
        self.screen = screen or Screen()
        self._planned: dict[str, tuple] = {}
        #: Gates of phrase lists and of Match objects: a sentence without any of a gate's words
        #: is answered without looking at each phrase.
        self._gates: dict = {}
        self._answers: dict = {}

    def _pat(self, phrase: str) -> re.Pattern:
        return self.lexicon.compile_phrase(phrase)

    def _plan(self, phrase: str) -> tuple:
        planned = self._planned.get(phrase)
        if planned is None:
            planned = self._planned[phrase] = self.screen.planned(self._pat(phrase))
        return planned

    def find(self, phrase: str, text: str) -> re.Match | None:
        """The first match of `phrase` in `text` (`re.search`)."""
        return self.screen.search_planned(self._plan(phrase), text)

    def search(self, pattern: re.Pattern, text: str) -> re.Match | None:
        return self.screen.search(pattern, text)

    def plan(self, phrase: str):
        """How the screen searches `phrase` (legislint.prefilter._Plan)."""
        return self._plan(phrase)[1]

    def holders(self, match: Match, postings: dict[str, set[int]]) -> set[int] | None:
        """Keys of `postings` (needle -> keys) that may hold a positive of `match`: each of its
        `all` phrases and one of its `any` (legislint.prefilter.holders); None: any key may."""
        out: set[int] | None = None
        for p in match.all:
            got = holders(self.plan(p), postings)
            if got is not None:
                out = got if out is None else out & got
        if match.any:
            anys = [holders(self.plan(p), postings) for p in match.any]
            if all(a is not None for a in anys):
                got = set().union(*anys)
                out = got if out is None else out & got
        return out

    def near_miss_gate(self, rule: Rule) -> frozenset[str] | None:
        """Needles one of which a text needs for `first(rule.near_miss, text)` (None: no need)."""
        return self._any_gate(rule.near_miss)

    def _any_gate(self, phrases) -> frozenset[str] | None:
        """Words one of which a text needs to match any of `phrases` (None: no such set)."""
        key = tuple(phrases)
        try:
            return self._gates[key]
        except KeyError:
            pass
        gates = [self.screen.gate(self._plan(p)) for p in phrases]
        gate = None if not gates or any(g is None for g in gates) else frozenset().union(*gates)
        self._gates[key] = gate
        return gate

    def gates_of(self, match: Match) -> list[frozenset[str]]:
        """Sets of needles of which a text needs one each for `positive(match, text)` (none: no need)."""
        got = self._gates.get(id(match))
        if got is None or got[0] is not match:
            all_gates = [g for g in (self.screen.gate(self._plan(p)) for p in match.all) if g is not None]
            any_gate = self._any_gate(match.any) if match.any else None
            got = self._gates[id(match)] = (match, all_gates + ([any_gate] if any_gate is not None else []))
        return got[1]

    def cannot_be_positive(self, match: Match, text: str) -> bool:
        """True if `positive(match, text)` is None for want of words; False if it may not be."""
        got = self._gates.get(id(match))
        if got is None or got[0] is not match:
            self.gates_of(match)
            got = self._gates[id(match)]
        if not got[1]:
            return False
        present = self.screen.present(text)
        for gate in got[1]:
            if gate.isdisjoint(present):
                return True
        return False

    def first(self, phrases: list[str], text: str) -> re.Match | None:
        # Scopes overlap, so one run asks the same question of a sentence many times: answers
        # are kept by (phrases, text). The value holds `phrases` itself, so its id stays unique.
        gate = self._any_gate(phrases)
        if gate is not None and gate.isdisjoint(self.screen.present(text)):
            return None
        key = (id(phrases), text)
        got = self._answers.get(key)
        if got is not None and got[0] is phrases:
            return got[1]
        best = self._first(phrases, text)
        self._answers[key] = (phrases, best)
        return best

    def _first(self, phrases: list[str], text: str) -> re.Match | None:
        best = None
        for p in phrases:
            m = self.find(p, text)
            if m and (best is None or m.start() < best.start()):
                best = m
        return best

    def positive(self, match: Match, text: str) -> list[re.Match] | None:
        """The matches of `all` and `any` if both are satisfied (ignoring `none`)."""
        # The answer is looked up before the gates: a run asks the same question many times.
        key = (id(match), text)
        got = self._answers.get(key)
        if got is not None and got[0] is match:
            return None if got[1] is None else list(got[1])
        found = None if self.cannot_be_positive(match, text) else self._positive(match, text)
        if len(self._answers) > _MAX_ANSWERS:
            self._answers.clear()   # an edited text's old sentences
        self._answers[key] = (match, found)
        return None if found is None else list(found)

    def _positive(self, match: Match, text: str) -> list[re.Match] | None:
        found = []
        for p in match.all:
            m = self.find(p, text)
            if m is None:
                return None
            found.append(m)
        if match.any:
            m = self.first(match.any, text)
            if m is None:
                return None
            found.append(m)
        return found

    def disqualifier(self, match: Match, text: str) -> re.Match | None:
        return self.first(match.none, text) if match.none else None

    def satisfied(self, match: Match, text: str) -> bool:
        return self.positive(match, text) is not None and self.disqualifier(match, text) is None

    def topics(self, names: list[str], text: str) -> set[str]:
        return {n for n in names if self.search(self.lexicon.pattern(n), text)}


def _quote(text: str, found: list[re.Match] | None = None) -> str:
    text = " ".join(text.split())
    if found:
        lo = min(m.start() for m in found)
        hi = max(m.end() for m in found)
        snippet = " ".join(text[lo:hi].split()) if hi - lo <= _QUOTE else None
        if snippet:
            return snippet
    return text if len(text) <= _QUOTE else text[:_QUOTE - 1].rstrip() + "…"


# ---------------------------------------------------------------------------- per document
#: Places this long that many triggers share are read once per rule (legislint.places).
_SHARED_MIN = 8
#: Shared places this long are read by each rule through a `PlaceIndex` of their needles.
_INDEXED_PLACE = 200
#: Cache keys ("kind", id(node)) of sentence lists that hold the words of the node, of its
#: descendants or of its ancestors (chapeaux): forgotten when one of them is edited.
_SENTENCE_LISTS = frozenset({"chapeau", "joined", "subtree", "shared-subtree", "with-chapeaux"})


@dataclass
class Trigger:
    unit: Node
    sentence: Sentence
    found: list[re.Match]
    topics: set[str] = field(default_factory=set)


_NO_NEEDLES: frozenset[str] = frozenset()


class DocumentRun:
    def __init__(self, document: Document, ruleset: RuleSet, language: str | None = None,
                 jurisdiction: str | None = None, messages: Catalog | None = None,
                 screen: Screen | None = None):
        self.document = document
        self.ruleset = ruleset
        #: In a text of several languages, only provisions of this one are units of this run.
        self.language = language
        #: The legal system the text is read under (legislint.jurisdiction), for rule readings.
        self.jurisdiction = jurisdiction
        self.messages = messages or catalog()
        self.index = DocumentIndex(document, ruleset.lexicon, screen=screen or Screen())
        self.matcher = Matcher(ruleset.lexicon, self.index.screen)
        self.cache = self.index.cache
        self._doc_sentences: list[Sentence] | None = None
        self._index: dict[str, set[int]] | None = None
        #: id(node) -> the needles `_index` holds it under, to take it out again (`_reindex`).
        self._needles_of: dict[int, frozenset[str]] = {}
        self._indexed: set[str] = set()
        #: Lists of sentences many triggers look in, by id (see `_share`).
        self._shared: dict[int, list[Sentence]] = {}
        #: Answers about the whole text that hold for every trigger (see `_worth_reading`).
        self._per_run: dict = {}
        #: The nodes in walk order (`_nodes`), for the tree as it was at `_tree_version`.
        self._walked: tuple | None = None
        #: (id(rule), id(node)) -> (its sentences, its joined sentence, the hit), see `_hit`.
        self._hits: dict[tuple[int, int], tuple] = {}
        #: (id(rule), the node's sentence texts, its joined text) -> (which sentence, what matched)
        #: for `_hit`, in runs that keep verdicts (an edited text's rebuilt nodes).
        self._hits_by_text: dict[tuple, tuple] = {}
        #: id(rule) -> (rule, the nodes that may trigger it), and the nodes edited since.
        self._may_sets: dict[int, tuple[Rule, set[int] | None]] = {}
        self._dirty: set[int] = set()
        #: Changes to the needles nodes are indexed under, and the postings of the needles of
        #: the last edited nodes `_may_trigger_among` read (the same for every rule).
        self._needles_version = 0
        self._dirty_postings: tuple[tuple, dict[str, set[int]]] | None = None
        #: id(shared list) -> (the list, id(sentence) -> its index), see `_positions_of`.
        self._positions: dict[int, tuple[list[Sentence], dict[int, int]]] = {}
        #: Whether verdicts are kept for `evaluate_again` (legislint.incremental sets it):
        #: (id(rule), id(unit)) -> (rule, trigger, [(shared place, its reading)], finding), and
        #: id(node) -> the keys of the verdicts that read its sentences.
        self.keep_verdicts = False
        self._verdicts: dict[tuple[int, int], tuple] = {}
        self._verdict_readers: dict[int, set[tuple[int, int]]] = {}
        self._places_read: list[list[Sentence]] | None = None
        #: id(shared list) -> (the list, its `PlaceIndex`), and the needles such indexes hold.
        self._place_indexes: dict[int, tuple[list[Sentence], PlaceIndex]] = {}
        self._wanted: frozenset[str] | None = None
        #: The index's definitions, and a pattern for each term (`_defined`).
        self._term_patterns: tuple[dict, list] | None = None
        self._tree_version = 0

    # ------------------------------------------------------------------ units
    def _context(self, node: Node) -> list[Sentence]:
        out = list(node_sentences(node, self.cache))
        joined = joined_sentence(node, self.cache)
        if joined is not None:
            out.append(joined)
        return out

    def _triggered(self, rule: Rule, sentences: list[Sentence]) -> tuple[Sentence, list[re.Match]] | None:
        for s in sentences:
            for trig in rule.trigger:
                found = self.matcher.positive(trig, s.text)
                if found is not None and self.matcher.disqualifier(trig, s.text) is None:
                    return s, found
        return None

    def _hit(self, rule: Rule, node: Node) -> tuple[Sentence, list[re.Match]] | None:
        """The sentence by which `node` triggers `rule` (its own, else, for an item, read on from
        its chapeaux), with what matched; None if it does not. Kept while the node's sentences
        are the same objects: an edit makes new ones, and the rest of an edited article is not
        asked again."""
        own = node_sentences(node, self.cache)
        if not own:
            return None
        joined = joined_sentence(node, self.cache) if not node.enumerated_children() else None
        key = (id(rule), id(node))
        got = self._hits.get(key)
        if got is not None and got[0] is own and got[1] is joined:
            return got[2]
        texts = (id(rule), *(x.text for x in own), None if joined is None else joined.text) \
            if self.keep_verdicts else None
        by_text = self._hits_by_text.get(texts) if texts is not None else None
        if by_text is not None:
            # A rebuilt article's node with the words of an old one: the same sentence triggers.
            at, found = by_text
            hit = None if at is None else ((own[at] if at >= 0 else joined), found)
        else:
            hit = self._triggered(rule, own)
            if hit is None and joined is not None:
                hit = self._triggered(rule, [joined])
            if texts is not None:
                at = None if hit is None else (-1 if hit[0] is joined else own.index(hit[0]))
                self._hits_by_text[texts] = (at, None if hit is None else hit[1])
        if len(self._hits) > _MAX_ANSWERS or len(self._hits_by_text) > _MAX_ANSWERS:
            self._hits.clear()
            self._hits_by_text.clear()
        self._hits[key] = (own, joined, hit)
        return hit

    def _excluded(self, rule: Rule, node: Node) -> bool:
        if rule.not_under and self._listed_under(rule, node):
            return True
        if not rule.unless:
            return False
        sentences = self._context(node)
        for anc in provision_ancestors(node):
            if anc.is_enumerated:
                sentences += node_sentences(anc, self.cache)
        return any(self.matcher.satisfied(u, s.text) for u in rule.unless for s in sentences)

    def _listed_under(self, rule: Rule, node: Node) -> bool:
        """Whether `node` is an item under a lead-in of `rule.not_under` (the last sentence
        before the items of a provision enclosing it, up to its article)."""
        for anc in provision_ancestors(node):
            lead = chapeau_sentences(anc, self.cache)
            if lead and anc.enumerated_children() and \
                    any(self.matcher.satisfied(m, lead[-1].text) for m in rule.not_under):
                return True
        return False

    def _may_trigger(self, rule: Rule) -> set[int] | None:
        """Ids of the nodes whose sentences (or joined sentence) held, for some trigger of `rule`,
        the needles its phrases need (legislint.prefilter.holders) when first asked: the others
        could not trigger it then. Read from an index of needles by node built once per run,
        instead of asking every node about every trigger. Nodes edited since are in `_dirty`.
        None when some trigger may match any text."""
        got = self._may_sets.get(id(rule))
        if got is not None and got[0] is rule:
            return got[1]
        if len(self._nodes()) < _POSTINGS_MIN:
            # A short text: asking each node costs less than reading the conditions.
            self._may_sets[id(rule)] = (rule, None)
            return None
        plans = [[self.matcher.plan(p) for p in (*trig.all, *trig.any)] for trig in rule.trigger]
        index = self._needle_index({n for trig in plans for plan in trig for n in plan.needles()})
        out: set[int] | None = set()
        for trig in rule.trigger:
            nodes = self.matcher.holders(trig, index)
            if nodes is None:
                out = None
                break
            out |= nodes
        self._may_sets[id(rule)] = (rule, out)
        return out

    def _may_trigger_among(self, rule: Rule, nodes: list[Node]) -> set[int]:
        """`_may_trigger` for `nodes`, edited since its sets were made (`_dirty`): those that may
        trigger `rule`, read from the needles they were indexed under again (`_reindex`)."""
        key = (self._needles_version, tuple(id(n) for n in nodes))
        if self._dirty_postings is None or self._dirty_postings[0] != key:
            postings: dict[str, set[int]] = {}
            for n in nodes:
                for needle in self._needles_of.get(id(n), ()):
                    postings.setdefault(needle, set()).add(id(n))
            self._dirty_postings = (key, postings)
        out: set[int] = set()
        for trig in rule.trigger:
            got = self.matcher.holders(trig, self._dirty_postings[1])
            if got is None:
                return {id(n) for n in nodes}
            out |= got
        return out

    def _mark_dirty(self, nodes) -> None:
        """Nodes whose sentences changed since the sets of `_may_trigger` were made."""
        self._dirty.update(id(n) for n in nodes)
        if len(self._dirty) > _MAX_DIRTY:
            self._may_sets.clear()
            self._dirty.clear()

    def _needle_index(self, needed: set[str]) -> dict[str, set[int]]:
        """needle -> ids of the nodes whose own or joined sentences hold it. Built once per run for
        the needles of every rule's triggers, and again with more needles when a rule read for a
        legal system (a copy with other triggers) asks for needles the index lacks."""
        if self._index is None or not needed <= self._indexed:
            wanted = set(needed) | self._indexed
            for rule in self.ruleset:
                for trig in rule.trigger:
                    for p in (*trig.all, *trig.any):
                        wanted |= self.matcher.plan(p).needles()
            self._index, self._indexed, self._needles_of = {}, wanted, {}
            self._needles_version += 1
            for node in self.document.nodes():
                self._index_node(node)
        return self._index

    def _index_node(self, node: Node) -> None:
        if node.kind in (DIVISION, DOCUMENT):
            return
        texts = [s.text for s in node_sentences(node, self.cache)]
        if texts and not node.enumerated_children():
            joined = joined_sentence(node, self.cache)
            if joined is not None:
                texts.append(joined.text)
        found: set[str] = set()
        present = self.matcher.screen.present
        for text in texts:
            found |= present(text) & self._indexed
        for n in found:
            self._index.setdefault(n, set()).add(id(node))
        if found:
            self._needles_of[id(node)] = frozenset(found)

    # ------------------------------------------------------------------ edits
    def edited(self, node: Node) -> None:
        """The words of `node` changed, and nothing else: forget what was read of them, and read
        the places many triggers share (the whole text, its filtered lists) again only there."""
        old = node_sentences(node, self.cache)
        # Items read on from their chapeaux up to the article (`joined_sentence`): a division's
        # or the text's own words are in no item's.
        below = [node] if node.kind in (DIVISION, DOCUMENT) else list(node.walk())
        self._forget([node], [*node.ancestors(), *below])
        self._mark_dirty(below)
        self._forget_verdicts(below)
        new = node_sentences(node, self.cache)
        for g in self.index.general:
            if g.sentence.node is node:
                # One signature before and after (legislint.incremental): as many sentences.
                g.sentence = new[old.index(g.sentence)] if g.sentence in old and len(new) == len(old) else g.sentence
        self._reindex(below, below)
        if self._doc_sentences is not None:
            self._mend_whole_text(old, new)

    def replaced(self, old: list[Node], new: list[Node]) -> Reach:
        """Articles `new` took the place of `old` (legislint.reparse.rebuild_articles): forget
        what was read of `old`, and mend the index and the shared readings of the whole text.
        Returns what the change reaches beyond them (`DocumentIndex.replaced`)."""
        old_nodes = [n for a in old for n in a.walk()]
        # The objects the shared lists hold.
        old_sentences = [s for a in old for s in subtree_sentences(a, self.cache)]
        reach = self.index.replaced(old, new)
        self._tree_version += 1
        self._forget(old_nodes, list(new[0].ancestors()))
        new_nodes = [n for a in new for n in a.walk()]
        # What the sets of `_may_trigger` say of a node follows from the needles it holds.
        needles_before = {id(n): self._needles_of.get(id(n), _NO_NEEDLES) for n in old_nodes
                          if id(n) not in self._dirty}
        self._reindex(old_nodes, new_nodes)
        carried = self._carry_may_sets(old_nodes, needles_before, new_nodes)
        self._mark_dirty(n for n in new_nodes if id(n) not in carried)
        self._forget_verdicts(old_nodes)
        if self._doc_sentences is not None:
            self._mend_whole_text(old_sentences, [s for a in new for s in subtree_sentences(a, self.cache)])
        return reach

    def _carry_may_sets(self, old: list[Node], needles_before: dict[int, frozenset[str]],
                        new: list[Node]) -> set[int]:
        """Put each of the `new` nodes that holds the same needles as one of the `old` (not
        edited since the sets of `_may_trigger` were made: `needles_before`) in the sets that
        one was in (a node's membership follows from its needles); their ids."""
        if self._index is None or not self._may_sets:
            return set()
        sets = [got[1] for got in self._may_sets.values() if got[1] is not None]
        by_needles: dict[frozenset[str], list[bool]] = {}
        for n in old:
            needles = needles_before.get(id(n))
            if needles is not None and needles not in by_needles:
                by_needles[needles] = [id(n) in s for s in sets]
        carried: set[int] = set()
        for n in new:
            member = by_needles.get(self._needles_of.get(id(n), _NO_NEEDLES))
            if member is None:
                continue
            for s, is_in in zip(sets, member):
                if is_in:
                    s.add(id(n))
            carried.add(id(n))
        return carried

    def _forget(self, nodes: list[Node], around: list[Node]) -> None:
        """Forget the sentences of `nodes`, and every sentence list that holds them: theirs and
        those of the nodes `around` them (their ancestors, the items below them)."""
        for node in nodes:
            self.cache.pop(id(node), None)
        for near in (*nodes, *around):
            for kind in _SENTENCE_LISTS:
                dropped = self.cache.pop((kind, id(near)), None)
                if isinstance(dropped, list) and id(dropped) in self._shared:
                    self._unshare(dropped)

    def _reindex(self, gone: list[Node], fresh: list[Node]) -> None:
        """The needle index without the nodes `gone`, with the nodes `fresh` read again."""
        if self._index is None:
            return
        for n in gone:
            for needle in self._needles_of.pop(id(n), ()):
                self._index[needle].discard(id(n))
        for n in fresh:
            self._index_node(n)
        self._needles_version += 1

    def _mend_whole_text(self, old: list[Sentence], new: list[Sentence]) -> None:
        mentioning = [(k, v) for k, v in self._per_run.items() if k[0] == "mentioning"]
        if not self._replace_in(self._doc_sentences, old, new, None):
            self._forget_whole_text()
            return
        for (_, phrases), sentences in mentioning:
            if not self._replace_in(sentences, old, new, list(phrases)):
                self._forget_whole_text()
                return

    def _unshare(self, sentences: list[Sentence]) -> None:
        self._shared.pop(id(sentences), None)
        self._positions.pop(id(sentences), None)
        self._place_indexes.pop(id(sentences), None)
        for key in [k for k in self._per_run if k[0] == "place-reading" and k[2] == id(sentences)]:
            del self._per_run[key]

    def _forget_whole_text(self) -> None:
        """Read the whole text again when next asked (an edit that could not be mended in place)."""
        if self._doc_sentences is not None:
            self._unshare(self._doc_sentences)
        for key in [k for k in self._per_run if k[0] == "mentioning"]:
            self._unshare(self._per_run.pop(key))
        self._doc_sentences = None

    def _replace_in(self, sentences: list[Sentence], old: list[Sentence], new: list[Sentence],
                    phrases: list[str] | None) -> bool:
        """Put `new` where `old` was in a shared list of the whole text (filtered by `phrases`),
        in place, since its id keys its readings, and mend each rule's reading of it. False if
        the place cannot be told (the node had no sentence in the list)."""
        positions = self._positions_of(sentences)
        old_ids = {id(s) for s in old}
        held = sorted(positions[i] for i in old_ids if i in positions)
        added = [s for s in new if phrases is None or self.matcher.first(phrases, s.text)]
        if held:
            at = held[0]
        else:
            if not added:
                return True
            if phrases is None:
                return False
            order = self._positions_of(self._doc_sentences)
            first = order.get(id(added[0]))
            if first is None:
                return False
            at = next((i for i, s in enumerate(sentences) if order.get(id(s), -1) > first), len(sentences))
        if held == list(range(at, at + len(held))):
            # The node's sentences stand together (always, but for a node split by its items).
            sentences[at:at + len(held)] = added
            if len(added) == len(held):
                for i in old_ids:
                    positions.pop(i, None)
                for j, s in enumerate(added):
                    positions[id(s)] = at + j
            else:
                self._positions.pop(id(sentences), None)
        else:
            sentences[:] = sentences[:at] + added + [s for s in sentences[at:] if id(s) not in old_ids]
            self._positions.pop(id(sentences), None)
        self._place_indexes.pop(id(sentences), None)
        readings = [(key, value) for key, value in self._per_run.items()
                    if key[0] == "place-reading" and key[2] == id(sentences)]
        if not readings:
            return True
        position = self._positions_of(sentences)
        old_keys = {sentence_key(s) for s in old}
        for key, (rule, reading) in readings:
            fresh = read_place(self.matcher, rule, added)
            removed = [e for e in reading.events if id(e.sentence) in old_ids]
            if [_event_signature(e) for e in removed] == [_event_signature(e) for e in fresh.events]:
                # What this rule finds there is the same (a rebuilt article's equal sentences):
                # the reading stays the same object, so the verdicts that read it stay
                # (`evaluate_again`), its events taking the new sentences.
                for kept, new_event in zip(removed, fresh.events):
                    kept.sentence, kept.bad, kept.found = new_event.sentence, new_event.bad, new_event.found
                reading.keys = (reading.keys - old_keys) | fresh.keys
                continue
            events = sorted([e for e in reading.events if id(e.sentence) not in old_ids] + fresh.events,
                            key=lambda e: position[id(e.sentence)])
            self._per_run[key] = (rule, PlaceReading.of((reading.keys - old_keys) | fresh.keys, events))
        return True

    def _positions_of(self, sentences: list[Sentence]) -> dict[int, int]:
        """id(sentence) -> its index in a shared list, kept with the list as `_replace_in` mends it."""
        got = self._positions.get(id(sentences))
        if got is None or got[0] is not sentences:
            got = self._positions[id(sentences)] = (sentences, {id(s): i for i, s in enumerate(sentences)})
        return got[1]

    def units(self, rule: Rule, within: list[Node] | None = None) -> list[Trigger]:
        """The provisions `rule` applies to: all of the text, or only those inside `within`."""
        triggers: list[Trigger] = []
        covered: set[int] = set()
        # Made once per run over the whole text, and asked again after each edit.
        may_trigger = self._may_trigger(rule)
        dirty = self._dirty
        if may_trigger is not None and within is None:
            # In the text's order, as the walk: an enclosing provision comes before its items.
            nodes = [n for n in self._nodes() if id(n) in may_trigger or id(n) in dirty]
        elif may_trigger is not None:
            nodes = [n for root in within for n in root.walk()]
            edited = [n for n in nodes if id(n) in dirty and id(n) not in may_trigger]
            if len(edited) > _ASK_EACH:
                # Rebuilt articles: most of their nodes cannot trigger the rule either.
                dirty = self._may_trigger_among(rule, edited)
        else:
            nodes = (n for root in ([self.document.root] if within is None else within) for n in root.walk())
        for node in nodes:
            if node.kind in (DIVISION, DOCUMENT) or id(node) in covered:
                continue
            if may_trigger is not None and id(node) not in may_trigger and id(node) not in dirty:
                continue
            if self.language and provision_language(node, self.document) != self.language:
                continue
            hit = self._hit(rule, node)
            if hit is None:
                continue
            if rule.each_limb and node.enumerated_children():
                # Alternatives of conduct: each item stands as its own offence.
                for leaf in _leaves(node):
                    covered.add(id(leaf))
                    if not self._excluded(rule, leaf):
                        triggers.append(Trigger(leaf, hit[0], hit[1]))
                for d in node.walk():
                    covered.add(id(d))
                continue
            for d in node.walk():
                covered.add(id(d))
            if self._excluded(rule, node):
                continue
            sentence, found = hit
            topics = self.matcher.topics(rule.same_topic, sentence.text) if rule.same_topic else set()
            if rule.same_topic and not topics:
                # "Il est donné suite à la demande": the topic is in the provision's other sentences.
                own = node_sentences(node, self.cache)
                topics = self.matcher.topics(rule.same_topic, " ".join(x.text for x in own))
            triggers.append(Trigger(node, sentence, found, topics))
        return triggers

    def _nodes(self) -> list[Node]:
        """Every node of the text in the order of `walk`, read once per tree."""
        if self._walked is None or self._walked[0] is not self.document.root or self._walked[1] != self._tree_version:
            self._walked = (self.document.root, self._tree_version, list(self.document.root.walk()))
        return self._walked[2]

    # ------------------------------------------------------------------ scopes
    def document_sentences(self) -> list[Sentence]:
        if self._doc_sentences is None:
            self._doc_sentences = self._share(subtree_sentences(self.document.root, self.cache))
        return self._doc_sentences

    def _share(self, sentences: list[Sentence]) -> list[Sentence]:
        """Mark a list of sentences that many triggers look in (do not modify it): `evaluate`
        reads it through `_place_reading`, so its length is paid once per rule, not per trigger."""
        self._shared[id(sentences)] = sentences
        return sentences

    def _shared_subtree(self, node: Node) -> list[Sentence]:
        key = ("shared-subtree", id(node))
        got = self.cache.get(key)
        if got is None:
            got = self.cache[key] = self._share(subtree_sentences(node, self.cache))
        return got

    def scope(self, rule: Rule, trigger: Trigger) -> list[tuple[str, list[Sentence]]]:
        """(label, sentences) for every place the rule looks, in order."""
        unit = trigger.unit
        places: list[tuple[str, list[Sentence]]] = []
        clause = subtree_sentences(unit, self.cache)
        joined = joined_sentence(unit, self.cache)
        if joined is not None:
            clause.append(joined)
        for anc in provision_ancestors(unit):
            clause.extend(node_sentences(anc, self.cache))
        if trigger.sentence.joined and _conjunctive(unit):
            # "(i) ...; (ii) ...; and (iii) the judge finds ...": cumulative conditions apply together.
            for sibling in unit.parent.enumerated_children():
                if sibling is not unit:
                    clause.extend(subtree_sentences(sibling, self.cache))
        for look in rule.look_in:
            if look.when and not any(self.matcher.first(look.when, s.text) for s in clause):
                continue
            start = len(places)
            if look.scope == "clause":
                places.append((self.messages.text("the_provision"), clause))
            elif look.scope == "preceding":
                # French and Spanish alinéas are read in the light of those before them ("Il est
                # procédé à la saisie" after "le juge d'instruction ... a seul le droit").
                for earlier in _earlier_alineas(unit):
                    places.append((self.messages.text("earlier_paragraph", provision=earlier.path),
                                   subtree_sentences(earlier, self.cache)))
            elif look.scope == "references":
                targets = []
                for s in clause:
                    targets.extend(t for t in self.index.resolve(s) if not t.is_within(unit))
                for t in unique_nodes(targets):
                    places.append((t.path, self._with_chapeaux(t)))
            elif look.scope == "general":
                for g in self.index.general_clauses_for(unit):
                    art = unit.article()
                    if g.provision is art:
                        # A clause in the unit's own article: only what it names counts.
                        sentences = [g.sentence]
                    else:
                        sentences = self._shared_subtree(g.provision)
                    places.append((self.messages.text("general_clause", provision=g.provision.path), sentences))
                    for t in g.targets:
                        if not t.is_within(unit):
                            places.append((self.messages.text("via", target=t.path, provision=g.sentence.node.path),
                                           self._with_chapeaux(t)))
            elif look.scope == "article":
                art = unit.article()
                if art is not None:
                    places.append((art.path, self._shared_subtree(art)))
            elif look.scope == "referrers":
                for r in self.index.referrers(unit):
                    places.append((self.messages.text("refers_to_it", provision=r.path), self._with_chapeaux(r)))
            elif look.scope == "definitions":
                # The text's definition of the words that triggered the rule: "serious crime" in Article 2(b).
                defined = self._defined(trigger)
                for term, node in defined:
                    places.append((self.messages.text("definition_of", provision=node.path, term=term),
                                   subtree_sentences(node, self.cache)))
                if not defined:
                    places.append((self.messages.text("definitions"), []))
            elif look.scope == "document":
                # Filtered by must_mention, the whole text is only its provisions for the whole text.
                label = "whole_text_provisions" if look.must_mention else "the_whole_text"
                places.append((self.messages.text(label), self.document_sentences()))
            if look.must_mention:
                places[start:] = [(label, self._mentioning(look.must_mention, sentences))
                                  for label, sentences in places[start:]]
        if self._places_read is not None:
            self._places_read.extend(sentences for _, sentences in places)
        return places

    def _defined(self, trigger: Trigger) -> list[tuple[str, Node]]:
        """The terms defined elsewhere in the text that the trigger's words use, with their definitions."""
        text = " ".join(m.group(0) for m in trigger.found).lower()
        definitions = self.index.definitions()
        if self._term_patterns is None or self._term_patterns[0] is not definitions:
            self._term_patterns = (definitions, [(term, node, re.compile(rf"\b{re.escape(term)}s?\b"))
                                                 for term, node in definitions.items()])
        return [(term, node) for term, node, pattern in self._term_patterns[1]
                if not node.is_within(trigger.unit) and pattern.search(text)]

    def _index_places(self, rule: Rule, trigger: Trigger) -> list:
        """What the index says of the places the rule looks in for this trigger beyond its own
        words and the provisions they cite: the general clauses that govern it (each with its
        sentence and what it names) and the definitions of its words. A kept verdict holds while
        these are the same objects (`evaluate_again`)."""
        out: list = []
        for look in rule.look_in:
            if look.scope == "general":
                for g in self.index.general_clauses_for(trigger.unit):
                    out += [g, g.provision, g.sentence, *g.targets, None]
            elif look.scope == "definitions":
                for _, node in self._defined(trigger):
                    out.append(node)
            out.append(None)
        return out

    def _mentioning(self, phrases: list[str], sentences: list[Sentence]) -> list[Sentence]:
        """The sentences that mention one of `phrases` (do not modify the list). The whole text is
        filtered once per run, not once per trigger: that would take time quadratic in its length."""
        if sentences is not self._doc_sentences:
            return [s for s in sentences if self.matcher.first(phrases, s.text)]
        key = ("mentioning", tuple(phrases))
        got = self._per_run.get(key)
        if got is None:
            got = self._per_run[key] = self._share([s for s in sentences if self.matcher.first(phrases, s.text)])
        return got

    def _place_reading(self, rule: Rule, sentences: list[Sentence]) -> PlaceReading:
        """A shared place read for `rule`, once per run (see legislint.places)."""
        key = ("place-reading", id(rule), id(sentences))
        got = self._per_run.get(key)
        if got is None:
            index = self._place_index(sentences) if len(sentences) >= _INDEXED_PLACE else None
            got = self._per_run[key] = (rule, read_place(self.matcher, rule, sentences, index))
        return got[1]

    def _place_index(self, sentences: list[Sentence]) -> PlaceIndex:
        """The needles of a long shared place's sentences, for every rule that reads it."""
        got = self._place_indexes.get(id(sentences))
        if got is None or got[0] is not sentences:
            if self._wanted is None:
                wanted: set[str] = set()
                for rule in self.ruleset:
                    matches = [rule.safeguard, *(r.safeguard for r in rule.readings.values() if r.safeguard)]
                    for match in matches:
                        for gate in self.matcher.gates_of(match):
                            wanted |= gate
                    near = self.matcher.near_miss_gate(rule) if rule.near_miss else None
                    wanted |= near or set()
                self._wanted = frozenset(wanted)
            got = self._place_indexes[id(sentences)] = (
                sentences, PlaceIndex(sentences, self.matcher.screen.present, self._wanted))
        return got[1]

    def _with_chapeaux(self, target: Node) -> list[Sentence]:
        """A referenced item is read with the chapeaux that introduce it ("(3)(d)" with "(3)").
        Kept per target (do not modify): one provision is referred to from many triggers."""
        key = ("with-chapeaux", id(target))
        got = self.cache.get(key)
        if got is None:
            got = subtree_sentences(target, self.cache)
            for anc in provision_ancestors(target):
                got.extend(chapeau_sentences(anc, self.cache))
            self.cache[key] = self._share(got)
        return got

    # ------------------------------------------------------------------ verdict
    def evaluate(self, rule: Rule, trigger: Trigger) -> Finding | None:
        """The finding `rule` makes of `trigger`, or None. With `keep_verdicts`, the verdict is
        kept with what it read, for `evaluate_again`."""
        if not self.keep_verdicts:
            return self._evaluate(rule, trigger)
        self._places_read = []
        try:
            result = self._evaluate(rule, trigger)
            self._remember(rule, trigger, result, self._places_read)
        finally:
            self._places_read = None
        return result

    def evaluate_again(self, rule: Rule, trigger: Trigger) -> Finding | None:
        """`evaluate` after an edit outside the trigger's provision: the kept verdict if nothing
        it read changed (`_forget_verdicts`): the same sentences of the same nodes; of the places
        read once per rule, the same reading; the same general clauses and definitions."""
        got = self._verdicts.get((id(rule), id(trigger.unit)))
        if got is not None and got[0] is rule and got[1] is trigger and all(
                self._reading_of(rule, sentences) is reading for sentences, reading in got[2]):
            index_places = self._index_places(rule, trigger)
            if len(index_places) == len(got[4]) and all(a is b for a, b in zip(index_places, got[4])):
                return got[3]
        return self.evaluate(rule, trigger)

    def _reading_of(self, rule: Rule, sentences: list[Sentence]) -> PlaceReading | None:
        got = self._per_run.get(("place-reading", id(rule), id(sentences)))
        return got[1] if got is not None else None

    def _remember(self, rule: Rule, trigger: Trigger, result: Finding | None,
                  places: list[list[Sentence]]) -> None:
        nodes = {id(n) for n in trigger.unit.walk()}
        readings = []
        for sentences in places:
            if len(sentences) >= _SHARED_MIN and id(sentences) in self._shared:
                readings.append((sentences, self._reading_of(rule, sentences)))
            else:
                nodes.update(id(x.node) for x in sentences)
        key = (id(rule), id(trigger.unit))
        self._verdicts[key] = (rule, trigger, readings, result, self._index_places(rule, trigger))
        if len(self._verdict_readers) > _MAX_ANSWERS:
            self._forget_verdicts(None)
        for n in nodes:
            self._verdict_readers.setdefault(n, set()).add(key)

    def _forget_verdicts(self, nodes: list[Node] | None) -> None:
        """Forget the kept verdicts that read the sentences of `nodes` (None: all of them)."""
        if nodes is None:
            self._verdicts.clear()
            self._verdict_readers.clear()
            return
        for n in nodes:
            for key in self._verdict_readers.pop(id(n), ()):
                self._verdicts.pop(key, None)

    def _evaluate(self, rule: Rule, trigger: Trigger) -> Finding | None:
        rejected: list[tuple[Sentence, re.Match, list[re.Match]]] = []
        looked: list[str] = []
        looked_set: set[str] = set()   # a trigger may look in thousands of places
        seen = Seen()
        reading = rule.readings.get(self.jurisdiction) if self.jurisdiction else None
        if reading is not None and reading.trigger_is_finding:
            return self._finding(rule, trigger, rejected, [])
        if rule.flag_when == "qualified":
            return self._qualified(rule, trigger)
        if rule.each_limb and self._limb_without(rule, trigger):
            return self._finding(rule, trigger, rejected, [self.messages.text("the_provision")], limb=True)
        # A qualifier in the triggering sentence itself ("for such period as the court deems
        # appropriate", "where appropriate") decides: a safeguard elsewhere cannot cure it.
        decisive = self.matcher.disqualifier(rule.safeguard, trigger.sentence.text) \
            if rule.decisive_qualifier else None
        if decisive is not None:
            own = self.matcher.positive(rule.safeguard, trigger.sentence.text)
            rejected.append((trigger.sentence, decisive, own or [decisive]))
            return self._finding(rule, trigger, rejected, [self.messages.text("the_provision")])
        places = self.scope(rule, trigger)
        for label, sentences in places:
            if label not in looked_set:
                looked_set.add(label)
                looked.append(label)
            if len(sentences) >= _SHARED_MIN and id(sentences) in self._shared:
                place = self._place_reading(rule, sentences)
                if place.satisfied(trigger.topics, seen):
                    return None
                # `_finding` quotes the first _MAX_EVIDENCE rejected sentences, no more.
                place.reject_into(rejected, trigger.topics, seen, _MAX_EVIDENCE)
                seen.add_all(place.keys)
                continue
            for s in sentences:
                key = sentence_key(s)
                if key in seen:
                    continue
                seen.add(key)
                found = self.matcher.positive(rule.safeguard, s.text)
                if found is None:
                    near = self.matcher.first(rule.near_miss, s.text) if rule.near_miss else None
                    bad = self.matcher.disqualifier(rule.safeguard, s.text) if near else None
                    if bad is not None:
                        rejected.append((s, bad, [near]))
                    continue
                if trigger.topics:
                    # A ground that names no topic ("a request shall be refused if ...") covers every
                    # one; a ground about another topic does not.
                    topics = self.matcher.topics(rule.same_topic, s.text)
                    if topics and not (trigger.topics & topics):
                        continue
                bad = self.matcher.disqualifier(rule.safeguard, s.text)
                if bad is None:
                    return None
                rejected.append((s, bad, found))
        return self._finding(rule, trigger, rejected, looked)

    def _qualified(self, rule: Rule, trigger: Trigger) -> Finding | None:
        """`flag_when: qualified`: the provision is a safeguard clause, and a qualifier on a safeguard
        it states or imports ("as appropriate", "inter alia", domestic law only) is the defect.
        Items are read with their chapeaux: "shall not be used ... except-- (a) in accordance with
        any other enactment"."""
        rejected: list[tuple[Sentence, re.Match, list[re.Match]]] = []
        looked: list[str] = []
        seen: set[tuple[int, int, str]] = set()
        for label, sentences in self.scope(rule, trigger):
            looked.append(label)
            for s in sentences:
                readings = [s]
                if s.node.is_enumerated and s is node_sentences(s.node, self.cache)[0]:
                    joined = joined_sentence(s.node, self.cache)
                    if joined is not None:
                        readings.append(joined)
                for r in readings:
                    key = (r.line, r.column, r.text[:40])
                    if key in seen:
                        continue
                    seen.add(key)
                    found = self.matcher.positive(rule.safeguard, r.text)
                    bad = self.matcher.disqualifier(rule.safeguard, r.text) if found is not None else None
                    if bad is not None:
                        if not any(o.node is r.node and b.group(0) == bad.group(0) for o, b, _ in rejected):
                            rejected.append((r, bad, found))
                        break
        return self._finding(rule, trigger, rejected, looked) if rejected else None

    def _limb_without(self, rule: Rule, trigger: Trigger) -> bool:
        """True if a later limb of the unit's own text carries no safeguard of its own."""
        for s in node_sentences(trigger.unit, self.cache):
            for sep in rule.each_limb:
                parts = self.matcher._pat(sep).split(s.text)
                if len(parts) < 2:
                    continue
                if any(not self.matcher.satisfied(rule.safeguard, p) for p in parts[1:]):
                    return True
        return False

    def _finding(self, rule: Rule, trigger: Trigger, rejected, looked: list[str],
                 limb: bool = False) -> Finding:
        unit = trigger.unit
        first_seg = unit.segments[0] if unit.segments else None
        line = first_seg.line if first_seg else unit.start_line
        column = first_seg.column if first_seg else 1
        end_line = max(unit.end_line, line)
        end_column = len(self.document.line_text(end_line)) + 1
        trigger_quote = _quote(trigger.sentence.text, trigger.found)
        says = self.messages.text
        message = rule.message.replace("{provision}", unit.path).replace("{trigger}", says("quote", text=trigger_quote))
        reading = rule.readings.get(self.jurisdiction) if self.jurisdiction else None
        if reading is not None:
            # Which legal-system reading of the rule was applied (civil-law, treaty, ...).
            message += " " + says("reading", note=reading.note)
        evidence: list[Evidence] = []
        if limb:
            message += "; " + says("limb")
        for s, bad, found in rejected[:_MAX_EVIDENCE]:
            evidence.append(Evidence(
                message=says("rejected", quote=_quote(s.text, found), qualifier=" ".join(bad.group(0).split())),
                provision=s.node.path, line=s.line, end_line=s.line, quote=_quote(s.text)))
        if evidence and rule.flag_when == "qualified":
            message += ". " + says("qualified_by", items="; ".join(
                f"{says('quote', text=' '.join(bad.group(0).split()))} ({s.node.path})"
                for s, bad, _ in rejected[:_MAX_EVIDENCE]))
        elif evidence:
            first = rejected[0]
            stated, qualifier = _quote(first[0].text, first[2]), " ".join(first[1].group(0).split())
            if stated == qualifier or first[2] == [first[1]]:
                # The qualifier is itself what the provision says ("any criminal offence").
                message += ". " + says("says_only", provision=first[0].node.path, qualifier=_quote(qualifier))
            else:
                message += ". " + says("only_with", provision=first[0].node.path, quote=stated, qualifier=qualifier)
        elif not limb and looked:
            message += ". " + says("looked_in", places=", ".join(looked[:4]) + (" …" if len(looked) > 4 else ""))
        fix = self._fix(rule, unit)
        return Finding(code=rule.code, rule=rule.name, category=rule.category,
                       severity=rule.severity, provision=unit.path, line=line, column=column,
                       end_line=end_line, end_column=end_column, message=message,
                       evidence=evidence, suggestion=rule.fix.wording, fix=fix,
                       provision_text=" ".join(unit.subtree_text().split()))

    def _fix(self, rule: Rule, unit: Node) -> Fix | None:
        if not unit.segments:
            return None
        if rule.fix.insert == "end-of-provision":
            seg = unit.segments[-1]
            text = seg.text.rstrip()
            return Fix(line=seg.line, column=seg.column + len(text), text=" " + rule.fix.wording,
                       safety=rule.fix.safety, title=rule.fix.title or rule.summary)
        seg = unit.segments[0]
        m = re.search(r"[.;:](?=\s|$)", seg.text)
        pos = m.start() if m else len(seg.text.rstrip())
        return Fix(line=seg.line, column=seg.column + pos, text=", " + rule.fix.wording,
                   safety=rule.fix.safety, title=rule.fix.title or rule.summary)


def _event_signature(event) -> tuple:
    """What a verdict takes from a place's event: where the sentence is, what it says, what matched."""
    s = event.sentence
    return (event.key, s.text, s.node.path, s.line,
            None if event.bad is None else (event.bad.start(), event.bad.group(0)),
            tuple((m.start(), m.group(0)) for m in event.found),
            None if event.topics is None else frozenset(event.topics))


def _earlier_alineas(unit: Node) -> list[Node]:
    """The alinéas of the unit's article before the one it is in, nearest first."""
    alinea = next((n for n in [unit, *unit.ancestors()] if n.kind == ALINEA), None)
    if alinea is None or alinea.parent is None:
        return []
    siblings = [c for c in alinea.parent.children if c.kind == ALINEA]
    return list(reversed(siblings[:siblings.index(alinea)]))


def _conjunctive(item: Node) -> bool:
    """Whether `item` is one of a list of cumulative conditions ("...; and" before the last)."""
    parent = item.parent
    if parent is None:
        return False
    items = parent.enumerated_children()
    if len(items) < 2:
        return False
    penultimate = items[-2].text.rstrip()
    return bool(re.search(r"\band$", penultimate, re.IGNORECASE))


def _leaves(node: Node) -> list[Node]:
    out = []
    for child in node.enumerated_children():
        if child.enumerated_children():
            out.extend(_leaves(child))
        else:
            out.append(child)
    return out





def run_rules(document: Document, config: Config | None = None, ruleset: RuleSet | None = None) -> list[Finding]:
    """Findings of the selected rules. Each provision is read with the lexicon of its language
    (legislint.language), under the document's legal system (legislint.jurisdiction); messages
    are in `message_lang`, else the document's language, else English (legislint.i18n)."""
    return RuleRun(document, config, ruleset).findings()


class RuleRun:
    """The selected rules, as the document's legal system reads them, applied to one document.

    legislint.incremental keeps one between edits: after `edited(node)` it reads only what the
    edit changed, and `findings(within=...)` reads only the provisions it names."""

    def __init__(self, document: Document, config: Config | None = None,
                 ruleset: RuleSet | None = None, screens: dict[str, Screen] | None = None,
                 keep_verdicts: bool = False) -> None:
        """`screens` (language -> Screen) keep what patterns were found in which texts from one
        run to the next of the same text as it is edited (legislint.incremental): the answers
        hold for the words, whatever the tree. `keep_verdicts`: each verdict is kept with what
        it read, for `DocumentRun.evaluate_again` after edits elsewhere."""
        from legislint.jurisdiction import jurisdiction

        self.document = document
        self.config = config = config or Config()
        language_dirs = tuple(getattr(config, "language_dirs", ()) or ())
        if "language" not in document.meta or getattr(config, "lang", None):
            annotate(document, getattr(config, "lang", None), language_dirs)
        rulesets: dict[str, RuleSet] = {}
        for lang in document_languages(document):
            if ruleset is not None and ruleset.lexicon.language == lang:
                rulesets[lang] = ruleset
            else:
                rulesets[lang] = load_ruleset(config, lang)
        self.rulesets = rulesets
        self.jurisdiction = jurisdiction(document, config, [rs.lexicon for rs in rulesets.values()])
        messages = catalog(message_language(config, document), language_dirs)
        #: (run, rules it applies) per language of the text.
        self.runs: list[tuple[DocumentRun, list[Rule]]] = []
        for lang, rs in rulesets.items():
            screen = screens.setdefault(lang, Screen()) if screens is not None else Screen()
            rules = []
            for rule in rs.select(config.select, config.ignore):
                # The rule as this legal system reads it, worded in the language of the messages.
                rule = messages.rule(rule).read_as(self.jurisdiction)
                gaps = rs.lexicon.borrowed(rule.safeguard.phrases())
                if gaps:
                    # English phrases for the safeguard would never match this language's text: every
                    # provision would be flagged. The rule is not applied, and the report says why.
                    document.meta.setdefault("rules_not_applied", []).append(
                        {"rule": rule.code, "language": lang, "entries": gaps})
                    continue
                rules.append(rule)
            _plan_ahead(screen, rs.lexicon, rules)
            run = DocumentRun(document, rs, language=lang if len(rulesets) > 1 else None,
                              jurisdiction=self.jurisdiction, messages=messages, screen=screen)
            run.keep_verdicts = keep_verdicts
            self.runs.append((run, rules))
        #: (run, rule code) -> the provisions the rule applied to at the last `findings`.
        self._units: dict[tuple[int, str], list[Trigger]] = {}

    def findings(self, within: list[Node] | None = None, whole: frozenset[str] = frozenset(),
                 spans: list[tuple[int, int]] | None = None) -> list[Finding]:
        """The findings of every rule; with `within`, only of the provisions inside those nodes,
        except for the rules whose codes are in `whole`, which read again every provision they
        apply to. The provisions a rule applies to are kept from the last call outside `spans`
        (lines; by default those of `within`): a provision triggers a rule by its own words."""
        config = self.config
        findings: list[Finding] = []
        if within is not None and spans is None:
            spans = [(n.start_line, n.end_line) for n in within]
        for k, (run, rules) in enumerate(self.runs):
            for rule in rules:
                triggers = self._units_of(k, run, rule, within, spans)
                if within is not None and rule.code not in whole:
                    triggers = [t for t in triggers if any(lo <= t.unit.start_line <= hi for lo, hi in spans)]
                again = within is not None and rule.code in whole
                flagged = []
                for trigger in triggers:
                    if again and not any(lo <= trigger.unit.start_line <= hi for lo, hi in spans):
                        finding = run.evaluate_again(rule, trigger)
                    else:
                        finding = run.evaluate(rule, trigger)
                    if finding is not None:
                        flagged.append((trigger.unit, finding))
                findings.extend(_collapse(flagged, self.document))
        for f in findings:
            override = config.severity.get(f.code) or config.severity.get(f.rule) or config.severity.get(f.category)
            if override:
                f.severity = override
        findings.sort(key=Finding.sort_key)
        return findings

    def _units_of(self, k: int, run: DocumentRun, rule: Rule, within: list[Node] | None,
                  spans: list[tuple[int, int]] | None) -> list[Trigger]:
        """The provisions `rule` applies to in the whole text: those of the last call outside
        `spans`, and those found again inside `within`."""
        key = (k, rule.code)
        cached = self._units.get(key)
        if within is None or cached is None:
            self._units[key] = got = run.units(rule)
            return got
        kept = [t for t in cached if not any(lo <= t.unit.start_line <= hi for lo, hi in spans)]
        got = self._units[key] = sorted(kept + run.units(rule, within), key=lambda t: t.unit.start_line)
        return got

    def edited(self, node: Node) -> None:
        """The words of `node` changed, and nothing else (legislint.reparse)."""
        for run, _ in self.runs:
            run.edited(node)

    def may_be_cited(self, number: str) -> bool:
        """Whether a citation of the text may name article `number` (`DocumentIndex.may_be_cited`)."""
        return any(run.index.may_be_cited(number) for run, _ in self.runs)

    def replaced(self, old: list[Node], new: list[Node]) -> tuple[list[Node], frozenset[str]]:
        """Articles `new` took the place of `old` (legislint.reparse.rebuild_articles). Returns
        the provisions elsewhere to read again with them, and the codes of the rules to apply to
        the whole text again (those reading definitions, if the articles define terms; those
        reading general clauses, if one in them governs the whole text)."""
        provisions: list[Node] = []
        codes: set[str] = set()
        for run, rules in self.runs:
            reach = run.replaced(old, new)
            provisions.extend(reach.provisions)
            for part in reach.governed:
                if part.kind == DOCUMENT:
                    codes |= {r.code for r in rules if any(look.scope == "general" for look in r.look_in)}
                else:
                    provisions.extend(_provisions_in(part))
            if reach.definitions:
                codes |= {r.code for r in rules if any(look.scope == "definitions" for look in r.look_in)}
        return unique_nodes(provisions), frozenset(codes)


def _plan_ahead(screen: Screen, lexicon: Lexicon, rules: list[Rule]) -> None:
    """Plan every pattern the run will search before it reads a word: a pattern planned later
    brings needles that every word already read must be searched for again."""
    for name in ("general-clause", "definition"):
        if lexicon.has(name):
            screen.planned(lexicon.pattern(name))
    for rule in rules:
        for phrase in rule.phrases():
            screen.planned(lexicon.compile_phrase(phrase))
        for topic in rule.same_topic:
            screen.planned(lexicon.pattern(topic))


def _provisions_in(part: Node) -> list[Node]:
    """The provisions a general clause governing `part` applies to: `part` if it is one, else
    every article and loose item of the division."""
    if part.kind not in (DIVISION, DOCUMENT):
        return [part]
    return [n for n in part.walk() if n.kind not in (DIVISION, DOCUMENT)
            and n.parent is not None and n.parent.kind in (DIVISION, DOCUMENT)]


def _collapse(flagged: list[tuple[Node, Finding]], document: Document) -> list[Finding]:
    """Items of one provision that all fail the same rule are reported once, at the provision:
    "(a)" and "(b)" of a section that lacks a mental element are one defect of the section, not
    two. A provision keeps separate findings when any of its items is sound, and numbered
    paragraphs that stand as sentences of their own are never merged."""
    by_node: dict[int, tuple[Node, Finding]] = {id(n): (n, f) for n, f in flagged}
    changed = True
    while changed:
        changed = False
        parents = {id(n.parent): n.parent for n, _ in by_node.values()
                   if n.is_enumerated and n.parent is not None
                   and (n.parent.is_enumerated or n.parent.kind == ARTICLE)}
        for parent in parents.values():
            items = parent.enumerated_children()
            if len(items) < 2 or id(parent) in by_node or not all(id(c) in by_node for c in items) \
                    or not continues_into_items(parent):
                continue
            merged = [by_node.pop(id(c))[1] for c in items]
            by_node[id(parent)] = (parent, _merged(parent, items, merged, document))
            changed = True
    return [f for _, f in by_node.values()]


def _merged(parent: Node, items: list[Node], findings: list[Finding], document: Document) -> Finding:
    first = findings[0]
    seg = parent.segments[0] if parent.segments else None
    line = seg.line if seg else parent.start_line
    column = seg.column if seg else 1
    end_line = max(f.end_line for f in findings)
    span = f"{items[0].label}–{items[-1].label}"
    message = first.message
    if message.startswith(first.provision):
        message = f"{parent.path} {span}" + message[len(first.provision):]
    evidence = []
    for f in findings:
        evidence.extend(e for e in f.evidence if e not in evidence)
    return replace(first, provision=parent.path, line=line, column=column, end_line=end_line,
                   end_column=len(document.line_text(end_line)) + 1, message=message,
                   evidence=evidence[:_MAX_EVIDENCE],
                   provision_text=" ".join(parent.subtree_text().split()))
