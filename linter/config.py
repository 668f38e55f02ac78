"""Configuration: which rules run, how loud they are, which files and which findings are set aside.

Layers, each over the one before (STYLE.md practice 9):

1. packaged defaults (`legislint/defaults/legislint.yaml`, every key commented);
2. the project file `.legislint.yaml` (or `.legislint.yml`) found by walking up from each linted
   file — files under different projects get different configurations (`config_for`);
3. an explicit `--config FILE`;
4. command-line flags (applied by the CLI).

A later layer replaces `select`, `fail_level`, `include` and `unused_suppressions`; it adds to
`ignore`, `rule_dirs`, `exclude` and `suppress`; `severity` maps are merged key by key.
Relative paths in a file (rule directories, globs with a `/`) are relative to that file's folder;
the loader anchors them, so a `Config` never depends on the working directory.

An unknown key or a bad value is a `ConfigError` naming the file, line and key (CLI exit 2).
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator

from legislint.errors import ConfigError
from legislint.yaml_data import load_round_trip, plain

CONFIG_NAMES = (".legislint.yaml", ".legislint.yml")
Severity = Literal["info", "warning", "error"]


class Suppression(BaseModel):
    """A reviewed finding set aside in the project file, with the reviewer's reason."""

    model_config = ConfigDict(extra="forbid")

    #: Provision path as findings name it ("Article 40(21)", "§ 2705(b)"); covers its sub-provisions.
    provision: str = Field(min_length=1)
    #: Rule code, name or category, or "all".
    rule: str = Field(min_length=1)
    #: Why the finding is acceptable. Required: a suppression without a reason is not a review.
    reason: str
    #: Only files matching this glob (relative to the config file's folder; no `/` = any folder).
    path: str | None = None

    #: Where the entry was written: (config file, line), for messages about it.
    _origin: tuple[str, int | None] | None = PrivateAttr(default=None)

    @field_validator("reason")
    @classmethod
    def _reason_given(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("a suppression needs a reason (why the finding is acceptable)")
        return v.strip()

    @property
    def origin(self) -> tuple[str, int | None] | None:
        return self._origin


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid")

    #: Rule codes, names, categories or groups ("core", "extended"); empty = the default set.
    select: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    #: code / name / category -> severity ("info", "warning", "error").
    severity: dict[str, Severity] = Field(default_factory=dict)
    #: Findings at or above this severity make `check` exit 1.
    fail_level: Severity = "warning"
    #: Extra directories of rule YAML files.
    rule_dirs: list[str] = Field(default_factory=list)
    #: Globs of files to lint when a directory is named; empty = every supported format.
    include: list[str] = Field(default_factory=list)
    #: Globs of files never linted, even when named on the command line.
    exclude: list[str] = Field(default_factory=list)
    #: Reviewed findings: provision + rule + reason (+ optional path glob).
    suppress: list[Suppression] = Field(default_factory=list)
    #: How suppressions that match nothing are reported ("off" = not at all).
    unused_suppressions: Literal["off", "info", "warning", "error"] = "warning"
    #: Language of the texts ("fr", "es", ...); empty = detected per file (legislint.language).
    lang: str | None = None
    #: Language of messages and rule docs; empty = each file's language, falling back to English.
    message_lang: str | None = None
    #: Legal system texts are read under, for rules whose reading differs by system (LG101):
    #: `auto` = a treaty if it binds its parties, else the legal system of its language.
    jurisdiction: Literal["auto", "civil-law", "common-law", "treaty"] = "auto"
    #: Extra folders of language data (conventions.yaml, languages.yaml, lexicon/, i18n/).
    language_dirs: list[str] = Field(default_factory=list)

    #: The files this configuration was read from, in layer order (for messages).
    _sources: list[str] = PrivateAttr(default_factory=list)

    @property
    def sources(self) -> list[str]:
        return list(self._sources)


# ------------------------------------------------------------------------------------ globs
@lru_cache(maxsize=512)
def glob_regex(pattern: str) -> re.Pattern[str]:
    """A glob ("**/" any folders, "*" within a folder, "?" one character) as a regex."""
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + r"\Z")


def anchor(pattern: str, base: Path) -> str:
    """A glob with a `/` is relative to `base` (made absolute); one without matches any folder."""
    stripped = pattern.rstrip("/")
    if "/" not in stripped:
        return stripped
    if os.path.isabs(stripped):
        return Path(stripped).as_posix()
    return (base.resolve() / stripped).as_posix()


def path_matches(path: str | Path, pattern: str) -> bool:
    """gitignore-like: a name pattern matches the file or any folder above it; an anchored
    pattern matches the absolute path or one of its folders."""
    p = Path(path).resolve()
    if "/" not in pattern:
        rx = glob_regex(pattern)
        return any(rx.match(part) for part in p.parts)
    rx = glob_regex(pattern)
    candidates = [p.as_posix(), *(a.as_posix() for a in p.parents)]
    return any(rx.match(c) for c in candidates)


def is_excluded(path: str | Path, config: Config) -> bool:
    return any(path_matches(path, pat) for pat in config.exclude)


def is_included(path: str | Path, config: Config) -> bool:
    return not config.include or any(path_matches(path, pat) for pat in config.include)


# ------------------------------------------------------------------------------------ loading
def _key_line(data, key) -> int | None:
    try:
        return data.lc.key(key)[0] + 1
    except (AttributeError, KeyError, TypeError):
        return None


