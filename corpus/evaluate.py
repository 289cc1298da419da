"""Compare gongwen's extraction with the corpus labels (``python -m corpus.evaluate``, ``make eval``).

Every document in corpus/documents that has ``labels/<file>.yaml`` goes through the pipeline; each
field the label gives (an empty list or null included: "expected none" is a real answer) is scored.
The comparison rules are documented in corpus/LABELS.md ("How `make eval` compares").
When results carry findings and a label lists ``findings``, precision and recall per rule id follow.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

from gongwen.pipeline.model import ApprovalStep, DocResult, Fields

CORPUS_DIR = Path(__file__).resolve().parent
DEFAULT_ROSTER = "roster.yaml"

SCALAR_FIELDS = ("doc_type", "title", "doc_number", "date", "copy_number", "classification", "urgency",
                 "printed_by", "printed_date")
LIST_FIELDS = ("issuer", "signer", "recipients", "cc", "attachments")
SCORED_FIELDS = ("doc_type", "title", "issuer", "doc_number", "signer", "date", "recipients", "cc",
                 "attachments", "contact", "copy_number", "classification", "urgency", "printed_by",
                 "printed_date", "request_items", "approval")

Processor = Callable[[Path, dict[str, Any]], DocResult]  # (document path, its label)


@dataclass
class FieldScore:
    n: int = 0
    correct: int = 0

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.n if self.n else None


@dataclass
class RuleScore:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    @property
    def precision(self) -> float | None:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else None

    @property
    def recall(self) -> float | None:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else None


@dataclass(frozen=True)
class Mismatch:
    file: str
    field: str
    expected: Any
    got: Any


@dataclass
class EvalReport:
    documents: int = 0
    fields: dict[str, FieldScore] = field(default_factory=lambda: {name: FieldScore() for name in SCORED_FIELDS})
    mismatches: list[Mismatch] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)  # file -> error message for documents that failed
    rules: dict[str, RuleScore] = field(default_factory=dict)
    validated: bool = False  # some result carried findings: the rule table means something

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "fields": {name: {"n": score.n, "correct": score.correct, "accuracy": score.accuracy}
                       for name, score in self.fields.items()},
            "validated": self.validated,
            "rules": {rule: {"tp": score.true_positives, "fp": score.false_positives,
                             "fn": score.false_negatives, "precision": score.precision,
                             "recall": score.recall}
                      for rule, score in sorted(self.rules.items())},
            "errors": self.errors,
            "mismatches": [asdict(mismatch) for mismatch in self.mismatches],
        }


# ---------------------------------------------------------------------------------------------
# Comparison of one field


def squeeze(value: Any) -> Any:
    """Strings compare without any whitespace (ideographic spaces included)."""
    return "".join(value.split()) if isinstance(value, str) else value


def field_value(fields: Fields, name: str) -> Any:
    """The extracted value in the label's shape (lists, dicts, ISO strings)."""
    value = getattr(fields, name)
    if name in LIST_FIELDS:
        return [squeeze(item) for item in value]
    if name == "contact":
        return None if value is None else {"name": squeeze(value.name), "phone": squeeze(value.phone)}
    if name == "request_items":
        return [squeeze(item.text) for item in value]
    if name == "approval":
        return [approval_key(step) for step in value]
    return squeeze(value)


def approval_key(step: ApprovalStep | dict[str, Any]) -> dict[str, Any]:
    if isinstance(step, ApprovalStep):
        return {"role": step.role, "name": squeeze(step.name), "date": step.date}
    return {"role": step.get("role"), "name": squeeze(step.get("name")), "date": _iso(step.get("date"))}


def expected_value(label: dict[str, Any], name: str) -> Any:
    value = label[name]
    if name in LIST_FIELDS:
        return [squeeze(item) for item in value or ()]
    if name == "contact":
        if not value:
            return None
        return {"name": squeeze(value.get("name")), "phone": squeeze(_text(value.get("phone")))}
    if name == "request_items":
        if not value:
            return {"count": 0, "items": []}
        return {"count": int(value["count"]), "items": [squeeze(item) for item in value.get("items", ())]}
    if name == "approval":
        return [approval_key(step) for step in value or ()]
    if name in ("date", "printed_date"):
        return _iso(value)
    return squeeze(_text(value))


def matches(name: str, expected: Any, got: Any) -> bool:
    if name == "request_items":
        return len(got) == expected["count"] and phrases_matched(expected["items"], got)
    return expected == got


def phrases_matched(phrases: list[str], items: list[str]) -> bool:
    """Each key phrase must be found in its own item (a bipartite matching, found by augmenting paths)."""
    owner: dict[int, int] = {}  # item index -> phrase index

    def assign(phrase: int, visited: set[int]) -> bool:
        for index, item in enumerate(items):
            if index in visited or phrases[phrase] not in item:
                continue
            visited.add(index)
            if index not in owner or assign(owner[index], visited):
                owner[index] = phrase
                return True
        return False

    return all(assign(phrase, set()) for phrase in range(len(phrases)))


def _iso(value: Any) -> str | None:
    return None if value is None else str(value)


def _text(value: Any) -> Any:
    return None if value is None else str(value)


# ---------------------------------------------------------------------------------------------
# Scoring documents


