"""Rule documentation is generated from the rule files and must not go stale."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
from ruamel.yaml import YAML

from legislint.docs import HEADINGS
from legislint.rules import LookIn, Rule, load_ruleset
from repo_helpers import run

REPO = Path(__file__).resolve().parents[2]


def test_generated_docs_and_schema_are_up_to_date():
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "generate_rule_docs.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_rule_has_a_page_and_explain_prints_it(capsys):
    for rule in load_ruleset():
        page = (REPO / "docs" / "rules" / f"{rule.code}.md").read_text("utf-8")
        for heading in HEADINGS:
            assert f"\n## {heading}\n" in page, (rule.code, heading)
        code, out, _ = run(capsys, "explain", rule.code)
        assert code == 0 and out == page
        assert f"[{rule.code}]({rule.code}.md)" in (REPO / "docs" / "rules" / "README.md").read_text("utf-8")


def test_rule_schema_doc_covers_every_key():
    doc = (REPO / "docs" / "rule-schema.md").read_text("utf-8")
    documented = set(re.findall(r"^### `([a-z_]+)`$", doc, re.MULTILINE))
    keys = {f.alias or name for name, f in Rule.model_fields.items()} - {"source"}
    assert keys <= documented, f"undocumented rule keys: {sorted(keys - documented)}"
    scopes = set(LookIn.model_fields["scope"].annotation.__args__)
    table = set(re.findall(r"^\| `([a-z]+)` \|", doc, re.MULTILINE))
    assert scopes <= table, f"undocumented scopes: {sorted(scopes - table)}"


def test_packaged_rules_validate_against_the_exported_json_schema():
    schema = json.loads((REPO / "rules" / "schema" / "rule.schema.json").read_text("utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    files = sorted((REPO / "rules").glob("*.yaml")) + sorted((REPO / "examples" / "custom-rules").glob("*.yaml"))
    assert files
    for f in files:
        data = YAML(typ="safe").load(f.read_text("utf-8"))
        errors = list(validator.iter_errors(data))
        assert not errors, (f.name, errors[0].message)
    broken = {"code": "lg1", "name": "x"}
    assert list(validator.iter_errors(broken))
