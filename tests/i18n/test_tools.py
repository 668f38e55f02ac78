"""SARIF, the batch runner and the pre-commit hook work unchanged on French and Spanish files."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from legislint.cli import main

REPO = Path(__file__).resolve().parents[2]
SARIF_SCHEMA = REPO / "tests" / "repo" / "data" / "sarif-schema-2.1.0.json"
TEXTS = ("fr/fr-cpp-donnees-informatiques.txt", "fr/fr-loi-1927-extradition.txt",
         "es/es-lecrim-588.txt", "es/es-ley-4-1985-extradicion-pasiva.txt")


@pytest.fixture
def laws(corpus_i18n, tmp_path) -> Path:
    folder = tmp_path / "laws"
    folder.mkdir()
    for name in TEXTS:
        shutil.copy(corpus_i18n / name, folder / Path(name).name)
    return folder


def _json(capsys, *argv) -> dict:
    main(["check", "--format", "json", *map(str, argv)])
    return json.loads(capsys.readouterr().out)


def test_sarif_is_valid_and_carries_the_provisions_and_messages(laws, capsys):
    code = main(["check", "--format", "sarif", "--select", "core", str(laws)])
    log = json.loads(capsys.readouterr().out)
    assert code == 1
    jsonschema.Draft7Validator(json.loads(SARIF_SCHEMA.read_text("utf-8"))).validate(log)
    results = log["runs"][0]["results"]
    by_provision = {r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]: r for r in results}
    alinea = by_provision["Article 57-1, alinéa 3"]
    assert alinea["ruleId"] == "LG201"
    assert alinea["message"]["text"].startswith("Article 57-1, alinéa 3 : pouvoir intrusif")
    assert alinea["locations"][0]["physicalLocation"]["region"]["startLine"] == 41
    spanish = by_provision["Artículo quinto(1)"]
    assert spanish["ruleId"] == "LG301" and "solo facultativa" in spanish["message"]["text"]


def test_batch_reports_the_same_findings_as_check(laws, tmp_path, capsys):
    jsonl = tmp_path / "out.jsonl"
    code = main(["batch", str(laws), "--jsonl", str(jsonl), "--jobs", "2", "--quiet"])
    capsys.readouterr()
    assert code == 1
    rows = [json.loads(line) for line in jsonl.read_text("utf-8").splitlines() if line.strip()]
    batch = sorted((Path(r["path"]).name, r["code"], r["line"], r["provision"], r["message"])
                   for r in rows if "code" in r)
    report = _json(capsys, laws)
    check = sorted((Path(f["path"]).name, x["code"], x["line"], x["provision"], x["message"])
                   for f in report["files"] for x in f["findings"])
    assert batch == check
    assert any(row[3] == "Artículo 588 octies, párrafo 3" for row in batch)
    assert any(row[3] == "Article 34" and "obligation de coopérer" in row[4] for row in batch)


# ---------------------------------------------------------------------------- pre-commit
LOI = """\
# Loi relative aux interceptions

## Article 1

Au sens de la présente loi, on entend par « correspondance » toute transmission de données.

## Article 2

L'officier de police judiciaire peut intercepter les correspondances émises par la voie des télécommunications.
"""
LOI_CORRIGEE = LOI.replace(
    "L'officier de police judiciaire peut intercepter",
    "Sur autorisation écrite et motivée du juge des libertés et de la détention, l'officier de police "
    "judiciaire peut intercepter")


def _env() -> dict:
    env = dict(os.environ)
    env.update(GIT_AUTHOR_NAME="Rédacteur", GIT_AUTHOR_EMAIL="redacteur@example.org",
               GIT_COMMITTER_NAME="Rédacteur", GIT_COMMITTER_EMAIL="redacteur@example.org",
               NO_COLOR="1")
    env.pop("GIT_DIR", None)
    env.pop("GIT_INDEX_FILE", None)
    return env


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env=_env(), check=True)


def test_pre_commit_hook_blocks_a_french_power_without_a_judge(tmp_path):
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True,
                          check=True).stdout.strip()
    repo = tmp_path / "lois"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {REPO.as_posix()}\n    rev: {head}\n    hooks:\n      - id: legislint\n",
        encoding="utf-8")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "--no-verify", "-m", "début")
    pre_commit = [shutil.which("pre-commit")] if shutil.which("pre-commit") else [sys.executable, "-m", "pre_commit"]
    install = subprocess.run([*pre_commit, "install"], cwd=repo, capture_output=True, text=True, env=_env())
    assert install.returncode == 0, install.stdout + install.stderr

    def commit(text: str, message: str) -> subprocess.CompletedProcess:
        (repo / "loi.md").write_text(text, encoding="utf-8")
        _git(repo, "add", "loi.md")
        return subprocess.run(["git", "commit", "-m", message], cwd=repo, capture_output=True,
                              text=True, env=_env(), timeout=900)

    blocked = commit(LOI, "interceptions par la police")
    out = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0, out
    assert "LG201 Article 2 : pouvoir intrusif" in out and "loi.md:9" in out, out
    allowed = commit(LOI_CORRIGEE, "interceptions sur autorisation du juge")
    assert allowed.returncode == 0, allowed.stdout + allowed.stderr
