"""Report samples: a small batch covering every case an emitter must handle.

- a 请示 with overlapping findings, a finding without width, one without location, a table row
  and a header block;
- a document whose text and title are hostile (Markdown, HTML and attribute injection);
- a document that could not be processed; a clean document; a result without its document text.
Findings are built from the text they point at, so offsets are always right.
"""
from __future__ import annotations

from pathlib import Path

from gongwen.pipeline.errors import make_error
from gongwen.pipeline.model import Block, DocResult, Document, Fields, Finding, Location, RawDocument, Source
from gongwen.validators.packs import AppliesTo, Example, Pack, Rule, RuleDoc

HOSTILE_TITLE = '关于|*危险*|<script>alert(1)</script>的通知'
HOSTILE_BODY = '请各单位"onload="alert(2)落实 [链接](javascript:alert(3)) `代码` # 标题'

RULE_SOURCE = Source("《东安区人民政府工作规则》", "第五十八条", "请示应当一文一事")


def make_document(path: str, blocks: list[tuple[str, str]], fmt: str = "docx") -> Document:
    raw = RawDocument(path=path, format=fmt, blocks=tuple(Block(kind, text) for kind, text in blocks))
    original = "\n".join(text for _, text in blocks)
    spans, offset = [], 0
    for _, text in blocks:
        spans.append((offset, offset + len(text)))
        offset += len(text) + 1
    return Document(raw=raw, text=original, original=original,
                    offset_map=tuple(range(len(original) + 1)), block_spans=tuple(spans))


def finding_at(document: Document, rule: str, severity: str, needle: str, occurrence: int = 0, *,
               width: bool = True, source: Source | None = RULE_SOURCE, suggestion: str | None = None,
               message: str | None = None) -> Finding:
    """A finding on the ``occurrence``-th ``needle`` of the document's original text."""
    start = -1
    for _ in range(occurrence + 1):
        start = document.original.index(needle, start + 1)
    end = start + len(needle) if width else start
    block = document.block_at(start)
    return Finding(rule=rule, severity=severity, message=message or f"{rule} 的问题说明",
                   location=Location(block, None, start, end), excerpt=needle, source=source,
                   suggestion=suggestion, pack="dongan")


REQUEST_BLOCKS = [
    ("header", "东安区人民政府办公室文件"),
    ("para", "东安区人民政府办公室关于申请办公经费和增加编制的请示"),
    ("para", "区政府："),
    ("para", "为保障工作正常开展，现申请办公经费20万元，并请求增加编制3名。"),
    ("table_row", "拟稿\t李四"),
    ("para", "妥否，请批示。"),
]


def request_result(keep_document: bool = True, path: str = "公文/东安区关于申请经费的请示.docx") -> DocResult:
    document = make_document(path, REQUEST_BLOCKS)
    findings = (
        finding_at(document, "request.one-matter", "error", "申请办公经费20万元，并请求增加编制3名",
                   message="请示应当一文一事，本件包含 2 项请示事项。", suggestion="将“增加编制”另行请示。"),
        finding_at(document, "number.amount-format", "warning", "20万元", suggestion="写作“20 万元”。"),
        finding_at(document, "title.doc-type", "info", "关于申请办公经费", width=False, source=None),
        finding_at(document, "approval.drafter", "warning", "李四"),
        finding_at(document, "header.issuer-mark", "warning", "东安区人民政府办公室文件"),
        finding_at(document, "request.closing", "info", "妥否，请批示。"),
        Finding("approval.missing-signer", "error", "未找到签发人。", None, None, RULE_SOURCE,
                "请补充签发人签批记录。", "dongan"),
    )
    fields = Fields(doc_type="请示", title="东安区人民政府办公室关于申请办公经费和增加编制的请示",
                    issuer=("东安区人民政府办公室",), date="2024-03-05", date_text="2024年3月5日")
    return DocResult(path, "docx", "ok", fields=fields, findings=findings, sha256="ab" * 32,
                     document=document if keep_document else None)


def hostile_result(path: str = "恶意/<b>标题</b>&.txt") -> DocResult:
    document = make_document(path, [("para", HOSTILE_TITLE), ("para", HOSTILE_BODY)], fmt="txt")
    findings = (
        finding_at(document, "title.punctuation", "error", "<script>alert(1)</script>",
                   message="标题含有异常字符 <script>", suggestion='删除 "<script>" | *星号*'),
        finding_at(document, "body.attr", "warning", '"onload="alert(2)'),
    )
    fields = Fields(doc_type="通知", title=HOSTILE_TITLE, issuer=("某|机关*",), doc_number="[x](y)〔2024〕1号")
    return DocResult(path, "txt", "ok", fields=fields, findings=findings, document=document)


def error_result(path: str = "扫描件/会议纪要.pdf") -> DocResult:
    return DocResult(path, "pdf", "error", make_error("no-text-layer", path))


def clean_result(path: str = "通知/关于开展安全检查的通知.txt") -> DocResult:
    document = make_document(path, [("para", "关于开展安全检查的通知"), ("para", "各单位：请按要求开展检查。")], fmt="txt")
    return DocResult(path, "txt", "ok", fields=Fields(doc_type="通知", title="关于开展安全检查的通知"),
                     document=document)


def sample_results() -> list[DocResult]:
    """Sorted by path, as the runner hands them over."""
    results = [request_result(), hostile_result(), error_result(), clean_result(),
               request_result(keep_document=False, path="无全文/请示副本.docx")]
    return sorted(results, key=lambda result: result.path)


def _rule(rule_id: str, severity: str, what: str) -> Rule:
    return Rule(
        id=rule_id, kind="check", severity=severity, applies_to=AppliesTo(), params={},
        message="{found}", source=RULE_SOURCE,
        doc=RuleDoc(what=what, why="一文一事便于领导批办，<避免>推诿。",
                    fail=(Example(text="现申请经费，并请求增加编制。", note="两项事项"),),
                    pass_=(Example(fields={"doc_number": "国发〔2024〕5号"}),)),
    )


def sample_pack() -> Pack:
    rules = {
        "request.one-matter": _rule("request.one-matter", "error", "请示应当一文一事。"),
        "request.closing": _rule("request.closing", "info", "请示结尾应使用规范用语。"),
        "docnumber.format": _rule("docnumber.format", "error", "发文字号的年份应使用六角括号〔〕。"),
    }
    return Pack(name="dongan", version="abc123", parents=("national",), rules=rules, title="东安区")


SHARED = Path(__file__).resolve().parents[2].parent / "shared"
