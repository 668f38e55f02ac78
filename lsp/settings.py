"""Workspace settings -> `legislint.config.Config`, and the project config file.

Settings arrive as `initializationOptions` and with `workspace/didChangeConfiguration`, either
flat or under a top-level `legislint` key (VS Code sends the section). Invalid fields are dropped
with a warning and the rest are kept; a setting never stops the server.

Layering for one document: packaged defaults -> project file (`.legislint.yaml`, found by walking
up from the document, or `configFile`) -> workspace settings (non-empty fields win).
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pydantic.alias_generators import to_camel

from legislint import config as core_config
from legislint.config import Config

log = logging.getLogger(__name__)

SECTION = "legislint"
CONFIG_NAMES = (".legislint.yaml", ".legislint.yml")
#: Keys the editor extensions keep for themselves (how to start the server, tracing).
CLIENT_ONLY_KEYS = {"server", "trace", "path", "interpreter", "serverCommand", "serverArgs"}

Severity = Literal["info", "warning", "error"]


class Settings(BaseModel):
    """What a drafter can set in the editor. camelCase in JSON, snake_case here."""

    model_config = ConfigDict(extra="forbid", alias_generator=to_camel, populate_by_name=True)

    enable: bool = True
    #: Rule codes, names, categories or groups; empty = the project's / default selection.
    select: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    #: code / name / category -> severity.
    severity: dict[str, Severity] = Field(default_factory=dict)
    rule_dirs: list[str] = Field(default_factory=list)
    #: Language ids linted whatever the file name.
    #: ("text" is what Vim-family editors call plain text.)
    languages: list[str] = Field(
        default_factory=lambda: ["plaintext", "text", "markdown", "legislation"])
    #: Globs (relative to the workspace root, `**` allowed) of files linted whatever their language.
    file_patterns: list[str] = Field(default_factory=list)
    #: Quiet time after the last keystroke before a document is re-linted.
    debounce_ms: int = Field(default=150, ge=0, le=10_000)
    #: "auto": push unless the client pulls (textDocument/diagnostic); pull is always answered.
    diagnostic_mode: Literal["auto", "push", "pull"] = "auto"
    #: Explicit project config file; otherwise `.legislint.yaml` is searched upwards.
    config_file: str | None = None
    #: Language of the texts ("fr", ...); empty = detected per file.
    lang: str | None = None
    #: Language of messages and rule docs.
    message_lang: str | None = None
    #: Legal system texts are read under.
    jurisdiction: Literal["auto", "civil-law", "common-law", "treaty"] | None = None


def section_of(raw: Any) -> Any:
    """The legislint part of a settings payload (flat or under `legislint`)."""
    if isinstance(raw, dict) and isinstance(raw.get(SECTION), dict):
        return raw[SECTION]
    return raw


def parse_settings(raw: Any) -> tuple[Settings, list[str]]:
    """Settings from a client payload, and a warning per rejected field (never raises)."""
    raw = section_of(raw)
    if raw is None:
        return Settings(), []
    if not isinstance(raw, dict):
        return Settings(), [f"settings must be an object, got {type(raw).__name__}; using defaults"]
    data = {k: v for k, v in raw.items() if k not in CLIENT_ONLY_KEYS}
    problems: list[str] = []
    for _ in range(len(data) + 1):
        try:
            return Settings.model_validate(data), problems
        except ValidationError as exc:
            bad = set()
            for err in exc.errors():
                key = str(err["loc"][0]) if err["loc"] else ""
                shown = ".".join(str(p) for p in err["loc"]) or "settings"
                problems.append(f"{shown}: {err['msg']}")
                bad.add(key)
            bad &= set(data)
            if not bad:
                break
            data = {k: v for k, v in data.items() if k not in bad}
    return Settings(), problems


def check_rule_settings(settings: Settings, root: str | None) -> tuple[Settings, list[str]]:
    """Drop rule keys and rule directories the core does not know, with a warning each."""
    from legislint.rules import load_ruleset

    problems: list[str] = []
    try:
        ruleset = load_ruleset(merge(None, settings, root))
    except Exception as exc:
        problems.append(f"ruleDirs rejected, using the packaged rules: {exc}")
        settings = settings.model_copy(update={"rule_dirs": []})
        try:
            ruleset = load_ruleset(merge(None, settings, root))
        except Exception as exc2:  # pragma: no cover - packaged rules broken
            return settings, problems + [f"rules unavailable: {exc2}"]
    update: dict[str, Any] = {}
    for name in ("select", "ignore"):
        keys = getattr(settings, name)
        unknown = ruleset.unknown_keys(list(keys))
        if unknown:
            problems.append(f"{to_camel(name)}: unknown rules {', '.join(unknown)} ignored")
            update[name] = [k for k in keys if k not in unknown]
    unknown = ruleset.unknown_keys(list(settings.severity))
    if unknown:
        problems.append(f"severity: unknown rules {', '.join(unknown)} ignored")
        update["severity"] = {k: v for k, v in settings.severity.items() if k not in unknown}
    return (settings.model_copy(update=update) if update else settings), problems


# ---------------------------------------------------------------------------------------- globs
def matches_patterns(path: str | None, patterns: list[str], root: str | None) -> bool:
    if not path or not patterns:
        return False
    posix = Path(path).as_posix()
    candidates = [posix, Path(path).name]
    if root:
        try:
            candidates.append(Path(path).resolve().relative_to(Path(root).resolve()).as_posix())
        except ValueError:
            pass
    return any(core_config.glob_regex(p).match(c) for p in patterns for c in candidates)


# ----------------------------------------------------------------------------- project config
@dataclass
class _Loaded:
    stamp: tuple | None
    config: Config | None
    error: str | None


def find_project_config(path: str | None, root: str | None, explicit: str | None) -> str | None:
    """The project config governing `path`: the explicit file, or the nearest one walking up."""
    if explicit:
        p = Path(explicit).expanduser()
        if not p.is_absolute() and root:
            p = Path(root) / p
        return str(p)
    start = Path(path).parent if path else (Path(root) if root else None)
    if start is None:
        return None
    found = core_config.find_project_file(start)
    return str(found) if found is not None else None


class ConfigResolver:
    """Builds the `Config` for a document with the core's loader (packaged defaults + project
    file); caches by the file's (mtime, size), so a saved edit of the file is seen at once."""

    def __init__(self) -> None:
        self._files: dict[str, _Loaded] = {}
        self._merged: dict[tuple, Config] = {}
        self._defaults: Config | None = None
        #: (config path, error) pairs already reported, so a broken file warns once per change.
        self.reported: set[tuple[str, str]] = set()

    def invalidate(self) -> None:
        self._files.clear()
        self._merged.clear()

    def defaults(self) -> Config:
        if self._defaults is None:
            self._defaults = core_config.defaults()
        return self._defaults

    def project_config(self, config_path: str) -> _Loaded:
        try:
            st = os.stat(config_path)
            stamp: tuple | None = (st.st_mtime_ns, st.st_size)
        except OSError:
            stamp = None
        cached = self._files.get(config_path)
        if cached is not None and cached.stamp == stamp:
            return cached
        if stamp is None:
            loaded = _Loaded(stamp, None, f"{config_path}: configuration file not found")
        else:
            try:
                loaded = _Loaded(stamp, core_config.load_config_file(config_path), None)
            except Exception as exc:  # a broken project file must not kill the server
                log.warning("cannot load %s: %s", config_path, exc)
                loaded = _Loaded(stamp, None, str(exc))
        self._files[config_path] = loaded
        return loaded

    def config_for(self, path: str | None, root: str | None,
                   settings: Settings) -> tuple[Config, str | None, str | None]:
        """(config, project config path or None, error message or None)."""
        config_path = find_project_config(path, root, settings.config_file)
        loaded = self.project_config(config_path) if config_path else None
        key = (config_path, loaded.stamp if loaded else None, settings.model_dump_json())
        merged = self._merged.get(key)
        if merged is None:
            base = loaded.config if loaded and loaded.config is not None else self.defaults()
            merged = merge(base, settings, root)
            self._merged[key] = merged
        return merged, config_path, loaded.error if loaded else None


def merge(base: Config | None, settings: Settings, root: str | None) -> Config:
    """Workspace settings over a project config: non-empty fields win, severities merge,
    ignores and rule directories add up (as a later layer does in the core)."""
    config = base or Config()
    fields: dict[str, Any] = {}
    if settings.select:
        fields["select"] = list(settings.select)
    if settings.ignore:
        fields["ignore"] = list(settings.ignore)
    if settings.severity:
        fields["severity"] = dict(settings.severity)
    if settings.rule_dirs:
        fields["rule_dirs"] = [d if os.path.isabs(d) or not root else os.path.join(root, d)
                               for d in settings.rule_dirs]
    for name in ("lang", "message_lang", "jurisdiction"):
        value = getattr(settings, name)
        if value:
            fields[name] = value
    return core_config.merge(config, fields, "editor settings") if fields else config
