"""Build corpus/documents and corpus/labels from corpus/sources (``python -m corpus.build``).

Each ``sources/*.yaml`` describes one invented document: output file name, format, the paragraphs
with layout hints, an optional approval record and the labels (``expected``). The builder renders
.docx (python-docx), .pdf (reportlab, built-in CID font STSong-Light), .txt (UTF-8 or GBK) and
.html, writes ``labels/<file>.yaml`` and any ``<stem>.approval.yaml`` sidecar.

``sources/seeds/*.yaml`` describe the five seed documents: they are copied byte for byte from
``../shared/seeds`` when that directory exists; otherwise the committed copies are kept.

The output is deterministic: fixed docx core properties and zip timestamps, reportlab's invariant
mode, sorted iteration everywhere. Rebuilding an unchanged source gives identical files.
"""
from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

CORPUS_DIR = Path(__file__).resolve().parent
SOURCES_DIR = CORPUS_DIR / "sources"
SEED_SOURCES_DIR = SOURCES_DIR / "seeds"
SHARED_SEEDS_DIR = CORPUS_DIR.parent.parent / "shared" / "seeds"

FORMATS = ("docx", "pdf", "txt", "html")
STYLES = (
    "body",  # 正文: first line indented two characters
    "left",  # flush left: 份号/密级/紧急程度, 主送, 附件说明 continuation lines
    "center",  # centred, regular weight: 发文字号, 纪要 period lines
    "title",  # 标题: centred, bold, larger
    "red_header",  # 发文机关标志: centred, red, largest
    "rule",  # the red separator line under the 版头 (text is ignored)
    "heading",  # 一级标题 "一、…" in 黑体
    "signature",  # 署名 and 成文日期: right-aligned
    "note",  # 附注 "（联系人：…）": indented two characters
    "banji",  # 版记 lines 抄送 / 印发, between thin rules
    "page_break",  # 附件 and 版记 start on a new page
)
FIELD_ORDER = (
    "doc_type", "title", "issuer", "doc_number", "signer", "date", "date_text", "recipients", "cc",
    "attachments", "contact", "copy_number", "classification", "urgency", "printed_by",
    "printed_date", "request_items", "approval",
)
LIST_FIELDS = ("issuer", "signer", "recipients", "cc", "attachments")
APPROVAL_ROLES = ("拟稿", "核稿", "审核", "会签", "签发", "审签", "审阅")
# Fixed metadata so that rebuilding gives the same bytes.
FIXED_TIME = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)
FIXED_AUTHOR = "gongwen corpus"
ZIP_TIMESTAMP = (2024, 1, 1, 0, 0, 0)


class SourceError(ValueError):
    """A source file that does not follow the schema: the build stops and names the file."""


@dataclass(frozen=True)
class Paragraph:
    text: str
    style: str = "body"


@dataclass(frozen=True)
class ApprovalStep:
    role: str
    name: str
    date: dt.date
    organ: str | None = None
    post: str | None = None
    opinion: str | None = None
    role_label: str | None = None  # the label as printed when it differs from the role, e.g. 拟稿人

    @property
    def date_text(self) -> str:
        return f"{self.date.year}年{self.date.month}月{self.date.day}日"


@dataclass(frozen=True)
class Approval:
    form: str  # "table" | "text" | "sidecar"
    steps: tuple[ApprovalStep, ...]
    heading: str = "发文稿纸"
    layout: str = "grid"  # table only: "grid" (环节|单位|姓名|日期) or "form" (栏目|内容)
    position: str = "top"  # table only: "top" (cover sheet) or "bottom" (after the document)
    closing: str = "dashes"  # text only: "dashes" or "blank"


