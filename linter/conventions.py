"""Heading keywords and numbering per language, loaded from grammar/conventions.yaml (data, not code).

The line lexer reads every language at once: its regular expressions join the keywords of all
languages, so a French article inside an English text is still a heading. What a keyword or a
number means in one language (how it is cited, whether unnumbered paragraphs are units, how the
text refers to itself) stays per language, in `LanguageConventions`.

More languages can be added from folders (`language_dirs` in the configuration): each folder may
hold a `conventions.yaml` with the same layout, whose blocks are added to the packaged ones.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ruamel.yaml import YAML

from legislint.errors import RuleError


@dataclass(frozen=True)
class LanguageConventions:
    """How one language drafts and cites (one block of conventions.yaml)."""

    code: str
    article_keywords: tuple[str, ...] = ()
    division_keywords: tuple[str, ...] = ()
    uppercase_only_divisions: frozenset[str] = frozenset()
    article_citation: str = "{keyword} {number}"
    #: "{article}, alinéa {n}" if unnumbered paragraphs are units of their own, else None.
    alinea_citation: str | None = None
    body_on_heading_line: bool = False
    number_words: dict = field(default_factory=dict)
    references: dict = field(default_factory=dict)
    self_reference: dict = field(default_factory=dict)
    general_part_titles: tuple[str, ...] = ()
    conjunctions: tuple[str, ...] = ("and", "or")


@dataclass(frozen=True)
class Conventions:
    division_keywords: tuple[str, ...]   # outermost first
    article_keywords: tuple[str, ...]
    uppercase_only_divisions: frozenset[str]
    division_re: re.Pattern
    article_re: re.Pattern
    #: language code -> its conventions, in the order of the files.
    languages: dict = field(default_factory=dict)
    #: heading keyword (lower case, no final dot) -> languages that use it, in file order.
    keyword_languages: dict = field(default_factory=dict)
    #: number word (lower case) -> value, every language.
    number_words: dict = field(default_factory=dict)
    #: `normalize_number` answers so far (articles are looked up by number at every citation).
    _normal: dict = field(default_factory=dict, repr=False, compare=False)

    def division_rank(self, keyword: str) -> int:
        k = keyword.lower().rstrip(".")
        for i, kw in enumerate(self.division_keywords):
            if kw.lower().rstrip(".") == k:
                return i
        return len(self.division_keywords)

    def language(self, code: str | None) -> LanguageConventions:
        if code and code in self.languages:
            return self.languages[code]
        return self.languages.get("en") or next(iter(self.languages.values()))

    def languages_of_keyword(self, keyword: str | None) -> tuple[str, ...]:
        if not keyword:
            return ()
        return self.keyword_languages.get(keyword.lower().rstrip("."), ())

    def reading(self, keyword: str, language: str) -> tuple[LanguageConventions, bool, bool]:
        """How `language`'s text reads a heading keyword: (conventions, is a division keyword,
        is an article keyword). A keyword the language does not use is read as its first language
        does ("Artículo" in an English text)."""
        k = keyword.lower().rstrip(".")
        langs = self.languages_of_keyword(keyword)
        code = language if language in langs else (langs[0] if langs else language)
        lc = self.language(code)
        return (lc, any(d.lower().rstrip(".") == k for d in lc.division_keywords),
                any(a.lower().rstrip(".") == k for a in lc.article_keywords))

    def normalize_number(self, number: str) -> str:
        """The key an article number is looked up by: "L. 242-1" = "L242-1", "8º" = "8",
        "cuarto" = "4", "588 bis  a" = "588 bis a"."""
        got = self._normal.get(number)
        if got is None:
            if len(self._normal) > 100_000:
                self._normal.clear()
            got = self._normal[number] = self._normalize(number)
        return got

    def _normalize(self, number: str) -> str:
        n = " ".join(number.replace("\u00a0", " ").split()).lower()
        n = re.sub(r"\.?[ºª°]", "", n)
        n = re.sub(r"^([a-z]{1,2})\.\s?(?=\d)", r"\1", n)
        n = re.sub(r"^([a-z]{1,2})\s(?=\d)", r"\1", n)
        if n in self.number_words:
            return str(self.number_words[n])
        return n.rstrip(".")


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_ENGLISH_NUMBER_WORDS = ("ONE|TWO|THREE|FOUR|FIVE|SIX|SEVEN|EIGHT|NINE|TEN|"
                         "One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten")
_ORDINAL_MARK = r"(?:\.?[ºª°])"


def _read_blocks(extra_dirs: tuple[str, ...]) -> list[tuple[str, dict]]:
    text = resources.files("legislint.grammar").joinpath("conventions.yaml").read_text("utf-8")
    blocks = list(YAML(typ="safe").load(text)["languages"].items())
    for directory in extra_dirs:
        path = Path(directory) / "conventions.yaml"
        if not path.is_file():
            continue
        try:
            data = YAML(typ="safe").load(path.read_text("utf-8")) or {}
        except Exception as exc:  # noqa: BLE001 - reported with the file named
            raise RuleError(f"not valid YAML: {exc}", path=str(path)) from None
        if not isinstance(data.get("languages"), dict):
            raise RuleError("a conventions file needs a mapping 'languages'", path=str(path))
        blocks.extend(data["languages"].items())
    return blocks


@lru_cache(maxsize=8)
def load_conventions(extra_dirs: tuple[str, ...] = ()) -> Conventions:
    divisions: list[str] = []
    articles: list[str] = []
    upper_only: set[str] = set()
    prefixes: set[str] = set()
    suffixes: set[str] = set()
    ordinal_suffixes: set[str] = set()
    number_words: dict[str, int] = {}
    keyword_languages: dict[str, list[str]] = {}
    languages: dict[str, LanguageConventions] = {}
    for code, lang in _read_blocks(extra_dirs):
        code = str(code)
        for kw in lang.get("divisions", []):
            if kw not in divisions:
                divisions.append(kw)
            keyword_languages.setdefault(kw.lower().rstrip("."), []).append(code)
        for kw in lang.get("articles", []):
            if kw not in articles:
                articles.append(kw)
            keyword_languages.setdefault(kw.lower().rstrip("."), []).append(code)
        upper_only.update(k.lower() for k in lang.get("uppercase_only_divisions", []))
        prefixes.update(lang.get("number_prefixes", []))
        suffixes.update(lang.get("number_suffixes", []))
        ordinal_suffixes.update(lang.get("ordinal_suffixes", []))
        words = {str(k).lower(): int(v) for k, v in (lang.get("number_words") or {}).items()}
        number_words.update(words)
        languages[code] = LanguageConventions(
            code=code, article_keywords=tuple(lang.get("articles", [])),
            division_keywords=tuple(lang.get("divisions", [])),
            uppercase_only_divisions=frozenset(k.lower() for k in lang.get("uppercase_only_divisions", [])),
            article_citation=lang.get("article_citation", "{keyword} {number}"),
            alinea_citation=lang.get("alinea_citation"),
            body_on_heading_line=bool(lang.get("body_on_heading_line", False)),
            number_words=words, references=dict(lang.get("references") or {}),
            self_reference=dict(lang.get("self_reference") or {}),
            general_part_titles=tuple(t.lower() for t in lang.get("general_part_titles", [])),
            conjunctions=tuple(lang.get("conjunctions", ["and", "or"])))
    words_rx = _alternation(number_words) if number_words else "(?!)"
    ordinal_rx = f"(?:{_alternation(ordinal_suffixes)})?" if ordinal_suffixes else ""
    suffix_rx = (rf"(?:[ \t]+(?:{_alternation(suffixes)})\b(?:[ \t][a-z]\b(?![.'’]\w))?)?"
                 if suffixes else "")
    prefix_rx = rf"(?:(?:{_alternation(prefixes)})\.?[ \t]?(?=[0-9]))?" if prefixes else ""
    division_number = (
        rf"(?:[IVXLC]{{1,7}}{ordinal_rx}|[0-9]{{1,4}}(?:[A-Za-z]{{1,3}}\b)?(?:[-.][0-9]{{1,4}})*"
        rf"{_ORDINAL_MARK}?{ordinal_rx}|[A-Z]\b|{_ENGLISH_NUMBER_WORDS}|(?:{words_rx})\b){suffix_rx}")
    division_re = re.compile(
        rf"^(?P<kw>{_alternation(divisions)})(?:[ \t]+|[ \t]*[-–—][ \t]*)(?P<num>{division_number})"
        rf"(?P<rest>[ \t]*(?:[-–—.:]+[ \t]*(?P<title>.*)|$)|[ \t]+(?P<title2>[^\W\d_].*))",
        re.IGNORECASE)
    article_number = (
        rf"{prefix_rx}[0-9]{{1,5}}(?:[-.][0-9]{{1,4}})*[A-Za-z]{{0,3}}{_ORDINAL_MARK}?{ordinal_rx}"
        rf"{suffix_rx}(?:[ \t][A-Z](?=[.\-–—]))?|[IVXLC]{{1,7}}\b|(?i:{words_rx})\b")
    article_re = re.compile(
        rf"^(?P<kw>(?i:{_alternation(articles)})|§{{1,2}})[ \t]*(?P<num>{article_number})"
        rf"(?P<rest>[ \t]*(?:[-–—.:]+[ \t]*(?P<title>.*)|(?P<bare>[A-Z“\"'‘].*)|$))")
    return Conventions(tuple(divisions), tuple(articles), frozenset(upper_only), division_re,
                       article_re, languages=languages,
                       keyword_languages={k: tuple(v) for k, v in keyword_languages.items()},
                       number_words=number_words)


def fold(text: str) -> str:
    """Lower case without accents, for comparing headings ("Disposiciones Comunes")."""
    return "".join(c for c in unicodedata.normalize("NFD", text.lower()) if unicodedata.category(c) != "Mn")
