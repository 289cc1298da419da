"""Compare gongwen's extraction with labelled sets (``python -m corpus.evaluate``, ``make eval``).

A set is a folder of labels and the documents they describe. Every labelled document goes through the
pipeline; each field the label gives (an empty list or null included: "expected none" is a real
answer) is scored. The comparison rules are documented in corpus/LABELS.md ("How `make eval`
compares"). When results carry findings and a label lists ``findings``, precision and recall per
rule id follow.

The sets (``EVAL_SETS``): ``corpus`` (written by the team, tuned on), ``blind1`` (written from the
rules catalogue by someone who had not read the code; its first-run score is kept in
``first-run.json`` beside it), ``blind2`` and ``blind3`` (written the same way by other writers; held out until the end of the
generalisation work, then inspected and tuned on), ``blind4`` (a fourth writer's batch aimed at the
semantic checks; first run recorded, then tuned on), ``blind5`` (held out, then inspected like blind2),
``blind6`` (a sixth writer's batch; first run recorded, then tuned on), ``blind7`` (the last
batch, held out: scored once), ``blind8`` to ``blind15`` (more writers' batches; first runs recorded, then tuned on) and ``real`` (public documents in ../shared/real-corpus, labelled by hand in corpus/real/labels).
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
SHARED_DIR = CORPUS_DIR.parent.parent / "shared"
FIRST_RUN_FILE = "first-run.json"


@dataclass(frozen=True)
class EvalSet:
    """A labelled set: ``labels/<document file name>.yaml`` for the documents in ``documents``.

    A label's ``roster`` path is relative to ``roster_base``."""

    name: str
    labels: Path
    documents: Path
    roster_base: Path = CORPUS_DIR
    tuned_on: bool = True

    @property
    def first_run_file(self) -> Path:
        return self.labels.parent / FIRST_RUN_FILE

    def available(self) -> bool:
        return self.labels.is_dir() and self.documents.is_dir()


EVAL_SETS = (
    EvalSet("corpus", CORPUS_DIR / "labels", CORPUS_DIR / "documents"),
    EvalSet("blind1", CORPUS_DIR / "blind" / "batch1" / "labels", CORPUS_DIR / "blind" / "batch1" / "documents"),
    EvalSet("blind2", CORPUS_DIR / "blind" / "batch2" / "labels", CORPUS_DIR / "blind" / "batch2" / "documents"),
    EvalSet("blind3", CORPUS_DIR / "blind" / "batch3" / "labels", CORPUS_DIR / "blind" / "batch3" / "documents"),
    EvalSet("blind4", CORPUS_DIR / "blind" / "batch4" / "labels", CORPUS_DIR / "blind" / "batch4" / "documents"),
    EvalSet("blind5", CORPUS_DIR / "blind" / "batch5" / "labels", CORPUS_DIR / "blind" / "batch5" / "documents"),
    EvalSet("blind6", CORPUS_DIR / "blind" / "batch6" / "labels", CORPUS_DIR / "blind" / "batch6" / "documents"),
    EvalSet("blind7", CORPUS_DIR / "blind" / "batch7" / "labels", CORPUS_DIR / "blind" / "batch7" / "documents",
            tuned_on=False),
    EvalSet("blind8", CORPUS_DIR / "blind" / "batch8" / "labels", CORPUS_DIR / "blind" / "batch8" / "documents"),
    EvalSet("blind9", CORPUS_DIR / "blind" / "batch9" / "labels", CORPUS_DIR / "blind" / "batch9" / "documents"),
    EvalSet("blind10", CORPUS_DIR / "blind" / "batch10" / "labels", CORPUS_DIR / "blind" / "batch10" / "documents"),
    EvalSet("blind11", CORPUS_DIR / "blind" / "batch11" / "labels", CORPUS_DIR / "blind" / "batch11" / "documents"),
    EvalSet("blind12", CORPUS_DIR / "blind" / "batch12" / "labels", CORPUS_DIR / "blind" / "batch12" / "documents"),
    EvalSet("blind13", CORPUS_DIR / "blind" / "batch13" / "labels", CORPUS_DIR / "blind" / "batch13" / "documents"),
    EvalSet("blind14", CORPUS_DIR / "blind" / "batch14" / "labels", CORPUS_DIR / "blind" / "batch14" / "documents"),
    EvalSet("blind15", CORPUS_DIR / "blind" / "batch15" / "labels", CORPUS_DIR / "blind" / "batch15" / "documents"),
    EvalSet("real", CORPUS_DIR / "real" / "labels", SHARED_DIR / "real-corpus"),
)

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