@dataclass(frozen=True)
class Source:
    path: Path
    file: str
    format: str
    paragraphs: tuple[Paragraph, ...]
    expected: dict[str, Any]
    encoding: str = "utf-8"
    newline: str = "\n"
    approval: Approval | None = None
    roster: str | None = None  # roster file (relative to corpus/) of the document's jurisdiction
    pack: str | None = None  # the rule pack of the document's jurisdiction, for scoring findings
    site: dict[str, str] = field(default_factory=dict)  # html only: site name, column, index number
    seed: str | None = None  # seed sources: the file name in ../shared/seeds
    complete_labels: bool = True  # fields missing from ``expected`` are labelled empty


# ---------------------------------------------------------------------------------------------
# Loading sources


def load_sources(sources_dir: Path = SOURCES_DIR) -> list[Source]:
    paths = sorted(sources_dir.glob("*.yaml")) + sorted((sources_dir / "seeds").glob("*.yaml"))
    sources = [load_source(path) for path in paths]
    seen: dict[str, Path] = {}
    for source in sources:
        if source.file in seen:
            raise SourceError(f"{source.path.name}: output {source.file} also built by {seen[source.file].name}")
        seen[source.file] = source.path
    return sources


def load_source(path: Path) -> Source:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise SourceError(f"{path.name}: not a mapping")
    try:
        file_name = str(data["file"])
        expected = dict(data["expected"])
    except KeyError as missing:
        raise SourceError(f"{path.name}: missing key {missing}") from None
    if "seed" in data:
        return Source(path=path, file=file_name, format="txt", paragraphs=(), expected=expected,
                      seed=str(data["seed"]), roster=data.get("roster"), pack=data.get("pack"),
                      complete_labels=False)
    fmt = data.get("format")
    if fmt not in FORMATS:
        raise SourceError(f"{path.name}: format must be one of {FORMATS}, got {fmt!r}")
    if Path(file_name).suffix != f".{fmt}":
        raise SourceError(f"{path.name}: file {file_name} does not end in .{fmt}")
    encoding = data.get("encoding", "utf-8")
    if encoding != "utf-8" and fmt != "txt":
        raise SourceError(f"{path.name}: only txt documents take an encoding")
    newline = {"lf": "\n", "crlf": "\r\n"}[data.get("newline", "lf")]
    paragraphs = tuple(_paragraph(path, item) for item in data.get("content", ()))
    if not paragraphs:
        raise SourceError(f"{path.name}: no content")
    approval = _approval(path, data["approval"], fmt) if data.get("approval") else None
    return Source(path=path, file=file_name, format=fmt, paragraphs=paragraphs, expected=expected,
                  encoding=encoding, newline=newline, approval=approval, roster=data.get("roster"), pack=data.get("pack"),
                  site=dict(data.get("site", {})))


def _paragraph(path: Path, item: Any) -> Paragraph:
    if isinstance(item, str):
        return Paragraph(item)
    if isinstance(item, dict) and len(item) == 1:
        ((style, text),) = item.items()
        if style in STYLES:
            return Paragraph("" if text is None else str(text), style)
    raise SourceError(f"{path.name}: a paragraph is a string or a one-key mapping {{style: text}}, got {item!r}")


def _approval(path: Path, data: dict[str, Any], fmt: str) -> Approval:
    form = data.get("form")
    if form not in ("table", "text", "sidecar"):
        raise SourceError(f"{path.name}: approval form must be table, text or sidecar")
    if form == "table" and fmt != "docx":
        raise SourceError(f"{path.name}: an approval table needs a docx document")
    if form == "text" and fmt != "txt":
        raise SourceError(f"{path.name}: a 发文稿纸 text block needs a txt document")
    steps = []
    for step in data.get("steps", ()):
        if step.get("role") not in APPROVAL_ROLES:
            raise SourceError(f"{path.name}: approval role {step.get('role')!r} is not one of {APPROVAL_ROLES}")
        steps.append(ApprovalStep(role=step["role"], name=step["name"], date=_as_date(path, step["date"]),
                                  organ=step.get("organ"), post=step.get("post"),
                                  opinion=step.get("opinion"), role_label=step.get("label")))
    if not steps:
        raise SourceError(f"{path.name}: an approval record needs steps")
    return Approval(form=form, steps=tuple(steps), heading=data.get("heading", "发文稿纸"),
                    layout=data.get("layout", "grid"), position=data.get("position", "top"),
                    closing=data.get("closing", "dashes"))


