"""Variation generator: labelled documents rewritten into the surface and file forms offices produce.

Each ``BaseDocument`` is a labelled 公文 given as structured parts (版头, title, 主送, body, 署名,
date, 附注, 版记, approval steps) together with the findings a reviewer should raise. A
``Variant`` rewrites its surface (spacing, full-width digits, a title broken over two lines,
labels without colons, bracket styles, the approval record as text or as a table in either
orientation, every legal and illegal way to write the date, names followed by 同志) and writes it
in one file form (.txt in UTF-8 or GBK with CRLF, text pasted out of a PDF, a multi-page PDF with
page numbers, a .docx with a text box and automatic numbering, a government-portal page).

A variant changes the labels only where the document itself changes: an illegal date adds
``date.format`` and nothing else, a 发文字号 in square brackets is read as written and adds
``docnumber.format``. Everything else must come out of the pipeline exactly as for the base
document: that is what tests/variation asserts.

``write_variants(directory)`` writes every (document, variant) file with its approval sidecar where
the file form carries the record outside the document, and returns the cases with their labels.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import html
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from corpus.build import (FONT, LEFT, MM, NO_LINE_START, PAGE_HEIGHT, PAGE_WIDTH, TEXT_HEIGHT, TEXT_WIDTH, TOP,
                          display_width, draw_line, restamp_zip)

CORPUS_DIR = Path(__file__).resolve().parent
LABELLED_FIELDS = ("doc_type", "title", "issuer", "doc_number", "signer", "date", "recipients", "cc",
                   "attachments", "contact", "approval")
CN_DIGITS = "〇一二三四五六七八九"
FULL_WIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
IDEOGRAPHIC_SPACE = "\u3000"
ITEM_NUMBER = re.compile(r"^([一二三四五六七八九十]+)、")


@dataclass(frozen=True)
class Step:
    """One step of the approval record (发文稿纸)."""

    role: str  # 拟稿 核稿 审核 会签 签发
    name: str
    date: dt.date
    organ: str | None = None
    post: str | None = None
    opinion: str | None = None


@dataclass(frozen=True)
class BaseDocument:
    """A labelled document as structured parts, in GB/T 9704 order."""

    key: str
    pack: str
    roster: str  # relative to corpus/
    doc_type: str | None
    issuer: tuple[str, ...]
    title: str
    body: tuple[str, ...]
    date: dt.date
    header: str | None = None  # 发文机关标志
    doc_number: str | None = None
    signers: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    attachments: tuple[str, ...] = ()
    signature: tuple[str, ...] = ()  # 署名 lines; meeting materials print the department under the title
    contact: tuple[str, str] | None = None  # (name, phone), printed as the 附注
    cc: tuple[str, ...] = ()
    printed: tuple[str, dt.date] | None = None  # 印发机关, 印发日期
    approval: tuple[Step, ...] = ()
    findings: frozenset[str] = frozenset()
    drafter: str | None = None  # drafts: the 起草单位 line under the title (and the date under it)
    site: str = "人民政府门户网站"  # the portal the document is published on (HTML, PDF headers)

    @property
    def signs(self) -> bool:
        """The record has a signing step: 条例第二十二条 (SIGN-RECORD) asks its full date, so a
        year-less rendering of the record is a finding whatever chain the pack applies."""
        return any(step.role in ("签发", "审签") for step in self.approval)

    @property
    def meeting_material(self) -> bool:
        return self.doc_type in ("汇报稿", "情况说明", "议题说明")

    def labels(self) -> dict:
        """The fields a clerk would write down, in the shape of ``corpus.evaluate``'s labels."""
        return {
            "doc_type": self.doc_type,
            "title": squeeze(self.title),
            "issuer": list(self.issuer),
            "doc_number": self.doc_number,
            "signer": list(self.signers),
            "date": self.date.isoformat(),
            "recipients": list(self.recipients),
            "cc": list(self.cc),
            "attachments": list(self.attachments),
            "contact": {"name": self.contact[0], "phone": self.contact[1]} if self.contact else None,
            "approval": [{"role": s.role, "name": s.name, "date": s.date.isoformat()} for s in self.approval],
        }


def squeeze(text: str | None) -> str | None:
    return None if text is None else "".join(text.split())


# ---------------------------------------------------------------------------------------------
# Surface forms


def date_standard(date: dt.date) -> str:
    return f"{date.year}年{date.month}月{date.day}日"


def cn_number(value: int) -> str:
    """一 … 三十一, as dates write days and months."""
    tens, units = divmod(value, 10)
    text = ("" if tens < 2 else CN_DIGITS[tens]) + ("十" if tens else "")
    return text + (CN_DIGITS[units] if units else "")


LEGAL_DATES: dict[str, Callable[[dt.date], str]] = {
    "standard": date_standard,
    "ascii-spaced": lambda d: f"{d.year} 年 {d.month} 月 {d.day} 日",
    "ideographic-spaced": lambda d: f"{d.year}年{IDEOGRAPHIC_SPACE}{d.month}月{IDEOGRAPHIC_SPACE}{d.day}日",
}
ILLEGAL_DATES: dict[str, Callable[[dt.date], str]] = {
    "chinese-numerals": lambda d: "".join(CN_DIGITS[int(c)] for c in str(d.year)) + f"年{cn_number(d.month)}月{cn_number(d.day)}日",
    "zero-padded": lambda d: f"{d.year}年{d.month:02d}月{d.day:02d}日",
    "two-digit-year": lambda d: f"{d.year % 100:02d}年{d.month}月{d.day}日",
    "dots": lambda d: f"{d.year}.{d.month}.{d.day}",
    "dashes": lambda d: d.isoformat(),
    "slashes": lambda d: f"{d.year}/{d.month}/{d.day}",
    "full-width-digits": lambda d: date_standard(d).translate(FULL_WIDTH_DIGITS),
}