def _line_of(data, loc: tuple) -> int | None:
    """Line of a pydantic error location inside ruamel round-trip data (1-based)."""
    node, line = data, None
    for key in loc:
        if isinstance(node, dict) and key in node:
            line = _key_line(node, key) or line
            node = node[key]
        elif isinstance(node, list) and isinstance(key, int) and key < len(node):
            try:
                line = node.lc.item(key)[0] + 1
            except (AttributeError, KeyError):
                pass
            node = node[key]
        else:
            break
    return line


def parse_config_text(text: str, source: str, base: Path | None = None) -> tuple[dict, dict]:
    """A config file's text -> (validated fields present in the file, {field: line}).

    Keys may be written with `-` or `_`. Paths are anchored at `base` (the file's folder)."""
    base = base or Path(source).parent
    data = load_round_trip(text, source, ConfigError)
    if data is None:
        return {}, {}
    if not isinstance(data, dict):
        raise ConfigError("a configuration file is a mapping of keys (select, ignore, ...)",
                          path=source, line=1)
    fields = {}
    lines = {}
    for raw_key in data:
        key = str(raw_key).replace("-", "_")
        if key not in Config.model_fields:
            known = ", ".join(Config.model_fields)
            raise ConfigError(f"unknown key (known keys: {known})", path=source,
                              line=_key_line(data, raw_key), field=str(raw_key))
        fields[key] = data[raw_key]
        lines[key] = _key_line(data, raw_key)
    try:
        checked = Config.model_validate(plain(fields))
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(err["loc"])
        raw_key = next((k for k in data if str(k).replace("-", "_") == loc[0]), loc[0]) if loc else None
        line = _line_of(data, (raw_key, *loc[1:])) if raw_key is not None else None
        shown = ".".join(str(p) for p in (raw_key, *loc[1:])) if raw_key is not None else None
        message = "unknown key" if err["type"] == "extra_forbidden" else err["msg"]
        raise ConfigError(message, path=source, line=line, field=shown) from None
    out = {k: getattr(checked, k) for k in fields}
    for key in ("rule_dirs", "language_dirs"):
        if key in out:
            out[key] = [str((base / d).resolve()) if not os.path.isabs(d) else d for d in out[key]]
    for key in ("include", "exclude"):
        if key in out:
            out[key] = [anchor(p, base) for p in out[key]]
    if "suppress" in out:
        entries = []
        for i, s in enumerate(out["suppress"]):
            s = s.model_copy(update={"path": anchor(s.path, base) if s.path else None})
            s._origin = (source, _line_of(data, (next(k for k in data if str(k).replace("-", "_") == "suppress"), i)))
            entries.append(s)
        out["suppress"] = entries
    return out, lines


def merge(config: Config, fields: dict, source: str | None = None) -> Config:
    """`fields` (from a later layer) over `config`."""
    update: dict = {}
    for key, value in fields.items():
        if key in ("ignore", "rule_dirs", "exclude", "suppress", "language_dirs"):
            update[key] = list(getattr(config, key)) + list(value)
        elif key == "severity":
            update[key] = {**config.severity, **value}
        else:
            update[key] = value
    merged = config.model_copy(update=update)
    merged._sources = config.sources + ([source] if source else [])
    return merged


@lru_cache(maxsize=1)
def _defaults_text() -> str:
    return resources.files("legislint").joinpath("defaults/legislint.yaml").read_text("utf-8")


def defaults() -> Config:
    """The packaged defaults (a fresh copy)."""
    fields, _ = parse_config_text(_defaults_text(), "legislint/defaults/legislint.yaml", Path("."))
    return merge(Config(), fields)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read configuration file: {exc.strerror or exc}", path=str(path)) from None
    except UnicodeDecodeError:
        raise ConfigError("configuration file is not UTF-8", path=str(path)) from None


@lru_cache(maxsize=64)
def _file_layer(path: str, stamp: tuple) -> tuple[dict, str]:
    p = Path(path)
    fields, _ = parse_config_text(_read(p), path, p.parent)
    return fields, path


def _layer(path: Path) -> tuple[dict, str]:
    try:
        st = path.stat()
    except OSError as exc:
        raise ConfigError(f"cannot read configuration file: {exc.strerror or exc}", path=str(path)) from None
    return _file_layer(str(path), (st.st_mtime_ns, st.st_size))


def find_project_file(start: str | Path) -> Path | None:
    """The nearest `.legislint.yaml` in `start` (a file's folder or a folder) or above it."""
    p = Path(start).resolve()
    folder = p if p.is_dir() else p.parent
    for d in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            candidate = d / name
            if candidate.is_file():
                return candidate
    return None


def load_config_file(path: str | Path) -> Config:
    """Packaged defaults + one configuration file (what the language server uses)."""
    fields, source = _layer(Path(path))
    return merge(defaults(), fields, source)


def config_for(path: str | Path, explicit: str | Path | None = None) -> Config:
    """The configuration governing one linted file: defaults, its project file, `explicit`."""
    config = defaults()
    project = find_project_file(path)
    if project is not None:
        fields, source = _layer(project)
        config = merge(config, fields, source)
    if explicit:
        ep = Path(explicit)
        if not ep.is_file():
            raise ConfigError("configuration file not found", path=str(explicit))
        if project is None or ep.resolve() != project.resolve():
            fields, source = _layer(ep)
            config = merge(config, fields, source)
    return config


def load_config(explicit_path: str | Path | None = None, paths: list | None = None) -> Config:
    """The run's configuration: layered for the first path named (or the working directory).

    Files under other projects get their own with `config_for`."""
    start = Path(paths[0]) if paths else Path.cwd()
    if not start.exists():
        start = Path.cwd()
    return config_for(start, explicit_path)
