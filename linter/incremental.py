"""Re-linting successive versions of one text, as an editor sends them, in the time of a keystroke.

`IncrementalLinter.lint(text)` returns what `lint_text(text)` returns. After an edit inside one
line it does less work, and only where the result cannot differ:

1. The tree is patched, not parsed again (legislint.reparse): the line keeps its shape, or, if
   the structure changes inside articles (a label, a line's end, a heading that goes), those
   articles alone are built again.
2. Only the provision holding the edit (or the rebuilt articles) is read by the rules. The other
   provisions keep their findings if nothing they read changed. They read the edited words
   through the rules' patterns, where a phrase is found or not (a safeguard in the whole text,
   a referenced paragraph, a general clause), and through the index of the whole text, which
   reads every citation, definition and general clause, where it is and what it says. A rule
   whose phrase is found in one version and not the other reads the whole text again; a change
   the index reads makes it mend itself (`DocumentIndex.replaced`) and name the provisions at
   the other end of each citation, which are read again too. A finding elsewhere that quotes
   the edited words is read again too: the whole text is linted.

A division heading that goes or appears rebuilds the region whose nesting it changes, read
as rebuilt articles are. Any other edit (a line added or removed, an article number a citation
names), or any doubt, lints the whole text again, which is always right.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from bisect import bisect_right
from copy import copy

from legislint.api import LintResult
from legislint.clauses import chapeau_sentences, joined_sentence, node_sentences, open_end
from legislint.config import Config
from legislint.engine import RuleRun
from legislint.findings import Finding
from legislint.model import ARTICLE, DIVISION, DOCUMENT, Node, unique_nodes
from legislint.parser import parse_keeping_lines
from legislint.readers.text import source_from_text
from legislint.reparse import (ParsedText, Rebuilt, edited_line, join_division, patch_line, rebuild_articles,
                               split_division)
from legislint.prefilter import Screen
from legislint.rules import RuleSet, load_ruleset
from legislint.suppressions import apply, scan

#: Modules whose own regular expressions read the words of sentences for the index of the whole
#: text (citations, definitions): their matches are part of a sentence's signature. (Those of
#: legislint.clauses cut a provision into sentences and join items to their chapeaux: what others
#: read of that is the sentences themselves, compared one by one.)
_TEXT_MODULES = ("legislint.scope", "legislint.references", "legislint.engine", "legislint.places",
                 "legislint.jurisdiction")
_WORD_START = re.compile(r"\S+")
#: Edits one `RuleRun` reads before it is made afresh (its caches grow with each edit).
_MAX_EDITS_PER_RUN = 1000
#: Changed lines read one by one (`_line_by_line`) before the text is linted afresh.
_MAX_LINES_APART = 20
#: The modes of `IncrementalLinter.last_mode`, cheapest first.
_MODE_COST = ["unchanged", "title", "article", "rebuilt", "article+rules", "rebuilt+rules", "patched", "full"]


class IncrementalLinter:
    """Lints versions of the text at `path` under one `config`; keeps the last parse and findings."""

    def __init__(self, path: str, config: Config | None = None) -> None:
        self.path = path
        self.config = config or Config()
        self._parsed: ParsedText | None = None
        self._ruleset: RuleSet | None = None
        self._run: RuleRun | None = None
        #: What patterns were found in which texts, kept across runs (`RuleRun`'s `screens`),
        #: and the versions read since they were made.
        self._screens: dict = {}
        self._versions_read = 0
        #: Edits read on `_run` since it was made.
        self._edits = 0
        #: Findings before suppressions, of the last version.
        self._findings: list[Finding] = []
        self._patterns: _Catalogue | None = None
        #: Whether the last edit that `_readers_of_change` could not place changed only
        #: citations or sentence bounds (rebuilding the article mends those).
        self._rebuildable = False
        #: How the last version was linted: "full", "patched" (tree patched, all rules run),
        #: "article" (one article read again), "article+rules" (and some rules over the whole
        #: text), "rebuilt" / "rebuilt+rules" (one article's structure built again, read with
        #: the provisions citing into it or cited by it), "title" (an article's title: no rule
        #: reads it) or "unchanged". For tests and the benchmark.
        self.last_mode = ""
        #: Why the last version was not read on a fast path ("" if it was).
        self.last_reason = ""

    # ------------------------------------------------------------------ public
    def lint(self, text: str) -> LintResult:
        self.last_reason = ""
        self._versions_read += 1
        source = source_from_text(text, self.path)
        scanned, directives = scan(source.text)
        findings = self._relint(scanned) if self._parsed is not None else None
        if findings is None:
            findings = self._full(scanned)
        self._findings = findings
        document = self._parsed.document
        if directives or self.config.suppress:
            # `apply` marks the findings it silences: the kept list must stay unmarked.
            findings = [copy(f) for f in findings]
        outcome = apply(findings, document, source.path, self.config, directives, self._ruleset)
        return LintResult(source=source, document=document, findings=outcome.active,
                          suppressed=outcome.suppressed, unused_suppressions=outcome.problems,
                          used_suppressions=outcome.used)

    # ------------------------------------------------------------------ full
    def _full(self, text: str) -> list[Finding]:
        config = self.config
        document, classifier = parse_keeping_lines(text, self.path, language=config.lang,
                                                   language_dirs=tuple(config.language_dirs))
        self._parsed = ParsedText(document, classifier)
        self._ruleset = load_ruleset(config, document.meta.get("language") or "en")
        return self._all_rules("full")

    def _all_rules(self, mode: str = "patched") -> list[Finding]:
        """Every rule over the whole tree, read afresh (after a patch: the parse was saved)."""
        document = self._parsed.document
        for key in ("jurisdiction", "jurisdiction_source", "rules_not_applied"):
            document.meta.pop(key, None)
        if self._versions_read > _MAX_EDITS_PER_RUN:
            # Bounded memory: what was found in the words of old versions goes too.
            self._screens, self._versions_read = {}, 0
        self._run = RuleRun(document, self.config, self._ruleset, screens=self._screens, keep_verdicts=True)
        self._edits = 0
        self._patterns = None
        self.last_mode = mode
        return self._run.findings()

    # ------------------------------------------------------------------ incremental
    def _relint(self, text: str) -> list[Finding] | None:
        parsed = self._parsed
        document = parsed.document
        if text == document.text:
            self.last_mode = "unchanged"
            return self._findings
        edit = edited_line(document.text, text)
        if edit is None:
            return self._line_by_line(text)
        index, new_line = edit
        place = parsed.segment_at(index + 1)
        node = place[0] if place is not None else None
        before = self._texts(node) if node is not None else None
        old_line = document.lines[index]
        patch = patch_line(parsed, index, new_line, text)
        if patch is None:
            rebuilt = rebuild_articles(parsed, index, new_line, text) or \
                join_division(parsed, index, new_line, text) or split_division(parsed, index, new_line, text)
            if rebuilt is None:
                self.last_reason = "a change of structure that rebuilding articles or a division's region cannot mend"
                return None
            return self._restructured(rebuilt, index, old_line)
        if patch.what == "number":
            # No rule reads a division's number; a finding may name the division.
            if self._jurisdiction_changed(index, old_line) or self._naming(patch.was):
                self.last_reason = "a finding names the renumbered division, or the legal system changed"
                return self._all_rules()
            self.last_mode = "title"
            return self._findings
        if patch.what == "title":
            if patch.node.kind == ARTICLE or not self._general_parts():
                # No rule reads an article's title, nor a division's but to find a code's general part.
                self.last_mode = "title"
                return self._findings
            self.last_reason = "a division's title (it may name a code's general part)"
            return self._all_rules()
        self._edits += 1
        if self._edits > _MAX_EDITS_PER_RUN:
            # Answers are kept by text, and every version of an edited sentence adds some:
            # now and then the run starts afresh, so that a long session stays in bounded memory.
            self.last_reason = f"{_MAX_EDITS_PER_RUN} edits read on one run: its caches start afresh"
            return self._all_rules()
        roots = _provisions_reading(node)
        spans = [(r.start_line, r.end_line) for r in roots]
        quoting = self._quoting((index + 1, index + 1), spans)
        if quoting is None:
            self.last_reason = "a finding elsewhere quotes the edited line"
            return self._all_rules()
        if quoting:
            # Read again with the edit, so that what they quote of it is the new wording.
            roots = unique_nodes([*roots, *quoting])
            spans = [(r.start_line, r.end_line) for r in roots]
        if self._jurisdiction_changed(index, old_line):
            self.last_reason = "the treaty obligations read to choose the legal system changed"
            return self._all_rules()
        after = self._texts(node)
        whole = self._readers_of_change(before, after)
        if whole is None and self._rebuildable:
            # Citations or sentence bounds changed: the article is built again, and the index
            # mends its citations (the tree is the same; the nodes are new).
            rebuilt = rebuild_articles(parsed, index, new_line, text)
            if rebuilt is not None:
                return self._restructured(rebuilt, index, old_line, (before, after), counted=True)
        if whole is None:
            return self._all_rules()
        self._run.edited(node)
        found = self._run.findings(within=roots, whole=whole)
        self.last_mode = "article" if not whole else "article+rules"
        kept = [f for f in self._findings if f.code not in whole and not _inside(f.line, spans)]
        return sorted(kept + found, key=Finding.sort_key)

    def _line_by_line(self, text: str) -> list[Finding] | None:
        """Several lines changed, none added or removed (edits that arrived while a lint ran):
        each is read as an edit of its own, in order; None if there are too many, or lines
        were added or removed."""
        old, new = self._parsed.document.lines, text.split("\n")
        changed = [i for i, (a, b) in enumerate(zip(old, new)) if a != b] if len(old) == len(new) else None
        if changed is None or len(changed) > _MAX_LINES_APART:
            self.last_reason = "lines added or removed, or many changed"
            return None
        lines = list(old)
        modes = []
        for i in changed:
            lines[i] = new[i]
            findings = self._relint("\n".join(lines)) if i != changed[-1] else self._relint(text)
            if findings is None:
                return None
            self._findings = findings
            modes.append(self.last_mode)
        self.last_mode = max(modes, key=_MODE_COST.index)
        return findings

    def _restructured(self, rebuilt: Rebuilt, index: int, old_line: str,
                      texts: tuple[list[str], list[str]] | None = None, counted: bool = False) -> list[Finding]:
        """Articles rebuilt after an edit that changed their structure (a label, a line's ends, a
        heading going): they are read again whole, with the provisions that cite into them or
        that they cite; the rules that read their words from elsewhere through a pattern that
        matches a sentence they lost or gained read the whole text again."""
        old, new = rebuilt.old, rebuilt.new
        if not counted:
            self._edits += 1
            if self._edits > _MAX_EDITS_PER_RUN:
                self.last_reason = f"{_MAX_EDITS_PER_RUN} edits read on one run: its caches start afresh"
                return self._all_rules()
            if self._jurisdiction_changed(index, old_line):
                self.last_reason = "the treaty obligations read to choose the legal system changed"
                return self._all_rules()
        if texts is None:
            texts = ([t for a in old for t in self._subtree_texts(a)], [t for a in new for t in self._subtree_texts(a)])
        whole = self._readers_of_edit(*texts)
        if whole is None:
            return self._all_rules()
        division = rebuilt.division
        if division is not None:
            # An article heading that went joined the division's own words: the index is not
            # mended for those, so it must not read them.
            own = _differing(self._texts(rebuilt.division_before), self._texts(division))
            got = self._readers((i, (t,)) for t in own for i in self._catalogue().matching(t))
            if got is None:
                return self._all_rules()
            if got[1]:
                self.last_reason = f"the index of the whole text reads a division's own words: {got[1]}"
                return self._all_rules()
            whole |= got[0]
        elsewhere, also = self._run.replaced(old, new)
        if division is not None:
            self._run.edited(division)
        cited = [n for n in rebuilt.numbers_added() if self._run.may_be_cited(n)]
        if cited:
            self.last_reason = f"a citation may name the new article number {cited[0]}"
            return self._all_rules()
        whole |= also
        roots = unique_nodes([*new, *(r for n in elsewhere for r in _provisions_reading(n))])
        spans = [(r.start_line, r.end_line) for r in roots] + [(a.start_line, a.end_line) for a in old]
        quoting = self._quoting((old[0].start_line, max(a.end_line for a in (*old, *new))), spans)
        if quoting is None:
            self.last_reason = "a finding elsewhere quotes the rebuilt article"
            return self._all_rules()
        if quoting:
            roots = unique_nodes([*roots, *quoting])
            spans += [(r.start_line, r.end_line) for r in quoting]
        found = self._run.findings(within=roots, whole=whole, spans=spans)
        self.last_mode = "rebuilt" if not whole else "rebuilt+rules"
        kept = [f for f in self._findings if f.code not in whole and not _inside(f.line, spans)]
        return sorted(kept + found, key=Finding.sort_key)

    def _naming(self, label: str) -> bool:
        """Whether a finding's words (message, provision, evidence, suggestion) hold `label`."""
        for f in self._findings:
            words = [f.message, f.provision, f.suggestion or "",
                     *(x for e in f.evidence for x in (e.message, e.provision, e.quote))]
            if any(label in w for w in words):
                return True
        return False

    def _general_parts(self) -> bool:
        """Whether a language of the text names general parts by their titles (legislint.scope)."""
        conventions = self._run.runs[0][0].index.conventions
        return any(conventions.language(lang).general_part_titles for lang in self._run.rulesets)

    def _jurisdiction_changed(self, index: int, old_line: str) -> bool:
        """Whether the edited text is read under another legal system (a treaty's obligations):
        only if the obligations found around the edited line changed."""
        from legislint.jurisdiction import jurisdiction

        lines = self._parsed.document.lines
        window = slice(max(0, index - 2), index + 3)
        after = "\n".join(lines[window])
        before = "\n".join(lines[window.start:index] + [old_line] + lines[index + 1:window.stop])
        patterns = [rs.lexicon.pattern("treaty-obligation") for rs in self._run.rulesets.values()
                    if rs.lexicon.has("treaty-obligation")]
        if all(_matches(p, before) == _matches(p, after) for p in patterns):
            return False
        meta = self._parsed.document.meta
        kept = {k: meta.pop(k) for k in ("jurisdiction", "jurisdiction_source") if k in meta}
        try:
            now = jurisdiction(self._parsed.document, self.config,
                               [rs.lexicon for rs in self._run.rulesets.values()])
        finally:
            meta.update(kept)
        return now != self._run.jurisdiction

    def _quoting(self, lines: tuple[int, int], spans: list[tuple[int, int]]) -> list[Node] | None:
        """The provisions, outside those read again (`spans`), of the findings that cite the
        edited lines (first, last) as evidence; None if one of them cannot be placed."""
        first, last = lines
        out: list[Node] = []
        for f in self._findings:
            if _inside(f.line, spans) or not any(e.line <= last and first <= e.end_line for e in f.evidence):
                continue
            place = self._parsed.segment_at(f.line)
            if place is None or place[0].kind in (DIVISION, DOCUMENT):
                return None
            out.extend(_provisions_reading(place[0]))
        return unique_nodes(out)

    # ------------------------------------------------------------------ signature
    @staticmethod
    def _texts(node: Node) -> list[str]:
        """What the rules can read of `node`'s words from elsewhere: its sentences, its item's
        sentence joined with its chapeaux, and, if its lead-in runs on into its items, each
        sentence that joins it with an item below it (the lengths differ when that changes)."""
        cache: dict = {}
        texts = [s.text for s in node_sentences(node, cache)]
        joined = joined_sentence(node, cache)
        if joined is not None:
            texts.append(joined.text)
        lead = chapeau_sentences(node, cache) if node.kind not in (DIVISION, DOCUMENT) else None
        if lead and open_end(lead[-1].text):   # (a division's words join no item's: `provision_ancestors`)
            for d in node.walk():
                joined = joined_sentence(d, cache) if d is not node else None
                if joined is not None:
                    texts.append(joined.text)
        return texts

    @staticmethod
    def _subtree_texts(root: Node) -> list[str]:
        """What the rules can read from elsewhere of the words of an article: the sentences of
        each of its provisions, and each item joined with its chapeaux."""
        cache: dict = {}
        texts = []
        for node in root.walk():
            texts.extend(s.text for s in node_sentences(node, cache))
            joined = joined_sentence(node, cache)
            if joined is not None:
                texts.append(joined.text)
        return texts

    def _readers_of_texts(self, texts: list[str]) -> frozenset[str] | None:
        """Codes of the rules that read, from elsewhere, sentences that appeared or went (`texts`)
        through a pattern that matches one of them (the index is mended apart); None if code
        this catalogue does not know reads one."""
        catalogue = self._catalogue()
        got = self._readers((i, (text,)) for text in texts for i in catalogue.matching(text))
        return None if got is None else frozenset(got[0])

    def _readers_of_edit(self, before: list[str], after: list[str]) -> frozenset[str] | None:
        """Codes of the rules that read, from elsewhere, what changed between the texts of
        rebuilt articles (the index is mended apart): as `_readers_of_change` reads a pattern,
        found or not in each text, if the texts are as many, paired in order (they read the
        same wherever each pattern's found or not stays the same); else as `_readers_of_texts`,
        every pattern that matches a text one side has and the other has not."""
        if len(before) != len(after):
            return self._readers_of_texts(_differing(before, after))
        got = self._readers_in_pairs(before, after)
        return None if got is None else frozenset(got[0])

    def _readers_in_pairs(self, before: list[str], after: list[str]) -> tuple[set[str], str | None] | None:
        """`_readers` of the patterns whose reading changed between each text and the one in
        its place (`_Catalogue.changed`)."""
        catalogue = self._catalogue()
        return self._readers((i, (old, new)) for old, new in zip(before, after) if old != new
                             for i in catalogue.changed(old, new))

    def _readers_of_change(self, before: list[str], after: list[str]) -> frozenset[str] | None:
        """Codes of the rules that read the edited words from other provisions through a pattern
        whose reading changed (`_Catalogue.changed`); None if the index of the whole text may
        have changed. Then `_rebuildable` says whether only citations, definitions, general
        clauses or sentence bounds did, which rebuilding the article mends."""
        self._rebuildable = False
        if len(before) != len(after):
            self.last_reason = "sentences split or joined"
            self._rebuildable = True
            return None
        got = self._readers_in_pairs(before, after)
        if got is None:
            return None
        codes, index = got
        if index:
            self.last_reason = f"the index of the whole text reads the change: {index}"
            self._rebuildable = True
            return None
        return frozenset(codes)

    def _readers(self, hits) -> tuple[set[str], str | None] | None:
        """Who reads the patterns of `hits` ((pattern index, the texts it read)): the rule codes,
        and the name of the first pattern the index reads; None if code this catalogue does not
        know reads one (`last_reason` says which)."""
        catalogue = self._catalogue()
        codes: set[str] = set()
        index = None
        for i, texts in hits:
            owners = catalogue.owners_reading(i, texts)
            if _GLOBAL in owners:
                self.last_reason = f"a pattern read over the whole text matches differently: {catalogue.names[i]}"
                return None
            if _INDEX in owners:
                index = index or catalogue.names[i]
            codes |= owners - {_INDEX}
        return codes, index

    def _catalogue(self) -> "_Catalogue":
        if self._patterns is None:
            rulesets = list(self._run.rulesets.values())
            screens = [run.index.screen for run, _ in self._run.runs]
            self._patterns = _Catalogue.of(rulesets, set(self._run.rulesets), screens,
                                           tuple(self.config.language_dirs))
        return self._patterns