@dataclass(frozen=True)
class RuleMiss:
    """A rule a document's label and its findings disagree on: ``kind`` is "false alarm" or "missed"."""

    file: str
    rule: str
    kind: str
    detail: str


@dataclass
class EvalReport:
    documents: int = 0
    fields: dict[str, FieldScore] = field(default_factory=lambda: {name: FieldScore() for name in SCORED_FIELDS})
    mismatches: list[Mismatch] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)  # file -> error message for documents that failed
    rules: dict[str, RuleScore] = field(default_factory=dict)
    rule_misses: list[RuleMiss] = field(default_factory=list)
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
            "rule_misses": [asdict(miss) for miss in self.rule_misses],
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
    if name == "request_items":  # the ask as written, after the matter as the title names it
        return [squeeze(" ".join(filter(None, (item.subject, item.text)))) for item in value]
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


def matches(name: str, expected: Any, got: Any, strict_phrases: bool = False) -> bool:
    if name == "request_items":
        return len(got) == expected["count"] and phrases_matched(expected["items"], got, strict_phrases)
    return expected == got


# A key phrase is found in an item when at least this share of its two-character pieces occur in
# the item: labellers paraphrase ("命名社区养老服务示范站" for "批准命名上述5个站点为…社区养老服务示范站").
KEY_PHRASE_MIN_SHARE = 0.5


def phrase_found(phrase: str, item: str, strict: bool = False) -> bool:
    """``phrase`` is a substring of ``item`` or, unless ``strict``, at least KEY_PHRASE_MIN_SHARE of its
    character bigrams occur in ``item``."""
    if phrase in item:
        return True
    if strict or len(phrase) < 2:
        return False
    pieces = [phrase[i:i + 2] for i in range(len(phrase) - 1)]
    present = {item[i:i + 2] for i in range(len(item) - 1)}
    return sum(piece in present for piece in pieces) / len(pieces) >= KEY_PHRASE_MIN_SHARE


def phrases_matched(phrases: list[str], items: list[str], strict: bool = False) -> bool:
    """Each key phrase must be found in its own item (a bipartite matching, found by augmenting paths)."""
    owner: dict[int, int] = {}  # item index -> phrase index

    def assign(phrase: int, visited: set[int]) -> bool:
        for index, item in enumerate(items):
            if index in visited or not phrase_found(phrases[phrase], item, strict):
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


def score_document(report: EvalReport, file: str, label: dict[str, Any], result: DocResult,
                   strict_phrases: bool = False) -> None:
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
        if result.fields is not None and matches(name, expected, got, strict_phrases):
            score.correct += 1
        else:
            report.mismatches.append(Mismatch(file, name, expected, got))
    if result.findings:
        report.validated = True
    if "findings" in label:
        score_findings(report, file, label["findings"] or [], result)


