"""Rule cases (corpus/cases/<rule-id>.yaml): per-rule precision and recall.

A case file holds the cases of one rule::

    rule: request.one-matter
    cases:
      - name: two-unrelated-asks        # unique within the file
        pack: national                  # the pack to check it with (default national)
        expect: [request.one-matter]    # the rule ids this case must trigger ([] for a clean case)
        text: |                         # the document as a clerk would receive it
          ……
        repeat: {text: ……, times: 20}   # optional: a paragraph appended N times (long documents)
        fields: {doc_type: 请示, ……}     # what extraction should find: used when the engine runs alone
        elements: {body: ……}            # optional structure marks (the exact text covered)
        approval: [{role: 签发, ……}]     # optional approval record (written as a sidecar for the pipeline)
        roster: {government: ……, people: [……]}   # optional roster
        companions: [犬只管理办法-政策解读.docx]   # optional files beside the document (created empty)

A case counts for the rule of its file: the rule firing on a case that expects it is a true
positive, firing on a clean case a false positive. ``mode="engine"`` checks the labelled fields
with the engine alone; ``mode="pipeline"`` runs the whole pipeline (reader, normalizer, extraction)
on the text, which is what a user gets.
"""
from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from gongwen.pipeline import safe_yaml
from gongwen.pipeline.config import read_user_file
from gongwen.pipeline.errors import ConfigError
from gongwen.pipeline.model import Finding
from gongwen.validators.engine import validate
from gongwen.validators.examples import example_document, roster_from_example, write_example
from gongwen.validators.packs import Example, Pack, load_pack, parse_example

CASES_DIR = Path(__file__).resolve().parent.parent / "corpus" / "cases"
CASE_KEYS = {"name", "pack", "expect"}


@dataclass(frozen=True)
class Case:
    rule: str
    name: str
    pack: str
    expect: tuple[str, ...]
    example: Example
    path: str

    @property
    def violating(self) -> bool:
        return self.rule in self.expect


@dataclass(frozen=True)
class RuleScore:
    rule: str
    true_positives: int
    false_positives: int
    false_negatives: int
    true_negatives: int

    @property
    def precision(self) -> float | None:
        flagged = self.true_positives + self.false_positives
        return self.true_positives / flagged if flagged else None

    @property
    def recall(self) -> float | None:
        actual = self.true_positives + self.false_negatives
        return self.true_positives / actual if actual else None


def load_cases(cases_dir: Path = CASES_DIR) -> list[Case]:
    cases: list[Case] = []
    for path in sorted(Path(cases_dir).glob("*.yaml")):
        try:
            data = safe_yaml.load(read_user_file(path, "用例文件"))
        except yaml.YAMLError as error:
            raise ConfigError(f"用例文件 {path} 不是有效的 YAML：{safe_yaml.error_text(error)}") from None
        if not isinstance(data, dict) or not isinstance(data.get("rule"), str) or not isinstance(data.get("cases"), list):
            raise ConfigError(f"用例文件 {path} 应包含 rule（规则编号）和 cases（用例列表）。")
        names = set()
        for index, raw in enumerate(data["cases"]):
            where = f"用例文件 {path} 第 {index + 1} 个用例"

            def fail(reason: str, where: str = where) -> ConfigError:
                return ConfigError(f"{where}：{reason}")

            if not isinstance(raw, dict) or not raw.get("name"):
                raise fail("应为映射并给出 name。")
            if raw["name"] in names:
                raise fail(f"名称“{raw['name']}”重复。")
            names.add(raw["name"])
            expect = raw.get("expect")
            if not isinstance(expect, list):
                raise fail("expect 应为规则编号列表（合规用例写 []）。")
            example = parse_example({k: v for k, v in raw.items() if k not in CASE_KEYS}, fail, "用例")
            cases.append(Case(data["rule"], raw["name"], raw.get("pack", "national"), tuple(expect), example, str(path)))
    return cases


def findings_engine(case: Case, pack: Pack) -> tuple[Finding, ...]:
    return validate(example_document(case.example, case.name), pack, roster_from_example(case.example))


def findings_pipeline(case: Case, pack: Pack) -> tuple[Finding, ...]:
    """Run the whole pipeline on the case text written to a .txt file (plus an approval sidecar and
    the case's companion files)."""
    from gongwen.pipeline.runner import process_path

    with tempfile.TemporaryDirectory() as folder:
        document = write_example(case.example, Path(folder), case.name)
        if case.example.approval:
            sidecar = Path(folder) / f"{case.name}.approval.yaml"
            sidecar.write_text(yaml.safe_dump({"steps": list(case.example.approval)}, allow_unicode=True), encoding="utf-8")
        result = process_path(document, roster_from_example(case.example), pack)
    if result.status != "ok":
        raise RuntimeError(f"{case.path} {case.name}: {result.error.message if result.error else result.status}")
    return result.findings


def evaluate_cases(cases_dir: Path = CASES_DIR, pack: str | Pack | None = None,
                   mode: str = "engine") -> dict[str, RuleScore]:
    """Per-rule scores over the cases. With ``pack``, only the cases declared for that pack are run."""
    run: Callable[[Case, Pack], tuple[Finding, ...]] = findings_engine if mode == "engine" else findings_pipeline
    wanted = pack.name if isinstance(pack, Pack) else pack
    packs: dict[str, Pack] = {pack.name: pack} if isinstance(pack, Pack) else {}
    tallies: dict[str, list[int]] = {}
    for case in load_cases(cases_dir):
        if wanted is not None and case.pack != wanted:
            continue
        if case.pack not in packs:
            packs[case.pack] = load_pack(case.pack)
        fired = any(f.rule == case.rule for f in run(case, packs[case.pack]))
        tally = tallies.setdefault(case.rule, [0, 0, 0, 0])
        tally[(0 if fired else 2) if case.violating else (1 if fired else 3)] += 1
    return {rule: RuleScore(rule, *tally) for rule, tally in sorted(tallies.items())}


def format_scores(scores: dict[str, RuleScore]) -> str:
    """A table for `make eval`."""
    def pct(value: float | None) -> str:
        return "  -  " if value is None else f"{value:6.1%}"

    lines = [f"{'rule':32} {'TP':>3} {'FP':>3} {'FN':>3} {'TN':>3} {'precision':>9} {'recall':>7}"]
    for score in scores.values():
        lines.append(f"{score.rule:32} {score.true_positives:3} {score.false_positives:3} "
                     f"{score.false_negatives:3} {score.true_negatives:3} {pct(score.precision):>9} {pct(score.recall):>7}")
    return "\n".join(lines)