@dataclass(frozen=True)
class Surface:
    """How the parts are written out. The defaults are the base rendering."""

    space: str = IDEOGRAPHIC_SPACE  # the gap between 发文字号 and 签发人, in signature padding
    title_space: bool = False  # a space inside the title, before 关于
    title_break: bool = False  # the title set on two lines
    name_space: bool = False  # two-character names padded to three: 「王　强」
    name_suffix: str = ""  # 「同志」 after names in the approval record and 附注
    colon: bool = True  # 「签发人：」 / 「签发人　」, 「拟稿：」 / 「拟稿　」
    signer_post: bool = False  # the post right after the 签发人's name: 「签发人：武某某局长」
    role_suffix: str = ""  # approval labels 「拟稿人」 「签发人」
    opinions: bool = False  # reviewers' opinions before their names: 「同意。」 「拟同意。」
    full_width_digits: bool = False  # digits of the body text in full width
    note_brackets: str = "（）"  # 「（联系人：…）」, 「(联系人：…)」, or "" for none
    post_in_brackets: bool = False  # approval names followed by their post: 「韩某某（常务副区长）」
    approval_year: bool = True  # approval dates with or without the year
    approval_form: str = "text"  # text | rows | columns | sidecar
    date: Callable[[dt.date], str] = date_standard
    doc_number_brackets: str = "〔〕"


@dataclass(frozen=True)
class Paragraph:
    style: str  # red_header center rule title left body signature note banji page_break
    text: str = ""
    numbered: bool = False  # body items 「一、…」 whose label automatic numbering may supply


@dataclass(frozen=True)
class Rendering:
    """A document laid out: paragraphs in order and the approval record, both surface-formed."""

    paragraphs: tuple[Paragraph, ...]
    approval_lines: tuple[str, ...]  # the text block (发文稿纸) form
    approval_table: tuple[tuple[str, ...], ...]  # the table form, in the surface's orientation
    sidecar: dict | None  # the NAME.approval.yaml form


def _name(name: str, surface: Surface, suffix: bool = True) -> str:
    if surface.name_space and len(name) == 2:
        name = name[0] + surface.space + name[1:]
    return name + (surface.name_suffix if suffix else "")


def _label(label: str, surface: Surface) -> str:
    return f"{label}：" if surface.colon else f"{label}{surface.space}"


def _approval_date(date: dt.date, surface: Surface) -> str:
    text = date_standard(date) if surface.approval_year else f"{date.month}月{date.day}日"
    return text.translate(FULL_WIDTH_DIGITS) if surface.full_width_digits else text


def _approval_who(step: Step, surface: Surface) -> str:
    who = _name(step.name, surface)
    if surface.post_in_brackets and step.post:
        who += f"（{step.post}）"
    return who


def render(doc: BaseDocument, surface: Surface = Surface()) -> Rendering:
    paragraphs: list[Paragraph] = []
    add = paragraphs.append
    if doc.header:
        add(Paragraph("red_header", doc.header))
    if doc.doc_number:
        number = doc.doc_number.replace("〔", surface.doc_number_brackets[0]).replace("〕", surface.doc_number_brackets[1])
        line = number
        if doc.signers:
            names = surface.space.join(_name(n, surface, suffix=False) + (_post_of(doc, n) if surface.signer_post else "")
                                       for n in doc.signers)
            line += surface.space * 8 + _label("签发人", surface) + names
        add(Paragraph("center", line))
    if doc.header:
        add(Paragraph("rule"))
    title = doc.title
    if surface.title_space and "关于" in title:
        title = title.replace("关于", surface.space + "关于", 1)
    if surface.title_break:
        cut = _title_break(title)
        add(Paragraph("title", title[:cut]))
        add(Paragraph("title", title[cut:]))
    else:
        add(Paragraph("title", title))
    if doc.meeting_material:  # the department and the date under the title
        add(Paragraph("center", doc.issuer[0]))
        add(Paragraph("center", surface.date(doc.date)))
    if doc.drafter:
        add(Paragraph("center", _label("起草单位", surface) + doc.drafter))
        add(Paragraph("center", surface.date(doc.date)))
    if doc.recipients:
        add(Paragraph("left", "，".join(doc.recipients) + "："))
    for text in doc.body:
        if surface.full_width_digits:
            text = text.translate(FULL_WIDTH_DIGITS)
        add(Paragraph("body", text, numbered=bool(ITEM_NUMBER.match(text))))
    if doc.attachments:
        add(Paragraph("body", ""))
        for number, item in enumerate(doc.attachments, 1):
            prefix = _label("附件", surface) if number == 1 else "　　　"
            numbering = f"{number}．" if len(doc.attachments) > 1 else ""
            add(Paragraph("left", f"{IDEOGRAPHIC_SPACE * 2}{prefix}{numbering}{item}"))
    if not doc.meeting_material and not doc.drafter:
        for line in doc.signature:
            add(Paragraph("signature", line))
    if not doc.drafter and not doc.meeting_material:
        add(Paragraph("signature", surface.date(doc.date)))
    if doc.contact:
        name, phone = doc.contact
        note = f"联系人：{_name(name, surface)}，联系电话：{phone}"
        if surface.note_brackets:
            note = surface.note_brackets[0] + note + surface.note_brackets[1]
        add(Paragraph("note", note))
    if doc.cc or doc.printed:
        add(Paragraph("page_break"))
        if doc.cc:
            add(Paragraph("banji", _label("抄送", surface) + "，".join(doc.cc) + "。"))
        if doc.printed:
            organ, date = doc.printed
            add(Paragraph("banji", organ + surface.space * 6 + f"{date_standard(date)}印发"))
    return Rendering(tuple(paragraphs), _approval_lines(doc, surface), _approval_table(doc, surface),
                     _sidecar(doc) if doc.approval else None)


def _post_of(doc: BaseDocument, name: str) -> str:
    return next((step.post for step in doc.approval if step.name == name and step.post), "")


def _opinion(step: Step, surface: Surface) -> str | None:
    if not surface.opinions or step.role == "拟稿":
        return step.opinion
    return "同意" if step.role == "签发" else "拟同意"


def _title_break(title: str) -> int:
    """Where an office breaks a long title: after the organ (before 关于) or mid-way at 的."""
    middle = len(title) // 2
    candidates = [i for i in range(4, len(title) - 3) if title[i] in "关" and title[i:i + 2] == "关于"]
    candidates += [i + 1 for i in range(4, len(title) - 4) if title[i] in "的和及"]
    return min(candidates, key=lambda i: abs(i - middle)) if candidates else middle


