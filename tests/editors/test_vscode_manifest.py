"""The VS Code extension and the server agree: every server setting is a contributed setting with
a valid default, activation covers the languages the server lints, commands match.

(VS Code itself cannot run here; `editors/vscode/build.sh` typechecks and packages the extension.)
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic.alias_generators import to_camel

from legislint.lsp.actions import SUPPRESS_COMMAND
from legislint.lsp.settings import CLIENT_ONLY_KEYS, Settings, parse_settings

VSCODE = Path(__file__).resolve().parents[2] / "editors" / "vscode"


def manifest() -> dict:
    return json.loads((VSCODE / "package.json").read_text(encoding="utf-8"))


def contributed() -> dict[str, dict]:
    props = manifest()["contributes"]["configuration"]["properties"]
    return {k.removeprefix("legislint."): v for k, v in props.items()}


def test_every_server_setting_is_contributed_and_nothing_else():
    server_keys = {to_camel(name) for name in Settings.model_fields}
    ours = {k for k in contributed() if k.split(".")[0] not in CLIENT_ONLY_KEYS}
    assert ours == server_keys


def test_contributed_defaults_are_valid_server_settings_and_match_the_server():
    defaults = {k: v["default"] for k, v in contributed().items()
                if k.split(".")[0] not in CLIENT_ONLY_KEYS}
    settings, problems = parse_settings({"legislint": defaults})
    assert problems == []
    server_defaults = Settings().model_dump(by_alias=True)
    for key, value in defaults.items():
        if key != "languages":  # VS Code has no "text" language id
            assert server_defaults[key] == value, key
    assert set(defaults["languages"]) <= set(server_defaults["languages"])


def test_activation_and_languages():
    m = manifest()
    events = set(m["activationEvents"])
    for language in contributed()["languages"]["default"]:
        assert f"onLanguage:{language}" in events
    assert any(lang["id"] == "legislation" for lang in m["contributes"]["languages"])
    assert m["engines"]["vscode"].lstrip("^~") <= "1.91.0"
    lock = json.loads((VSCODE / "package-lock.json").read_text(encoding="utf-8"))
    types_vscode = lock["packages"]["node_modules/@types/vscode"]["version"]
    assert types_vscode.split(".")[:2] == ["1", "91"], "@types/vscode newer than engines.vscode"


def test_extension_source_handles_the_servers_commands():
    source = (VSCODE / "src" / "extension.ts").read_text(encoding="utf-8")
    assert f'"{SUPPRESS_COMMAND}"' in source
    for command in manifest()["contributes"]["commands"]:
        assert f'"{command["command"]}"' in source
