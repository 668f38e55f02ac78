"""Reporters turn lint results into text for people and machines. One module per format.

Every reporter is a function `report(results, ruleset, options) -> str`, registered in FORMATS;
the CLI writes the string once, so output is never half-written.
"""

from __future__ import annotations

import importlib

#: format name -> module in this package
FORMATS: dict[str, str] = {
    "text": "text",
    "json": "json_report",
    "sarif": "sarif",
    "github": "github",
}


def register(name: str, module: str) -> None:
    FORMATS[name] = module


def get_reporter(name: str):
    module = importlib.import_module(f"legislint.reporters.{FORMATS[name]}")
    return module.report