def _approval_lines(doc: BaseDocument, surface: Surface) -> tuple[str, ...]:
    if not doc.approval:
        return ()
    lines = ["发文稿纸"]
    for step in doc.approval:
        parts = [part for part in (step.organ, _opinion(step, surface), _approval_who(step, surface),
                                   _approval_date(step.date, surface)) if part]
        lines.append(_label(step.role + surface.role_suffix, surface) + surface.space.join(parts))
    lines.append("-" * 40)
    return tuple(lines)


def _approval_table(doc: BaseDocument, surface: Surface) -> tuple[tuple[str, ...], ...]:
    if not doc.approval:
        return ()
    header = ("环节", "单位", "姓名", "日期")
    rows = [(step.role + surface.role_suffix, step.organ or "", _approval_who(step, surface),
             _approval_date(step.date, surface))
            for step in doc.approval]
    if surface.approval_form == "columns":  # labels above values: one column a step
        return tuple(zip(*rows))
    return (header, *rows)


def _sidecar(doc: BaseDocument) -> dict:
    steps = []
    for step in doc.approval:
        entry = {"role": step.role, "name": step.name, "date": step.date.isoformat()}
        for key in ("organ", "post", "opinion"):
            if getattr(step, key):
                entry[key] = getattr(step, key)
        steps.append(entry)
    return {"steps": steps}


# ---------------------------------------------------------------------------------------------
# File forms


TXT_WIDTH = 38  # display columns, as in text copied from Word