def score_findings(report: EvalReport, file: str, expected: Iterable[dict[str, Any]], result: DocResult) -> None:
    """Per rule id: a document counts once, as a hit, a false alarm or a miss."""
    expected_notes = {entry["rule"]: entry.get("note") or "" for entry in expected}
    found_messages: dict[str, str] = {}
    for finding in result.findings:
        found_messages.setdefault(finding.rule, finding.message)
    for rule in sorted(expected_notes.keys() | found_messages.keys()):
        score = report.rules.setdefault(rule, RuleScore())
        if rule in expected_notes and rule in found_messages:
            score.true_positives += 1
        elif rule in found_messages:
            score.false_positives += 1
            report.rule_misses.append(RuleMiss(file, rule, "false alarm", found_messages[rule]))
        else:
            score.false_negatives += 1
            report.rule_misses.append(RuleMiss(file, rule, "missed", str(expected_notes[rule])))


def load_labels(labels_dir: Path, documents_dir: Path) -> dict[str, dict[str, Any]]:
    """Labels of the documents present in documents_dir, by document file name."""
    labels = {}
    for path in sorted(labels_dir.glob("*.yaml")):
        document_name = path.name.removesuffix(".yaml")
        if (documents_dir / document_name).is_file():
            labels[document_name] = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return labels


def pipeline_processor(pack_override: str | None = None, roster_base: Path | None = None) -> Processor:
    """The real pipeline with each label's roster (relative to ``roster_base``, default: the
    document's corpus folder) and rule pack (``pack_override`` replaces the label's pack); rosters
    and packs are loaded once."""
    from gongwen.pipeline.roster import load_roster
    from gongwen.pipeline.runner import process_path
    from gongwen.validators.packs import load_pack

    rosters: dict[Path, Any] = {}
    packs: dict[str, Any] = {}

    def process(path: Path, label: dict[str, Any]) -> DocResult:
        roster_file = (roster_base or path.parent.parent) / label.get("roster", DEFAULT_ROSTER)
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
    return evaluate_set(EvalSet("corpus", corpus_dir / "labels", corpus_dir / "documents", corpus_dir),
                        process, pack)


def evaluate_set(eval_set: EvalSet, process: Processor | None = None, pack: str | None = None,
                 strict_phrases: bool = False) -> EvalReport:
    process = process or pipeline_processor(pack, eval_set.roster_base)
    report = EvalReport()
    for file, label in load_labels(eval_set.labels, eval_set.documents).items():
        result = process(eval_set.documents / file, label)
        score_document(report, file, label, result, strict_phrases)
    return report


def record_first_run(eval_set: EvalSet, report: EvalReport) -> bool:
    """Keep a set's first score, once: later runs are compared with it, never overwrite it."""
    if eval_set.first_run_file.exists():
        return False
    data = report.to_dict()
    data["recorded_by"] = "python -m corpus.evaluate (first run of this set)"
    eval_set.first_run_file.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return True


def report_from_dict(data: dict[str, Any]) -> EvalReport:
    report = EvalReport(documents=data["documents"], validated=data.get("validated", False),
                        errors=dict(data.get("errors", {})))
    for name, score in data["fields"].items():
        report.fields[name] = FieldScore(score["n"], score["correct"])
    for rule, score in data.get("rules", {}).items():
        report.rules[rule] = RuleScore(score["tp"], score["fp"], score["fn"])
    report.mismatches = [Mismatch(**mismatch) for mismatch in data.get("mismatches", [])]
    report.rule_misses = [RuleMiss(**miss) for miss in data.get("rule_misses", [])]
    return report


# ---------------------------------------------------------------------------------------------
# Output