def _as_date(path: Path, value: Any) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise SourceError(f"{path.name}: date {value!r} is not ISO YYYY-MM-DD") from None


# ---------------------------------------------------------------------------------------------
# Labels


def label_for(source: Source, posts: dict[str, str]) -> dict[str, Any]:
    """The label file content: ``expected`` in field order, approval steps from the record."""
    expected = {key: _plain(value) for key, value in source.expected.items()}
    unknown = set(expected) - set(FIELD_ORDER) - {"findings", "notes"}
    if unknown:
        raise SourceError(f"{source.path.name}: unknown label keys {sorted(unknown)}")
    if source.approval is not None and "approval" not in expected:
        expected["approval"] = [_approval_label(step, posts) for step in source.approval.steps]
    if isinstance(expected.get("request_items"), list):
        phrases = expected["request_items"]
        expected["request_items"] = {"count": len(phrases), "items": phrases}
    label: dict[str, Any] = {}
    for key in FIELD_ORDER:
        if key in expected:
            label[key] = expected[key]
        elif source.complete_labels and key != "request_items":
            label[key] = [] if key in LIST_FIELDS or key == "approval" else None
    if "findings" in expected:
        label["findings"] = expected["findings"]
    if source.roster:
        label["roster"] = source.roster
    if source.pack:
        label["pack"] = source.pack
    if "notes" in expected:
        label["notes"] = expected["notes"]
    return label


def _approval_label(step: ApprovalStep, posts: dict[str, str]) -> dict[str, Any]:
    entry: dict[str, Any] = {"role": step.role, "name": step.name}
    if step.organ:
        entry["organ"] = step.organ
    post = step.post or posts.get(step.name)
    if post:
        entry["post"] = post
    entry["date"] = step.date.isoformat()
    return entry