def _provisions_reading(node: Node) -> list[Node]:
    """The provisions whose findings may change when `node`'s words change, other than through
    patterns (`_readers_of_change`): the provision it belongs to, below any division. An item
    hung from a division stands alone: it is read with its chapeaux and cumulative siblings only
    up to its article (`provision_ancestors`), and it has none. A division's own words go with
    the items hung from it."""
    if node.kind in (DIVISION, DOCUMENT):
        return node.enumerated_children()
    top = node
    while top.parent is not None and top.parent.kind not in (DIVISION, DOCUMENT):
        top = top.parent
    return [top]


def _differing(before: list[str], after: list[str]) -> list[str]:
    """The texts one list has more often than the other."""
    counts = Counter(before)
    counts.subtract(after)
    return [text for text, n in counts.items() if n]


def _inside(line: int, spans: list[tuple[int, int]]) -> bool:
    return any(lo <= line <= hi for lo, hi in spans)


#: Owner of a pattern ("this Section") that the index reads in general clauses only.
_IF_GENERAL = "general"
#: Owner of a pattern that code this catalogue does not know reads over the whole text: a
#: change in its matches may change what any provision reads.
_GLOBAL = "*"
#: Owner of a pattern the index of the whole text reads (citations, definitions, general
#: clauses): rebuilding the articles mends the index (`DocumentIndex.replaced`), which says
#: which provisions elsewhere to read again.
_INDEX = "index"
_WHOLE_TEXT_READERS = frozenset({_INDEX, _IF_GENERAL, _GLOBAL})


