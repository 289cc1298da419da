"""The corpus builder: deterministic output, committed files up to date, labels consistent."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
import yaml

from corpus import build as corpus_build

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "corpus"
DOC_TYPES = ("决议 决定 命令 公报 公告 通告 意见 通知 通报 报告 请示 批复 议案 函 纪要 "
             "汇报稿 情况说明 议题说明").split()


def content_of(path: Path) -> dict[str, bytes]:
    """What must be identical between builds: docx XML parts, the bytes of everything else."""
    if path.suffix == ".docx":
        with zipfile.ZipFile(path) as archive:
            return {name: archive.read(name) for name in sorted(archive.namelist())}
    return {"": path.read_bytes()}


def tree(directory: Path) -> dict[str, dict[str, bytes]]:
    return {str(path.relative_to(directory)): content_of(path)
            for path in sorted(directory.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def built_twice(tmp_path_factory) -> tuple[Path, Path]:
    first, second = tmp_path_factory.mktemp("first"), tmp_path_factory.mktemp("second")
    corpus_build.build(first)
    corpus_build.build(second)
    return first, second


def test_two_builds_give_identical_content(built_twice):
    first, second = built_twice
    assert tree(first) == tree(second)


def test_docx_and_pdf_bytes_are_stable(built_twice):
    first, second = built_twice
    for path in sorted((first / "documents").glob("*")):
        if path.suffix in (".docx", ".pdf"):
            assert path.read_bytes() == (second / "documents" / path.name).read_bytes(), path.name


def test_committed_corpus_matches_a_fresh_build(built_twice):
    fresh, _ = built_twice
    for directory in ("documents", "labels"):
        assert tree(CORPUS / directory) == tree(fresh / directory), f"run `make corpus` ({directory} is stale)"


def test_every_document_has_a_label_and_sidecars_have_documents():
    documents = {path.name for path in (CORPUS / "documents").iterdir()}
    labels = {path.name.removesuffix(".yaml") for path in (CORPUS / "labels").iterdir()}
    sidecars = {name for name in documents if name.endswith(".approval.yaml")}
    assert labels == documents - sidecars
    stems = {Path(name).stem for name in documents - sidecars}
    assert {name.removesuffix(".approval.yaml") for name in sidecars} <= stems


def test_corpus_covers_every_type_format_and_approval_form():
    sources = [source for source in corpus_build.load_sources() if source.seed is None]
    assert len(sources) >= 45
    assert {source.expected["doc_type"] for source in sources} >= set(DOC_TYPES)
    formats = [source.format for source in sources]
    assert min(formats.count(fmt) for fmt in ("docx", "pdf", "txt")) >= 10 and formats.count("html") >= 5
    assert sum(source.encoding == "gbk" for source in sources) >= 5
    forms = [source.approval.form for source in sources if source.approval]
    assert all(forms.count(form) >= 3 for form in ("table", "text", "sidecar"))


def test_approval_labels_follow_the_record():
    source = next(s for s in corpus_build.load_sources() if s.file == "yq-01-qingshi-shitang.docx")
    label = yaml.safe_load((CORPUS / "labels" / f"{source.file}.yaml").read_text(encoding="utf-8"))
    assert [(step["role"], step["name"], step["date"]) for step in label["approval"]] == [
        ("拟稿", "张某某", "2024-03-08"), ("核稿", "郑某某", "2024-03-09"),
        ("会签", "王某某", "2024-03-11"), ("签发", "武某某", "2024-03-12")]
    assert label["approval"][-1]["post"] == "局长"  # filled from the roster


def test_gbk_sources_are_written_in_gbk(built_twice):
    first, _ = built_twice
    for source in corpus_build.load_sources():
        if source.encoding == "gbk":
            data = (first / "documents" / source.file).read_bytes()
            with pytest.raises(UnicodeDecodeError):
                data.decode("utf-8")
            assert source.expected["issuer"][0] in data.decode("gbk")


def test_pdf_wraps_long_paragraphs_across_lines_and_pages(built_twice):
    pdfplumber = pytest.importorskip("pdfplumber")
    first, _ = built_twice
    longest = max((s for s in corpus_build.load_sources() if s.format == "pdf"),
                  key=lambda s: sum(len(p.text) for p in s.paragraphs))
    with pdfplumber.open(first / "documents" / longest.file) as pdf:
        assert len(pdf.pages) >= 2
        lines = [line for page in pdf.pages for line in (page.extract_text() or "").splitlines()]
    assert "— 1 —" in lines  # page numbers in the footer, as printed
    text = "\n".join(line for line in lines if not re.fullmatch(r"— \d+ —", line))
    paragraph = max(longest.paragraphs, key=lambda p: len(p.text)).text
    assert paragraph not in text  # wrapped: the reader must join lines
    assert paragraph in text.replace("\n", "")


def test_docx_carries_style_hints(built_twice):
    docx = pytest.importorskip("docx")
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    first, _ = built_twice
    document = docx.Document(first / "documents" / "yq-01-qingshi-shitang.docx")
    title = next(p for p in document.paragraphs if p.text.endswith("的请示"))
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER and title.runs[0].bold
    signature = next(p for p in document.paragraphs if p.text == "阳泉市城区教育局")
    assert signature.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert document.tables[0].rows[1].cells[0].text == "拟稿人"
    assert document.core_properties.author == corpus_build.FIXED_AUTHOR


def test_bad_sources_are_rejected_with_the_file_name(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("file: x.pdf\nformat: pdf\ncontent: [正文]\napproval:\n  form: table\n  steps: []\n"
                   "expected: {doc_type: 函}\n", encoding="utf-8")
    with pytest.raises(corpus_build.SourceError, match="bad.yaml.*docx"):
        corpus_build.load_source(bad)
    bad.write_text("file: x.txt\nformat: txt\nencoding: gbk\ncontent: [\"\\u20ac\"]\nexpected: {}\n",
                   encoding="utf-8")
    with pytest.raises(corpus_build.SourceError, match="gbk"):
        corpus_build.render_txt(corpus_build.load_source(bad))
