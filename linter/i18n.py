"""Messages in the reader's language: translations are data (rules/i18n/<language>.yaml).

A catalog holds the words legislint itself writes ("Looked in", "rejected", "Found 3 findings")
and, per rule code, the translated wording of a rule (summary, description, rationale, message,
fix, reading notes). Anything a catalog lacks is said in English: the rule file's own wording, or
the English catalog's. A rule nobody has translated yet (a new extended rule) is therefore still
reported, in English.

The message language is `--message-lang` / `message_lang:` if given, else the document's language,
else English (`message_language`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ruamel.yaml import YAML

from legislint.errors import RuleError

ENGLISH = "en"
_RULE_FIELDS = ("summary", "description", "rationale", "message")


@dataclass
class Catalog:
    language: str
    ui: dict[str, str] = field(default_factory=dict)
    rules: dict[str, dict] = field(default_factory=dict)
    #: The English catalog, for keys this one lacks (None for English itself).
    fallback: "Catalog | None" = None

    def text(self, key: str, **values) -> str:
        """The UI string `key` with its {placeholders} filled in."""
        template = self.ui.get(key)
        if template is None and self.fallback is not None:
            template = self.fallback.ui.get(key)
        if template is None:
            raise KeyError(f"no message '{key}' in the i18n catalogs")
        return template.format(**values)

    def count(self, key: str, n: int) -> str:
        """"1 finding" / "3 findings": keys `<key>_one` and `<key>_many`."""
        return self.text(f"{key}_one" if n == 1 else f"{key}_many", n=n)

    def has_rule(self, code: str) -> bool:
        return code in self.rules

    def rule(self, rule):
        """`rule` with its wording in this language where translated (a copy; English elsewhere)."""
        entry = self.rules.get(rule.code)
        if not entry:
            return rule
        update = {k: entry[k] for k in _RULE_FIELDS if isinstance(entry.get(k), str)}
        fix = entry.get("fix") or {}
        if isinstance(fix, dict) and (fix.get("wording") or fix.get("title")):
            update["fix"] = rule.fix.model_copy(update={k: fix[k] for k in ("wording", "title") if fix.get(k)})
        readings = entry.get("readings") or {}
        if isinstance(readings, dict) and rule.readings:
            translated = {}
            for name, reading in rule.readings.items():
                tr = readings.get(name) or {}
                translated[name] = reading.model_copy(update={k: tr[k] for k in ("note", "message")
                                                              if isinstance(tr.get(k), str)})
            update["readings"] = translated
        return rule.model_copy(update=update)


def _read(source: str, text: str) -> dict:
    try:
        data = YAML(typ="safe").load(text) or {}
    except Exception as exc:  # noqa: BLE001 - reported with the file named
        raise RuleError(f"not valid YAML: {exc}", path=source) from None
    if not isinstance(data, dict):
        raise RuleError("an i18n catalog is a mapping (language, ui, rules)", path=source)
    for key in ("ui", "rules"):
        if data.get(key) is not None and not isinstance(data[key], dict):
            raise RuleError(f"'{key}' must be a mapping", path=source, field=key)
    return data


@lru_cache(maxsize=16)
def catalog(language: str | None = None, extra_dirs: tuple[str, ...] = ()) -> Catalog:
    """The catalog of `language` (English if there is none for it)."""
    language = language or ENGLISH
    texts: list[tuple[str, str]] = []
    ref = resources.files("legislint.rule_data").joinpath("i18n", f"{language}.yaml")
    if ref.is_file():
        texts.append((f"rules/i18n/{language}.yaml", ref.read_text("utf-8")))
    for directory in extra_dirs:
        path = Path(directory) / "i18n" / f"{language}.yaml"
        if path.is_file():
            texts.append((str(path), path.read_text("utf-8")))
    if not texts:
        return catalog(ENGLISH, extra_dirs) if language != ENGLISH else Catalog(ENGLISH)
    out = Catalog(language, fallback=None if language == ENGLISH else catalog(ENGLISH, extra_dirs))
    for source, text in texts:
        data = _read(source, text)
        out.ui.update({str(k): str(v) for k, v in (data.get("ui") or {}).items()})
        out.rules.update({str(k): dict(v or {}) for k, v in (data.get("rules") or {}).items()})
    return out


def available(extra_dirs: tuple[str, ...] = ()) -> list[str]:
    """Languages with a catalog (packaged or in `extra_dirs`)."""
    found = {ENGLISH}
    root = resources.files("legislint.rule_data").joinpath("i18n")
    if root.is_dir():
        found.update(e.name[:-5] for e in root.iterdir() if e.name.endswith(".yaml"))
    for directory in extra_dirs:
        d = Path(directory) / "i18n"
        if d.is_dir():
            found.update(p.stem for p in d.glob("*.yaml"))
    return sorted(found)


def message_language(config, document=None) -> str:
    """`message_lang` from the configuration, else the document's language, else English."""
    wanted = getattr(config, "message_lang", None) if config is not None else None
    if wanted:
        return wanted
    if document is not None and document.meta.get("language"):
        return document.meta["language"]
    return ENGLISH