class _Catalogue:
    """Every pattern a sentence can be read with, and who reads other provisions' sentences
    with it: `_GLOBAL`, the codes of the rules that look for it in places outside the provision
    (safeguards, near misses, topics, mentions), or nobody (triggers, exceptions, conditions,
    read only on the provision itself, which is read again anyway)."""

    def __init__(self) -> None:
        self.patterns: list[re.Pattern] = []
        self.owners: list[set[str]] = []
        #: What each pattern is, for `IncrementalLinter.last_reason`.
        self.names: list[str] = []
        #: The patterns of general clauses ("the powers ... in this Section shall be subject to").
        self.general: list[re.Pattern] = []
        self._at: dict[int, int] = {}
        #: Tells from the words of a text which patterns cannot match it.
        self._screen = Screen()
        #: needle -> the patterns read from elsewhere that need it, and those that need none.
        self._by_needle: dict[str, list[int]] | None = None
        self._ungated: set[int] = set()

    def changed(self, old: str, new: str) -> set[int]:
        """Indices of the patterns read from elsewhere whose reading differs between two versions
        of a sentence. Rules read a phrase there only as found or not (what they quote of a
        sentence is checked apart: `_quoting`); the index reads every citation, where it
        is and what it says ("subsection (a)" or "(ia)")."""
        out: set[int] = set()
        screen = self._screen
        for i in sorted(self._read_from_elsewhere(old) | self._read_from_elsewhere(new)):
            pattern, owners = self.patterns[i], self.owners[i]
            if not (screen.may_match(pattern, old) or screen.may_match(pattern, new)):
                continue
            if owners & _WHOLE_TEXT_READERS:
                if _matches(pattern, old) != _matches(pattern, new) or \
                        [m.group(0) for m in pattern.finditer(old)] != [m.group(0) for m in pattern.finditer(new)]:
                    out.add(i)
            elif (screen.search(pattern, old) is None) != (screen.search(pattern, new) is None):
                out.add(i)
        return out

    def owners_reading(self, i: int, texts: tuple[str, ...]) -> set[str]:
        """Who reads pattern `i` in these texts: "this Section" matters to the index only in
        a general clause."""
        owners = self.owners[i]
        if _IF_GENERAL in owners:
            owners = owners - {_IF_GENERAL}
            if any(p.search(t) for p in self.general for t in texts):
                owners = owners | {_INDEX}
        return owners

    def matching(self, text: str) -> list[int]:
        """Indices of the patterns read from elsewhere that match `text` (those no one reads
        from elsewhere are left out: `changed`)."""
        screen = self._screen
        return [i for i in sorted(self._read_from_elsewhere(text))
                if screen.search(self.patterns[i], text) is not None]

    def _read_from_elsewhere(self, text: str) -> set[int]:
        """Indices of the patterns someone reads from elsewhere that may match `text`: those
        with a needle of their gate in its words, and those without a gate. Looked up from the
        text's needles, not asked of each of some hundred patterns."""
        if self._by_needle is None:
            self._by_needle, self._ungated = {}, set()
            for i, pattern in enumerate(self.patterns):
                if not self.owners[i]:
                    continue
                gate = Screen.gate(self._screen.planned(pattern))
                if gate is None:
                    self._ungated.add(i)
                for n in gate or ():
                    self._by_needle.setdefault(n, []).append(i)
        out = set(self._ungated)
        by_needle = self._by_needle
        for n in self._screen.present(text):
            hit = by_needle.get(n)
            if hit is not None:
                out.update(hit)
        return out

    def add(self, pattern: re.Pattern, owner: str | None, name: str = "") -> None:
        self._by_needle = None
        i = self._at.get(id(pattern))
        if i is None:
            i = self._at[id(pattern)] = len(self.patterns)
            self.patterns.append(pattern)
            self.owners.append(set())
            self.names.append(name or pattern.pattern[:40])
        if owner is not None:
            self.owners[i].add(owner)

    @classmethod
    def of(cls, rulesets: list[RuleSet], languages: set[str], screens: list,
           language_dirs: tuple[str, ...]) -> "_Catalogue":
        from legislint import references, scope

        cat = cls()
        for rs in rulesets:
            lexicon = rs.lexicon
            for name in ("general-clause", "definition"):
                if lexicon.has(name):
                    cat.add(lexicon.pattern(name), _INDEX, f"lexicon entry {name}")
            if lexicon.has("general-clause"):
                cat.general.append(lexicon.pattern("general-clause"))
            if lexicon.has("treaty-obligation"):
                # The legal system is read again after each edit and compared.
                cat.add(lexicon.pattern("treaty-obligation"), None)
            for rule in rs:
                for phrase in _place_phrases(rule):
                    cat.add(lexicon.compile_phrase(phrase), rule.code)
                for topic in rule.same_topic:
                    cat.add(lexicon.pattern(topic), rule.code)
                for phrase in rule.phrases():
                    if not (phrase.startswith("{") and phrase.endswith("}") and phrase[1:-1] in rule.same_topic):
                        cat.add(lexicon.compile_phrase(phrase), None)
        for name in _TEXT_MODULES:
            module = sys.modules.get(name)
            for attr, value in vars(module).items() if module else ():
                if isinstance(value, re.Pattern):
                    owner = _IF_GENERAL if value is scope._THIS else \
                        _INDEX if module in (references, scope) else _GLOBAL
                    cat.add(value, owner, f"{name}.{attr}")
        for lang in languages:
            reader = references.reader_for(lang, language_dirs)
            for attr, value in vars(reader).items() if reader else ():
                if isinstance(value, re.Pattern):
                    cat.add(value, _INDEX, f"citations ({lang}) {attr}")
        for pattern in scope.this_patterns():
            cat.add(pattern, _IF_GENERAL, "this <unit>")
        for screen in screens:
            for pattern in screen.patterns():
                if id(pattern) not in cat._at:
                    cat.add(pattern, _GLOBAL)   # asked by code this catalogue does not know
        return cat


