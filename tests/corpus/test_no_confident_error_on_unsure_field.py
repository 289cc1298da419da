"""Over every labelled set: no error-level finding rests on a field read below its confidence
threshold, and every finding's evidence names the fields it rests on as extraction read them.

The pipeline runs in this process over each set present (corpus, blind batches 1–3, the shared real
documents), every document with its label's pack and roster as ``corpus/evaluate.py`` runs it; the
real documents' labels name no pack (they label header fields), so they are checked with
``national``. The held-out batches are run for this assertion only: a failure on them gives counts,
never a document, a label or a score.

Scans are left out: OCR takes seconds a page (the real corpus's one map, ~30 s), and every finding on
OCR'd text is already a 疑似 warning (tests/validators/test_engine_ocr.py). The OCR engine is replaced
by a stand-in that refuses, so the readers' own rule decides what is a scan.
"""
from __future__ import annotations

import dataclasses

import pytest

from corpus.evaluate import EVAL_SETS, load_labels, pipeline_processor
from gongwen.extractors.readers import ocr
from gongwen.pipeline.model import DocResult, Fields
from gongwen.validators.engine import confidence_threshold

DEFAULT_PACK = "national"


class _ScanLeftOut(Exception):
    pass


def _refuse_ocr(*args, **kwargs):
    raise _ScanLeftOut


@pytest.fixture(scope="module")
def results() -> dict[str, list[tuple[str, bool, DocResult]]]:
    """Per available set: (document file name, set is tuned on, result), scans left out."""
    found = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ocr, "read_page", _refuse_ocr)
        for eval_set in EVAL_SETS:
            if not eval_set.available():
                continue
            process = pipeline_processor(None, eval_set.roster_base)
            rows = []
            for file, label in load_labels(eval_set.labels, eval_set.documents).items():
                result = process(eval_set.documents / file, {**label, "pack": label.get("pack") or DEFAULT_PACK})
                if not (result.error and _ScanLeftOut.__name__ in result.error.message):
                    rows.append((file, eval_set.tuned_on, result))
            found[eval_set.name] = rows
    if not found:
        pytest.skip("no labelled set is available")
    return found


def _shown(problems: list[str], tuned_on: bool) -> str:
    return "\n".join(problems) if tuned_on else f"{len(problems)} problems (a held-out set: not listed)"


def _non_empty(fields: Fields) -> set[str]:
    return {f.name for f in dataclasses.fields(Fields) if f.name != "provenance" and getattr(fields, f.name)}


def test_the_labelled_sets_ran(results):
    assert results["corpus"], "the team's corpus must be present"
    for name, rows in results.items():
        assert any(result.status == "ok" for _, _, result in rows), name


@pytest.mark.parametrize("set_name", [eval_set.name for eval_set in EVAL_SETS])
def test_no_error_rests_on_a_field_below_its_threshold(results, set_name):
    if set_name not in results:
        pytest.skip(f"{set_name} is not available here")
    problems, tuned_on = [], True
    for file, tuned_on, result in results[set_name]:
        for finding in result.findings:
            unsure = [item.field for item in finding.evidence
                      if item.confidence is not None and item.confidence < confidence_threshold(item.field)]
            if finding.severity == "error" and unsure:
                problems.append(f"{file}: {finding.rule} is an error resting on {unsure}")
    assert not problems, _shown(problems, tuned_on)


@pytest.mark.parametrize("set_name", [eval_set.name for eval_set in EVAL_SETS])
def test_every_finding_names_fields_as_extraction_read_them(results, set_name):
    if set_name not in results:
        pytest.skip(f"{set_name} is not available here")
    problems, tuned_on = [], True
    for file, tuned_on, result in results[set_name]:
        if result.fields is None:
            continue
        provenance = result.fields.provenance
        if set(provenance) != _non_empty(result.fields):
            problems.append(f"{file}: fields without provenance {_non_empty(result.fields) - set(provenance)}")
        for finding in result.findings:
            if finding.tool_fault:
                continue
            if not finding.evidence:
                problems.append(f"{file}: {finding.rule} names no field")
            for item in finding.evidence:
                read = provenance.get(item.field)
                if read is None and item.field in _non_empty(result.fields):
                    problems.append(f"{file}: {finding.rule} rests on {item.field} without its provenance")
                elif read is not None and (item.producer, item.confidence, item.start, item.end) != \
                        (read.producer, read.confidence, read.start, read.end):
                    problems.append(f"{file}: {finding.rule}'s evidence on {item.field} is not as extracted")
    assert not problems, _shown(problems, tuned_on)

