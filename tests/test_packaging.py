"""The wheel installs under one `gongwen` namespace and works beside PyPI's `validators`.

The repository's folders are named pipeline/, extractors/, validators/ and reports/; installed
bare, they would shadow (or be shadowed by) other distributions of those names.
"""
from __future__ import annotations

import ast
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGE_FOLDERS = ("pipeline", "extractors", "validators", "reports")


def test_no_module_imports_a_bare_folder_name() -> None:
    offenders = []
    for folder in (*PACKAGE_FOLDERS, "corpus", "tests"):
        for path in (REPO / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = []
                if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                elif isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                offenders += [f"{path.relative_to(REPO)}:{node.lineno} {name}" for name in names
                              if name.split(".")[0] in PACKAGE_FOLDERS]
    assert offenders == []


def _run(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=240)


@pytest.mark.slow
def test_wheel_works_in_a_fresh_venv_beside_pypi_validators(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    built = _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                 "-w", str(wheels), str(REPO), cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    fetched = _run(sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(wheels),
                   "validators", cwd=tmp_path)
    if fetched.returncode != 0:
        pytest.skip(f"PyPI's validators could not be downloaded: {fetched.stderr.strip()[-200:]}")

    venv = tmp_path / "venv"
    assert _run(sys.executable, "-m", "venv", "--without-pip", str(venv), cwd=tmp_path).returncode == 0
    python = venv / "bin" / "python"
    site = Path(_run(str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])",
                     cwd=tmp_path).stdout.strip())
    # gongwen's dependencies come from this environment; gongwen and validators go in as wheels.
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    for wheel in sorted(wheels.glob("*.whl")):
        installed = _run(sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q",
                         str(wheel), cwd=tmp_path)
        if installed.returncode != 0 and "no such option: --python" in installed.stderr:
            pytest.skip("this pip cannot install into another interpreter")
        assert installed.returncode == 0, installed.stderr

    env = {**os.environ, "PYTHONPATH": ""}
    probe = _run(str(python), "-c",
                 "import validators, gongwen.validators.packs as p, gongwen.pipeline.cli;"
                 "assert validators.email('a@b.cn');"
                 "print(len(p.load_pack('dongan').active_rules()))", cwd=tmp_path, env=env)
    assert probe.returncode == 0, probe.stderr
    assert int(probe.stdout) > 10

    document = tmp_path / "doc.txt"
    document.write_text("东安区财政局关于申请办公经费的请示\n\n区人民政府：\n    请拨付经费。\n    妥否，请批示。\n"
                        "\n东安区财政局\n2024年3月8日\n", encoding="utf-8")
    checked = _run(str(venv / "bin" / "gongwen"), "check", str(document), "--rules", "dongan",
                   "--format", "json", cwd=tmp_path, env=env)
    assert checked.returncode in (0, 1), checked.stderr
    assert '"status": "ok"' in checked.stdout
