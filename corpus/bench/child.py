"""One bench section or phase measured in a Python process of its own, its figures read back as JSON."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def figures_from(module: str, *arguments: str, require_success: bool = True) -> dict:
    """The JSON ``python -m module arguments…`` prints, or ``{"failed": its last line of stderr}``.
    Without ``require_success`` a non-zero exit with figures printed still counts (a section that
    reports its own problems in them)."""
    done = subprocess.run([sys.executable, "-m", module, *arguments], cwd=REPO_ROOT, capture_output=True, text=True)
    if not done.stdout.strip() or (require_success and done.returncode != 0):
        return {"failed": (done.stderr.strip().splitlines() or [f"exit code {done.returncode}"])[-1]}
    return json.loads(done.stdout)
