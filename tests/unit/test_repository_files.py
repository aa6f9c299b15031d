"""The repository tracks no machine-local files: a committed `.venv` link (a worktree's link to a
shared virtualenv) replaced the real virtualenv of every checkout that merged it."""

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LOCAL = (".venv", "instance", "node_modules", ".pytest_cache", ".mypy_cache", ".ruff_cache")


def test_no_machine_local_path_is_tracked():
    tracked = subprocess.run(
        ["git", "ls-files", "--", *LOCAL],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert tracked == []
