"""Heading keywords per language, loaded from grammar/conventions.yaml (data, not code)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ruamel.yaml import YAML


@dataclass(frozen=True)
class Conventions:
    division_keywords: tuple[str, ...]   # outermost first
    article_keywords: tuple[str, ...]
    uppercase_only_divisions: frozenset[str]
    division_re: re.Pattern
    article_re: re.Pattern

    def division_rank(self, keyword: str) -> int:
        k = keyword.lower().rstrip(".")
        for i, kw in enumerate(self.division_keywords):
            if kw.lower().rstrip(".") == k:
                return i
        return len(self.division_keywords)


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_NUMBER = r"(?:[IVXLC]{1,7}|[0-9]{1,4}(?:[A-Za-z]{1,3}\b)?(?:[-.][0-9]{1,4})*|[A-Z]\b|ONE|TWO|THREE|FOUR|FIVE|SIX|SEVEN|EIGHT|NINE|TEN|One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|premier|première|primero|primera|preliminar|PRELIMINAR|PRÉLIMINAIRE|préliminaire)"


@lru_cache(maxsize=1)
def load_conventions() -> Conventions:
    data = YAML(typ="safe").load(
        resources.files("legislint.grammar").joinpath("conventions.yaml").read_text("utf-8"))
    divisions: list[str] = []
    articles: list[str] = []
    upper_only: set[str] = set()
    for lang in data["languages"].values():
        for kw in lang.get("divisions", []):
            if kw not in divisions:
                divisions.append(kw)
        for kw in lang.get("articles", []):
            if kw not in articles:
                articles.append(kw)
        upper_only.update(k.lower() for k in lang.get("uppercase_only_divisions", []))
    division_re = re.compile(
        rf"^(?P<kw>{_alternation(divisions)})(?:[ \t]+|[ \t]*[-–—][ \t]*)(?P<num>{_NUMBER})"
        rf"(?P<rest>[ \t]*(?:[-–—.:]+[ \t]*(?P<title>.*)|$))",
        re.IGNORECASE)
    article_re = re.compile(
        rf"^(?P<kw>(?i:{_alternation(articles)})|§{{1,2}})[ \t]*(?P<num>[0-9]{{1,5}}(?:[-.][0-9]{{1,4}})*[A-Za-z]{{0,3}}(?:[ \t](?:bis|ter|quater|quinquies|sexies|septies|octies)(?:[ \t][a-z]\b)?)?|[IVXLC]{{1,7}}\b)"
        rf"(?P<rest>[ \t]*(?:[-–—.:]+[ \t]*(?P<title>.*)|(?P<bare>[A-Z“\"'‘].*)|$))")
    return Conventions(tuple(divisions), tuple(articles), frozenset(upper_only), division_re,
                       article_re)
