"""CI gate of the 司法局: `gongwen check DIR --rules dongan --format sarif` on a 规范性文件 送审稿 folder.

A draft 办法 submitted without a legality-review record and without its 政策解读 fails the gate
(exit 1, both rules named in the SARIF log); the same folder with the review recorded in the
approval sidecar and the interpretation beside the draft passes (exit 0).
"""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote, urlparse

import yaml
from click.testing import CliRunner

from gongwen.pipeline.cli import main

DRAFT_NAME = "东安区城区犬只管理办法（送审稿）"
DRAFT = """东安区城区犬只管理办法（送审稿）

第一条 为规范犬只管理，维护公共秩序，保障居民人身安全，结合本区实际，制定本办法。
第二条 本办法适用于本区城市建成区内的犬只饲养和管理活动。
第三条 养犬人应当依照《黑龙江省养犬管理条例》为犬只办理登记，携犬出户应当束犬链。
第四条 违反本办法规定的，由有关部门依照有关法律法规处理。
第五条 本办法自印发之日起施行。
"""
INTERPRETATION = """《东安区城区犬只管理办法》政策解读

一、制定背景
近年来，我区城区养犬数量增加，犬只伤人、扰民等问题时有发生，群众反映强烈。
二、主要内容
《办法》共五条，明确了适用范围、犬只登记和文明养犬要求。
"""
REVIEWED = {"steps": [
    {"role": "拟稿", "organ": "区农业农村局", "name": "孙某某", "date": "2024-06-03"},
    {"role": "会签", "organ": "区司法局", "name": "程某某", "opinion": "经合法性审查，未发现违法内容",
     "date": "2024-06-10"},
]}
GATED = {"regulation.legality-review", "regulation.policy-interpretation"}


def _check(folder: Path):
    result = CliRunner().invoke(main, ["check", str(folder), "--rules", "dongan", "--format", "sarif", "--jobs", "1"],
                                catch_exceptions=False)
    log = json.loads(result.stdout)
    fired = {(_file_name(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]), r["ruleId"], r["level"])
             for run in log["runs"] for r in run["results"]}
    return result.exit_code, fired


def _file_name(uri: str) -> str:
    return Path(unquote(urlparse(uri).path)).name


def test_draft_without_review_or_interpretation_fails_the_gate(tmp_path: Path) -> None:
    (tmp_path / f"{DRAFT_NAME}.txt").write_text(DRAFT, encoding="utf-8")

    exit_code, fired = _check(tmp_path)

    assert exit_code == 1
    assert {(f"{DRAFT_NAME}.txt", rule, "error") for rule in GATED} <= fired


def test_review_record_and_companion_interpretation_pass_the_gate(tmp_path: Path) -> None:
    (tmp_path / f"{DRAFT_NAME}.txt").write_text(DRAFT, encoding="utf-8")
    assert _check(tmp_path)[0] == 1

    (tmp_path / f"{DRAFT_NAME}.approval.yaml").write_text(yaml.safe_dump(REVIEWED, allow_unicode=True), encoding="utf-8")
    (tmp_path / "东安区城区犬只管理办法-政策解读.txt").write_text(INTERPRETATION, encoding="utf-8")

    exit_code, fired = _check(tmp_path)

    assert exit_code == 0, fired
    assert not {rule for _, rule, _ in fired} & GATED


def test_interpretation_of_another_regulation_does_not_count(tmp_path: Path) -> None:
    (tmp_path / f"{DRAFT_NAME}.txt").write_text(DRAFT, encoding="utf-8")
    (tmp_path / f"{DRAFT_NAME}.approval.yaml").write_text(yaml.safe_dump(REVIEWED, allow_unicode=True), encoding="utf-8")
    (tmp_path / "东安区城区停车场管理办法-政策解读.txt").write_text(
        INTERPRETATION.replace("犬只", "停车场"), encoding="utf-8")

    exit_code, fired = _check(tmp_path)

    assert exit_code == 1
    rules = {rule for name, rule, _ in fired if name == f"{DRAFT_NAME}.txt"}
    assert "regulation.policy-interpretation" in rules and "regulation.legality-review" not in rules