def _plain(value: Any) -> Any:
    """YAML dates become ISO strings so labels compare as text."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def roster_posts(roster_file: Path) -> dict[str, str]:
    data = yaml.safe_load(roster_file.read_text(encoding="utf-8"))
    return {person["name"]: person["post"] for person in data.get("people", ())}


def dump_yaml(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


# ---------------------------------------------------------------------------------------------
# Rendering: shared helpers


def approval_rows(approval: Approval) -> list[tuple[str, ...]]:
    """Table rows of an approval cover sheet; the first column holds the role labels."""
    if approval.layout == "grid":
        rows: list[tuple[str, ...]] = [("环节", "单位", "姓名", "日期")]
        rows += [(step.role_label or step.role, step.organ or "", step.name, step.date_text)
                 for step in approval.steps]
        return rows
    rows = []
    for step in approval.steps:
        parts = [part for part in (step.organ, step.opinion, step.name, step.date_text) if part]
        rows.append((step.role_label or step.role, " ".join(parts)))
    return rows


def approval_text_lines(approval: Approval) -> list[str]:
    lines = [approval.heading]
    for step in approval.steps:
        who = f"{step.organ} {step.name}" if step.organ else step.name
        lines.append(f"{step.role_label or step.role}：{who} {step.date_text}")
    lines.append("-" * 40 if approval.closing == "dashes" else "")
    return lines


def sidecar_data(approval: Approval) -> dict[str, Any]:
    steps = []
    for step in approval.steps:
        entry: dict[str, Any] = {"role": step.role}
        if step.organ:
            entry["organ"] = step.organ
        entry["name"] = step.name
        if step.post:
            entry["post"] = step.post
        if step.opinion:
            entry["opinion"] = step.opinion
        entry["date"] = step.date.isoformat()
        steps.append(entry)
    return {"steps": steps}


# ---------------------------------------------------------------------------------------------
# .txt


TXT_WIDTH = 38  # display columns used to centre and right-align lines, as in text copied from Word


def render_txt(source: Source) -> bytes:
    lines: list[str] = []
    if source.approval is not None and source.approval.form == "text":
        lines += approval_text_lines(source.approval)
        lines.append("")
    for paragraph in source.paragraphs:
        lines.append(_txt_line(paragraph))
    text = source.newline.join(lines) + source.newline
    try:
        return text.encode(source.encoding)
    except UnicodeEncodeError as error:
        raise SourceError(f"{source.path.name}: {error.object[error.start:error.end]!r} cannot be "
                          f"written in {source.encoding}") from None


def display_width(text: str) -> int:
    return sum(1 if ord(char) < 0x2E80 else 2 for char in text)


def _txt_line(paragraph: Paragraph) -> str:
    text, style = paragraph.text, paragraph.style
    if style in ("title", "red_header", "center"):
        return " " * max(0, (2 * TXT_WIDTH - display_width(text)) // 2) + text
    if style == "signature":
        return " " * max(0, 2 * TXT_WIDTH - display_width(text) - 4) + text
    if style in ("body", "note"):
        return "　　" + text
    if style in ("rule", "page_break"):  # Word's "save as text" drops borders and page breaks
        return ""
    return text


# ---------------------------------------------------------------------------------------------
# .html


HTML_TEMPLATE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{{ page_title }} - {{ site_name }}</title>
<link rel="stylesheet" href="/static/css/article.css">
<script src="/static/js/jquery.min.js"></script>
<script>
  var _hmt = _hmt || [];
  (function () { var hm = document.createElement("script"); hm.src = "/static/js/stat.js"; })();
</script>
</head>
<body>
<div class="top-bar">欢迎访问{{ site_name }}！　<a href="/">网站首页</a> | <a href="/wza/">无障碍浏览</a> | <a href="/m/">手机版</a></div>
<nav class="main-nav">
  <ul>
    <li><a href="/">首页</a></li>
    <li><a href="/zwgk/">政务公开</a></li>
    <li><a href="/zwfw/">政务服务</a></li>
    <li><a href="/hdjl/">互动交流</a></li>
    <li><a href="/zjxq/">走进{{ short_name }}</a></li>
  </ul>
</nav>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; {{ column }}</div>
<table class="gk-meta">
  <tr><td>索引号：</td><td>{{ index_number }}</td><td>发布机构：</td><td>{{ publisher }}</td></tr>
  <tr><td>发布日期：</td><td>{{ published }}</td><td>主题分类：</td><td>{{ column }}</td></tr>
</table>
<div class="article">
{%- for paragraph in paragraphs %}
{%- if paragraph.style == "rule" %}
  <hr class="red-line">
{%- elif paragraph.style == "page_break" %}
  <div class="page-break"></div>
{%- else %}
  <p class="{{ paragraph.style }}"{% if paragraph.style in centred %} style="text-align:center"{% elif paragraph.style == "signature" %} style="text-align:right"{% elif paragraph.style in indented %} style="text-indent:2em"{% endif %}>
  {%- if paragraph.style in ("title", "red_header", "heading") %}<strong>{{ paragraph.text }}</strong>{% else %}{{ paragraph.text }}{% endif %}</p>
{%- endif %}
{%- endfor %}
</div>
<div class="article-tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
<footer>
  <p>主办单位：{{ site_owner }}　承办单位：{{ publisher }}</p>
  <p>网站标识码：{{ site_code }}　{{ icp }}</p>
</footer>
<script>document.querySelectorAll(".article p").forEach(function (p) { p.dataset.read = "1"; });</script>
</body>
</html>
"""


