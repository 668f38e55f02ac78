"""Code actions from diagnostic `data` (no re-lint), and the "suppress with reason" command.

A suppression is written into the project config with ruamel.yaml's round-trip mode, so the
drafters' comments and key order survive:

    suppress:
      - provision: Article 40(21)
        rule: optional-refusal
        reason: Refusal grounds are set out in the Mutual Assistance Act, s.7.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any, Sequence

from lsprotocol import types

from legislint.lsp.diagnostics import SOURCE

SUPPRESS_COMMAND = "legislint.suppress"
SUPPRESS_KEY = "suppress"
#: Offered when the client cannot ask for a free-text reason itself.
PRESET_REASONS = (
    "Safeguard provided by another law",
    "Not applicable to this provision",
    "Reviewed and accepted",
)


def _wants(only: Sequence[str] | None, kind: str) -> bool:
    if not only:
        return True
    return any(kind == k or kind.startswith(k + ".") for k in only)


def code_actions(uri: str, diagnostics: Sequence[types.Diagnostic], only: Sequence[str] | None,
                 versioned_edits: bool) -> list[types.CodeAction]:
    if not _wants(only, types.CodeActionKind.QuickFix):
        return []
    actions: list[types.CodeAction] = []
    seen: set[tuple] = set()
    for diag in diagnostics:
        data = diag.data if isinstance(diag.data, dict) else None
        if diag.source != SOURCE or not data:
            continue
        fix = data.get("fix")
        if fix and ("fix", fix.get("newText"), str(fix.get("range"))) not in seen:
            seen.add(("fix", fix.get("newText"), str(fix.get("range"))))
            actions.append(_fix_action(uri, diag, data, fix, versioned_edits))
        key = ("suppress", data.get("provision"), data.get("rule"))
        if data.get("provision") and data.get("rule") and key not in seen:
            seen.add(key)
            args = {"uri": uri, "provision": data["provision"], "rule": data["rule"],
                    "code": data.get("code")}
            title = f"Suppress {data.get('code') or data['rule']} for {data['provision']} (with reason)"
            actions.append(types.CodeAction(
                title=title, kind=types.CodeActionKind.QuickFix, diagnostics=[diag],
                command=types.Command(title=title, command=SUPPRESS_COMMAND, arguments=[args])))
    return actions


def _fix_action(uri: str, diag: types.Diagnostic, data: dict, fix: dict,
                versioned_edits: bool) -> types.CodeAction:
    rng = fix["range"]
    edit = types.TextEdit(
        range=types.Range(start=types.Position(**rng["start"]), end=types.Position(**rng["end"])),
        new_text=fix["newText"])
    if versioned_edits:
        workspace_edit = types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(
            text_document=types.OptionalVersionedTextDocumentIdentifier(
                uri=uri, version=data.get("version")),
            edits=[edit])])
    else:
        workspace_edit = types.WorkspaceEdit(changes={uri: [edit]})
    title = fix.get("title") or "Insert model safeguard wording"
    if fix.get("safety") not in (None, "safe"):
        title += " (review the wording)"
    return types.CodeAction(title=title, kind=types.CodeActionKind.QuickFix, diagnostics=[diag],
                            edit=workspace_edit, is_preferred=fix.get("safety") == "safe")


# ------------------------------------------------------------------------------ suppression
def add_suppression(text: str, provision: str, rule: str, reason: str) -> str:
    """The config text with one suppression added (or its reason updated), comments intact."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    yaml = YAML()  # round-trip
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    data = yaml.load(text) if text.strip() else None
    if data is None:
        data = CommentedMap()
    if not isinstance(data, dict):
        raise ValueError("the project config is not a mapping")
    entries = data.get(SUPPRESS_KEY)
    if entries is None:
        entries = CommentedSeq()
        data[SUPPRESS_KEY] = entries
    if not isinstance(entries, list):
        raise ValueError(f"`{SUPPRESS_KEY}` in the project config is not a list")
    for entry in entries:
        if isinstance(entry, dict) and entry.get("provision") == provision \
                and entry.get("rule") == rule:
            entry["reason"] = reason
            break
    else:
        item = CommentedMap()
        item["provision"] = provision
        item["rule"] = rule
        item["reason"] = reason
        entries.append(item)
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def write_suppression(config_path: str, provision: str, rule: str, reason: str) -> None:
    path = Path(config_path)
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    new = add_suppression(text, provision, rule, reason)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(new, encoding="utf-8")
    os.replace(tmp, path)


def parse_suppress_args(arguments: Any) -> dict:
    """`workspace/executeCommand` arguments -> {uri, provision, rule, code, reason}."""
    args = arguments[0] if isinstance(arguments, list) and arguments else arguments
    if not isinstance(args, dict):
        raise ValueError("legislint.suppress expects one object argument")
    for key in ("uri", "provision", "rule"):
        if not isinstance(args.get(key), str) or not args[key]:
            raise ValueError(f"legislint.suppress: missing `{key}`")
    reason = args.get("reason")
    if reason is not None and not isinstance(reason, str):
        raise ValueError("legislint.suppress: `reason` must be a string")
    return {"uri": args["uri"], "provision": args["provision"], "rule": args["rule"],
            "code": args.get("code"), "reason": (reason or "").strip() or None}
