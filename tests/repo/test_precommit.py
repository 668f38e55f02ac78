"""The pre-commit hook, end to end: real `pre-commit` (from PyPI) in a temporary git repository
whose `.pre-commit-config.yaml` points at this checkout as the hook repository.

pre-commit clones the hook repository at `rev` and installs it from there, so this test runs the
*committed* HEAD of the checkout: commit before running it. It blocks a commit that adds an
unsafeguarded power and lets the commit through once the power is fixed, or once the finding is
suppressed with a reason.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

# Bounded in time and notified (the extended checks), but with no judge's order (LG201).
LAW = """\
# Interception Act

## Article 1 – Definitions

In this Act, "communication" means any transmission of data.

## Article 2 – Interception

1. The police may intercept communications in real time.

2. No interception under this Article shall last longer than thirty days, and the person whose communications were intercepted shall be notified within ninety days after it ends.
"""

FIXED = LAW.replace("1. The police may intercept communications in real time.",
                    "1. The police may intercept communications in real time upon a prior order of a "
                    "judge, issued on reasonable suspicion for a period not exceeding 30 days.")

SUPPRESSED = LAW.replace(
    "1. The police may intercept",
    "<!-- legislint-disable-next LG201 -- a judge's warrant is required by the Criminal Procedure "
    "Act, s.12 -->\n1. The police may intercept")


def _pre_commit() -> list[str]:
    exe = shutil.which("pre-commit")
    if exe:
        return [exe]
    return [sys.executable, "-m", "pre_commit"]


def _git(cwd: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=check,
                          env=_env())


def _env() -> dict:
    env = dict(os.environ)
    env.update(GIT_AUTHOR_NAME="Drafter", GIT_AUTHOR_EMAIL="drafter@example.org",
               GIT_COMMITTER_NAME="Drafter", GIT_COMMITTER_EMAIL="drafter@example.org",
               NO_COLOR="1")
    env.pop("GIT_DIR", None)
    env.pop("GIT_INDEX_FILE", None)
    return env


@pytest.fixture(scope="module")
def head() -> str:
    if not (REPO / ".git").exists():
        pytest.fail(f"{REPO} is not a git checkout; the pre-commit hook repository must be one")
    sha = _git(REPO, "rev-parse", "HEAD").stdout.strip()
    committed = _git(REPO, "cat-file", "-e", f"{sha}:.pre-commit-hooks.yaml", check=False)
    assert committed.returncode == 0, ".pre-commit-hooks.yaml is not committed at HEAD"
    return sha


@pytest.fixture
def law_repo(tmp_path: Path, head: str) -> Path:
    repo = tmp_path / "laws"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    (repo / ".pre-commit-config.yaml").write_text(
        "repos:\n"
        f"  - repo: {REPO.as_posix()}\n"
        f"    rev: {head}\n"
        "    hooks:\n"
        "      - id: legislint\n", encoding="utf-8")
    (repo / "README.txt").write_text("Laws of the Republic, kept in git.\n", encoding="utf-8")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "--no-verify", "-m", "start")
    install = subprocess.run([*_pre_commit(), "install"], cwd=repo, capture_output=True, text=True,
                             env=_env())
    assert install.returncode == 0, install.stdout + install.stderr
    return repo


def _commit(repo: Path, text: str, message: str) -> subprocess.CompletedProcess:
    (repo / "interception-act.md").write_text(text, encoding="utf-8")
    _git(repo, "add", "interception-act.md")
    # The hook environment is built on first use (pip install of this checkout): allow for it.
    return subprocess.run(["git", "commit", "-m", message], cwd=repo, capture_output=True,
                          text=True, env=_env(), timeout=900)


def _log(repo: Path) -> list[str]:
    return _git(repo, "log", "--format=%s").stdout.split("\n")


def test_commit_blocked_by_new_power_then_allowed_when_fixed(law_repo: Path):
    blocked = _commit(law_repo, LAW, "add interception power")
    out = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0, out
    assert "LG201" in out and "Article 2(1)" in out and "interception-act.md:9" in out, out
    assert "add interception power" not in _log(law_repo)

    allowed = _commit(law_repo, FIXED, "add interception power with a judge's order")
    assert allowed.returncode == 0, allowed.stdout + allowed.stderr
    assert _log(law_repo)[0] == "add interception power with a judge's order"


def test_commit_allowed_once_the_finding_is_suppressed_with_a_reason(law_repo: Path):
    assert _commit(law_repo, LAW, "add interception power").returncode != 0
    allowed = _commit(law_repo, SUPPRESSED, "add interception power (reviewed)")
    assert allowed.returncode == 0, allowed.stdout + allowed.stderr
    assert _log(law_repo)[0] == "add interception power (reviewed)"


def test_suppression_without_reason_does_not_unblock(law_repo: Path):
    no_reason = SUPPRESSED.replace(" -- a judge's warrant is required by the Criminal Procedure Act, s.12", "")
    result = _commit(law_repo, no_reason, "suppress without saying why")
    out = result.stdout + result.stderr
    assert result.returncode != 0, out
    assert "LG201" in out and "no reason" in out
