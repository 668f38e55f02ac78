"""Layered configuration: packaged defaults -> project file found upwards -> --config -> flags."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from legislint import config as config_module
from legislint.config import Config, config_for, defaults, load_config, load_config_file
from legislint.errors import ConfigError
from repo_helpers import POWER_LAW, cwd, provisions, run, run_json, write

DEFAULTS = Path(config_module.__file__).parent / "defaults" / "legislint.yaml"


def test_packaged_defaults_document_every_key():
    text = DEFAULTS.read_text("utf-8")
    for key in Config.model_fields:
        m = re.search(rf"^{key}:", text, re.MULTILINE)
        assert m, f"defaults file lacks key {key}"
        before = text[:m.start()].rstrip().splitlines()
        assert before and before[-1].startswith("#"), f"key {key} has no comment above it"
    assert defaults() == Config()


def test_project_file_is_found_walking_up_from_each_file(tmp_path, capsys):
    write(tmp_path / "a" / ".legislint.yaml", "ignore: [prior-judicial-authorization]\n")  # a: no LG201
    law_a = write(tmp_path / "a" / "acts" / "deep" / "law.txt", POWER_LAW)
    law_b = write(tmp_path / "b" / "law.txt", POWER_LAW)
    code, report = run_json(capsys, law_a, law_b)
    by_path = {Path(f["path"]).parent.name: f["findings"] for f in report["files"]}
    assert "LG201" not in {f["code"] for f in by_path["deep"]}  # project a ignores LG201
    assert "LG201" in {f["code"] for f in by_path["b"]}         # b has no project file
    assert code == 1


def test_layers_in_order_defaults_project_explicit_flags(tmp_path, capsys):
    write(tmp_path / ".legislint.yaml",
          "severity: {LG201: error}\nfail_level: error\nignore: [mens-rea]\n")
    extra = write(tmp_path / "ci.yaml", "severity: {prior-judicial-authorization: info}\nignore: [gag-time-limit]\n")
    law = write(tmp_path / "law.txt", POWER_LAW)
    project = config_for(law)
    assert project.fail_level == "error" and project.severity == {"LG201": "error"}
    layered = config_for(law, extra)
    # severity maps merge; ignore accumulates; scalars from the project file stay unless replaced
    assert layered.severity == {"LG201": "error", "prior-judicial-authorization": "info"}
    assert layered.ignore == ["mens-rea", "gag-time-limit"]
    assert layered.sources == [str(tmp_path / ".legislint.yaml"), str(extra)]
    # fail_level error: LG201 findings are errors (code beats category) -> exit 1
    code, report = run_json(capsys, law)
    assert code == 1 and {f["severity"] for f in report["files"][0]["findings"] if f["code"] == "LG201"} == {"error"}
    # the command-line flag is the last layer
    code, _, _ = run(capsys, "check", "--fail-level", "error", "--select", "LG101", law)
    assert code == 0


def test_load_config_uses_the_first_path_or_the_working_directory(tmp_path):
    write(tmp_path / ".legislint.yaml", "select: [LG201]\n")
    assert load_config(None, [str(tmp_path / "missing.txt")]).select == []  # falls back to cwd
    with cwd(tmp_path):
        assert load_config(None, []).select == ["LG201"]
    assert load_config_file(tmp_path / ".legislint.yaml").select == ["LG201"]


def test_kebab_case_keys_and_relative_paths(tmp_path):
    write(tmp_path / "proj" / ".legislint.yaml",
          "fail-level: warning\nrule-dirs: [my-rules]\nexclude: [drafts/**, README.md]\n")
    (tmp_path / "proj" / "my-rules").mkdir()
    cfg = config_for(tmp_path / "proj" / "law.txt")
    assert cfg.fail_level == "warning"
    assert cfg.rule_dirs == [str((tmp_path / "proj" / "my-rules").resolve())]
    assert config_module.is_excluded(tmp_path / "proj" / "drafts" / "x.txt", cfg)
    assert config_module.is_excluded(tmp_path / "proj" / "sub" / "README.md", cfg)
    assert not config_module.is_excluded(tmp_path / "proj" / "law.txt", cfg)
    assert not config_module.is_excluded(tmp_path / "other" / "drafts" / "x.txt", cfg)


@pytest.mark.parametrize("text, line, key, words", [
    ("select: [LG201]\nfail_levle: error\n", 2, "fail_levle", "unknown key"),
    ("fail_level: loud\n", 1, "fail_level", "'info', 'warning' or 'error'"),
    ("severity:\n  LG201: critical\n", 2, "severity.LG201", "'info', 'warning' or 'error'"),
    ("suppress:\n  - provision: Article 2\n    rule: LG201\n", 2, "suppress.0.reason", "Field required"),
    ("suppress:\n  - provision: Article 2\n    rule: LG201\n    reason: '  '\n", 4, "suppress.0.reason", "needs a reason"),
    ("suppress:\n  - provision: Article 2\n    rule: LG201\n    reason: x\n    file: a.md\n", 5,
     "suppress.0.file", "unknown key"),
    ("select: LG201: x\n", 1, None, "not valid YAML"),
    ("- just\n- a list\n", 1, None, "mapping"),
])
def test_bad_configuration_names_file_line_and_key(tmp_path, capsys, text, line, key, words):
    cfg = write(tmp_path / ".legislint.yaml", text)
    law = write(tmp_path / "law.txt", POWER_LAW)
    with pytest.raises(ConfigError) as info:
        config_for(law)
    err = info.value
    assert err.path == str(cfg) and err.line == line and err.field == key
    assert words in err.message
    code, out, stderr = run(capsys, "check", law)
    assert code == 2 and out == ""
    assert f"{cfg}:{line}" in stderr and words in stderr


def test_unknown_rule_keys_in_config_exit_2(tmp_path, capsys):
    write(tmp_path / ".legislint.yaml", "ignore: [no-such-rule]\n")
    law = write(tmp_path / "law.txt", POWER_LAW)
    code, _, err = run(capsys, "check", law)
    assert code == 2 and "no-such-rule" in err and ".legislint.yaml" in err


def test_explicit_config_must_exist(tmp_path, capsys):
    law = write(tmp_path / "law.txt", POWER_LAW)
    code, _, err = run(capsys, "check", "--config", tmp_path / "nope.yaml", law)
    assert code == 2 and "nope.yaml" in err


def test_include_and_exclude_choose_files(tmp_path, capsys):
    write(tmp_path / ".legislint.yaml", "include: ['*.md']\nexclude: [drafts]\n")
    write(tmp_path / "acts" / "law.md", POWER_LAW)
    write(tmp_path / "acts" / "notes.txt", POWER_LAW)
    write(tmp_path / "drafts" / "draft.md", POWER_LAW)
    _, report = run_json(capsys, tmp_path)
    assert [Path(f["path"]).name for f in report["files"]] == ["law.md"]
    # a file named explicitly is linted whatever `include` says, but `exclude` still wins
    _, report = run_json(capsys, tmp_path / "acts" / "notes.txt", tmp_path / "drafts" / "draft.md")
    assert [Path(f["path"]).name for f in report["files"]] == ["notes.txt"]
    assert provisions(report) == [("LG201", "Article 1(1)"), ("LG201", "Article 2")]


def test_readme_example_configuration_is_valid():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text("utf-8")
    block = readme.split("### Configuration: `.legislint.yaml`", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    fields, _ = config_module.parse_config_text(block, "README.md", Path("/project"))
    assert fields["suppress"][0].rule == "optional-refusal"
    assert fields["rule_dirs"] == [str(Path("/project/house-rules").resolve())]