def text_lines(rendering: Rendering, with_approval: bool) -> list[str]:
    """The document as plain text lines, as Word's 「另存为纯文本」 writes it."""
    lines: list[str] = []
    if with_approval and rendering.approval_lines:
        lines += [*rendering.approval_lines, ""]
    for paragraph in rendering.paragraphs:
        style, text = paragraph.style, paragraph.text
        if style in ("title", "red_header", "center"):
            lines.append(" " * max(0, (2 * TXT_WIDTH - display_width(text)) // 2) + text)
        elif style == "signature":
            lines.append(" " * max(0, 2 * TXT_WIDTH - display_width(text) - 4) + text)
        elif style in ("body", "note"):
            lines.append("　　" + text if text else "")
        elif style in ("rule", "page_break"):
            lines.append("")
        else:
            lines.append(text)
    return lines


def write_txt(rendering: Rendering, path: Path, encoding: str = "utf-8", newline: str = "\n") -> None:
    with_approval = rendering.sidecar is not None and not path.with_name(path.stem + ".approval.yaml").exists()
    path.write_bytes((newline.join(text_lines(rendering, with_approval)) + newline).encode(encoding))


PASTE_WIDTH = 28  # characters a line in a GB/T 9704 PDF holds: 156 mm at 3号


def write_pdf_paste(rendering: Rendering, path: Path, running_header: str) -> None:
    """Text selected in a PDF viewer and pasted: a hard break every ~28 characters, the page number
    「— 2 —」 and the running header between pages, centring kept as leading spaces."""
    lines: list[str] = []
    for line in text_lines(rendering, with_approval=True):
        content = line.strip()
        if not content:
            continue
        indent = line[:len(line) - len(line.lstrip())]
        if len(content) <= PASTE_WIDTH or not content.strip("-"):
            lines.append(indent + content)
            continue
        pieces = _wrap_chars(content, PASTE_WIDTH)
        lines.append(indent + pieces[0])
        lines += pieces[1:]
    page_lines = min(22, (len(lines) + 1) // 2)  # at least one page break inside the text
    pasted: list[str] = []
    for start in range(0, len(lines), page_lines):
        if start:
            pasted += [f"— {start // page_lines} —", running_header]
        pasted += lines[start:start + page_lines]
    pasted.append(f"— {(len(lines) - 1) // page_lines + 1} —")
    path.write_text("\n".join(pasted) + "\n", encoding="utf-8")


def _wrap_chars(text: str, width: int) -> list[str]:
    pieces: list[str] = []
    current = ""
    for char in text:
        if len(current) >= width and char not in NO_LINE_START:
            pieces.append(current)
            current = ""
        current += char
    pieces.append(current)
    return pieces


def write_html(doc: BaseDocument, rendering: Rendering, path: Path) -> None:
    """A government-portal article page: navigation, a metadata table that repeats the 文号 and the
    成文日期 (with the 发布时间 a few days later), the article, and the site footer."""
    published = doc.date + dt.timedelta(days=3)
    site = doc.site
    meta_rows = [("索引号：", f"11140302MB0{doc.date:%Y%m%d}", "来源：", doc.issuer[0]),
                 ("文号：", doc.doc_number or "无", "成文日期：", date_standard(doc.date)),
                 ("发布时间：", f"{published:%Y-%m-%d} 09:30", "浏览次数：", "1024")]
    out = ['<!DOCTYPE html>', '<html lang="zh-CN"><head><meta charset="utf-8">',
           f'<title>{html.escape(squeeze(doc.title))}_{html.escape(site)}</title>',
           '<link rel="stylesheet" href="/css/article.css"><script src="/js/jquery.js"></script></head><body>',
           f'<div class="topbar">欢迎访问{html.escape(site)}　<a href="/">首页</a> | <a href="/wza/">无障碍</a></div>',
           '<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>'
           '<li><a href="/zwfw/">政务服务</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div>',
           '<div class="breadcrumb">您当前的位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 政府文件</div>',
           '<table class="xxgk-info">']
    for row in meta_rows:
        out.append("<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>")
    out.append("</table>")
    out.append('<div class="article-content">')
    for paragraph in rendering.paragraphs:
        style, text = paragraph.style, html.escape(paragraph.text)
        if style == "rule":
            out.append('<hr class="red-line">')
        elif style == "page_break":
            out.append('<p style="page-break-before:always"></p>')
        elif style in ("title", "red_header"):
            out.append(f'<p style="text-align:center"><strong>{text}</strong></p>')
        elif style == "center":
            out.append(f'<p style="text-align:center">{text}</p>')
        elif style == "signature":
            out.append(f'<p style="text-align:right">{text}</p>')
        elif style in ("body", "note"):
            out.append(f'<p style="text-indent:2em">{text}</p>')
        else:
            out.append(f"<p>{text}</p>")
    out.append("</div>")
    out.append('<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a>　'
               '<a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>')
    out.append(f'<div class="footer"><p>主办单位：{html.escape(site)}　版权所有</p>'
               '<p>网站标识码：1403020001　晋ICP备00000000号</p></div></body></html>')
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


PDF_SIZES = {"red_header": 30, "title": 22, "banji": 14}


def write_pdf(rendering: Rendering, path: Path, title: str) -> None:
    """A GB/T 9704 page (A4, 版心 156 × 225 mm, 3号 body) with 「— n —」 page numbers. The longest
    body paragraph is pushed down so that it breaks across a page, as long paragraphs do."""
    from reportlab.lib.colors import Color, black
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    red = Color(0.9, 0, 0.07)
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), invariant=1, pageCompression=1)
    pdf.setTitle(title)
    bottom = PAGE_HEIGHT - TOP - TEXT_HEIGHT
    state = {"page": 1, "y": PAGE_HEIGHT - TOP}

    def finish_page() -> None:
        pdf.setFont(FONT, 14)
        pdf.setFillColor(black)
        pdf.drawCentredString(PAGE_WIDTH / 2, 20 * MM, f"— {state['page']} —")
        pdf.showPage()
        state["page"] += 1
        state["y"] = PAGE_HEIGHT - TOP

    def wrap(text: str, size: float, first_indent: float) -> list[str]:
        lines: list[str] = []
        current, available = "", TEXT_WIDTH - first_indent
        for char in text:
            if current and pdfmetrics.stringWidth(current + char, FONT, size) > available and char not in NO_LINE_START:
                lines.append(current)
                current, available = "", TEXT_WIDTH
            current += char
        lines.append(current)
        return lines

    body = [p for p in rendering.paragraphs if p.style == "body" and p.text]
    split = max(body, key=lambda p: len(p.text)) if body else None
    for paragraph in rendering.paragraphs:
        style, text = paragraph.style, paragraph.text
        size = PDF_SIZES.get(style, 16)
        if style == "red_header":
            size = min(size, TEXT_WIDTH / pdfmetrics.stringWidth(text, FONT, 1))
        leading = size * 1.75
        if style == "page_break":
            finish_page()
            continue
        if style == "rule":
            pdf.setStrokeColor(red)
            pdf.setLineWidth(1.5)
            pdf.line(LEFT, state["y"] - 4, LEFT + TEXT_WIDTH, state["y"] - 4)
            state["y"] -= 20
            continue
        indent = 2 * size if style in ("body", "note") else 0
        lines = wrap(text, size, indent) if text else [""]
        if paragraph is split and len(lines) >= 2:
            # Leave room for two of its lines only, so the rest goes to the next page.
            room = state["y"] - bottom
            if room < 2 * leading:
                finish_page()
            state["y"] = bottom + 2 * leading + 1
        pdf.setFillColor(red if style == "red_header" else black)
        for index, line in enumerate(lines):
            if state["y"] - leading < bottom:
                finish_page()
            state["y"] -= leading
            draw_line(pdf, style, size, state["y"], line, indent if index == 0 else 0)
    finish_page()
    pdf.save()
    path.write_bytes(buffer.getvalue())


def write_docx(rendering: Rendering, path: Path, textbox_header: bool = True, numbering: bool = True) -> None:
    """A .docx as offices make them: the 发文机关标志 in a text box of the letterhead template, the
    body items 「一、」 from automatic numbering (numbering.xml, chineseCounting), and the approval
    record (when the surface asks for a table) as a table on a cover page."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn
    from docx.shared import Pt

    document = Document()
    normal = document.styles["Normal"]
    normal.font.size = Pt(16)
    normal.font.name = "仿宋_GB2312"
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋_GB2312")
    num_id = _add_chinese_numbering(document) if numbering else None

    if rendering.approval_table:
        document.add_paragraph("发文稿纸").alignment = WD_ALIGN_PARAGRAPH.CENTER
        rows = rendering.approval_table
        table = document.add_table(rows=len(rows), cols=len(rows[0]))
        table.style = "Table Grid"
        for row, values in zip(table.rows, rows):
            for cell, value in zip(row.cells, values):
                cell.text = value
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    alignments = {"title": WD_ALIGN_PARAGRAPH.CENTER, "red_header": WD_ALIGN_PARAGRAPH.CENTER,
                  "center": WD_ALIGN_PARAGRAPH.CENTER, "signature": WD_ALIGN_PARAGRAPH.RIGHT}
    for paragraph in rendering.paragraphs:
        style, text = paragraph.style, paragraph.text
        if style == "page_break":
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            continue
        if style == "red_header" and textbox_header:
            anchor = document.add_paragraph()
            anchor._p.append(parse_xml(_TEXTBOX_RUN.format(ns=nsdecls("w") + ' xmlns:v="urn:schemas-microsoft-com:vml"', text=html.escape(text))))
            continue
        if numbering and paragraph.numbered:
            item = document.add_paragraph(ITEM_NUMBER.sub("", text))
            properties = item._p.get_or_add_pPr()
            properties.insert(0, parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'))
            continue
        added = document.add_paragraph()
        if style in alignments:
            added.alignment = alignments[style]
        if style in ("body", "note"):
            added.paragraph_format.first_line_indent = Pt(32)
        run = added.add_run(text)
        if style == "title":
            run.bold = True
            run.font.size = Pt(22)
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(restamp_zip(buffer.getvalue()))


# A VML text box, as the letterhead templates of WPS and older Word keep the 发文机关标志.
_TEXTBOX_RUN = (
    '<w:r {ns}><w:pict><v:shape id="header-box" type="#_x0000_t202" '
    'style="position:absolute;margin-left:0;margin-top:0;width:442pt;height:60pt;z-index:1" stroked="f">'
    '<v:textbox><w:txbxContent><w:p><w:pPr><w:jc w:val="center"/></w:pPr>'
    '<w:r><w:rPr><w:b/><w:color w:val="E60012"/><w:sz w:val="60"/></w:rPr><w:t>{text}</w:t></w:r></w:p>'
    '</w:txbxContent></v:textbox></v:shape></w:pict></w:r>'
)


def _add_chinese_numbering(document) -> str:
    """Define a list 「一、二、三、」 in numbering.xml and return its w:num id."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    numbering = document.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90"><w:multiLevelType w:val="singleLevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr></w:lvl></w:abstractNum>')
    first_num = numbering.find(abstract.tag.replace("abstractNum", "num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    return "90"


# ---------------------------------------------------------------------------------------------
# The base documents: five jurisdictions; 请示, 报告, 通知, 函, 汇报稿, 情况说明 and a draft


D = dt.date
BASE_DOCUMENTS: tuple[BaseDocument, ...] = (
    BaseDocument(
        key="yq-qingshi", pack="yangquan-chengqu", roster="roster.yaml", doc_type="请示",
        header="阳泉市城区教育局文件", doc_number="城教字〔2024〕17号", signers=("武某某",),
        issuer=("阳泉市城区教育局",), title="阳泉市城区教育局关于更新义井中学学生课桌椅的请示",
        recipients=("阳泉市城区人民政府",),
        body=(
            "义井中学现有教学班36个，在校学生1680人。学校现用的学生课桌椅大多于2009年配置，使用已满15年，桌面开裂、椅腿松动的情况较为普遍，部分课桌椅高度已不符合国家标准，影响学生坐姿和身体健康。",
            "经我局组织技术人员逐班清点，需更新可调节升降课桌椅1680套，按照政府采购协议价格每套520元测算，共需资金87.36万元。我局拟从年度部门预算中调剂解决上述资金，并在暑假期间完成采购和安装，确保秋季开学正常使用。",
            "妥否，请批示。",
        ),
        signature=("阳泉市城区教育局",), date=D(2024, 5, 8), contact=("张某某", "0353-2021234"),
        approval=(Step("拟稿", "张某某", D(2024, 5, 6), organ="区教育局办公室", post="办公室主任"),
                  Step("核稿", "郑某某", D(2024, 5, 7), organ="区教育局", post="副局长"),
                  Step("签发", "武某某", D(2024, 5, 8), organ="区教育局", post="局长")),
    ),
    BaseDocument(
        key="yq-huibao", pack="yangquan-chengqu", roster="roster.yaml", doc_type="汇报稿",
        issuer=("阳泉市城区卫生健康局",), title="关于全区基层医疗卫生服务能力提升工作情况的汇报",
        body=(
            "区长办公会议：",
            "今年以来，我局按照区政府的安排部署，围绕基层医疗卫生服务能力提升，重点抓了三个方面的工作，现将有关情况汇报如下。",
            "一、补齐基层设施设备短板。完成3个社区卫生服务中心的标准化改造，为12个社区卫生服务站配置了心电图机、全自动生化分析仪等设备，基层机构诊疗条件明显改善。",
            "二、加强基层人才队伍建设。通过公开招聘、定向培养等方式新增基层医务人员26名，组织全科医生转岗培训45人次，建立了区级医院专家到社区坐诊的轮值制度。",
            "三、做实家庭医生签约服务。组建家庭医生团队58个，重点人群签约率达到78%，为6200名65岁以上老年人开展了免费健康体检。",
            "下一步，我局将继续推进基层医疗卫生机构能力建设，力争年底前实现社区卫生服务中心全部达到国家推荐标准。",
        ),
        date=D(2024, 6, 12),
        approval=(Step("拟稿", "任某某", D(2024, 6, 11), organ="区卫生健康局办公室", post="办公室主任"),
                  Step("签发", "吴某某", D(2024, 6, 12), organ="区卫生健康局", post="局长")),
    ),
    BaseDocument(
        key="yq-tongzhi", pack="yangquan-chengqu", roster="roster.yaml", doc_type="通知",
        header="阳泉市城区人民政府办公室文件", doc_number="城政办发〔2024〕21号",
        issuer=("阳泉市城区人民政府办公室",), title="阳泉市城区人民政府办公室关于做好2024年安全生产月活动的通知",
        recipients=("各镇人民政府", "各街道办事处", "区直各有关单位"),
        body=(
            "今年6月是全国第23个“安全生产月”。为深入贯彻落实安全生产工作部署，切实做好我区安全生产月各项活动，经区政府同意，现将有关事项通知如下。",
            "一、各单位要结合实际制定本单位活动方案，明确责任人和时间安排，于6月5日前报区应急管理局。",
            "二、各单位要集中开展一次安全隐患排查整治，对排查出的隐患建立台账，逐项整改销号。",
            "三、各单位要于6月28日前将活动开展情况书面报送区应急管理局。",
        ),
        attachments=("城区2024年安全生产月活动安排表", "安全隐患排查整治台账"),
        signature=("阳泉市城区人民政府办公室",), date=D(2024, 5, 30),
        cc=("区委办公室", "区人大常委会办公室", "区政协办公室"),
        printed=("阳泉市城区人民政府办公室", D(2024, 5, 30)),
        approval=(Step("拟稿", "秦某某", D(2024, 5, 28), organ="区政府办公室", post="科员"),
                  Step("核稿", "钱某某", D(2024, 5, 29), organ="区政府办公室", post="副主任"),
                  Step("签发", "赵某某", D(2024, 5, 30), post="副区长")),
    ),
    BaseDocument(
        key="da-qingshi", pack="dongan", roster="rosters/mudanjiang-dongan.yaml", doc_type="请示",
        header="东安区民政局文件", doc_number="东民发〔2024〕9号", signers=("蒋某某",),
        issuer=("东安区民政局",), title="东安区民政局关于调整城乡居民最低生活保障标准的请示",
        recipients=("东安区人民政府",),
        body=(
            "我区现行城市居民最低生活保障标准为每人每月680元，农村居民最低生活保障标准为每人每年5800元，自2022年7月执行至今。近两年我区居民人均消费支出和物价水平有所上涨，现行标准已不能完全满足困难群众的基本生活需要。",
            "根据省、市关于建立最低生活保障标准动态调整机制的要求，结合我区居民人均消费支出水平，我局拟将城市低保标准调整为每人每月720元，农村低保标准调整为每人每年6200元，自2024年7月1日起执行。",
            "以上请示，妥否，请批示。",
        ),
        signature=("东安区民政局",), date=D(2024, 4, 15), findings=frozenset({"request.contact-missing"}),
        approval=(Step("拟稿", "龙某某", D(2024, 4, 12), organ="社会救助股", post="社会救助股股长"),
                  Step("签发", "蒋某某", D(2024, 4, 15), organ="区民政局", post="局长")),
    ),
    BaseDocument(
        key="da-baogao", pack="dongan", roster="rosters/mudanjiang-dongan.yaml", doc_type="报告",
        header="东安区住房和城乡建设局文件", doc_number="东建发〔2024〕15号", signers=("于某某",),
        issuer=("东安区住房和城乡建设局",), title="东安区住房和城乡建设局关于2024年上半年老旧小区改造工作情况的报告",
        recipients=("东安区人民政府",),
        body=(
            "2024年，我区列入省级计划的老旧小区改造项目共14个，涉及居民楼62栋、住户3150户，计划总投资1.26亿元。截至6月底，已开工12个，完成外墙保温、屋面防水、管网更新等改造内容的5个，累计完成投资6800万元，占计划的54%。",
            "改造中我们坚持先征求意见后施工，每个小区召开居民议事会，改造内容经三分之二以上住户同意后实施，施工期间设立现场接待点，及时解决群众反映的问题。",
            "下半年我局将加快推进剩余项目施工，确保11月底前全部完工。其中2个未开工项目需追加配套资金310万元，以上报告，妥否，请批示。",
        ),
        signature=("东安区住房和城乡建设局",), date=D(2024, 7, 10), contact=("于某某", "0453-6281234"),
        findings=frozenset({"report.contains-request"}),
        approval=(Step("拟稿", "王强", D(2024, 7, 8), organ="区住建局城建股"),
                  Step("签发", "于某某", D(2024, 7, 10), organ="区住建局", post="局长")),
    ),
    BaseDocument(
        key="qj-han", pack="qianjin", roster="rosters/jiamusi-qianjin.yaml", doc_type="函",
        header="佳木斯市前进区财政局", doc_number="前财函〔2024〕6号",
        issuer=("佳木斯市前进区财政局",), title="佳木斯市前进区财政局关于提供2023年度教育经费执行情况的函",
        recipients=("佳木斯市前进区教育局",),
        body=(
            "为做好2023年度区级财政决算编制和教育经费统计工作，请你局对照2023年度部门预算，整理教育经费收入、支出和结余情况，重点说明生均公用经费、教师培训经费和校舍维修经费的执行情况。",
            "请于2024年3月15日前将书面材料加盖公章后报送我局预算股，电子版同时发送至指定邮箱。",
            "特此函达。",
        ),
        signature=("佳木斯市前进区财政局",), date=D(2024, 3, 1), contact=("崔某某", "0454-8612345"),
        approval=(Step("拟稿", "刘洋", D(2024, 2, 28), organ="预算股"),
                  Step("签发", "崔某某", D(2024, 3, 1), organ="区财政局", post="局长")),
    ),
    BaseDocument(
        key="qj-qksm", pack="qianjin", roster="rosters/jiamusi-qianjin.yaml", doc_type="情况说明",
        issuer=("佳木斯市前进区城市管理局",), title="关于城区户外广告设施集中整治工作的情况说明",
        body=(
            "区政府常务会议：",
            "为改善城市容貌，按照区政府年度重点工作安排，我局拟于2024年9月至11月对城区主次干道两侧的户外广告设施开展集中整治，现将有关情况说明如下。",
            "一、整治范围。主要包括中山路、长安路、光复路等8条主次干道两侧的楼顶广告、墙体广告和破损灯箱，经摸底共计426处，其中存在安全隐患的87处。",
            "二、整治方式。对存在安全隐患的广告设施责令设置单位限期自行拆除或加固，对破损、褪色的广告设施督促更新，对无主广告设施由我局组织清理。",
            "三、工作保障。我局抽调执法人员30名组成专班，按路段包保推进，每周通报进度，整治工作所需经费从我局年度预算中列支。",
        ),
        date=D(2024, 8, 20),
        approval=(Step("拟稿", "陈静", D(2024, 8, 19), organ="市容科"),
                  Step("签发", "龚某某", D(2024, 8, 20), organ="区城市管理局", post="局长")),
    ),
    BaseDocument(
        key="qj-draft", pack="qianjin", roster="rosters/jiamusi-qianjin.yaml", doc_type=None,
        issuer=("佳木斯市前进区住房和城乡建设局",), title="佳木斯市前进区城市绿化管理办法（征求意见稿）",
        drafter="佳木斯市前进区住房和城乡建设局",
        body=(
            "第一条　为加强城市绿化管理，改善生态环境，根据《城市绿化条例》等有关规定，结合本区实际，制定本办法。",
            "第二条　本办法适用于本区城市规划区内城市绿化的规划、建设、保护和管理。",
            "第三条　区住房和城乡建设局负责本区城市绿化的监督管理工作，各街道办事处按照职责做好辖区内的绿化管护工作。",
            "第四条　任何单位和个人不得擅自占用城市绿地、砍伐城市树木；确需占用或者砍伐的，依照《城市绿化条例》的有关规定办理。",
            "第五条　本办法自公布之日起施行。",
        ),
        date=D(2024, 9, 20),
    ),
    BaseDocument(
        key="jc-qingshi", pack="jincheng-chengqu", roster="rosters/jincheng-chengqu.yaml", doc_type="请示",
        header="晋城市城区文化和旅游局文件", doc_number="城文旅字〔2024〕12号", signers=("曾某某",),
        issuer=("晋城市城区文化和旅游局",), title="晋城市城区文化和旅游局关于举办2024年城区文化旅游节等事项的请示",
        recipients=("晋城市城区人民政府",),
        body=(
            "为展示我区文化旅游资源，带动假日消费，我局拟于2024年9月中旬在古书院矿文化园举办为期三天的2024年城区文化旅游节，开展非遗展示、特色美食、文艺演出等活动，预计接待游客5万人次。恳请区政府同意举办。",
            "另外，我局机关办公楼建于1992年，屋面渗漏严重，需进行整体维修。同时，请批准我局对机关办公楼屋面实施维修改造。",
            "以上请示，妥否，请批示。",
        ),
        signature=("晋城市城区文化和旅游局",), date=D(2024, 7, 22), contact=("曾某某", "0356-2216688"),
        findings=frozenset({"request.one-matter"}),
        approval=(Step("拟稿", "李娜", D(2024, 7, 19), organ="产业发展股"),
                  Step("签发", "曾某某", D(2024, 7, 22), organ="区文化和旅游局", post="局长")),
    ),
    BaseDocument(
        key="jc-tongzhi", pack="jincheng-chengqu", roster="rosters/jincheng-chengqu.yaml", doc_type="通知",
        header="晋城市城区人民政府文件", doc_number="城政发〔2024〕8号",
        issuer=("晋城市城区人民政府",), title="晋城市城区人民政府关于开展2024年全民健身月活动的通知",
        recipients=("各街道办事处", "区政府各部门"),
        body=(
            "为深入实施全民健身国家战略，丰富群众文化体育生活，区政府决定于2024年8月在全区开展全民健身月活动。现将有关事项通知如下。",
            "一、活动内容。各街道组织开展健步走、广场舞展演和社区运动会，各部门组织干部职工开展工间操和趣味运动比赛。",
            "二、工作要求。各单位要高度重视，精心组织，确保活动安全有序，并于9月5日前将活动总结报区文化和旅游局。",
        ),
        signature=("晋城市城区人民政府",), date=D(2024, 7, 25),
        printed=("晋城市城区人民政府办公室", D(2024, 7, 26)),
        approval=(Step("拟稿", "叶某某", D(2024, 7, 23), organ="区政府办公室", post="科员"),
                  Step("核稿", "唐某某", D(2024, 7, 24), organ="区政府办公室", post="主任"),
                  Step("审核", "宋某某", D(2024, 7, 24), post="副区长"),
                  Step("签发", "罗某某", D(2024, 7, 25), post="区长")),
    ),
    BaseDocument(
        key="xy-qingshi", pack="xianyang", roster="rosters/xianyang.yaml", doc_type="请示",
        header="咸阳市交通运输局文件", doc_number="咸交发〔2024〕33号", signers=("沈某某",),
        issuer=("咸阳市交通运输局",), title="咸阳市交通运输局关于实施渭河二桥检测加固工程的请示",
        recipients=("咸阳市人民政府",),
        body=(
            "渭河二桥建成于1998年，是连接我市南北城区的主要通道，日均车流量超过4万辆次。今年4月定期检测发现，该桥部分主梁出现横向裂缝，支座老化，技术状况评定为三类，需尽快实施加固。",
            "经委托专业机构编制方案，加固工程包括主梁粘贴钢板、更换支座和桥面铺装修复，工期约4个月，估算投资1450万元。为保障通行安全，我局拟于2024年8月开工实施该工程，施工期间采取半幅封闭、半幅通行的交通组织方式。",
            "以上请示，妥否，请批示。",
        ),
        signature=("咸阳市交通运输局",), date=D(2024, 6, 18), contact=("沈某某", "029-33216655"),
        approval=(Step("拟稿", "赵鹏", D(2024, 6, 14), organ="公路科"),
                  Step("核稿", "高峰", D(2024, 6, 17), organ="公路科", post="科长"),
                  Step("签发", "沈某某", D(2024, 6, 18), organ="市交通运输局", post="局长")),
    ),
    BaseDocument(
        key="xy-baogao", pack="xianyang", roster="rosters/xianyang.yaml", doc_type="报告",
        header="咸阳市水利局文件", doc_number="咸水发〔2024〕27号", signers=("石某某",),
        issuer=("咸阳市水利局",), title="咸阳市水利局关于2024年汛期水毁工程修复情况的报告",
        recipients=("咸阳市人民政府",),
        body=(
            "今年7月中下旬，我市出现两次强降雨过程，造成泾河、渭河部分堤防和农村供水工程不同程度受损，全市共排查水毁工程86处，其中堤防护岸31处、灌溉渠道40处、农村供水工程15处。",
            "灾情发生后，我局立即组织技术人员分片核查，坚持边排查边抢修。截至9月10日，已修复水毁工程79处，完成投资2360万元，其余7处正在施工，预计10月底前全部完工。",
            "特此报告。",
        ),
        signature=("咸阳市水利局",), date=D(2024, 9, 12), contact=("石某某", "029-33218899"),
        approval=(Step("拟稿", "孙伟", D(2024, 9, 10), organ="河湖科"),
                  Step("签发", "石某某", D(2024, 9, 12), organ="市水利局", post="局长")),
    ),
)


# ---------------------------------------------------------------------------------------------
# Variants


FORMS = ("txt", "txt-gbk-crlf", "pdf-paste", "pdf", "docx", "html")
SUFFIX = {"txt": ".txt", "txt-gbk-crlf": ".txt", "pdf-paste": ".txt", "pdf": ".pdf", "docx": ".docx", "html": ".html"}


def _always(doc: BaseDocument) -> bool:
    return True


@dataclass(frozen=True)
class Variant:
    key: str
    surface: Surface = Surface()
    form: str = "txt"
    adds: frozenset[str] = frozenset()  # findings the variant's own fault adds (an illegal date)
    adds_where_signed: frozenset[str] = frozenset()  # … to documents whose record has a signing step
    applies: Callable[[BaseDocument], bool] = _always
    transform: Callable[[BaseDocument], BaseDocument] | None = None  # a change of content, e.g. a name

    def document(self, doc: BaseDocument) -> BaseDocument:
        return self.transform(doc) if self.transform else doc

    def expected(self, doc: BaseDocument) -> dict:
        """The labels and finding rule ids this rendering of ``doc`` must give."""
        labels = self.document(doc).labels()
        if doc.doc_number:
            brackets = self.surface.doc_number_brackets
            labels["doc_number"] = doc.doc_number.replace("〔", brackets[0]).replace("〕", brackets[1])
        added = self.adds | (self.adds_where_signed if doc.signs else frozenset())
        labels["findings"] = sorted(doc.findings | added)
        return labels


def _has_approval(doc: BaseDocument) -> bool:
    return bool(doc.approval)


def _has_signer(doc: BaseDocument) -> bool:
    return bool(doc.signers)


def _has_contact(doc: BaseDocument) -> bool:
    return doc.contact is not None


def _has_doc_number(doc: BaseDocument) -> bool:
    return doc.doc_number is not None


def _has_labels(doc: BaseDocument) -> bool:
    return bool(doc.signers or doc.approval or doc.attachments or doc.cc or doc.drafter)


# Names outside any surname list the roster could teach: rare and compound surnames, a Uyghur name.
RARE_NAMES = {"xuan": "禤国华", "ouyang": "欧阳明", "qiguan": "亓官伟", "uyghur": "阿依古丽·买买提"}


def _drafter_named(name: str) -> Callable[[BaseDocument], BaseDocument]:
    def rename(doc: BaseDocument) -> BaseDocument:
        steps = tuple(replace(step, name=name) if step.role == "拟稿" else step for step in doc.approval)
        return replace(doc, approval=steps)
    return rename


ASCII = " "
VARIANTS: tuple[Variant, ...] = (
    Variant("base"),
    # surface forms, as plain text
    Variant("ascii-spaces", Surface(space=ASCII)),
    Variant("title-space", Surface(title_space=True)),
    Variant("title-break", Surface(title_break=True)),
    Variant("name-space", Surface(name_space=True),
            applies=lambda d: any(len(step.name) == 2 for step in d.approval)),
    Variant("name-tongzhi", Surface(name_suffix="同志"), applies=lambda d: bool(d.approval or d.contact)),
    Variant("no-colon", Surface(colon=False), applies=_has_labels),
    Variant("signer-post", Surface(signer_post=True), applies=lambda d: any(_post_of(d, n) for n in d.signers)),
    Variant("approval-role-ren", Surface(role_suffix="人"), applies=_has_approval),
    Variant("approval-opinions", Surface(opinions=True), applies=_has_approval),
    *(Variant(f"drafter-{key}", transform=_drafter_named(name), applies=_has_approval) for key, name in RARE_NAMES.items()),
    Variant("full-width-digits", Surface(full_width_digits=True)),
    Variant("note-ascii-brackets", Surface(note_brackets="()"), applies=_has_contact),
    Variant("note-no-brackets", Surface(note_brackets=""), applies=_has_contact),
    Variant("approval-post-brackets", Surface(post_in_brackets=True), applies=_has_approval),
    Variant("approval-no-year", Surface(approval_year=False), applies=_has_approval,
            adds_where_signed=frozenset({"signature.chain"})),
    Variant("approval-sidecar", Surface(approval_form="sidecar"), applies=_has_approval),
    Variant("approval-rows", Surface(approval_form="rows"), form="docx", applies=_has_approval),
    Variant("approval-columns", Surface(approval_form="columns"), form="docx", applies=_has_approval),
    *(Variant(f"date-{name}", Surface(date=form)) for name, form in LEGAL_DATES.items() if name != "standard"),
    *(Variant(f"date-illegal-{name}", Surface(date=form), adds=frozenset({"date.format"}))
      for name, form in ILLEGAL_DATES.items()),
    Variant("docnumber-square-brackets", Surface(doc_number_brackets="[]"),
            adds=frozenset({"docnumber.format"}), applies=_has_doc_number),
    Variant("docnumber-lenticular-brackets", Surface(doc_number_brackets="【】"),
            adds=frozenset({"docnumber.format"}), applies=_has_doc_number),
    # file forms
    Variant("file-txt-gbk-crlf", form="txt-gbk-crlf"),
    Variant("file-pdf-paste", form="pdf-paste"),
    Variant("file-pdf", Surface(approval_form="sidecar"), form="pdf"),
    Variant("file-docx", Surface(approval_form="rows"), form="docx"),
    Variant("file-html", Surface(approval_form="sidecar"), form="html"),
)


@dataclass(frozen=True)
class Case:
    document: BaseDocument
    variant: Variant
    path: Path

    @property
    def id(self) -> str:
        return f"{self.document.key}/{self.variant.key}"


def cases() -> list[tuple[BaseDocument, Variant]]:
    return [(doc, variant) for doc in BASE_DOCUMENTS for variant in VARIANTS if variant.applies(doc)]


def write_case(doc: BaseDocument, variant: Variant, directory: Path) -> Case:
    """Write one rendering (and its approval sidecar where the form keeps the record outside)."""
    surface = variant.surface
    rendering = render(variant.document(doc), surface)
    path = directory / f"{doc.key}.{variant.key}{SUFFIX[variant.form]}"
    sidecar = path.with_name(path.stem + ".approval.yaml")
    if rendering.sidecar and surface.approval_form == "sidecar":
        sidecar.write_text(yaml.safe_dump(rendering.sidecar, allow_unicode=True, sort_keys=False), encoding="utf-8")
    if surface.approval_form in ("sidecar", "text"):
        rendering = replace(rendering, approval_table=())
    if variant.form == "txt":
        write_txt(rendering, path)
    elif variant.form == "txt-gbk-crlf":
        write_txt(rendering, path, encoding="gbk", newline="\r\n")
    elif variant.form == "pdf-paste":
        write_pdf_paste(rendering, path, running_header=f"{doc.issuer[0]}　{doc.site}")
    elif variant.form == "pdf":
        write_pdf(rendering, path, squeeze(doc.title))
    elif variant.form == "docx":
        write_docx(rendering, path)
    elif variant.form == "html":
        write_html(doc, rendering, path)
    else:
        raise ValueError(f"unknown file form {variant.form!r}")
    return Case(doc, variant, path)


def write_variants(directory: Path) -> list[Case]:
    directory.mkdir(parents=True, exist_ok=True)
    return [write_case(doc, variant, directory) for doc, variant in cases()]
