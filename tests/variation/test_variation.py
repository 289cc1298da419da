"""Variation tests: each labelled base document (corpus/variation.py) rewritten into the surface
forms and file forms offices produce must give the same fields and the same findings as its base
rendering and its labels, through the real pipeline with its jurisdiction's pack and roster.

One test per (document, variant) checks every field and the finding set, except the aspects that
break today: those are listed in BREAKAGES (what breaks, per variant, field and document) and each
is its own strict-xfail test, so the list is the work list, and a fix that makes one pass shows as
an XPASS failure until its entry is removed (the aspect then joins the main test).
"""
from __future__ import annotations

from collections.abc import Iterable

import pytest

from corpus import variation
from corpus.evaluate import field_value
from gongwen.pipeline.model import DocResult
from gongwen.pipeline.roster import load_roster
from gongwen.pipeline.runner import process_path
from gongwen.validators.packs import load_pack

ASPECTS = (*variation.LABELLED_FIELDS, "findings")
REVIEW_SEVERITIES = ("error", "warning")
ALL = "*"

# (variants, aspects, documents, what breaks). ALL stands for every variant or document.
BREAKAGES: tuple[tuple[Iterable[str] | str, Iterable[str], Iterable[str] | str, str], ...] = ()


def _breakage_table() -> dict[tuple[str, str, str], str]:
    table: dict[tuple[str, str, str], str] = {}
    for variants, aspects, documents, reason in BREAKAGES:
        for document, variant in variation.cases():
            if variants != ALL and variant.key not in variants:
                continue
            if documents != ALL and document.key not in documents:
                continue
            for aspect in aspects:
                table.setdefault((document.key, variant.key, aspect), reason)
    return table


KNOWN = _breakage_table()


def _cases():
    for document, variant in variation.cases():
        yield pytest.param(document.key, variant.key, id=f"{document.key}/{variant.key}")


def _known_breakages():
    for (document_key, variant_key, aspect), reason in sorted(KNOWN.items()):
        yield pytest.param(document_key, variant_key, aspect, id=f"{document_key}/{variant_key}/{aspect}",
                           marks=pytest.mark.xfail(strict=True, reason=reason))


@pytest.fixture(scope="session")
def variation_results(tmp_path_factory) -> dict[tuple[str, str], tuple[variation.Variant, DocResult]]:
    """Every variant file written once and run once through the pipeline."""
    directory = tmp_path_factory.mktemp("variation")
    rosters, packs = {}, {}
    results = {}
    for case in variation.write_variants(directory):
        document = case.document
        if document.roster not in rosters:
            rosters[document.roster] = load_roster(variation.CORPUS_DIR / document.roster)
        if document.pack not in packs:
            packs[document.pack] = load_pack(document.pack)
        result = process_path(case.path, rosters[document.roster], packs[document.pack])
        results[document.key, case.variant.key] = (case.variant, result)
    return results


def observed(result: DocResult, aspect: str):
    """What the pipeline gave, in the labels' shape."""
    assert result.status == "ok", result.error
    if aspect == "findings":
        return sorted({f.rule for f in result.findings if f.severity in REVIEW_SEVERITIES})
    return field_value(result.fields, aspect)


def labelled(labels: dict, aspect: str):
    if aspect in ("title", "doc_number", "doc_type"):
        return variation.squeeze(labels[aspect])
    return labels[aspect]


def mismatches(results, document_key: str, variant_key: str, aspects: Iterable[str]) -> dict[str, tuple]:
    """aspect -> (expected, got) where the variant differs from its labels, or from the base
    rendering on an aspect the variant does not change."""
    document = next(d for d in variation.BASE_DOCUMENTS if d.key == document_key)
    variant, result = results[document_key, variant_key]
    base_variant, base_result = results[document_key, "base"]
    expected, base_expected = variant.expected(document), base_variant.expected(document)
    wrong = {}
    for aspect in aspects:
        got, want = observed(result, aspect), labelled(expected, aspect)
        if got != want:
            wrong[aspect] = (want, got)
        elif want == labelled(base_expected, aspect) and got != observed(base_result, aspect):
            wrong[aspect] = (f"base rendering: {observed(base_result, aspect)!r}", got)
    return wrong


@pytest.mark.parametrize(("document_key", "variant_key"), list(_cases()))
def test_variant_gives_the_labelled_fields_and_findings(variation_results, document_key, variant_key):
    """Every field and the finding set, except the aspects listed in BREAKAGES for this case."""
    aspects = [a for a in ASPECTS if (document_key, variant_key, a) not in KNOWN]
    assert mismatches(variation_results, document_key, variant_key, aspects) == {}


@pytest.mark.parametrize(("document_key", "variant_key", "aspect"), list(_known_breakages()))
def test_known_breakage(variation_results, document_key, variant_key, aspect):
    """One listed breakage: strict xfail, so a fix shows as XPASS until its entry is removed."""
    assert mismatches(variation_results, document_key, variant_key, [aspect]) == {}


def test_every_breakage_entry_names_existing_cases():
    """An entry that matches no case (a renamed variant) would silently stop marking anything."""
    variant_keys = {v.key for v in variation.VARIANTS}
    document_keys = {d.key for d in variation.BASE_DOCUMENTS}
    for variants, aspects, documents, _ in BREAKAGES:
        assert variants == ALL or set(variants) <= variant_keys
        assert documents == ALL or set(documents) <= document_keys
        assert set(aspects) <= set(ASPECTS)


def test_pdf_variant_breaks_a_paragraph_across_pages(tmp_path):
    """The multi-page PDF form really carries the furniture the tests claim: page numbers on each
    page and a body paragraph that continues on the next page."""
    import pypdfium2

    document = next(d for d in variation.BASE_DOCUMENTS if d.key == "da-baogao")
    variant = next(v for v in variation.VARIANTS if v.key == "file-pdf")
    case = variation.write_case(document, variant, tmp_path)
    pdf = pypdfium2.PdfDocument(case.path)
    pages = [pdf[index].get_textpage().get_text_range() for index in range(len(pdf))]
    assert len(pages) >= 2
    assert all(f"— {number} —" in text for number, text in enumerate(pages, 1))
    first_body_line = next(line for line in pages[1].splitlines() if line.strip())
    assert first_body_line[0] not in "　 一二三" and not first_body_line.startswith(document.body[1][:6])
    assert any(first_body_line.strip() in paragraph for paragraph in document.body)


def test_docx_variant_has_text_box_and_automatic_numbering(tmp_path):
    import zipfile

    document = next(d for d in variation.BASE_DOCUMENTS if d.key == "yq-tongzhi")
    variant = next(v for v in variation.VARIANTS if v.key == "file-docx")
    case = variation.write_case(document, variant, tmp_path)
    with zipfile.ZipFile(case.path) as package:
        body = package.read("word/document.xml").decode("utf-8")
        numbering = package.read("word/numbering.xml").decode("utf-8")
    assert "w:txbxContent" in body and document.header in body
    assert 'w:numFmt w:val="chineseCounting"' in numbering and "<w:numPr>" in body
    assert "一、各单位" not in body  # the label comes from numbering.xml, not the text
    assert "<w:tbl>" in body  # the approval record as a table
