"""Which language a text, and each of its provisions, is written in.

A document's language is the one whose stop words (grammar/languages.yaml) make up the largest
share of its words; `--lang` or the `lang` key of the configuration override it. Provisions are
read in the language of their heading keyword ("Artículo 5" is Spanish wherever it stands), so a
mixed file is linted provision by provision; a keyword two languages share ("Article") follows the
provision's own words, then the document.

The language picks the lexicon a rule's entries are read from, the way the parser cites unnumbered
paragraphs, and the language of messages.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ruamel.yaml import YAML

from legislint.errors import RuleError

DEFAULT_LANGUAGE = "en"
#: A text with fewer stop-word hits than this is too short to tell: the default language.
_MIN_HITS = 2
#: Only the start of a long text is read: enough to tell, linear and cheap.
SAMPLE = 40_000
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class LanguageProfile:
    code: str
    name: str
    legal_system: str
    stopwords: frozenset[str]


@lru_cache(maxsize=8)
def load_profiles(extra_dirs: tuple[str, ...] = ()) -> dict[str, LanguageProfile]:
    texts = [("grammar/languages.yaml",
              resources.files("legislint.grammar").joinpath("languages.yaml").read_text("utf-8"))]
    for directory in extra_dirs:
        path = Path(directory) / "languages.yaml"
        if path.is_file():
            texts.append((str(path), path.read_text("utf-8")))
    profiles: dict[str, LanguageProfile] = {}
    for source, text in texts:
        data = YAML(typ="safe").load(text) or {}
        if not isinstance(data.get("languages"), dict):
            raise RuleError("a languages file needs a mapping 'languages'", path=source)
        for code, block in data["languages"].items():
            profiles[str(code)] = LanguageProfile(
                code=str(code), name=str(block.get("name", code)),
                legal_system=str(block.get("legal_system", "common-law")),
                stopwords=frozenset(str(w).lower() for w in block.get("stopwords", [])))
    return profiles


def known_languages(extra_dirs: tuple[str, ...] = ()) -> list[str]:
    return list(load_profiles(extra_dirs))


def scores(text: str, extra_dirs: tuple[str, ...] = ()) -> Counter:
    """Stop-word hits per language in (the start of) `text`."""
    profiles = load_profiles(extra_dirs)
    words = Counter(_WORD.findall(text[:SAMPLE].lower()))
    counts: Counter = Counter()
    for code, profile in profiles.items():
        hits = sum(n for word, n in words.items() if word in profile.stopwords)
        if hits:
            counts[code] = hits
    return counts


def detect_language(text: str, extra_dirs: tuple[str, ...] = (), default: str | None = None) -> str:
    """The language of `text`; `default` (English) when it is too short to tell."""
    return language_of(scores(text, extra_dirs), default)


def language_of(counts: Counter, default: str | None = None) -> str:
    """The language stop-word counts (`scores`) choose."""
    if not counts:
        return default or DEFAULT_LANGUAGE
    (best, hits), *rest = counts.most_common()
    if hits < _MIN_HITS or (rest and rest[0][1] == hits):
        return default or DEFAULT_LANGUAGE
    return best


def language_margin(counts: Counter) -> int:
    """Twice the word changes stop-word counts (`scores`) can take and still choose the same
    language: a word added or removed moves each language's count by one at most. 0 if a tie
    or too few words chose the default."""
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < _MIN_HITS or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return 0
    best = ranked[0][1]
    second = ranked[1][1] if len(ranked) > 1 else 0
    return min(best - second, 2 * (best - _MIN_HITS + 1))


def word_count(text: str, start: int = 0, end: int | None = None) -> int:
    """Words `scores` would read in `text[start:end]`."""
    return len(_WORD.findall(text, start, len(text) if end is None else end))


def legal_system(language: str, extra_dirs: tuple[str, ...] = ()) -> str:
    profile = load_profiles(extra_dirs).get(language)
    return profile.legal_system if profile else "common-law"


def language_name(language: str, extra_dirs: tuple[str, ...] = ()) -> str:
    profile = load_profiles(extra_dirs).get(language)
    return profile.name if profile else language


def heading_language(keyword: str | None, text: str, document_language: str, conventions,
                     extra_dirs: tuple[str, ...] = ()) -> str:
    """The language of a provision: its heading keyword's, or, for a keyword several languages
    share, the one its own words are in (among those), or the document's."""
    candidates = conventions.languages_of_keyword(keyword)
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        return document_language
    counts = scores(text, extra_dirs)
    ranked = [(counts.get(c, 0), c) for c in candidates]
    best_hits, best = max(ranked)
    if best_hits >= _MIN_HITS and sum(1 for h, _ in ranked if h == best_hits) == 1:
        return best
    return document_language if document_language in candidates else candidates[0]


def provision_language(node, document) -> str:
    """The language a node is read in: its article's, else the document's."""
    art = node.article() if node is not None else None
    lang = getattr(art, "language", None) if art is not None else None
    return lang or document.meta.get("language") or DEFAULT_LANGUAGE


def annotate(document, override: str | None = None, extra_dirs: tuple[str, ...] = ()) -> str:
    """Sets document.meta["language"] and each article's language (for documents a reader built
    without the text parser); returns the document's language."""
    from legislint.conventions import load_conventions
    from legislint.model import ARTICLE

    if override:
        language = override
    else:
        language = document.meta.get("language") or detect_language(document.text, extra_dirs)
    document.meta["language"] = language
    conventions = load_conventions(tuple(extra_dirs))
    for node in document.nodes():
        if node.kind != ARTICLE:
            continue
        if override:
            node.language = override
        elif not getattr(node, "language", None):
            label = (node.label or "").lower()
            keyword = max((kw for kw in conventions.keyword_languages if label.startswith(kw)),
                          key=len, default=None)
            node.language = heading_language(keyword, node.subtree_text(), language, conventions,
                                             extra_dirs)
    return language


def document_languages(document) -> list[str]:
    """Every language provisions of `document` are read in, the document's first."""
    first = document.meta.get("language") or DEFAULT_LANGUAGE
    seen = [first]
    for node in document.nodes():
        lang = getattr(node, "language", None)
        if lang and lang not in seen:
            seen.append(lang)
    return seen
