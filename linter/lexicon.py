"""Lexicons: named vocabularies of phrases, compiled to regular expressions.

Phrases are written for lawyers (see the header of rules/lexicon/en.yaml); this module turns them
into one compiled pattern per entry. Rules refer to entries by name, so they stay
language-neutral: each language's lexicon supplies its own phrases for the same names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path


from legislint.errors import RuleError
from legislint.yaml_data import load_round_trip

#: "..." — up to twenty words, never across a sentence end; before a comma (", ... ,") the comma
#: that ends the gap is the next piece's.
_GAP = r"(?:[\s,]+[^\s.;:!?,]+){0,20}?[\s,]+"
_GAP_TO_COMMA = r"(?:[\s,]+[^\s.;:!?,]+){0,20}?"
_TOKEN = re.compile(r"(\{[a-z0-9-]+\}|\.\.\.|\[[^\]\s]{1,20}\]|\(|\)\??|\||\s+|\*|,|[^\s(){}|*,.?\[]+|\.|\?|\[)")
_GAP_MARK = "\x01"
_COMMA_MARK = "\x02"
_REF = re.compile(r"\{([a-z0-9-]+)\}")
#: White space between words; none needed after an elided word ("d'une", "l'article").
_SEPARATOR = r"(?:(?<=['’])\s*|\s+)"
#: The end of a word: a word character may follow an elided one ("l'" in "l'article").
_WORD_END = r"(?:(?<=['’])|(?!\w))"
_APOSTROPHES = "'’"
#: How every lexicon pattern is compiled.
FLAGS = re.IGNORECASE | re.MULTILINE
_regex_cache: dict[tuple[str, int], re.Pattern] = {}


def compile_regex(source: str, flags: int = FLAGS) -> re.Pattern:
    """`re.compile` with a cache of its own: entries are nested in each other, so the same large
    source (10 KB for an authority) is asked for by validation, by rules and by the prefilter, and
    the `re` module's small cache does not keep it for the whole run."""
    key = (source, int(flags))
    pat = _regex_cache.get(key)
    if pat is None:
        pat = _regex_cache[key] = re.compile(source, flags)
    return pat


