"""Rules as data: the schema of a rule file, loading with line-accurate errors, the rule set.

A rule file (rules/*.yaml) says, in words a lawyer can read: which clauses trigger the rule, what
safeguard is sought, where to look for it, what does not count, and what to tell the drafter. The
schema is the small closed set of things a rule can say; `legislint.engine` is its only reader.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterator, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from legislint.errors import RuleError
from legislint.yaml_data import load_round_trip, plain
from legislint.lexicon import Lexicon, language_lexicon, load_lexicon_file, merge, references

Scope = Literal["clause", "article", "references", "referrers", "definitions", "general", "document",
                "preceding"]
#: Legal systems a text can be read under (`jurisdiction` in the configuration, or detected).
Jurisdiction = Literal["civil-law", "common-law", "treaty"]
CORE_CATEGORIES = ("mens-rea", "prior-judicial-authorization", "optional-refusal", "gag-time-limit")


class Match(BaseModel):
    """A test on one sentence: all of `all`, at least one of `any` (if given), none of `none`."""

    model_config = ConfigDict(extra="forbid")
    all: list[str] = Field(default_factory=list)
    any: list[str] = Field(default_factory=list)
    none: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _not_empty(self) -> "Match":
        if not self.all and not self.any:
            raise ValueError("a match needs at least one phrase under 'all' or 'any'")
        return self

    def phrases(self) -> Iterator[str]:
        yield from self.all
        yield from self.any
        yield from self.none


class LookIn(BaseModel):
    """Where to look for the safeguard; `when` limits a scope to units that mention something."""

    model_config = ConfigDict(extra="forbid")
    scope: Scope
    when: list[str] = Field(default_factory=list)
    #: A sentence found in this scope counts only if it also mentions one of these: a use limit
    #: elsewhere in the text covers every transfer only if it speaks of the whole instrument
    #: ("information transferred under this Convention").
    must_mention: list[str] = Field(default_factory=list)


class FixSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")
    wording: str
    #: Where the wording goes: at the end of the provision's first sentence, or of its text.
    insert: Literal["end-of-first-sentence", "end-of-provision"] = "end-of-first-sentence"
    safety: Literal["safe", "unsafe", "display-only"] = "display-only"
    title: str = ""


class Reading(BaseModel):
    """How a rule reads texts of one legal system (`readings:` in a rule file).

    Civil-law penal codes make intent the default in their general part (FR Code pénal art. 121-3,
    ES Código Penal arts. 5 and 12): an offence silent on intent is intentional there, and what
    needs flagging is an offence that admits negligence or strict liability. A reading replaces
    the parts of the rule it names; the finding's message ends with the reading's `note`, so the
    reader sees which reading was applied."""

    model_config = ConfigDict(extra="forbid")
    trigger: list[Match] | None = None
    unless: list[Match] | None = None
    safeguard: Match | None = None
    #: The trigger is the defect itself: every triggering provision is a finding, no safeguard is
    #: sought ("par imprudence", "y compris par négligence" in a civil-law code).
    trigger_is_finding: bool = False
    message: str | None = None
    #: Appended to the message: which reading was applied and why.
    note: str

    def phrases(self) -> Iterator[str]:
        for m in [*(self.trigger or []), *(self.unless or []), *([self.safeguard] if self.safeguard else [])]:
            yield from m.phrases()


class Examples(BaseModel):
    model_config = ConfigDict(extra="forbid")
    flag: list[str] = Field(min_length=1)
    # "pass" is a Python keyword; the YAML key is `pass`.
    passes: list[str] = Field(alias="pass", min_length=1)


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    code: str = Field(pattern=r"^[A-Z]{2,5}[0-9]{3}$")
    name: str = Field(pattern=r"^[a-z][a-z0-9-]+$")
    category: str = Field(pattern=r"^[a-z][a-z0-9-]+$")
    group: Literal["core", "extended", "custom"] = "core"
    severity: Literal["info", "warning", "error"] = "warning"
    status: Literal["stable", "preview", "deprecated"] = "stable"
    summary: str
    #: What the rule flags, for the docs ("What it flags").
    description: str
    trigger: list[Match] = Field(min_length=1)
    unless: list[Match] = Field(default_factory=list)
    #: A provision listed under a lead-in that one of these matches is not a unit: the last
    #: sentence before the items of an enclosing provision ("An order ... shall specify",
    #: "The annual review shall provide") says the items describe a document's contents, and
    #: naming a measure there grants no power. Only lead-ins above the provision are read, never
    #: its own words.
    not_under: list[Match] = Field(default_factory=list)
    safeguard: Match
    look_in: list[LookIn] = Field(min_length=1)
    #: Lexicon entries naming topics (e.g. refusal grounds): a safeguard counts only if it covers
    #: every topic the triggering sentence raises.
    same_topic: list[str] = Field(default_factory=list)
    #: Disjunctive limbs split on these phrases must each carry the safeguard themselves
    #: ("knowingly receives, or, without excuse, possesses": the second limb has no intent).
    each_limb: list[str] = Field(default_factory=list)
    #: Sentences that mention one of these and carry a disqualifier of the safeguard ("judicial
    #: or other independent supervision", "as appropriate") are named in the finding as rejected,
    #: even when they do not have every element of the safeguard.
    near_miss: list[str] = Field(default_factory=list)
    #: Whether a disqualifier in the triggering sentence itself decides the verdict ("for such
    #: period as the court deems appropriate" cannot be cured elsewhere). Off where the
    #: disqualifier qualifies something else in that sentence.
    decisive_qualifier: bool = True
    #: `missing` (default): flag a triggered provision when no sentence in scope carries the
    #: safeguard unqualified. `qualified`: the triggering provision *is* a safeguard clause; flag it
    #: when a sentence in scope states the safeguard with a `none` qualifier ("as appropriate",
    #: "inter alia", domestic law as the only standard), the qualifier being the defect.
    flag_when: Literal["missing", "qualified"] = "missing"
    #: Legal system -> how the rule reads texts of that system (legislint.jurisdiction picks one).
    readings: dict[Jurisdiction, Reading] = Field(default_factory=dict)
    #: What the finding says: "{provision}" and "{trigger}" (the words that triggered it) are filled in.
    message: str
    rationale: str
    standards: list[str] = Field(min_length=1)
    fix: FixSpec
    examples: Examples
    references: list[str] = Field(default_factory=list)
    #: Previous names or codes of this rule, so old configuration keeps working.
    redirects: list[str] = Field(default_factory=list)
    #: Filled by the loader: the file this rule came from.
    source: str = ""

    @field_validator("standards")
    @classmethod
    def _non_blank(cls, v: list[str]) -> list[str]:
        if any(not s.strip() for s in v):
            raise ValueError("standards must not be blank")
        return v

    @property
    def suggestion(self) -> str:
        return self.fix.wording

    def read_as(self, jurisdiction: str | None) -> "Rule":
        """This rule as it reads texts of `jurisdiction` (itself if it has no such reading)."""
        reading = self.readings.get(jurisdiction) if jurisdiction else None
        if reading is None:
            return self
        update = {k: getattr(reading, k) for k in ("trigger", "unless", "safeguard", "message")
                  if getattr(reading, k) is not None}
        return self.model_copy(update=update)

    def phrases(self) -> Iterator[str]:
        for m in [*self.trigger, *self.unless, *self.not_under, self.safeguard]:
            yield from m.phrases()
        for li in self.look_in:
            yield from li.when
            yield from li.must_mention
        for reading in self.readings.values():
            yield from reading.phrases()
        for t in self.same_topic:
            yield "{" + t + "}"
        yield from self.each_limb
        yield from self.near_miss


def _line_of(data, loc: tuple) -> int | None:
    """Best line for a pydantic error location inside ruamel round-trip data (1-based)."""
    node = data
    line = None
    for key in loc:
        if isinstance(node, CommentedMap) and key in node:
            line = node.lc.key(key)[0] + 1
            node = node[key]
        elif isinstance(node, CommentedSeq) and isinstance(key, int) and key < len(node):
            line = node.lc.item(key)[0] + 1
            node = node[key]
        else:
            break
    return line


def parse_rule(text: str, source: str, lexicon: Lexicon) -> Rule:
    data = load_round_trip(text, source, RuleError)
    if not isinstance(data, CommentedMap):
        raise RuleError("a rule file is a mapping (code, name, category, ...)", path=source, line=1)
    try:
        rule = Rule.model_validate({**plain(data), "source": source})
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(err["loc"])
        field_name = ".".join(str(p) for p in loc) or None
        raise RuleError(err["msg"], path=source, line=_line_of(data, loc), field=field_name) from None
    for phrase in rule.phrases():
        for ref in references(phrase):
            if not lexicon.has(ref):
                raise RuleError(f"unknown lexicon entry {{{ref}}} in {phrase!r}", path=source,
                                line=_find_line(text, "{" + ref + "}"))
        try:
            lexicon.compile_phrase(phrase)
        except RuleError as exc:
            raise RuleError(exc.message, path=source, line=_find_line(text, phrase)) from None
    return rule


def _find_line(text: str, needle: str) -> int | None:
    pos = text.find(needle)
    return text.count("\n", 0, pos) + 1 if pos >= 0 else None


@dataclass
class RuleSet:
    rules: list[Rule]
    lexicon: Lexicon
    by_key: dict[str, Rule] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for rule in self.rules:
            for key in (rule.code, rule.name, *rule.redirects):
                self.by_key[key] = rule

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def get(self, key: str) -> Rule | None:
        return self.by_key.get(key)

    def categories(self) -> list[str]:
        seen: list[str] = []
        for rule in self.rules:
            if rule.category not in seen:
                seen.append(rule.category)
        return seen

    def select(self, select: list[str], ignore: list[str]) -> list[Rule]:
        """Rules chosen by code, name, category, group ("core", "extended") or "all"."""
        def matches(rule: Rule, key: str) -> bool:
            key = key.strip()
            return key in ("all", "ALL") or key in (rule.code, rule.name, rule.category, rule.group) \
                or key in rule.redirects or (key.isalnum() and key.isupper() and rule.code.startswith(key))
        chosen = [r for r in self.rules if not select or any(matches(r, k) for k in select)]
        return [r for r in chosen if not any(matches(r, k) for k in ignore)]

    def unknown_keys(self, keys: list[str]) -> list[str]:
        known = {"all", "ALL"}
        for r in self.rules:
            known.update((r.code, r.name, r.category, r.group, *r.redirects))
        return [k for k in keys if k not in known and not any(r.code.startswith(k) for r in self.rules)]


def _packaged_rule_texts() -> list[tuple[str, str]]:
    root = resources.files("legislint.rule_data")
    out = []
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml") and entry.is_file():
            out.append((f"rules/{entry.name}", entry.read_text("utf-8")))
    return out


@lru_cache(maxsize=16)
def _load(rule_dirs: tuple[str, ...], language: str, language_dirs: tuple[str, ...] = ()) -> RuleSet:
    lexicon = language_lexicon(language, language_dirs)
    texts = _packaged_rule_texts()
    for directory in rule_dirs:
        d = Path(directory)
        if not d.is_dir():
            raise RuleError("rule directory does not exist", path=str(d))
        extra_lexicon = d / "lexicon" / f"{language}.yaml"
        if extra_lexicon.is_file():
            lexicon = merge(lexicon, load_lexicon_file(extra_lexicon))
        english_extra = d / "lexicon" / "en.yaml"
        if language != "en" and english_extra.is_file():
            # Custom entries this language's lexicon lacks are read in English (as packaged ones).
            borrowed = load_lexicon_file(english_extra, validate=False)
            missing = {k: v for k, v in borrowed.entries.items() if k not in lexicon.entries}
            if missing:
                fallbacks = list(lexicon.fallbacks) + list(missing)
                lexicon = merge(lexicon, type(borrowed)(language="en", entries=missing,
                                                        source=borrowed.source))
                lexicon.fallbacks = fallbacks
        for f in sorted(d.glob("*.yaml")):
            texts.append((str(f), f.read_text("utf-8")))
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for source, text in texts:
        rule = parse_rule(text, source, lexicon)
        for key in (rule.code, rule.name):
            if key in seen:
                raise RuleError(f"'{key}' is already defined in {seen[key]}", path=source, line=1)
            seen[key] = source
        rules.append(rule)
    return RuleSet(rules=sorted(rules, key=lambda r: r.code), lexicon=lexicon)


def load_ruleset(config=None, language: str = "en") -> RuleSet:
    """The rules, with the lexicon of `language` (English entries fill what it lacks)."""
    rule_dirs = tuple(getattr(config, "rule_dirs", ()) or ())
    language_dirs = tuple(getattr(config, "language_dirs", ()) or ())
    return _load(rule_dirs, language, language_dirs)
