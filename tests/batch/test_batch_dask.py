"""`--executor dask`: the same per-file job on a real Dask cluster (scheduler + 2 worker
processes on loopback) gives exactly the local results."""

from __future__ import annotations

import os
import socket

import distributed  # the dask extra, part of the test extra: a missing one fails, not skips
import pytest
from batch_helpers import BROKEN, read_jsonl, run_batch, run_batch_process


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=None) as local:
        with distributed.Client(local) as client:
            client.wait_for_workers(2, timeout=120)
            pids = set(client.run(os.getpid).values())
        yield local, pids


def test_dask_run_equals_local_run(cluster, bills_dir, tmp_path):
    local, _ = cluster
    proc = run_batch(str(bills_dir), "--jsonl", str(tmp_path / "local.jsonl"), "--jobs", "1")
    assert proc.returncode == 1, proc.stderr
    proc = run_batch(str(bills_dir), "--jsonl", str(tmp_path / "dask.jsonl"),
                     "--report", str(tmp_path / "dask.html"),
                     "--executor", "dask", "--scheduler", local.scheduler_address)
    assert proc.returncode == 1, proc.stderr
    dask_records = read_jsonl(tmp_path / "dask.jsonl")
    assert dask_records == read_jsonl(tmp_path / "local.jsonl")
    assert {os.path.basename(r["path"]) for r in dask_records if "error" in r} == set(BROKEN)
    assert (tmp_path / "dask.html").stat().st_size > 0


def test_files_are_linted_on_the_workers(cluster, bills_dir):
    from legislint.batch.runner import default_options, run_batch as run

    local, worker_pids = cluster
    paths = sorted(str(p) for p in bills_dir.iterdir())
    results = run(paths, default_options(), executor="dask", scheduler=local.scheduler_address)
    assert [r["path"] for r in results] == paths, "input order, as typed"
    ran_on = {r["pid"] for r in results}
    assert ran_on <= worker_pids and os.getpid() not in ran_on


def test_unreachable_scheduler_is_a_usage_error(bills_dir):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = run_batch_process(str(bills_dir), "--executor", "dask",
                             "--scheduler", f"tcp://127.0.0.1:{port}",
                             env={"DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "3s"}, timeout=120)
    assert proc.returncode == 2
    assert "cannot reach the Dask scheduler" in proc.stderr