@dataclass
class Lexicon:
    language: str
    entries: dict[str, list[str]]
    source: str = "<lexicon>"
    lines: dict[str, int] = field(default_factory=dict)
    #: Entries this language's file lacks, read from the English lexicon instead (`language_lexicon`).
    fallbacks: list[str] = field(default_factory=list)
    _compiled: dict[str, str] = field(default_factory=dict, repr=False)
    _patterns: dict[str, re.Pattern] = field(default_factory=dict, repr=False)

    def has(self, name: str) -> bool:
        return name in self.entries

    def closure(self, phrases) -> set[str]:
        """Every entry the phrases name, directly or through other entries."""
        seen: set[str] = set()
        todo = [ref for p in phrases for ref in _REF.findall(p)]
        while todo:
            name = todo.pop()
            if name in seen or name not in self.entries:
                continue
            seen.add(name)
            todo.extend(ref for p in self.entries[name] for ref in _REF.findall(p))
        return seen

    def borrowed(self, phrases) -> list[str]:
        """The entries `phrases` rely on that this language reads from English (`fallbacks`)."""
        if not self.fallbacks:
            return []
        fallbacks = set(self.fallbacks)
        return sorted(n for n in self.closure(phrases) if n in fallbacks)

    def regex(self, name: str, _stack: tuple[str, ...] = ()) -> str:
        """The regular expression (source) matching any phrase of entry `name`."""
        if name in self._compiled:
            return self._compiled[name]
        if name not in self.entries:
            raise RuleError(f"unknown lexicon entry {{{name}}}", path=self.source)
        if name in _stack:
            raise RuleError(f"lexicon entry {{{name}}} refers to itself through "
                            f"{' -> '.join(_stack)}", path=self.source, line=self.lines.get(name))
        parts = [self.phrase_regex(p, _stack + (name,)) for p in self.entries[name]]
        rx = "(?:" + "|".join(parts) + ")"
        self._compiled[name] = rx
        return rx

    def phrase_regex(self, phrase: str, _stack: tuple[str, ...] = ()) -> str:
        phrase = phrase.strip()
        if phrase.startswith("re:"):
            return "(?:" + phrase[3:].strip() + ")"
        only = _REF.fullmatch(phrase)
        if only:
            # A bare "{entry}": its own phrases carry their word boundaries (", or ," has none).
            return self.regex(only.group(1), _stack)
        pieces: list[str | None] = []   # None = a word separator
        #: indices of pieces whose match cannot end in an apostrophe (a plain word): the separator
        #: and the word end after them need not allow for an elided word.
        plain: set[int] = set()
        last_word = ""
        for tok in _TOKEN.findall(phrase):
            if tok.isspace():
                pieces.append(None)
            elif tok == "...":
                pieces.append(_GAP_MARK)
            elif tok.startswith("{"):
                pieces.append(self.regex(tok[1:-1], _stack))
            elif tok.startswith("[") and len(tok) > 2:
                # a character class: offen[cs]e
                pieces.append("[" + re.escape(tok[1:-1]) + "]")
            elif tok == "(":
                pieces.append("(?:")
            elif tok in (")", ")?", "|"):
                pieces.append(tok)
            elif tok == "*":
                if len(pieces) - 1 in plain:
                    plain.add(len(pieces))
                pieces.append(r"\w*")
            elif tok == ",":
                pieces.append(_COMMA_MARK)
            elif tok == "?":
                # "judges?" — optional last letter, as in a regular expression
                if len(pieces) - 1 in plain and not any(c in _APOSTROPHES for c in last_word):
                    plain.add(len(pieces))
                pieces.append("?" if pieces and pieces[-1] is not None else r"\?")
            else:
                if tok[-1] not in _APOSTROPHES:
                    plain.add(len(pieces))
                last_word = tok[-2:]
                # An apostrophe matches the typographic one too: "l'article" = "l’article".
                pieces.append(re.escape(tok).replace("'", "['’]"))
        out: list[str] = []
        for i, piece in enumerate(pieces):
            if piece is None:
                prev = pieces[i - 1] if i else None
                nxt = pieces[i + 1] if i + 1 < len(pieces) else None
                if prev in (_GAP_MARK, _COMMA_MARK, "(?:", "|") or nxt in (_GAP_MARK, _COMMA_MARK):
                    continue
                if nxt in (")", "|") and prev == ")?":
                    continue
                # After an elided word ("l'", "d'") the next word follows without a space.
                out.append(r"\s+" if i - 1 in plain else _SEPARATOR)
            elif piece is _GAP_MARK:
                after = next((q for q in pieces[i + 1:] if q is not None), None)
                # ", ... ,": the comma that ends the gap is the next piece's, not the gap's.
                out.append(_GAP_TO_COMMA if after is _COMMA_MARK else _GAP)
            elif piece is _COMMA_MARK:
                out.append(r"\s*,\s*")
            else:
                out.append(piece)
        body = "".join(out)
        if not body:
            return "(?!)"
        # Whole words: phrases that begin or end with punctuation (", or ,") need no boundary.
        head = r"(?<![\w-])" if phrase[0] not in ",;:." else ""
        tail = "" if phrase[-1] in ",;:." else r"(?!\w)" if len(pieces) - 1 in plain else _WORD_END
        return head + body + tail

    def pattern(self, name: str) -> re.Pattern:
        pat = self._patterns.get(name)
        if pat is None:
            pat = self._patterns[name] = compile_regex(self.regex(name))
        return pat

    def compile_phrase(self, phrase: str) -> re.Pattern:
        """A rule may use a phrase directly ("keep confidential") or an entry ("{hedge}")."""
        return _compile_cached(self, phrase)

    def validate(self) -> None:
        for name in self.entries:
            try:
                self.pattern(name)
            except re.error as exc:
                raise RuleError(f"entry '{name}' does not compile: {exc}", path=self.source,
                                line=self.lines.get(name), field=name) from None


_phrase_cache: dict[tuple[int, str], re.Pattern] = {}


def _compile_cached(lexicon: Lexicon, phrase: str) -> re.Pattern:
    key = (id(lexicon), phrase)
    pat = _phrase_cache.get(key)
    if pat is None:
        try:
            pat = compile_regex(lexicon.phrase_regex(phrase))
        except re.error as exc:
            raise RuleError(f"phrase {phrase!r} does not compile: {exc}",
                            path=lexicon.source) from None
        _phrase_cache[key] = pat
    return pat


