"""Configuration the core needs: which rules run and how loud they are."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid")

    #: Rule codes, names, categories or groups ("core", "extended"); empty = the default set.
    select: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    #: code / name / category -> severity ("info", "warning", "error").
    severity: dict[str, str] = Field(default_factory=dict)
    #: Findings at or above this severity make `check` exit 1.
    fail_level: str = "info"
    #: Extra directories of rule YAML files.
    rule_dirs: list[str] = Field(default_factory=list)
