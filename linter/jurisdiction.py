"""Which legal system a text is read under, for rules whose `readings:` differ by system.

`jurisdiction:` in the configuration (or `--jurisdiction`) says it: `civil-law`, `common-law`,
`treaty`, or `auto` (the default). `auto` reads a text as a treaty if it binds its parties
("Each Party shall", "Chaque Partie adopte", "Cada Parte adoptará": the `treaty-obligation`
lexicon entry, at least twice), and otherwise by the legal system of its language
(grammar/languages.yaml: a French or Spanish national text is civil-law, an English one
common-law). The choice is kept in `document.meta["jurisdiction"]`, and findings of rules with a
reading say which reading they applied.
"""

from __future__ import annotations

from itertools import islice

from legislint.language import legal_system

AUTO = "auto"
JURISDICTIONS = ("civil-law", "common-law", "treaty")
#: Treaty obligations needed to read a text as a treaty: one may be a quotation.
_MIN_TREATY_OBLIGATIONS = 2


def jurisdiction(document, config, lexicons) -> str:
    """The legal system `document` is read under; `lexicons` are those of its languages."""
    cached = document.meta.get("jurisdiction")
    if cached:
        return cached
    configured = getattr(config, "jurisdiction", None) or AUTO
    if configured != AUTO:
        document.meta["jurisdiction"] = configured
        document.meta["jurisdiction_source"] = "configured"
        return configured
    hits = 0
    for lexicon in lexicons:
        if not lexicon.has("treaty-obligation"):
            continue
        # Count no further than needed: the whole text of a long bill is otherwise read again.
        found = lexicon.pattern("treaty-obligation").finditer(document.text)
        hits += sum(1 for _ in islice(found, _MIN_TREATY_OBLIGATIONS - hits))
        if hits >= _MIN_TREATY_OBLIGATIONS:
            break
    if hits >= _MIN_TREATY_OBLIGATIONS:
        chosen, source = "treaty", "treaty obligations"
    else:
        language = document.meta.get("language") or "en"
        chosen = legal_system(language, tuple(document.meta.get("language_dirs", ())))
        source = f"language {language}"
    document.meta["jurisdiction"] = chosen
    document.meta["jurisdiction_source"] = source
    return chosen