def load_lexicon_file(path: Path | str, text: str | None = None, validate: bool = True) -> Lexicon:
    source = str(path)
    if text is None:
        text = Path(path).read_text("utf-8")
    data = load_round_trip(text, source, RuleError)
    if not isinstance(data, dict) or not isinstance(data.get("entries"), dict):
        raise RuleError("a lexicon needs 'language' and a mapping 'entries'", path=source)
    entries: dict[str, list[str]] = {}
    lines: dict[str, int] = {}
    for name, phrases in data["entries"].items():
        line = data["entries"].lc.key(name)[0] + 1
        if not isinstance(phrases, list) or not all(isinstance(p, str) for p in phrases):
            raise RuleError("an entry is a list of phrases (strings)", path=source, line=line,
                            field=str(name))
        entries[str(name)] = [str(p) for p in phrases]
        lines[str(name)] = line
    lexicon = Lexicon(language=str(data.get("language", "en")), entries=entries, source=source,
                      lines=lines)
    if validate:
        lexicon.validate()
    return lexicon


def merge(base: Lexicon, extra: Lexicon) -> Lexicon:
    entries = {k: list(v) for k, v in base.entries.items()}
    for k, v in extra.entries.items():
        entries.setdefault(k, [])
        entries[k].extend(v)
    return Lexicon(language=base.language, entries=entries, source=f"{base.source}+{extra.source}",
                   lines={**base.lines, **extra.lines}, fallbacks=list(base.fallbacks))


@lru_cache(maxsize=8)
def packaged_lexicon(language: str = "en") -> Lexicon:
    ref = resources.files("legislint.rule_data").joinpath("lexicon", f"{language}.yaml")
    if not ref.is_file():
        raise RuleError(f"no lexicon for language '{language}'", path=f"rules/lexicon/{language}.yaml")
    return load_lexicon_file(f"rules/lexicon/{language}.yaml", ref.read_text("utf-8"))


@lru_cache(maxsize=16)
def language_lexicon(language: str = "en", extra_dirs: tuple[str, ...] = ()) -> Lexicon:
    """The lexicon rules read a `language` provision with: rules/lexicon/<language>.yaml, or
    <dir>/lexicon/<language>.yaml in a folder of `language_dirs` (a language added as data).

    An entry the language's file lacks is read from the English lexicon, so a rule never fails on
    a partial lexicon; the borrowed entries are listed in `Lexicon.fallbacks` (and reported by
    `legislint rules --lang`). References inside a borrowed phrase ("{data-object}") still resolve
    to the language's own entries."""
    if language == "en" and not any((Path(d) / "lexicon" / "en.yaml").is_file() for d in extra_dirs):
        return packaged_lexicon("en")
    own: Lexicon | None = None
    ref = resources.files("legislint.rule_data").joinpath("lexicon", f"{language}.yaml")
    if ref.is_file():
        own = load_lexicon_file(f"rules/lexicon/{language}.yaml", ref.read_text("utf-8"), validate=False)
    for directory in extra_dirs:
        path = Path(directory) / "lexicon" / f"{language}.yaml"
        if path.is_file():
            extra = load_lexicon_file(path, validate=False)
            own = extra if own is None else _merged(own, extra)
    if own is None:
        raise RuleError(f"no lexicon for language '{language}'", path=f"rules/lexicon/{language}.yaml")
    english = packaged_lexicon("en")
    entries = {k: list(v) for k, v in own.entries.items()}
    fallbacks = [name for name in english.entries if name not in entries]
    for name in fallbacks:
        entries[name] = list(english.entries[name])
    lexicon = Lexicon(language=language, entries=entries, source=own.source,
                      lines={**{n: english.lines.get(n, 0) for n in fallbacks}, **own.lines},
                      fallbacks=fallbacks)
    lexicon.validate()
    return lexicon


def _merged(base: Lexicon, extra: Lexicon) -> Lexicon:
    out = merge(base, extra)
    out.language = extra.language or base.language
    return out


def references(phrase: str) -> list[str]:
    return _REF.findall(phrase)