def score_document(report: EvalReport, file: str, label: dict[str, Any], result: DocResult) -> None:
    report.documents += 1
    if result.status != "ok" or result.fields is None:
        message = result.error.message if result.error else "no fields"
        report.errors[file] = message
    for name in SCORED_FIELDS:
        if name not in label:
            continue
        score = report.fields[name]
        score.n += 1
        expected = expected_value(label, name)
        got = field_value(result.fields, name) if result.fields is not None else f"<error: {report.errors[file]}>"
        if result.fields is not None and matches(name, expected, got):
            score.correct += 1
        else:
            report.mismatches.append(Mismatch(file, name, expected, got))
    if result.findings:
        report.validated = True
    if "findings" in label:
        score_findings(report, label["findings"] or [], result)


def score_findings(report: EvalReport, expected: Iterable[dict[str, Any]], result: DocResult) -> None:
    """Per rule id: a document counts once, as a hit, a false alarm or a miss."""
    expected_rules = {entry["rule"] for entry in expected}
    found_rules = {finding.rule for finding in result.findings}
    for rule in expected_rules | found_rules:
        score = report.rules.setdefault(rule, RuleScore())
        if rule in expected_rules and rule in found_rules:
            score.true_positives += 1
        elif rule in found_rules:
            score.false_positives += 1
        else:
            score.false_negatives += 1


def load_labels(corpus_dir: Path) -> dict[str, dict[str, Any]]:
    """Labels of the documents present in corpus_dir/documents, by document file name."""
    labels = {}
    documents_dir = corpus_dir / "documents"
    for path in sorted((corpus_dir / "labels").glob("*.yaml")):
        document_name = path.name.removesuffix(".yaml")
        if (documents_dir / document_name).is_file():
            labels[document_name] = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return labels


def pipeline_processor(pack_override: str | None = None) -> Processor:
    """The real pipeline with each label's roster and rule pack (``pack_override`` replaces the
    label's pack); rosters and packs are loaded once."""
    from gongwen.pipeline.roster import load_roster
    from gongwen.pipeline.runner import process_path
    from gongwen.validators.packs import load_pack

    rosters: dict[Path, Any] = {}
    packs: dict[str, Any] = {}

    def process(path: Path, label: dict[str, Any]) -> DocResult:
        roster_file = path.parent.parent / label.get("roster", DEFAULT_ROSTER)
        roster = None
        if roster_file.is_file():
            if roster_file not in rosters:
                rosters[roster_file] = load_roster(roster_file)
            roster = rosters[roster_file]
        pack_name = pack_override or label.get("pack")
        if pack_name and pack_name not in packs:
            packs[pack_name] = load_pack(pack_name)
        return process_path(path, roster, packs.get(pack_name))

    return process


def evaluate(corpus_dir: Path = CORPUS_DIR, process: Processor | None = None,
             pack: str | None = None) -> EvalReport:
    """Run every labelled document through ``process`` (default: the pipeline) and score it.

    ``process(path, label)`` returns a DocResult; the default pipeline uses the label's ``roster``
    (relative to corpus_dir; default corpus_dir/roster.yaml) and ``pack`` (the document's
    jurisdiction; ``pack`` here overrides it), so findings are scored per rule.
    """
    corpus_dir = Path(corpus_dir)
    process = process or pipeline_processor(pack)
    report = EvalReport()
    for file, label in load_labels(corpus_dir).items():
        result = process(corpus_dir / "documents" / file, label)
        score_document(report, file, label, result)
    return report


# ---------------------------------------------------------------------------------------------
# Output


def format_table(report: EvalReport) -> str:
    lines = [f"documents: {report.documents}   errors: {len(report.errors)}", "",
             f"{'field':<16}{'n':>5}{'correct':>9}{'accuracy':>10}"]
    for name, score in report.fields.items():
        accuracy = "-" if score.accuracy is None else f"{score.accuracy:.3f}"
        lines.append(f"{name:<16}{score.n:>5}{score.correct:>9}{accuracy:>10}")
    if not report.validated:
        lines += ["", "rules: no document produced findings (no rule pack ran), so rules are not scored"]
    elif report.rules:
        lines += ["", f"{'rule':<28}{'tp':>4}{'fp':>4}{'fn':>4}{'precision':>11}{'recall':>8}"]
        for rule, score in sorted(report.rules.items()):
            precision = "-" if score.precision is None else f"{score.precision:.2f}"
            recall = "-" if score.recall is None else f"{score.recall:.2f}"
            lines.append(f"{rule:<28}{score.true_positives:>4}{score.false_positives:>4}"
                         f"{score.false_negatives:>4}{precision:>11}{recall:>8}")
    return "\n".join(lines)


def format_details(report: EvalReport) -> str:
    lines = ["", "errors:"] if report.errors else []
    lines += [f"  {file}: {message}" for file, message in sorted(report.errors.items())]
    lines += ["", "mismatches (file, field, expected, got):"]
    for mismatch in report.mismatches:
        expected = json.dumps(mismatch.expected, ensure_ascii=False)
        got = json.dumps(mismatch.got, ensure_ascii=False)
        lines.append(f"  {mismatch.file}  {mismatch.field}\n      expected {expected}\n      got      {got}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m corpus.evaluate", description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS_DIR, help="corpus directory (default: corpus/)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--details", action="store_true", help="list every mismatch")
    parser.add_argument("--pack", help="rule pack name or file: also run validation and score findings per rule")
    args = parser.parse_args(argv)
    report = evaluate(args.corpus, pack=args.pack)
    from gongwen.validators.cases import evaluate_cases, format_scores

    case_scores = evaluate_cases(args.corpus / "cases", mode="pipeline")
    if args.json:
        data = report.to_dict()
        data["cases"] = {rule: asdict(score) for rule, score in case_scores.items()}
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(format_table(report))
        print("\nrule cases (corpus/cases, end to end through the pipeline):")
        print(format_scores(case_scores))
        if args.details:
            print(format_details(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