def format_table(report: EvalReport) -> str:
    lines = [f"documents: {report.documents}   errors: {len(report.errors)}", "",
             f"{'field':<16}{'n':>5}{'correct':>9}{'accuracy':>10}"]
    for name, score in report.fields.items():
        if not score.n:
            continue
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
    if report.rule_misses:
        lines += ["", "rule misses (file, rule, false alarm or missed: the finding's message or the label's note):"]
        lines += [f"  {miss.file}  {miss.rule}  {miss.kind}\n      {miss.detail}" for miss in report.rule_misses]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m corpus.evaluate", description=__doc__.splitlines()[0])
    parser.add_argument("--set", dest="sets", action="append", choices=[s.name for s in EVAL_SETS],
                        help="score only this set (repeatable; default: every set present)")
    parser.add_argument("--corpus", type=Path, help="score this corpus folder (documents/ and labels/) instead")
    parser.add_argument("--json", action="store_true", help="print the reports as JSON")
    parser.add_argument("--details", action="store_true", help="list every miss")
    parser.add_argument("--pack", help="rule pack for every document instead of each label's own")
    parser.add_argument("--strict-phrases", action="store_true",
                        help="request_items key phrases must be substrings of their items (the score before paraphrases counted)")
    args = parser.parse_args(argv)
    if args.corpus:
        sets = [EvalSet("corpus", args.corpus / "labels", args.corpus / "documents", args.corpus)]
    else:
        sets = [s for s in EVAL_SETS if (not args.sets or s.name in args.sets) and s.available()]
    results: dict[str, Any] = {}
    for eval_set in sets:
        report = evaluate_set(eval_set, pack=args.pack, strict_phrases=args.strict_phrases)
        first_run = None
        if eval_set.name != "corpus":
            if record_first_run(eval_set, report):
                print(f"{eval_set.name}: first run recorded in {eval_set.first_run_file}", file=sys.stderr)
            first_run = report_from_dict(json.loads(eval_set.first_run_file.read_text(encoding="utf-8")))
        if args.json:
            results[eval_set.name] = {"now": report.to_dict(),
                                      "first_run": first_run.to_dict() if first_run else None}
            continue
        held_out = "" if eval_set.tuned_on else "  (held out: never tuned on)"
        print(f"=== {eval_set.name}: {eval_set.labels.parent}{held_out}")
        if first_run is not None:
            print(format_comparison(first_run, report))
        else:
            print(format_table(report))
        if args.details and eval_set.tuned_on:
            print(format_details(report))
        elif args.details:
            print("(misses of a held-out set are not listed: reading them would be tuning on it)")
        print()
    if args.corpus or not args.sets or "corpus" in args.sets:
        from gongwen.validators.cases import evaluate_cases, format_scores

        cases_dir = (args.corpus or CORPUS_DIR) / "cases"
        case_scores = evaluate_cases(cases_dir, mode="pipeline")
        if args.json:
            results["cases"] = {rule: asdict(score) for rule, score in case_scores.items()}
        else:
            print("rule cases (corpus/cases, end to end through the pipeline):")
            print(format_scores(case_scores))
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
    return 0


def format_comparison(first: EvalReport, now: EvalReport) -> str:
    """Field accuracy and rule precision/recall, first run beside now."""
    lines = [f"documents: {now.documents}   errors: {len(now.errors)} (first run: {len(first.errors)})", "",
             f"{'field':<16}{'n':>5}{'first run':>11}{'now':>8}"]
    for name, score in now.fields.items():
        if not score.n:
            continue
        before = first.fields.get(name, FieldScore())
        lines.append(f"{name:<16}{score.n:>5}{_ratio(before.accuracy):>11}{_ratio(score.accuracy):>8}")
    if now.validated or first.validated:
        lines += ["", f"{'rule':<28}{'tp':>4}{'fp':>4}{'fn':>4}{'P first':>9}{'P now':>7}{'R first':>9}{'R now':>7}"]
        for rule in sorted(set(now.rules) | set(first.rules)):
            score, before = now.rules.get(rule, RuleScore()), first.rules.get(rule, RuleScore())
            lines.append(f"{rule:<28}{score.true_positives:>4}{score.false_positives:>4}{score.false_negatives:>4}"
                         f"{_ratio(before.precision):>9}{_ratio(score.precision):>7}"
                         f"{_ratio(before.recall):>9}{_ratio(score.recall):>7}")
    return "\n".join(lines)


def _ratio(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


if __name__ == "__main__":
    sys.exit(main())