def render_html(source: Source) -> bytes:
    import jinja2

    environment = jinja2.Environment(autoescape=True, keep_trailing_newline=True)
    site = source.site
    title = next((p.text for p in source.paragraphs if p.style == "title"), source.expected.get("title") or "")
    page = environment.from_string(HTML_TEMPLATE).render(
        page_title=title,
        site_name=site.get("name", "政府门户网站"),
        short_name=site.get("short_name", "本区"),
        column=site.get("column", "政府文件"),
        index_number=site.get("index_number", ""),
        publisher=site.get("publisher", ""),
        published=site.get("published", ""),
        site_owner=site.get("owner", ""),
        site_code=site.get("code", ""),
        icp=site.get("icp", ""),
        paragraphs=source.paragraphs,
        centred=("title", "red_header", "center"),
        indented=("body", "note"),
    )
    return page.encode("utf-8")


# ---------------------------------------------------------------------------------------------
# .docx


def render_docx(source: Source) -> bytes:
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    normal = document.styles["Normal"]
    normal.font.size = Pt(16)
    normal.font.name = "仿宋_GB2312"
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋_GB2312")

    def add(text: str, *, align=None, size=None, bold=None, font=None, color=None, indent=False):
        paragraph = document.add_paragraph()
        if align is not None:
            paragraph.alignment = align
        if indent:
            paragraph.paragraph_format.first_line_indent = Pt(32)
        run = paragraph.add_run(text)
        if size:
            run.font.size = Pt(size)
        if bold:
            run.bold = True
        if color:
            run.font.color.rgb = color
        if font:
            run.font.name = font
            run._element.rPr.rFonts.set(qn("w:eastAsia"), font)
        return paragraph

    def add_border(paragraph, side: str, color: str, size: int) -> None:
        properties = paragraph._p.get_or_add_pPr()
        borders = properties.find(qn("w:pBdr"))
        if borders is None:
            borders = properties.makeelement(qn("w:pBdr"), {})
            properties.append(borders)
        line = borders.makeelement(qn(f"w:{side}"), {qn("w:val"): "single", qn("w:sz"): str(size),
                                                     qn("w:space"): "1", qn("w:color"): color})
        borders.append(line)

    def add_approval_table(approval: Approval) -> None:
        add(approval.heading, align=WD_ALIGN_PARAGRAPH.CENTER, size=22, bold=True, font="方正小标宋简体")
        rows = approval_rows(approval)
        table = document.add_table(rows=len(rows), cols=len(rows[0]))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for row, values in zip(table.rows, rows):
            for cell, value in zip(row.cells, values):
                cell.text = value

    approval = source.approval
    if approval is not None and approval.form == "table" and approval.position == "top":
        add_approval_table(approval)
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    red = RGBColor(0xE6, 0x00, 0x12)
    for paragraph in source.paragraphs:
        style, text = paragraph.style, paragraph.text
        if style == "red_header":
            add(text, align=WD_ALIGN_PARAGRAPH.CENTER, size=26, bold=True, font="方正小标宋简体", color=red)
        elif style == "rule":
            add_border(add(""), "bottom", "E60012", 12)
        elif style == "title":
            add(text, align=WD_ALIGN_PARAGRAPH.CENTER, size=22, bold=True, font="方正小标宋简体")
        elif style == "center":
            add(text, align=WD_ALIGN_PARAGRAPH.CENTER)
        elif style == "heading":
            add(text, font="黑体", indent=True)
        elif style == "signature":
            add(text, align=WD_ALIGN_PARAGRAPH.RIGHT)
        elif style in ("body", "note"):
            add(text, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True)
        elif style == "banji":
            line = add(text, size=14)
            add_border(line, "top", "000000", 4)
            add_border(line, "bottom", "000000", 4)
        elif style == "page_break":
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        else:
            add(text)

    if approval is not None and approval.form == "table" and approval.position == "bottom":
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        add_approval_table(approval)

    properties = document.core_properties
    properties.author = properties.last_modified_by = FIXED_AUTHOR
    properties.created = properties.modified = FIXED_TIME
    properties.revision = 1
    properties.title = source.expected.get("title") or ""
    buffer = io.BytesIO()
    document.save(buffer)
    return restamp_zip(buffer.getvalue())