def _place_phrases(rule) -> list[str]:
    """Phrases a rule looks for in the places a safeguard may sit (`DocumentRun.evaluate`)."""
    out = [*rule.safeguard.phrases(), *rule.near_miss]
    for look in rule.look_in:
        out.extend(look.must_mention)
    for reading in rule.readings.values():
        if reading.safeguard is not None:
            out.extend(reading.safeguard.phrases())
    return out


def _word_starts(text: str, _memo: dict = {}) -> list[int]:
    got = _memo.get(text)
    if got is None:
        if len(_memo) > 64:
            _memo.clear()
        got = _memo[text] = [m.start() for m in _WORD_START.finditer(text)]
    return got


def _matches(pattern: re.Pattern, text: str) -> tuple:
    """Every match of `pattern` in `text`: (word it starts in, offset in that word, word it ends
    in). Counted in words, a place survives an edit in another word; a match that only grows
    ("intercepts" for "intercept\\w*") is the same match to whoever reads it from elsewhere
    (quotes of the edited line are checked apart: `_quoting`)."""
    found = list(pattern.finditer(text))
    if not found:
        return ()
    starts = _word_starts(text)
    out = []
    for m in found:
        w = bisect_right(starts, m.start()) - 1
        out.append((w, m.start() - (starts[w] if w >= 0 else 0),
                    bisect_right(starts, max(m.start(), m.end() - 1)) - 1))
    return tuple(out)
