"""End to end: real headless Neovim (Debian's 0.7) + editors/nvim + `legislint lsp` on a corpus text.

Neovim is installed by the session fixture when missing (apt-get, as root). If it cannot be
installed the test fails: a skipped editor test would hide a broken editor setup.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

REPO = Path(__file__).resolve().parents[2]
DRIVER = Path(__file__).with_name("nvim_driver.lua")
REASON = "Production orders are issued by a judge under the Criminal Procedure Code, s.12."


@pytest.fixture(scope="session")
def nvim() -> str:
    path = shutil.which("nvim")
    if path is None:
        if os.geteuid() != 0:
            pytest.fail("nvim is not installed and the tests are not running as root to install it "
                        "(apt-get install -y neovim)")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        for cmd in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "neovim"]):
            proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=900)
            if proc.returncode != 0:
                pytest.fail(f"cannot install neovim: {' '.join(cmd)} exited {proc.returncode}:\n"
                            f"{proc.stderr[-2000:]}")
        path = shutil.which("nvim")
        if path is None:
            pytest.fail("apt-get install neovim succeeded but nvim is not on PATH")
    return path


def test_neovim_receives_the_servers_diagnostics_and_uses_its_features(nvim, corpus, tmp_path):
    from legislint.api import lint_text
    from legislint.config import config_for

    text = (corpus / "budapest-ets185.txt").read_text(encoding="utf-8")
    bill = tmp_path / "budapest.txt"
    bill.write_text(text, encoding="utf-8")
    (tmp_path / ".git").mkdir()  # the project root the Lua setup looks for
    # What a fresh lint says, before Neovim's session adds a suppression to the project.
    result = lint_text(text, str(bill), config_for(bill))
    report = tmp_path / "report.json"
    env = {
        **os.environ,
        "LEGISLINT_NVIM_PLUGIN": str(REPO / "editors" / "nvim"),
        "LEGISLINT_CMD": json.dumps([sys.executable, "-m", "legislint.lsp"]),
        "LEGISLINT_FILE": str(bill),
        "LEGISLINT_OUT": str(report),
        "LEGISLINT_REASON": REASON,
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    proc = subprocess.run([nvim, "--headless", "--clean", "-u", "NONE", "-c", f"luafile {DRIVER}"],
                          env=env, cwd=tmp_path, capture_output=True, text=True, timeout=900)
    assert report.is_file(), f"nvim wrote no report (exit {proc.returncode}):\n{proc.stderr[-3000:]}"
    out = json.loads(report.read_text(encoding="utf-8"))
    assert "error" not in out, f"{out.get('error')} after steps {out.get('steps')}"
    assert out["client_name"] == "legislint"
    assert out["filetype"] == "text"

    # 1. Exactly the diagnostics a fresh lint of the same text gives.
    severity = {"error": 1, "warning": 2, "info": 3}
    want = sorted((f.code, f.line - 1, f.end_line - 1, severity[f.severity], f.message)
                  for f in result.findings)
    got = sorted((d["code"], d["lnum"], d["end_lnum"], d["severity"], d["message"])
                 for d in out["initial"])
    assert len(want) > 20
    assert got == want
    assert {d["source"] for d in out["initial"]} == {"legislint"}
    assert all(d["href"].endswith(f"/rules/{d['code']}/") for d in out["initial"])

    # 2. The outline: the treaty's chapters.
    chapters = [n.label + (" – " + n.title if n.title else "")
                for n in result.document.root.children if n.kind == "division"]
    assert chapters and all(name in out["symbols"] for name in chapters[:3])

    # 3. Hover explains the rule.
    assert "LG201" in out["hover"] and "Why it matters" in out["hover"]

    # 4. The quick fix inserted the model wording and the finding went away.
    target = next(f for f in result.findings if f.code == "LG201")
    assert out["target_lnum"] == target.line - 1
    assert target.fix.text.strip() in out["fixed_line"]
    assert not [d for d in out["after_fix"]
                if d["code"] == "LG201" and d["lnum"] == out["target_lnum"]]

    # 5. Suppress with the reason typed at the prompt: written to .legislint.yaml, finding gone.
    config = YAML(typ="safe").load((tmp_path / ".legislint.yaml").read_text(encoding="utf-8"))
    entry = config["suppress"][-1]
    assert entry["rule"] == "power-without-prior-judicial-authorization"
    assert entry["reason"] == REASON
    assert not [d for d in out["after_suppress"]
                if d["code"] == "LG201" and d["lnum"] == out["suppressed_lnum"]]
    assert [d for d in out["after_suppress"] if d["code"] == "LG201"], \
        "only the one provision is suppressed"