def restamp_zip(data: bytes) -> bytes:
    """python-docx stamps zip entries with the current time; rewrite them with a fixed one."""
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as original, \
            zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as restamped:
        for info in original.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_TIMESTAMP)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            restamped.writestr(entry, original.read(info.filename))
    return output.getvalue()


# ---------------------------------------------------------------------------------------------
# .pdf


# GB/T 9704 page: A4, 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm, 3号 (16 pt) body text.
MM = 72 / 25.4
PAGE_WIDTH, PAGE_HEIGHT = 210 * MM, 297 * MM
LEFT, TOP, TEXT_WIDTH, TEXT_HEIGHT = 28 * MM, 37 * MM, 156 * MM, 225 * MM
FONT = "STSong-Light"
# Characters that may not begin a line (标点禁则): they stay at the end of the previous one.
NO_LINE_START = set("，。、；：？！）》」』”’〕】…—%")
PDF_SIZES = {"red_header": 30, "title": 22, "banji": 14}


def draw_line(pdf, style: str, size: float, y: float, line: str, indent: float) -> None:
    """One laid-out line in the body font: centred, right-aligned (signatures) or from the left."""
    pdf.setFont(FONT, size)
    if style in ("title", "red_header", "center"):
        pdf.drawCentredString(LEFT + TEXT_WIDTH / 2, y, line)
    elif style == "signature":
        pdf.drawRightString(LEFT + TEXT_WIDTH - 2 * size, y, line)
    else:
        pdf.drawString(LEFT + indent, y, line)


def render_pdf(source: Source) -> bytes:
    from reportlab.lib.colors import Color, black
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    red = Color(0.9, 0, 0.07)
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), invariant=1,
                        pageCompression=1)
    pdf.setAuthor(FIXED_AUTHOR)
    pdf.setTitle(source.expected.get("title") or source.file)
    state = {"page": 1, "y": PAGE_HEIGHT - TOP}

    def width(text: str, size: float) -> float:
        return pdfmetrics.stringWidth(text, FONT, size)

    def finish_page() -> None:
        pdf.setFont(FONT, 14)
        pdf.setFillColor(black)
        pdf.drawCentredString(PAGE_WIDTH / 2, 20 * MM, f"— {state['page']} —")
        pdf.showPage()
        state["page"] += 1
        state["y"] = PAGE_HEIGHT - TOP

    def need(height: float) -> None:
        if state["y"] - height < PAGE_HEIGHT - TOP - TEXT_HEIGHT:
            finish_page()

    def wrap(text: str, size: float, first_indent: float) -> list[str]:
        lines: list[str] = []
        current, available = "", TEXT_WIDTH - first_indent
        for char in text:
            if current and width(current + char, size) > available and char not in NO_LINE_START:
                lines.append(current)
                current, available = "", TEXT_WIDTH
            current += char
        lines.append(current)
        return lines

    for paragraph in source.paragraphs:
        style, text = paragraph.style, paragraph.text
        size = PDF_SIZES.get(style, 16)
        if style == "red_header":  # 发文机关标志 stays on one line: long names are set smaller
            size = min(size, TEXT_WIDTH / width(text, 1))
        leading = size * 1.75
        if style == "page_break":
            finish_page()
            continue
        if style == "rule":
            need(12)
            pdf.setStrokeColor(red)
            pdf.setLineWidth(1.5)
            pdf.line(LEFT, state["y"] - 4, LEFT + TEXT_WIDTH, state["y"] - 4)
            state["y"] -= 20
            continue
        indent = 2 * size if style in ("body", "note", "heading") else 0
        lines = wrap(text, size, indent) if text else [""]
        pdf.setFillColor(red if style == "red_header" else black)
        for index, line in enumerate(lines):
            need(leading)
            state["y"] -= leading
            draw_line(pdf, style, size, state["y"], line, indent if index == 0 else 0)
        if style == "banji":
            pdf.setStrokeColor(black)
            pdf.setLineWidth(0.5)
            pdf.line(LEFT, state["y"] - 6, LEFT + TEXT_WIDTH, state["y"] - 6)
    finish_page()
    pdf.save()
    return buffer.getvalue()


RENDERERS = {"docx": render_docx, "pdf": render_pdf, "txt": render_txt, "html": render_html}


# ---------------------------------------------------------------------------------------------
# The build


def sidecar_name(document_name: str) -> str:
    return f"{Path(document_name).stem}.approval.yaml"


def build(out_dir: Path = CORPUS_DIR, sources_dir: Path = SOURCES_DIR,
          seeds_dir: Path | None = SHARED_SEEDS_DIR, prune: bool = True) -> list[Path]:
    """Render every source into ``out_dir/documents`` and ``out_dir/labels``; return the files written.

    Seeds are copied from ``seeds_dir`` when it exists; otherwise a committed copy already in
    ``out_dir/documents`` (or, for a fresh output directory, in corpus/documents) is used.
    With ``prune``, files in those two directories that no source produces are removed.
    """
    documents_dir, labels_dir = out_dir / "documents", out_dir / "labels"
    documents_dir.mkdir(parents=True, exist_ok=True)
    labels_dir.mkdir(parents=True, exist_ok=True)
    posts_cache: dict[str, dict[str, str]] = {}
    written: list[Path] = []
    for source in load_sources(sources_dir):
        posts = {}
        if source.roster:
            if source.roster not in posts_cache:
                posts_cache[source.roster] = roster_posts(sources_dir.parent / source.roster)
            posts = posts_cache[source.roster]
        target = documents_dir / source.file
        if source.seed is not None:
            _copy_seed(source, target, seeds_dir)
        else:
            _write_if_changed(target, RENDERERS[source.format](source))
        written.append(target)
        if source.approval is not None and source.approval.form == "sidecar":
            sidecar = documents_dir / sidecar_name(source.file)
            _write_if_changed(sidecar, dump_yaml(sidecar_data(source.approval)).encode("utf-8"))
            written.append(sidecar)
        label = labels_dir / f"{source.file}.yaml"
        _write_if_changed(label, dump_yaml(label_for(source, posts)).encode("utf-8"))
        written.append(label)
    if prune:
        keep = set(written)
        for directory in (documents_dir, labels_dir):
            for stale in sorted(directory.iterdir()):
                if stale.is_file() and stale not in keep:
                    stale.unlink()
    return written


def _copy_seed(source: Source, target: Path, seeds_dir: Path | None) -> None:
    committed = CORPUS_DIR / "documents" / source.file
    if seeds_dir is not None and (seeds_dir / source.seed).is_file():
        origin = seeds_dir / source.seed
    elif committed.is_file():
        origin = committed
    else:
        raise SourceError(f"{source.path.name}: seed {source.seed} not found in {seeds_dir} "
                          f"and no committed copy at {committed}")
    if origin.resolve() != target.resolve():
        _write_if_changed(target, origin.read_bytes())


def _write_if_changed(path: Path, data: bytes) -> None:
    if not path.is_file() or path.read_bytes() != data:
        path.write_bytes(data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m corpus.build", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=CORPUS_DIR,
                        help="directory receiving documents/ and labels/ (default: corpus/)")
    args = parser.parse_args(argv)
    try:
        written = build(args.out)
    except SourceError as error:
        print(f"corpus source error: {error}", file=sys.stderr)
        return 2
    documents = [path for path in written if path.parent.name == "documents"
                 and not path.name.endswith(".approval.yaml")]
    print(f"built {len(documents)} documents and {len(written) - len(documents)} label/sidecar files "
          f"in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
