#!/usr/bin/env python3
"""Build blind set 2 (held out): 30 invented 公文 / meeting materials, their labels and rosters.

Standalone: python-docx, reportlab, PyYAML and the standard library only.
Run:  /work/main/.venv/bin/python corpus/blind/batch2/make.py
Everything under documents/, labels/ and rosters/ is rebuilt from the data in this file.
"""
import datetime
import re
import shutil
from pathlib import Path

import yaml
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

HERE = Path(__file__).resolve().parent
DOCS, LABELS, ROSTERS = HERE / "documents", HERE / "labels", HERE / "rosters"
REL = "blind/batch2"          # path of this folder relative to corpus/

# ---------------------------------------------------------------------------
# Word-compatible 字数 (rules-catalogue §14): each CJK char / full-width mark
# counts 1; each maximal run of other non-space characters counts 1.
# ---------------------------------------------------------------------------

def _is_east_asian(ch):
    o = ord(ch)
    return (0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF
            or (0x3001 <= o <= 0x303F) or 0xFF01 <= o <= 0xFFEF or 0x20000 <= o <= 0x2FFFF)


def word_count(text):
    n, run = 0, False
    for ch in text:
        if ch.isspace():
            run = False
        elif _is_east_asian(ch):
            n += 1
            run = False
        elif not run:
            n += 1
            run = True
    return n


# ---------------------------------------------------------------------------
# Rosters
# ---------------------------------------------------------------------------

def P(name, post, organ, areas=None, departments=None):
    d = {"name": name, "post": post, "organ": organ}
    if areas:
        d["areas"] = areas
    if departments:
        d["departments"] = departments
    return d


YQ_GOV = "阳泉市城区人民政府"
DA_GOV = "牡丹江市东安区人民政府"
QJ_GOV = "佳木斯市前进区人民政府"
JC_GOV = "晋城市城区人民政府"
XY_GOV = "咸阳市人民政府"

ROSTER_DATA = {
    "yangquan-chengqu": (YQ_GOV, "阳泉市城区人民政府 (invented names, blind set 2)", [
        P("赵文斌", "区长", YQ_GOV),
        P("欧阳明辉", "常务副区长", YQ_GOV, ["区政府常务工作", "财政", "发展改革", "审计"],
          ["区政府办公室", "区财政局", "区发展和改革局", "区审计局"]),
        P("李娜", "副区长", YQ_GOV, ["教育", "民政", "卫生健康"], ["区教育局", "区民政局", "区卫生健康局"]),
        P("郭志刚", "副区长", YQ_GOV, ["住房城乡建设", "城市管理", "应急管理", "市场监管"],
          ["区住房和城乡建设局", "区城市管理局", "区应急管理局", "区市场监督管理局"]),
        P("张海燕", "主任", "阳泉市城区人民政府办公室"),
        P("韩冬", "秘书科科长", "阳泉市城区人民政府办公室"),
        P("刘晓宇", "科员", "阳泉市城区人民政府办公室"),
        P("王建华", "局长", "阳泉市城区教育局"),
        P("孙丽萍", "副局长", "阳泉市城区教育局"),
        P("赵敏", "办公室主任", "阳泉市城区教育局"),
        P("李思琪", "安全股股长", "阳泉市城区教育局"),
        P("田秀英", "局长", "阳泉市城区民政局"),
        P("冀晓东", "养老服务股股长", "阳泉市城区民政局"),
        P("郝丽", "办公室主任", "阳泉市城区民政局"),
        P("杜鹏", "局长", "阳泉市城区卫生健康局"),
        P("冯国栋", "局长", "阳泉市城区财政局"),
        P("司马俊峰", "局长", "阳泉市城区住房和城乡建设局"),
        P("常建军", "局长", "阳泉市城区城市管理局"),
        P("白云飞", "局长", "阳泉市城区司法局"),
        P("贺春生", "局长", "阳泉市城区应急管理局"),
        P("闫志勇", "副局长", "阳泉市城区应急管理局"),
        P("吕晓峰", "综合股股长", "阳泉市城区应急管理局"),
        P("岳霞", "办公室主任", "阳泉市城区应急管理局"),
        P("侯瑞芳", "局长", "阳泉市城区市场监督管理局"),
    ]),
    "dongan": (DA_GOV, "牡丹江市东安区人民政府 (invented names, blind set 2)", [
        P("孙立新", "区长", DA_GOV),
        P("王振华", "常务副区长", DA_GOV, ["区政府常务工作", "财政", "发展改革", "应急管理"],
          ["区政府办公室", "区财政局", "区发展和改革局", "区应急管理局"]),
        P("金美兰", "副区长", DA_GOV, ["教育", "民政", "卫生健康"], ["区教育局", "区民政局", "区卫生健康局"]),
        P("诸葛伟", "副区长", DA_GOV, ["住房城乡建设", "农业农村", "自然资源"],
          ["区住房和城乡建设局", "区农业农村局", "区自然资源局"]),
        P("周玉梅", "主任", "牡丹江市东安区人民政府办公室"),
        P("吴桐", "秘书科科长", "牡丹江市东安区人民政府办公室"),
        P("那日苏", "局长", "牡丹江市东安区民政局"),
        P("高峰", "社会救助股股长", "牡丹江市东安区民政局"),
        P("孟雪", "办公室主任", "牡丹江市东安区民政局"),
        P("马晓东", "局长", "牡丹江市东安区财政局"),
        P("曲波", "局长", "牡丹江市东安区住房和城乡建设局"),
        P("郑红", "局长", "牡丹江市东安区司法局"),
        P("钱广林", "局长", "牡丹江市东安区农业农村局"),
        P("于淼", "农田建设股股长", "牡丹江市东安区农业农村局"),
        P("姜涛", "镇长", "牡丹江市东安区兴隆镇人民政府"),
        P("邵敏", "党政办主任", "牡丹江市东安区兴隆镇人民政府"),
    ]),
    "qianjin": (QJ_GOV, "佳木斯市前进区人民政府 (invented names, blind set 2)", [
        P("刘德胜", "区长", QJ_GOV),
        P("上官云", "常务副区长", QJ_GOV, ["区政府常务工作", "财政", "审计"], ["区政府办公室", "区财政局", "区审计局"]),
        P("陈思远", "副区长", QJ_GOV, ["城市管理", "住房城乡建设", "教育"],
          ["区城市管理局", "区住房和城乡建设局", "区教育局"]),
        P("鲁海", "副区长", QJ_GOV, ["民政", "卫生健康", "市场监管"], ["区民政局", "区卫生健康局", "区市场监督管理局"]),
        P("于洋", "主任", "佳木斯市前进区人民政府办公室"),
        P("黄丽", "科员", "佳木斯市前进区人民政府办公室"),
        P("谭明亮", "局长", "佳木斯市前进区财政局"),
        P("蔡文静", "局长", "佳木斯市前进区司法局"),
        P("修长河", "局长", "佳木斯市前进区城市管理局"),
        P("孟凡超", "环卫股股长", "佳木斯市前进区城市管理局"),
        P("郭静", "办公室主任", "佳木斯市前进区城市管理局"),
        P("潘国强", "局长", "佳木斯市前进区住房和城乡建设局"),
        P("石晶", "局长", "佳木斯市前进区教育局"),
        P("邢宇航", "计划财务股股长", "佳木斯市前进区教育局"),
        P("任芳", "局长", "佳木斯市前进区民政局"),
    ]),
    "jincheng-chengqu": (JC_GOV, "晋城市城区人民政府 (invented names, blind set 2)", [
        P("牛建伟", "区长", JC_GOV),
        P("皇甫立军", "常务副区长", JC_GOV, ["区政府常务工作", "财政", "发展改革", "政务服务"],
          ["区政府办公室", "区财政局", "区发展和改革局", "区行政审批服务管理局"]),
        P("段晓红", "副区长", JC_GOV, ["住房城乡建设", "文化旅游", "统计"],
          ["区住房和城乡建设局", "区文化和旅游局", "区统计局"]),
        P("焦鹏", "副区长", JC_GOV, ["教育", "卫生健康", "市场监管"], ["区教育局", "区卫生健康局", "区市场监督管理局"]),
        P("靳伟", "主任", "晋城市城区人民政府办公室"),
        P("秦雪", "科员", "晋城市城区人民政府办公室"),
        P("原丽君", "局长", "晋城市城区文化和旅游局"),
        P("郝佳", "公共服务股股长", "晋城市城区文化和旅游局"),
        P("程晓", "办公室主任", "晋城市城区文化和旅游局"),
        P("毕志强", "局长", "晋城市城区财政局"),
        P("吉文涛", "局长", "晋城市城区住房和城乡建设局"),
        P("贾宁", "城建股股长", "晋城市城区住房和城乡建设局"),
        P("武斌", "局长", "晋城市城区统计局"),
        P("侯敏", "局长", "晋城市城区审计局"),
        P("卫东", "局长", "晋城市城区发展和改革局"),
        P("栗红梅", "局长", "晋城市城区司法局"),
        P("常青", "局长", "晋城市城区行政审批服务管理局"),
    ]),
    "xianyang": (XY_GOV, "咸阳市人民政府 (invented names, blind set 2)", [
        P("杨光明", "市长", XY_GOV),
        P("东方建", "常务副市长", XY_GOV, ["市政府常务工作", "财政", "发展改革", "法治政府建设"],
          ["市财政局", "市发展和改革委员会", "市司法局"]),
        P("马晓琳", "副市长", XY_GOV, ["交通运输", "水利", "城市管理"],
          ["市交通运输局", "市水利局", "市城市管理执法局"]),
        P("雷振宇", "副市长", XY_GOV, ["教育", "卫生健康", "文化旅游"], ["市教育局", "市卫生健康委员会", "市文化和旅游局"]),
        P("党国庆", "秘书长", XY_GOV),
        P("屈晓莉", "副主任", "咸阳市人民政府办公室"),
        P("米佳", "科员", "咸阳市人民政府办公室"),
        P("权志强", "局长", "咸阳市财政局"),
        P("寇建军", "局长", "咸阳市交通运输局"),
        P("贺鹏程", "运输科科长", "咸阳市交通运输局"),
        P("拓海涛", "局长", "咸阳市水利局"),
        P("阿依努尔·买买提", "河湖科科员", "咸阳市水利局"),
        P("强丽", "局长", "咸阳市司法局"),
        P("冯嘉怡", "规范性文件审查科科长", "咸阳市司法局"),
        P("马骥", "局长", "咸阳市城市管理执法局"),
        P("王晨", "市长", "兴平市人民政府"),
        P("惠文博", "副市长", "兴平市人民政府", ["城市建设", "水务"], ["兴平市住房和城乡建设局", "兴平市水务局"]),
        P("韩涛", "供水科科长", "兴平市水务局"),
        P("曹宇", "秘书科科员", "兴平市人民政府办公室"),
    ]),
}

ROSTER_FILE = {"yangquan-chengqu": "yangquan-chengqu.yaml", "dongan": "dongan.yaml", "qianjin": "qianjin.yaml",
               "jincheng-chengqu": "jincheng-chengqu.yaml", "xianyang": "xianyang.yaml"}


def roster_post(pack, name):
    for p in ROSTER_DATA[pack][2]:
        if p["name"] == name:
            return p["post"]
    raise KeyError(f"{name} not in roster {pack}")


# ---------------------------------------------------------------------------
# Renderers.  A document body is a list of (kind, text) paragraphs:
#   red  发文机关标志      num  发文字号/签发人 line     title  标题 line
#   to   主送               body 正文 paragraph          h    heading paragraph
#   sign 署名 / right side  note 附注 / left             cc   版记 line
#   center  centred line    left  flush-left line        pb   page break
#   table   rows (list of lists)                         blank empty line
# ---------------------------------------------------------------------------

def render_txt(paras, indent=True, width=None):
    out = []
    for kind, text in paras:
        if kind == "pb":
            out.append("")
            continue
        if kind == "blank":
            out.append("")
            continue
        if kind == "table":
            for row in text:
                out.append("\t".join(row))
            continue
        if kind in ("body", "h") and indent:
            out.append("\u3000\u3000" + text)
        elif kind == "sign":
            out.append("\u3000" * 16 + text)
        elif kind in ("title", "red", "center"):
            out.append("\u3000" * 4 + text if indent else text)
        else:
            out.append(text)
        if kind in ("title", "to", "num"):
            out.append("")
    return out


def write_txt(path, lines, encoding="utf-8", newline="\n"):
    data = newline.join(lines) + newline
    path.write_bytes(data.encode(encoding))


def _set_run_font(run, name="仿宋_GB2312", size=16, bold=False, color=None):
    run.font.name = name
    run._element.rPr.rFonts.set(qn("w:eastAsia"), name)
    run.font.size = Pt(size)
    run.font.bold = bold
    if color:
        run.font.color.rgb = RGBColor(*color)


def write_docx(path, paras, approval_table=None, approval_heading=None):
    doc = Document()
    cp = doc.core_properties
    cp.author = "办公室"
    cp.created = cp.modified = datetime.datetime(2024, 12, 1, 9, 0, 0)
    cp.last_modified_by = "办公室"
    cp.revision = 1
    st = doc.styles["Normal"]
    st.font.name = "仿宋_GB2312"
    st.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋_GB2312")
    st.font.size = Pt(16)
    if approval_table:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _set_run_font(p.add_run(approval_heading), "方正小标宋简体", 20)
        t = doc.add_table(rows=0, cols=max(len(r) for r in approval_table))
        t.style = "Table Grid"
        for row in approval_table:
            cells = t.add_row().cells
            for i, val in enumerate(row):
                cells[i].text = val
        p = doc.add_paragraph()
        p.add_run().add_break(WD_BREAK.PAGE)
    for kind, text in paras:
        if kind == "pb":
            p = doc.add_paragraph()
            p.add_run().add_break(WD_BREAK.PAGE)
            continue
        if kind == "table":
            t = doc.add_table(rows=0, cols=len(text[0]))
            t.style = "Table Grid"
            for row in text:
                cells = t.add_row().cells
                for i, val in enumerate(row):
                    cells[i].text = val
            continue
        p = doc.add_paragraph()
        if kind == "red":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _set_run_font(p.add_run(text), "方正小标宋简体", 26, color=(0xC0, 0, 0))
        elif kind == "title":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _set_run_font(p.add_run(text), "方正小标宋简体", 22)
        elif kind in ("center", "num"):
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _set_run_font(p.add_run(text))
        elif kind == "sign":
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _set_run_font(p.add_run(text))
        elif kind == "h":
            p.paragraph_format.first_line_indent = Pt(32)
            _set_run_font(p.add_run(text), "黑体", 16)
        elif kind == "body":
            p.paragraph_format.first_line_indent = Pt(32)
            _set_run_font(p.add_run(text))
        elif kind == "blank":
            pass
        else:
            _set_run_font(p.add_run(text))
    doc.save(path)


_FONT_READY = False


def _pdf_font():
    global _FONT_READY
    if not _FONT_READY:
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
        _FONT_READY = True
    return "STSong-Light"


def _wrap(text, font, size, width):
    lines, cur = [], ""
    for ch in text:
        if pdfmetrics.stringWidth(cur + ch, font, size) > width:
            lines.append(cur)
            cur = ch
        else:
            cur += ch
    lines.append(cur)
    return lines


def write_pdf(path, paras):
    font = _pdf_font()
    W, H = A4
    left, right, top, bottom = 28 * mm, 26 * mm, 37 * mm, 35 * mm
    width = W - left - right
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setTitle(path.stem)
    page = [1]
    y = [H - top]

    def footer():
        c.setFont(font, 12)
        c.drawCentredString(W / 2, 18 * mm, f"— {page[0]} —")

    def newpage():
        footer()
        c.showPage()
        page[0] += 1
        y[0] = H - top

    def line(text, size=15, align="left", lead=1.75, indent=0):
        if y[0] - size * lead < bottom:
            newpage()
        c.setFont(font, size)
        if align == "center":
            c.drawCentredString(W / 2, y[0], text)
        elif align == "right":
            c.drawRightString(W - right - 15, y[0], text)
        else:
            c.drawString(left + indent, y[0], text)
        y[0] -= size * lead

    for kind, text in paras:
        if kind == "pb":
            newpage()
        elif kind == "blank":
            y[0] -= 15
        elif kind == "red":
            if text:
                c.setFillColorRGB(0.8, 0, 0)
                line(text, 24, "center", 2.0)
                c.setFillColorRGB(0, 0, 0)
        elif kind == "title":
            for part in _wrap(text, font, 20, width - 40):
                line(part, 20, "center", 1.6)
            y[0] -= 10
        elif kind in ("center", "num"):
            line(text, 15, "center")
        elif kind == "sign":
            line(text, 15, "right")
        elif kind == "table":
            for row in text:
                line("  ".join(row), 12, "left", 1.6)
        elif kind in ("body", "h"):
            parts = _wrap(text, font, 15, width - 30)
            for i, part in enumerate(parts):
                line(part, 15, "left", 1.75, 30 if i == 0 else 0)
        else:
            for part in _wrap(text, font, 15, width):
                line(part)
    footer()
    c.save()


def write_html(path, paras, site):
    esc = lambda s: s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    h = ["<!DOCTYPE html>", '<html lang="zh-CN"><head><meta charset="utf-8">',
         f"<title>{esc(site['page_title'])}</title>", "</head><body>",
         f'<div class="top"><span class="logo">{esc(site["name"])}</span>'
         '<a href="#">无障碍</a> | <a href="#">长者模式</a> | <a href="#">登录</a></div>',
         '<ul class="nav">' + "".join(f'<li><a href="#">{esc(n)}</a></li>' for n in site["nav"]) + "</ul>",
         f'<div class="crumb">当前位置：{esc(site["crumb"])}</div>',
         '<table class="xxgk-meta">']
    cells = list(site["meta"].items())
    for i in range(0, len(cells), 2):
        h.append("<tr>" + "".join(f"<th>{esc(k)}</th><td>{esc(v)}</td>" for k, v in cells[i:i + 2]) + "</tr>")
    h.append("</table>")
    h.append('<div class="article">')
    for kind, text in paras:
        if kind == "table":
            h.append("<table>" + "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in r) + "</tr>" for r in text)
                     + "</table>")
        elif kind == "title":
            h.append(f'<h1 class="article-title">{esc(text)}</h1>')
        elif kind in ("pb", "blank"):
            h.append("<p>&nbsp;</p>")
        elif kind == "sign":
            h.append(f'<p style="text-align:right">{esc(text)}</p>')
        elif kind in ("center", "num", "red"):
            h.append(f'<p style="text-align:center">{esc(text)}</p>')
        elif kind in ("body", "h"):
            h.append(f'<p style="text-indent:2em">{esc(text)}</p>')
        else:
            h.append(f"<p>{esc(text)}</p>")
    h.append("</div>")
    h.append('<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div>')
    h.append('<div class="related"><h3>相关文件</h3><ul>'
             + "".join(f'<li><a href="#">{esc(r)}</a></li>' for r in site.get("related", [])) + "</ul></div>")
    h.append(f'<div class="footer">{esc(site["footer"])}</div>')
    h.append('<div class="tools"><a href="#">【打印本页】</a> <a href="#">【关闭窗口】</a></div>')
    h.append("</body></html>")
    path.write_text("\n".join(h) + "\n", encoding="utf-8")


DOCUMENTS = []


def add(**kw):
    DOCUMENTS.append(kw)

# ===========================================================================
# 请示 (10)
# ===========================================================================

# 01 YQ · 请示 · docx with the approval record as a table · touches 住建/城管 remits, no 会签
add(file="b2_01_yq_qs_xiaoyuan_jiaotong.docx", fmt="docx", pack="yangquan-chengqu",
    approval_form="table", approval_heading="阳泉市城区教育局发文稿纸",
    approval_rows=[
        ["标题", "关于在义井小学等四所学校周边实施交通安全设施改造的请示"],
        ["主送", "区人民政府"],
        ["公开属性", "依申请公开"],
        ["拟稿", "安全股 李思琪", "3月4日"],
        ["核稿", "办公室 赵敏", "3月5日"],
        ["签发", "王建华（局长）　同意，报区政府。", "2024年3月6日"],
    ],
    steps=[("拟稿", "李思琪", "2024-03-04"), ("核稿", "赵敏", "2024-03-05"),
           ("签发", "王建华", "2024-03-06", "局长")],
    paras=[
        ("red", "阳泉市城区教育局文件"),
        ("num", "城教发〔2024〕11号　　　　　　　　签发人：王建华"),
        ("title", "阳泉市城区教育局关于在义井小学等四所学校周边实施交通安全设施改造的请示"),
        ("to", "阳泉市城区人民政府："),
        ("body", "义井小学、南庄小学、桃北中学、下站小学四所学校均紧邻城区主次干道，上下学高峰时段接送车辆集中停放，"
                 "学生与机动车混行现象突出。2023年以来，四所学校门前共发生轻微交通事故7起，家长和人大代表多次反映。"),
        ("body", "为切实保障学生上下学安全，我局会同各学校对校门周边道路进行了逐一踏勘，拟实施校园周边交通安全设施改造项目，"
                 "主要内容是：在四所学校门前道路增设硬质隔离护栏560米，施划人行横道线和减速标线12处，设置限速及注意儿童警示标志24块；"
                 "对南庄小学门前道路实施拓宽改造，将现有人行道外移1.5米、新建港湾式接送车辆临时停靠区2处。"
                 "其中道路拓宽和人行道外移涉及城区住建局管养的市政道路和城市管理局管理的人行道及绿化带。"),
        ("body", "项目经测算共需资金86.4万元，拟从区级教育专项资金中统筹安排，计划于2024年暑期施工，9月开学前完工。"),
        ("body", "恳请区政府批准实施上述校园周边交通安全设施改造项目。"),
        ("body", "妥否，请批示。"),
        ("left", "附件：1.四所学校周边交通安全设施改造点位表"),
        ("left", "　　　2.校园周边交通安全设施改造项目资金测算表"),
        ("sign", "阳泉市城区教育局"),
        ("sign", "2024年3月6日"),
        ("note", "（联系人：李思琪，联系电话：0353-2026518）"),
        ("pb", ""),
        ("cc", "阳泉市城区教育局办公室　　　　　　　　2024年3月6日印发"),
    ],
    label=dict(doc_type="请示", title="阳泉市城区教育局关于在义井小学等四所学校周边实施交通安全设施改造的请示",
               issuer=["阳泉市城区教育局"], doc_number="城教发〔2024〕11号", signer=["王建华"],
               date="2024-03-06", date_text="2024年3月6日", recipients=["阳泉市城区人民政府"],
               attachments=["四所学校周边交通安全设施改造点位表", "校园周边交通安全设施改造项目资金测算表"],
               contact={"name": "李思琪", "phone": "0353-2026518"},
               printed_by="阳泉市城区教育局办公室", printed_date="2024-03-06",
               request_items={"count": 1, "items": ["交通安全设施改造"]},
               findings=[{"rule": "countersign.missing",
                          "note": "道路拓宽、人行道外移涉及区住建局、区城市管理局职权；发文稿纸只有拟稿、核稿、签发，"
                                  "无相关部门会签，也非联合报送（阳泉第四十六条，error）"}],
               notes="拟稿、核稿日期无年份（3月4日、3月5日），年份取自签发日期；签发一栏日期完整，不作签发记录问题处理。"))

# 02 YQ · joint 请示 · txt UTF-8 with a 发文稿纸 block · several budget lines of one project (near miss)
add(file="b2_02_yq_qs_yiyang_lianhe.txt", fmt="txt", encoding="utf-8", newline="\n", pack="yangquan-chengqu",
    approval_form="text",
    steps=[("拟稿", "冀晓东", "2024-04-08"), ("核稿", "郝丽", "2024-04-09"),
           ("会签", "杜鹏", "2024-04-10", "局长", "阳泉市城区卫生健康局"),
           ("签发", "田秀英", "2024-04-11", "局长")],
    raw_lines=[
        "发文稿纸",
        "拟稿：区民政局养老服务股 冀晓东 2024年4月8日",
        "核稿：区民政局办公室 郝丽 2024年4月9日",
        "会签：区卫生健康局 杜鹏（局长） ２０２４年４月１０日",
        "签发：区民政局 田秀英（局长） 2024年4月11日",
        "————————————————————————",
        "",
    ],
    paras=[
        ("center", "阳泉市城区民政局"),
        ("center", "阳泉市城区卫生健康局"),
        ("blank", ""),
        ("left", "城民发〔2024〕18号　　　　　　　　　签发人：田秀英"),
        ("left", "　　　　　　　　　　　　　　　　　　　　　　　杜　鹏"),
        ("blank", ""),
        ("center", "阳泉市城区民政局　阳泉市城区卫生健康局"),
        ("title", "关于建设义井街道医养结合社区养老服务站的请示"),
        ("to", "阳泉市城区人民政府："),
        ("body", "义井街道现有60周岁以上老年人6820人，占常住人口的24.6%，其中失能、半失能老年人412人，"
                 "辖区内尚无具备医疗护理功能的社区养老服务设施。为落实居家社区机构相协调、医养康养相结合的养老服务体系建设要求，"
                 "区民政局、区卫生健康局经共同调研，拟在义井街道原社区卫生服务站闲置用房建设医养结合社区养老服务站一处。"),
        ("body", "服务站建筑面积420平方米，设日间照料床位20张、康复训练室1间、助餐点1处，由义井街道社区卫生服务中心派驻医护人员提供签约服务。"
                 "项目建设资金共需86万元，具体为：房屋改造及适老化装修48.6万元，医疗康复设备购置21.3万元，"
                 "助餐厨房设备9.8万元，消防及安防设施6.3万元。以上各项均为该服务站的建设内容。"),
        ("body", "为此，恳请区政府批准实施义井街道医养结合社区养老服务站建设项目（总投资86万元）。"),
        ("body", "妥否，请批示。"),
        ("left", "附件：服务站建设资金测算明细"),
        ("sign", "阳泉市城区民政局　　　阳泉市城区卫生健康局"),
        ("sign", "2024年4月11日"),
        ("note", "（联系人：冀晓东，联系电话：0353-2041736）"),
        ("blank", ""),
        ("left", "抄送：阳泉市民政局，阳泉市卫生健康委员会。"),
        ("left", "阳泉市城区民政局办公室　　　　　　　2024年4月11日印发"),
    ],
    label=dict(doc_type="请示",
               title="阳泉市城区民政局阳泉市城区卫生健康局关于建设义井街道医养结合社区养老服务站的请示",
               issuer=["阳泉市城区民政局", "阳泉市城区卫生健康局"], doc_number="城民发〔2024〕18号",
               signer=["田秀英", "杜鹏"], date="2024-04-11", date_text="2024年4月11日",
               recipients=["阳泉市城区人民政府"], cc=["阳泉市民政局", "阳泉市卫生健康委员会"],
               attachments=["服务站建设资金测算明细"], contact={"name": "冀晓东", "phone": "0353-2041736"},
               printed_by="阳泉市城区民政局办公室", printed_date="2024-04-11",
               request_items={"count": 1, "items": ["养老服务站建设"]},
               findings=[],
               notes="近似样本：四项资金是同一项目的预算明细（一事）；涉及卫健职权但为联合报送且卫健局长会签；"
                     "联合上行文两名签发人均已标注。会签日期为全角数字（完整日期）。"))

# 03 DA · 请示 · txt GBK CRLF + sidecar · two unrelated matters in one 请示
add(file="b2_03_da_qs_yanglao_dibao.txt", fmt="txt", encoding="gbk", newline="\r\n", pack="dongan",
    approval_form="sidecar",
    steps=[("拟稿", "高峰", "2024-05-08", None, "牡丹江市东安区民政局社会救助股"),
           ("核稿", "孟雪", "2024-05-09"),
           ("会签", "马晓东", "2024-05-10", "局长", "牡丹江市东安区财政局", "原则同意，资金来源待区政府研究。"),
           ("签发", "那日苏", "2024-05-13", "局长", None, "同意报区政府。")],
    paras=[
        ("red", "牡丹江市东安区民政局"),
        ("num", "东民发〔2024〕23号　　　　　　　　签发人：那日苏"),
        ("title", "牡丹江市东安区民政局关于增设兴隆镇区域性养老服务中心并追加2024年城乡低保资金的请示"),
        ("to", "牡丹江市东安区人民政府："),
        ("body", "现将两项工作有关情况报告如下："),
        ("h", "一、关于增设兴隆镇区域性养老服务中心"),
        ("body", "兴隆镇现有农村特困供养人员86人，原镇敬老院床位仅30张，且房屋老化、消防设施不达标。"
                 "我局拟利用兴隆镇敬老院东侧民政服务用房改扩建区域性养老服务中心，设置床位60张，辐射周边4个村，"
                 "改造资金约120万元。恳请区政府批准增设兴隆镇区域性养老服务中心。"),
        ("h", "二、关于追加2024年城乡低保资金"),
        ("body", "今年以来，受低保扩围和动态调整影响，全区城乡低保保障人数由年初的3126人增至3480人，"
                 "按现行保障标准测算，全年低保资金缺口185万元。经与区财政局沟通，区财政局原则同意，资金来源需区政府研究确定。"
                 "恳请区政府追加2024年城乡低保资金185万元。"),
        ("body", "以上两项，妥否，请批示。"),
        ("sign", "牡丹江市东安区民政局"),
        ("sign", "2024年5月13日"),
        ("note", "（联系人：高峰，电话：0453-6421087）"),
    ],
    label=dict(doc_type="请示",
               title="牡丹江市东安区民政局关于增设兴隆镇区域性养老服务中心并追加2024年城乡低保资金的请示",
               issuer=["牡丹江市东安区民政局"], doc_number="东民发〔2024〕23号", signer=["那日苏"],
               date="2024-05-13", date_text="2024年5月13日", recipients=["牡丹江市东安区人民政府"],
               contact={"name": "高峰", "phone": "0453-6421087"},
               request_items={"count": 2, "items": ["养老服务中心", "低保资金"]},
               findings=[{"rule": "request.one-matter",
                          "note": "一份请示同时请求批准增设养老服务中心和追加低保资金两件互不相关的事项"
                                  "（标题「并」连接两项，东安第五十八条「请示应当一文一事」）"}]))

# 04 DA · 请示 · PDF + sidecar · addressed to the 区政府 and to the 区农业农村局 at once
add(file="b2_04_da_qs_xinglong_guangai.pdf", fmt="pdf", pack="dongan",
    approval_form="sidecar",
    steps=[("拟稿", "邵敏", "2024-04-19"),
           ("签发", "姜涛", "2024-04-22", "镇长", None, "同意上报。")],
    paras=[
        ("left", "加急"),
        ("red", "牡丹江市东安区兴隆镇人民政府"),
        ("num", "兴政发〔2024〕9号　　　　　　签发人：姜涛"),
        ("blank", ""),
        ("title", "牡丹江市东安区兴隆镇人民政府关于实施兴隆镇高标准农田灌溉渠系修复工程的请示"),
        ("to", "牡丹江市东安区人民政府、牡丹江市东安区农业农村局："),
        ("body", "我镇现有耕地4.6万亩，其中水田1.8万亩，主要依靠兴隆灌区渠系灌溉。灌区干支渠始建于上世纪七十年代，"
                 "经多年运行，渠道淤积、渗漏严重，部分节制闸、分水闸老化失修，2023年汛期又遭受强降雨冲毁，"
                 "灌溉保证率由85%下降到不足60%，直接影响全镇春耕用水。"),
        ("body", "为保障今年春耕生产，我镇委托专业设计单位编制了修复方案。工程主要内容为：干支渠清淤12.5公里，"
                 "渗漏严重段混凝土衬砌3.2公里，维修更换节制闸、分水闸、涵洞共14座，新建量水设施6处。"
                 "工程总投资236万元，其中衬砌工程148万元，闸涵维修61万元，清淤及量水设施27万元。"
                 "计划4月底开工，5月中旬前完成主体工程，确保泡田用水。"),
        ("body", "我镇财力有限，现恳请批准实施兴隆镇高标准农田灌溉渠系修复工程，并在高标准农田建设资金中予以安排。"),
        ("body", "妥否，请批示。"),
        ("left", "附件：兴隆镇高标准农田灌溉渠系修复工程设计方案"),
        ("sign", "牡丹江市东安区兴隆镇人民政府"),
        ("sign", "2024年4月22日"),
        ("note", "（联系人：邵敏，联系电话：0453-6180235）"),
        ("blank", ""),
        ("left", "牡丹江市东安区兴隆镇党政办公室　　　2024年4月22日印发"),
    ],
    label=dict(doc_type="请示",
               title="牡丹江市东安区兴隆镇人民政府关于实施兴隆镇高标准农田灌溉渠系修复工程的请示",
               issuer=["牡丹江市东安区兴隆镇人民政府"], doc_number="兴政发〔2024〕9号", signer=["姜涛"],
               date="2024-04-22", date_text="2024年4月22日",
               recipients=["牡丹江市东安区人民政府", "牡丹江市东安区农业农村局"],
               attachments=["兴隆镇高标准农田灌溉渠系修复工程设计方案"],
               contact={"name": "邵敏", "phone": "0453-6180235"}, urgency="加急",
               printed_by="牡丹江市东安区兴隆镇党政办公室", printed_date="2024-04-22",
               request_items={"count": 1, "items": ["渠系修复工程"]},
               findings=[{"rule": "request.single-recipient",
                          "note": "请示同时主送区政府和区农业农村局两个机关，属多头报文（东安第五十八条「不得多头报文」）；"
                                  "应只主送区政府，需要时抄送区农业农村局"}]))

# 05 XY · 请示 · docx with approval table · addressed to a 副市长 personally
add(file="b2_05_xy_qs_gongjiao_xianlu.docx", fmt="docx", pack="xianyang",
    approval_form="table", approval_heading="咸阳市交通运输局公文处理笺",
    approval_rows=[
        ["拟稿人", "运输科 贺鹏程", "2024年5月30日"],
        ["审核人", "局办公室", "2024年5月31日"],
        ["签发人", "寇建军　同意。", "2024年6月3日"],
    ],
    steps=[("拟稿", "贺鹏程", "2024-05-30"), ("签发", "寇建军", "2024-06-03", None, None, "同意。")],
    paras=[
        ("red", "咸阳市交通运输局"),
        ("num", "咸交发〔2024〕37号　　　　　　　签发人：寇建军"),
        ("title", "咸阳市交通运输局关于调整中心城区部分公交线路走向的请示"),
        ("to", "马晓琳副市长："),
        ("body", "根据2024年春季中心城区居民出行需求调查，高新区世纪大道以南新建住宅小区入住率明显上升，"
                 "现有公交线路覆盖不足，而人民路、中山街部分路段公交线路重复系数偏高。为优化线网结构，"
                 "我局会同市公交集团研究，拟对5条公交线路走向进行调整："),
        ("body", "一是将3路、12路南延至世纪大道统一路口，新增站点6个；二是将21路由中山街改经文林路运行，"
                 "减少与1路、6路的重复站点8个；三是将26路、K31路首末站调整至咸阳西站公交枢纽，实现与铁路客运接驳。"
                 "调整后线网总长度增加11.2公里，所需车辆由现有运力内部调剂解决，不新增财政补贴。"),
        ("body", "调整方案已在市交通运输局门户网站公示7天，收到市民意见43条，已采纳合理意见19条。"),
        ("body", "恳请批准上述公交线路调整方案。"),
        ("body", "妥否，请批示。"),
        ("left", "附件：中心城区公交线路调整方案"),
        ("sign", "咸阳市交通运输局"),
        ("sign", "2024年6月3日"),
        ("note", "（联系人：贺鹏程，联系电话：029-33216075）"),
    ],
    label=dict(doc_type="请示", title="咸阳市交通运输局关于调整中心城区部分公交线路走向的请示",
               issuer=["咸阳市交通运输局"], doc_number="咸交发〔2024〕37号", signer=["寇建军"],
               date="2024-06-03", date_text="2024年6月3日", recipients=["马晓琳副市长"],
               attachments=["中心城区公交线路调整方案"], contact={"name": "贺鹏程", "phone": "029-33216075"},
               request_items={"count": 1, "items": ["公交线路调整"]},
               findings=[{"rule": "request.to-individual",
                          "note": "请示直接主送分管副市长个人，非领导交办事项、非绝密事项（咸阳第四十八条，error）"}],
               notes="审核人一栏只有单位无姓名，不计入审批记录。"))

# 06 XY · 请示 · txt pasted from a PDF (hard line breaks, page numbers) + sidecar · no 签发人
add(file="b2_06_xy_qs_weihe_difang.txt", fmt="pdftxt", encoding="utf-8", newline="\n", pack="xianyang",
    approval_form="sidecar",
    steps=[("拟稿", "阿依努尔·买买提", "2024-06-27"),
           ("签发", "拓海涛", "2024-07-02", "局长", None, "同意报市政府。")],
    paras=[
        ("red", "咸阳市水利局文件"),
        ("left", "咸水发〔2024〕52号"),
        ("title", "咸阳市水利局关于实施渭河咸阳段堤防险工段应急加固工程的请示"),
        ("to", "咸阳市人民政府："),
        ("body", "入汛以来，我市降雨较常年同期偏多三成，渭河咸阳段先后出现2次编号洪水。经市水利局组织专家汛中巡查，"
                 "渭河左岸陈杨寨至沣东段、右岸钓台段共发现险工险段5处，累计长度2.86公里，主要表现为堤身裂缝、"
                 "迎水坡冲刷坍塌和堤脚淘刷，其中钓台段坍塌长度已达120米，直接威胁堤后3个村庄1.2万群众和"
                 "西宝高速公路的安全。"),
        ("body", "为确保主汛期度汛安全，我局组织编制了应急加固方案，拟采取抛石护脚、迎水坡格宾石笼防护、"
                 "堤身裂缝灌浆等措施，对5处险工段进行应急加固。工程估算总投资1280万元，其中抛石护脚620万元，"
                 "格宾石笼防护430万元，裂缝灌浆及堤顶道路修复230万元。工程拟按应急抢险程序组织实施，"
                 "力争7月底前完成。"),
        ("body", "现恳请市政府批准按应急抢险程序实施渭河咸阳段堤防险工段应急加固工程。"),
        ("body", "妥否，请批示。"),
        ("left", "附件：1.渭河咸阳段险工险段分布图"),
        ("left", "2.应急加固工程投资估算表"),
        ("sign", "咸阳市水利局"),
        ("sign", "2024年7月2日"),
        ("note", "（联系人：阿依努尔·买买提，联系电话：029-33573016）"),
        ("blank", ""),
        ("left", "抄送：陕西省水利厅。"),
        ("left", "咸阳市水利局办公室　　　　　2024年7月2日印发"),
    ],
    label=dict(doc_type="请示", title="咸阳市水利局关于实施渭河咸阳段堤防险工段应急加固工程的请示",
               issuer=["咸阳市水利局"], doc_number="咸水发〔2024〕52号", signer=[],
               date="2024-07-02", date_text="2024年7月2日", recipients=["咸阳市人民政府"], cc=["陕西省水利厅"],
               attachments=["渭河咸阳段险工险段分布图", "应急加固工程投资估算表"],
               contact={"name": "阿依努尔·买买提", "phone": "029-33573016"},
               printed_by="咸阳市水利局办公室", printed_date="2024-07-02",
               request_items={"count": 1, "items": ["应急加固工程"]},
               findings=[{"rule": "request.signer-missing",
                          "note": "上行的请示版头只有发文字号，未标注「签发人：拓海涛」（咸阳第五十四条要求在正式文件上注明签发人）"}],
               notes="从PDF复制粘贴：硬换行、页码「— 1 —」「— 2 —」。"))

# 07 JC · 请示 · docx with approval table · no 联系人/电话
add(file="b2_07_jc_qs_wenhuaguan_yanshi.docx", fmt="docx", pack="jincheng-chengqu",
    approval_form="table", approval_heading="晋城市城区文化和旅游局发文审批单",
    approval_rows=[
        ["拟稿人", "郝佳", "5月16日"],
        ["核稿人", "程晓", "5月17日"],
        ["签发", "原丽君　同意", "2024.5.20"],
    ],
    steps=[("拟稿", "郝佳", "2024-05-16"), ("核稿", "程晓", "2024-05-17"),
           ("签发", "原丽君", "2024-05-20", None, None, "同意")],
    paras=[
        ("red", "晋城市城区文化和旅游局"),
        ("num", "城文旅发〔2024〕3号　　　　　　签发人：原丽君"),
        ("title", "晋城市城区文化和旅游局关于城区文化馆开展夜间延时开放试点的请示"),
        ("to", "晋城市城区人民政府："),
        ("body", "为满足群众下班后参加文化活动的需求，推动公共文化服务提质增效，我局拟在城区文化馆开展夜间延时开放试点。"
                 "试点期为2024年6月至12月，每周二至周五开放时间由17时30分延长至21时，开放区域为排练厅、书画室、"
                 "多功能厅和非遗展示厅，开设声乐、舞蹈、书法、上党梆子等免费公益培训班12个。"),
        ("body", "延时开放所需值守、保洁和水电等费用约18.6万元，由文化馆在年度免费开放补助资金中调剂解决；"
                 "安全保卫由文化馆现有保安力量轮班承担，不新增人员编制。试点结束后，我局将对群众参与情况进行评估，"
                 "形成常态化开放方案。"),
        ("body", "恳请区政府批准城区文化馆开展夜间延时开放试点。"),
        ("body", "妥否，请批示。"),
        ("sign", "晋城市城区文化和旅游局"),
        ("sign", "2024年5月20日"),
    ],
    label=dict(doc_type="请示", title="晋城市城区文化和旅游局关于城区文化馆开展夜间延时开放试点的请示",
               issuer=["晋城市城区文化和旅游局"], doc_number="城文旅发〔2024〕3号", signer=["原丽君"],
               date="2024-05-20", date_text="2024年5月20日", recipients=["晋城市城区人民政府"],
               request_items={"count": 1, "items": ["延时开放试点"]},
               findings=[{"rule": "request.contact-missing",
                          "note": "请示成文日期后无附注，未注明联系人姓名和联系电话（warning）"}],
               notes="发文审批单签发日期写作「2024.5.20」（年月日齐全），拟稿、核稿日期无年份。"))

# 08 QJ · 「请示报告」 · txt UTF-8 with a 公文审批单 block (labels without colons)
add(file="b2_08_qj_qsbg_qingxue_shebei.txt", fmt="txt", encoding="utf-8", newline="\n", pack="qianjin",
    approval_form="text",
    steps=[("拟稿", "孟凡超", "2024-10-11"), ("核稿", "郭静", "2024-10-12"),
           ("签发", "修长河", "2024-10-15", "局长")],
    raw_lines=[
        "公文审批单",
        "拟稿 环卫股 孟凡超 10月11日",
        "核稿 局办公室 郭静 10月12日",
        "签发 修长河 局长 同意 2024年10月15日",
        "------------------------------------------",
        "",
    ],
    paras=[
        ("red", "佳木斯市前进区城市管理局"),
        ("num", "前城管发〔2024〕27号　　　　　　签发人：修长河"),
        ("title", "佳木斯市前进区城市管理局关于购置冬季清雪设备的请示报告"),
        ("to", "佳木斯市前进区人民政府："),
        ("body", "我区承担清雪任务的城市道路共86条、总长142公里，现有清雪机械21台，其中11台已使用10年以上，"
                 "故障率高、作业效率低。2023—2024年冬季多次出现降雪后主干道积雪未能在24小时内清运完毕的情况，"
                 "群众反映强烈。"),
        ("body", "为确保今冬明春雪后道路畅通，我局拟购置清雪设备一批，具体为：大型抛雪机2台，计156万元；"
                 "融雪剂撒布车1台，计68万元；小型扫雪车4台，计94万元。以上设备合计318万元，"
                 "拟从区城市管理专项经费中列支，按政府采购程序公开招标。"),
        ("body", "特此请示，请予批准。"),
        ("left", "附件：冬季清雪设备购置清单及报价"),
        ("sign", "佳木斯市前进区城市管理局"),
        ("sign", "2024年10月15日"),
        ("note", "（联系人：孟凡超，联系电话：0454-8612379）"),
    ],
    label=dict(doc_type="请示", title="佳木斯市前进区城市管理局关于购置冬季清雪设备的请示报告",
               issuer=["佳木斯市前进区城市管理局"], doc_number="前城管发〔2024〕27号", signer=["修长河"],
               date="2024-10-15", date_text="2024年10月15日", recipients=["佳木斯市前进区人民政府"],
               attachments=["冬季清雪设备购置清单及报价"], contact={"name": "孟凡超", "phone": "0454-8612379"},
               request_items={"count": 1, "items": ["清雪设备"]},
               findings=[{"rule": "doctype.invalid",
                          "note": "标题文种「请示报告」为混合文种，需批准的事项应使用「请示」"}],
               notes="三类设备是同一采购事项的预算明细，按一事处理（一文一事的近似样本）。"))

# 09 QJ · 请示 · PDF + sidecar · malformed 发文字号; a leader is named in the body only
add(file="b2_09_qj_qs_wuzhong_gongnuan.pdf", fmt="pdf", pack="qianjin",
    approval_form="sidecar",
    steps=[("拟稿", "邢宇航", "2024-08-22"),
           ("签发", "石晶", "2024-08-26", "局长", None, "同意。")],
    paras=[
        ("red", "佳木斯市前进区教育局"),
        ("num", "前教发[2024]015号　　　　　　签发人：石晶"),
        ("title", "关于更新改造前进区第五中学校内供暖管网的请示"),
        ("to", "佳木斯市前进区人民政府："),
        ("body", "前进区第五中学现有教学楼、实验楼、宿舍楼共3栋，校内供暖管网铺设于1998年，管道锈蚀、保温层脱落严重，"
                 "2023—2024年采暖期累计发生跑冒滴漏9次，部分教室室温长期低于16℃，影响正常教学。"
                 "今年6月，陈思远副区长到校调研时要求在今年采暖期前彻底解决。"),
        ("body", "按照调研要求，我局委托供热设计单位完成了改造方案：更换校内一次管网780米、二次管网1260米，"
                 "新建换热站1座，对3栋楼的室内立管进行局部更换。工程概算156万元，其中管网更换92万元，"
                 "换热站建设48万元，室内立管更换16万元，计划于9月1日开工，10月10日前具备供暖条件。"),
        ("body", "恳请区政府批准实施前进区第五中学校内供暖管网更新改造工程。"),
        ("body", "妥否，请批示。"),
        ("sign", "佳木斯市前进区教育局"),
        ("sign", "2024年8月26日"),
        ("note", "（联系人：邢宇航，联系电话：0454-8231156）"),
    ],
    label=dict(doc_type="请示", title="关于更新改造前进区第五中学校内供暖管网的请示",
               issuer=["佳木斯市前进区教育局"], doc_number="前教发[2024]015号", signer=["石晶"],
               date="2024-08-26", date_text="2024年8月26日", recipients=["佳木斯市前进区人民政府"],
               contact={"name": "邢宇航", "phone": "0454-8231156"},
               request_items={"count": 1, "items": ["供暖管网"]},
               findings=[{"rule": "docnumber.format",
                          "note": "发文字号「前教发[2024]015号」用方括号而非六角括号〔〕，顺序号编了虚位「015」"}],
               notes="近似样本：正文提到副区长调研要求，但主送的是区政府，不是领导个人；标题省略发文机关，不作标题问题处理。"))

# 10 XY · county-level government's 请示 · docx with approval table · Chinese-numeral 成文日期; cc to departments
add(file="b2_10_xy_qs_xingping_shuichang.docx", fmt="docx", pack="xianyang",
    approval_form="table", approval_heading="兴平市人民政府发文稿纸",
    approval_rows=[
        ["拟　稿", "市政府办秘书科　曹宇", "二〇二四年五月十六日"],
        ["审　核", "惠文博（副市长）　同意，呈王晨市长签发。", "二〇二四年五月十八日"],
        ["签　发", "王晨　同意报市政府。", "二〇二四年五月二十日"],
        ["公开方式", "不予公开", ""],
    ],
    steps=[("拟稿", "曹宇", "2024-05-16"),
           ("审核", "惠文博", "2024-05-18", "副市长", None, "同意，呈王晨市长签发。"),
           ("签发", "王晨", "2024-05-20", None, None, "同意报市政府。")],
    paras=[
        ("red", "兴平市人民政府"),
        ("num", "兴政字〔2024〕41号　　　　　　　签发人：王晨"),
        ("title", "兴平市人民政府关于兴平市城区第二水厂扩建工程项目立项的请示"),
        ("to", "咸阳市人民政府："),
        ("body", "兴平市城区现有第一水厂、第二水厂两座，设计日供水能力合计6万立方米。随着城区人口增长和产业园区建设，"
                 "2023年夏季高峰日用水量已达6.4万立方米，供水缺口逐年扩大，部分高层住宅区存在水压不足问题。"),
        ("body", "为保障城区供水安全，我市拟在第二水厂现有厂区内实施扩建，新增日供水能力4万立方米，建设内容包括"
                 "新建絮凝沉淀池、V型滤池、清水池各1座，改造取水泵房和加药间，配套建设出厂管线3.6公里。"
                 "项目估算总投资1.38亿元，拟通过申请中央预算内投资、地方政府专项债券和市级自筹解决。"
                 "项目可行性研究报告已编制完成，用地、环评等前期工作正在同步推进。"),
        ("body", "为加快项目前期工作进度，恳请市政府同意兴平市城区第二水厂扩建工程项目立项。"),
        ("body", "妥否，请批示。"),
        ("left", "附件：兴平市城区第二水厂扩建工程可行性研究报告（摘要）"),
        ("sign", "兴平市人民政府"),
        ("sign", "二〇二四年五月二十日"),
        ("note", "（联系人：兴平市水务局 韩涛　联系电话：029-38812345）"),
        ("blank", ""),
        ("left", "抄送：咸阳市发展和改革委员会，咸阳市水利局。"),
        ("left", "兴平市人民政府办公室　　　　　　　　2024年5月20日印发"),
    ],
    label=dict(doc_type="请示", title="兴平市人民政府关于兴平市城区第二水厂扩建工程项目立项的请示",
               issuer=["兴平市人民政府"], doc_number="兴政字〔2024〕41号", signer=["王晨"],
               date="2024-05-20", date_text="二〇二四年五月二十日", recipients=["咸阳市人民政府"],
               cc=["咸阳市发展和改革委员会", "咸阳市水利局"],
               attachments=["兴平市城区第二水厂扩建工程可行性研究报告（摘要）"],
               contact={"name": "韩涛", "phone": "029-38812345"},
               printed_by="兴平市人民政府办公室", printed_date="2024-05-20",
               request_items={"count": 1, "items": ["水厂扩建"]},
               findings=[{"rule": "date.format",
                          "note": "成文日期「二〇二四年五月二十日」用汉字书写，应为阿拉伯数字「2024年5月20日」"}],
               notes="近似样本：只主送咸阳市人民政府，发改委、水利局用抄送；联系人写法无逗号且带单位。"
                     "审批记录日期为汉字（完整日期）。"))

# ===========================================================================
# 报告 (5)
# ===========================================================================

# 11 DA · 报告 · docx with body tables · ends with a request for funds
add(file="b2_11_da_bg_laojiu_xiaoqu.docx", fmt="docx", pack="dongan", approval_form=None, steps=[],
    paras=[
        ("red", "牡丹江市东安区住房和城乡建设局"),
        ("num", "东住建发〔2024〕31号　　　　　　签发人：曲波"),
        ("title", "牡丹江市东安区住房和城乡建设局关于2024年上半年老旧小区改造工作进展情况的报告"),
        ("to", "牡丹江市东安区人民政府："),
        ("body", "2024年，全区计划改造老旧小区12个、涉及居民3860户、建筑面积27.4万平方米，总投资9680万元。"
                 "现将上半年工作进展情况报告如下："),
        ("h", "一、工作进展"),
        ("body", "截至6月30日，12个小区全部完成入户调查和改造方案公示，已开工9个，开工率75%；"
                 "完成外墙保温改造8.6万平方米、屋面防水4.1万平方米，更换供热管网5.2公里，累计完成投资4130万元。"
                 "各小区进展情况见下表。"),
        ("table", [["小区名称", "户数", "开工时间", "完成投资（万元）", "形象进度"],
                   ["七星街1号院", "420", "2024年4月8日", "612", "65%"],
                   ["东新安街小区", "386", "2024年4月15日", "540", "58%"],
                   ["长安街东小区", "512", "2024年4月20日", "706", "52%"],
                   ["向阳小区", "298", "2024年5月6日", "385", "40%"],
                   ["其余8个小区", "2244", "—", "1887", "—"]]),
        ("h", "二、存在的问题"),
        ("body", "一是资金到位不足。中央和省级补助资金已到位5200万元，区级配套资金应到位1800万元，目前到位600万元，"
                 "已开工项目存在拖欠工程款风险。二是部分居民意见不统一，长安街东小区加装电梯工作推进缓慢。"
                 "三是施工期间扰民投诉较多，上半年共受理投诉37件。"),
        ("h", "三、下一步工作"),
        ("body", "我局将倒排工期，督促剩余3个小区7月底前全部开工，确保10月底前完成主体改造；"
                 "加强与街道、社区的协调，做好居民工作；严格落实文明施工要求，减少施工扰民。"),
        ("body", "鉴于区级配套资金到位滞后，恳请区政府尽快拨付第二批区级配套资金300万元。妥否，请批示。"),
        ("sign", "牡丹江市东安区住房和城乡建设局"),
        ("sign", "2024年7月8日"),
    ],
    label=dict(doc_type="报告",
               title="牡丹江市东安区住房和城乡建设局关于2024年上半年老旧小区改造工作进展情况的报告",
               issuer=["牡丹江市东安区住房和城乡建设局"], doc_number="东住建发〔2024〕31号", signer=["曲波"],
               date="2024-07-08", date_text="2024年7月8日", recipients=["牡丹江市东安区人民政府"],
               findings=[{"rule": "report.contains-request",
                          "note": "报告结尾夹带请示事项：「恳请区政府尽快拨付第二批区级配套资金300万元。妥否，请批示。」"
                                  "（东安第五十八条「报告不得夹带请示事项」）"}]))

# 12 DA · 报告 · txt GBK with a 发文稿纸 block (同志, posts in brackets) · says it will 另行请示 (near miss)
add(file="b2_12_da_bg_dongji_jiuzhu.txt", fmt="txt", encoding="gbk", newline="\n", pack="dongan",
    approval_form="text",
    steps=[("拟稿", "高峰", "2024-03-20"), ("核稿", "孟雪", "2024-03-22"),
           ("签发", "那日苏", "2024-03-25", "局长")],
    raw_lines=[
        "发文稿纸",
        "拟稿：社会救助股 高峰同志 2024年3月20日",
        "核稿：局办公室 孟雪同志 2024年3月22日",
        "签发：那日苏同志（局长） 同意 2024年3月25日",
        "",
    ],
    paras=[
        ("red", "牡丹江市东安区民政局"),
        ("num", "东民发〔2024〕11号　　　　　　签发人：那日苏"),
        ("title", "牡丹江市东安区民政局关于2023—2024年度冬季困难群众救助帮扶工作情况的报告"),
        ("to", "牡丹江市东安区人民政府："),
        ("body", "按照区政府关于做好今冬明春困难群众基本生活保障工作的部署，我局于2023年11月至2024年3月组织开展了冬季困难群众救助帮扶行动。现将有关情况报告如下："),
        ("h", "一、主要做法和成效"),
        ("body", "（一）摸清底数。会同兴隆镇和各街道对低保、特困、低保边缘家庭逐户走访，排查困难群众4312户，建立冬季救助台账。"),
        ("body", "（二）落实保障。按时足额发放低保金、特困供养金1426万元，为2186户困难家庭发放取暖补贴218.6万元，发放棉被、棉衣等物资3100件。"),
        ("body", "（三）强化临时救助。对因病、因灾等导致基本生活陷入困境的家庭实施临时救助396人次，支出资金79.2万元，做到应救尽救。"),
        ("h", "二、存在的问题"),
        ("body", "部分独居老人取暖设施老旧，存在安全隐患；取暖补贴标准多年未调整，与实际取暖成本差距较大，补贴资金存在一定缺口。"),
        ("h", "三、下一步打算"),
        ("body", "我局将持续做好动态监测和常态化救助帮扶。针对取暖补贴资金缺口问题，我局将会同区财政局测算后另行请示。"),
        ("body", "特此报告。"),
        ("sign", "牡丹江市东安区民政局"),
        ("sign", "2024年3月25日"),
    ],
    label=dict(doc_type="报告",
               title="牡丹江市东安区民政局关于2023—2024年度冬季困难群众救助帮扶工作情况的报告",
               issuer=["牡丹江市东安区民政局"], doc_number="东民发〔2024〕11号", signer=["那日苏"],
               date="2024-03-25", date_text="2024年3月25日", recipients=["牡丹江市东安区人民政府"],
               findings=[],
               notes="近似样本：提到资金缺口但明确「另行请示」，以「特此报告」结尾，不夹带请示事项。"))

# 13 XY · city → province 报告 · multi-page PDF + sidecar · zero-padded 成文日期
add(file="b2_13_xy_bg_fangxun.pdf", fmt="pdf", pack="xianyang",
    approval_form="sidecar",
    steps=[("拟稿", "米佳", "2024-07-10"),
           ("审核", "马晓琳", "2024-07-12", "副市长", None, "同意，请杨市长签发。"),
           ("签发", "杨光明", "2024-07-15", "市长", None, "同意上报。")],
    paras=[
        ("red", "咸阳市人民政府"),
        ("num", "咸政字〔2024〕58号　　　　　　　签发人：杨光明"),
        ("title", "咸阳市人民政府关于2024年上半年防汛减灾工作情况的报告"),
        ("to", "陕西省人民政府："),
        ("body", "今年以来，我市认真贯彻省委、省政府关于防汛减灾工作的决策部署，坚持人民至上、生命至上，"
                 "立足防大汛、抢大险、救大灾，全力做好汛前准备和汛期应对各项工作。现将上半年有关情况报告如下："),
        ("h", "一、汛期雨水情况"),
        ("body", "入汛以来，全市平均降水量386毫米，较常年同期偏多28%，降水时空分布不均，北部塬区偏多四成以上。"
                 "6月下旬至7月上旬，我市先后出现4次区域性强降雨过程，其中7月3日旬邑、彬州局地1小时降雨量达62毫米。"
                 "渭河咸阳站先后出现2次编号洪水，最大流量2860立方米每秒；泾河张家山站最大流量1930立方米每秒。"),
        ("h", "二、主要工作措施"),
        ("body", "（一）压实防汛责任。及时调整市防汛抗旱指挥部成员，落实市级领导包抓县市区、县级领导包抓镇街、镇村干部包抓村组的"
                 "三级包抓责任制，明确全市126座水库、47处淤地坝、2300余处地质灾害隐患点的防汛责任人，并在媒体公示。"),
        ("body", "（二）开展隐患排查。汛前组织水利、自然资源、住建、交通等部门开展联合检查，排查各类隐患点783处，"
                 "已完成整改756处，其余27处落实了临时度汛措施和专人监测。对渭河、泾河堤防险工段进行了汛前加固，"
                 "完成水毁工程修复42处。"),
        ("body", "（三）强化监测预警。发挥气象、水文监测网络作用，累计发布暴雨预警信息46期，通过短信、应急广播向"
                 "基层责任人和群众推送预警信息186万条。严格落实直达基层的临灾预警叫应机制，"
                 "确保预警信息第一时间传递到村组、到户到人。"),
        ("body", "（四）做好应急准备。修订完善市级防汛应急预案和各类专项预案，组建市、县、镇三级抢险队伍215支、"
                 "8600余人，储备编织袋42万条、冲锋舟68艘、救生衣1.2万件，开展防汛应急演练37场次。"),
        ("body", "（五）科学调度处置。强降雨期间，市防汛抗旱指挥部启动防汛四级应急响应2次，提前转移危险区域群众"
                 "3126人，调度水库预泄腾库1.3亿立方米，未发生人员伤亡和水库垮坝事故。"),
        ("h", "三、灾情及损失"),
        ("body", "上半年强降雨造成全市8个县市区、36个镇街不同程度受灾，受灾人口2.1万人，农作物受灾面积3.6万亩，"
                 "损毁农村道路46公里、堤防3.2公里、塘坝12座，直接经济损失约1.86亿元。灾情发生后，"
                 "我市及时下拨市级救灾资金1200万元，受灾群众基本生活得到妥善安排。"),
        ("h", "四、存在的问题"),
        ("body", "一是中小河流防洪标准偏低，部分河段堤防不达标；二是山洪灾害监测预警设施覆盖面仍有不足，"
                 "部分设备老化；三是基层防汛抢险力量和物资储备相对薄弱。"),
        ("h", "五、下一步工作"),
        ("body", "当前我市已进入七下八上防汛关键期，我们将进一步压实各级防汛责任，盯紧水库、淤地坝、"
                 "地质灾害隐患点、城市低洼易涝区等重点部位，加强会商研判和预警叫应，备足抢险队伍和物资，"
                 "全力以赴确保人民群众生命财产安全和社会大局稳定。"),
        ("body", "特此报告。"),
        ("sign", "咸阳市人民政府"),
        ("sign", "2024年07月15日"),
        ("blank", ""),
        ("left", "抄送：陕西省应急管理厅，陕西省水利厅。"),
        ("left", "咸阳市人民政府办公室　　　　　　2024年7月15日印发"),
    ],
    label=dict(doc_type="报告", title="咸阳市人民政府关于2024年上半年防汛减灾工作情况的报告",
               issuer=["咸阳市人民政府"], doc_number="咸政字〔2024〕58号", signer=["杨光明"],
               date="2024-07-15", date_text="2024年07月15日", recipients=["陕西省人民政府"],
               cc=["陕西省应急管理厅", "陕西省水利厅"],
               printed_by="咸阳市人民政府办公室", printed_date="2024-07-15",
               findings=[{"rule": "date.format",
                          "note": "成文日期「2024年07月15日」月份编了虚位，应为「2024年7月15日」（印发日期写法正确）"}]))

# 14 YQ · 报告 · txt UTF-8 with a 发文稿纸 block · signed by a deputy director
add(file="b2_14_yq_bg_xunqian_paicha.txt", fmt="txt", encoding="utf-8", newline="\n", pack="yangquan-chengqu",
    approval_form="text",
    steps=[("拟稿", "吕晓峰", "2024-06-03"), ("核稿", "岳霞", "2024-06-04"),
           ("签发", "闫志勇", "2024-06-05", "副局长")],
    raw_lines=[
        "发文稿纸",
        "拟稿：综合股 吕晓峰 2024年6月3日",
        "核稿：局办公室 岳霞 2024年6月4日",
        "签发：闫志勇（副局长） 同意报出 2024年6月5日",
        "————————————————————————",
        "",
    ],
    paras=[
        ("red", "阳泉市城区应急管理局"),
        ("num", "城应急发〔2024〕14号　　　　　　签发人：闫志勇"),
        ("title", "阳泉市城区应急管理局关于汛前安全隐患排查整治工作情况的报告"),
        ("to", "阳泉市城区人民政府："),
        ("body", "按照区政府2024年防汛工作会议部署，我局会同区住建局、区城市管理局及各街道，于5月6日至5月31日"
                 "开展了汛前安全隐患排查整治。现将有关情况报告如下："),
        ("body", "一、排查情况。共排查城区低洼易涝点、地下空间、在建工地、老旧危房、山体边坡等重点部位312处，"
                 "发现隐患47处，其中地下车库挡水设施缺失12处，工地基坑排水不畅9处，老旧房屋屋面渗漏14处，"
                 "山体边坡局部滑塌5处，其他隐患7处。"),
        ("body", "二、整改情况。截至5月31日，已完成整改39处，整改率83%；其余8处均落实了整改责任人和完成时限，"
                 "并设置警示标志、安排专人巡查，计划6月20日前全部整改到位。"),
        ("body", "三、下一步工作。我局将加强督导检查，对未完成整改的隐患实行清单化管理、逐项销号；"
                 "强化汛期值班值守和预警信息发布，确保城区安全度汛。"),
        ("body", "特此报告。"),
        ("sign", "阳泉市城区应急管理局"),
        ("sign", "2024年6月5日"),
        ("blank", ""),
        ("left", "阳泉市城区应急管理局办公室　　　　2024年6月5日印发"),
    ],
    label=dict(doc_type="报告", title="阳泉市城区应急管理局关于汛前安全隐患排查整治工作情况的报告",
               issuer=["阳泉市城区应急管理局"], doc_number="城应急发〔2024〕14号", signer=["闫志勇"],
               date="2024-06-05", date_text="2024年6月5日", recipients=["阳泉市城区人民政府"],
               printed_by="阳泉市城区应急管理局办公室", printed_date="2024-06-05",
               findings=[{"rule": "signature.chain",
                          "note": "报送区政府的上行文由副局长闫志勇签发，不是局主要负责人（局长贺春生），"
                                  "记录中也无委托或主持工作的说明（《条例》第二十二条，SIGN-MAIN-UPWARD）"}]))

# 15 JC · 报告 · docx with a body table · 「第」 in the 发文字号
add(file="b2_15_jc_bg_jingji_yunxing.docx", fmt="docx", pack="jincheng-chengqu", approval_form=None, steps=[],
    paras=[
        ("red", "晋城市城区统计局"),
        ("num", "城统发〔2024〕第6号　　　　　　签发人：武斌"),
        ("title", "晋城市城区统计局关于2024年一季度全区主要经济指标运行情况的报告"),
        ("to", "晋城市城区人民政府："),
        ("body", "一季度，全区经济运行总体平稳、稳中有进。数据截至2024年3月31日，主要指标情况如下："),
        ("table", [["指标", "单位", "1—3月", "同比增长（%）"],
                   ["地区生产总值", "亿元", "86.42", "5.3"],
                   ["规模以上工业增加值", "亿元", "12.65", "6.1"],
                   ["固定资产投资", "亿元", "18.37", "4.8"],
                   ["社会消费品零售总额", "亿元", "41.06", "6.7"],
                   ["一般公共预算收入", "亿元", "5.92", "3.2"]]),
        ("body", "从运行特点看，消费市场回暖明显，批发零售业和住宿餐饮业销售额分别增长7.2%和9.5%；"
                 "工业生产稳中有升，装备制造业增加值增长11.4%；投资增速较上年同期回落1.6个百分点，"
                 "主要是房地产开发投资下降12.3%。"),
        ("body", "从需要关注的问题看，一是新开工项目储备不足，一季度新开工亿元以上项目仅3个；"
                 "二是部分企业订单不足，规上工业企业中有21户产值下降。"),
        ("body", "建议各部门加强项目谋划储备和要素保障，持续做好企业服务和运行监测，确保上半年各项指标实现时间过半、任务过半。"),
        ("body", "特此报告。"),
        ("sign", "晋城市城区统计局"),
        ("sign", "2024年4月22日"),
        ("blank", ""),
        ("left", "抄送：晋城市统计局。"),
    ],
    label=dict(doc_type="报告", title="晋城市城区统计局关于2024年一季度全区主要经济指标运行情况的报告",
               issuer=["晋城市城区统计局"], doc_number="城统发〔2024〕第6号", signer=["武斌"],
               date="2024-04-22", date_text="2024年4月22日", recipients=["晋城市城区人民政府"],
               cc=["晋城市统计局"],
               findings=[{"rule": "docnumber.format", "note": "发文字号顺序号前加了「第」：「城统发〔2024〕第6号」"}],
               notes="近似样本（报告夹带请示）：结尾的「建议」是工作建议，不要求上级批准或拨款。正文中的「2024年3月31日」不是成文日期。"))

# ===========================================================================
# Meeting materials (6): 汇报稿 ×2 (YQ), 情况说明 ×2 (JC), 议题说明 ×2 (QJ)
# ===========================================================================

_H = re.compile(r"^[一二三四五六七八九十]+、")


def material(text):
    out = []
    for ln in text.strip().splitlines():
        out.append(("h" if _H.match(ln) else "body", ln))
    return out


M16 = '''\
区长、各位领导：
根据会议安排，现将城区老旧小区改造提质工作推进情况汇报如下。
一、总体进展
今年城区纳入改造计划的老旧小区共28个，涉及楼栋196栋、居民7342户，建筑面积52.6万平方米，计划总投资2.18亿元，其中争取中央补助资金1.12亿元、省级资金3200万元，其余通过地方政府专项债券、产权单位出资和居民自筹等方式解决。截至8月10日，28个小区已全部开工，其中完工验收6个，主体完工11个，其余11个正在进行管网更换和外墙保温施工，累计完成投资1.36亿元，占计划的62.4%。分街道看，义井街道、下站街道、北大街街道进度较快，投资完成率均超过70%；南庄街道、上站街道由于开工较晚，投资完成率分别为48.2%和51.7%，需要进一步加快进度。
改造内容上，我们坚持先地下后地上、先基础后提升，优先实施供水、供热、燃气、排水等管网更换，共更换各类老旧管网38.5公里，完成屋面防水12.3万平方米、外墙保温16.8万平方米；同步推进完善类和提升类改造，新建停车位860个、电动自行车充电桩420个，加装电梯14部，建设口袋公园5处，改造后小区面貌明显改善，群众满意度调查满意率达到94.6%。
二、主要做法
一是坚持居民自愿、共同参与。每个小区在改造前都组织召开居民议事会，改造内容、施工方案和资金筹措方式都经过三分之二以上居民同意后才实施，累计收集居民意见建议1260条，采纳合理意见930条。二是坚持统筹推进、集中攻坚。我们将老旧小区改造与城市更新、海绵城市建设、背街小巷整治结合起来，按片区打捆实施，避免重复开挖，共整合相邻小区8组，节约投资约1100万元。三是坚持质量第一、安全至上。建立了区住建局、监理单位、街道社区、居民代表四方联合巡查机制，每周开展一次质量安全检查，上半年共下发整改通知书46份，全部整改到位。四是坚持建管并重、长效运行。改造完成的小区同步引入物业服务或实行街道托管，目前已有15个小区落实了长效管理主体。
三、存在的问题
一是资金压力较大。专项债券资金到位较慢，部分项目存在拖欠工程款风险，截至目前仍有约2600万元资金缺口。二是协调难度较大。部分小区涉及供热、燃气等专营单位管网改造，各方施工计划衔接不够顺畅，个别小区因此延误工期一个月以上。三是加装电梯推进较慢。低层住户意见分歧较大，今年计划加装的30部电梯，目前仅完成14部。四是长效管理有待加强。部分无物业小区改造后管理主体不明确，维修资金归集困难，存在重建轻管的问题。
四、下一步工作安排
一是倒排工期，确保10月底前28个小区全部完成主体改造，11月15日前完成供热管网改造并具备供暖条件，年底前全部完成竣工验收。二是加快资金拨付，积极对接财政部门加快专项债券资金拨付进度，严格资金监管，确保专款专用。三是加强部门协同，建立住建、供热、燃气、通信等单位参加的周调度机制，集中解决管线迁改等问题。四是完善长效机制，指导街道社区成立业主委员会或物业管理委员会，推动改造后小区物业服务全覆盖。五是加强宣传引导，通过社区公众号、居民微信群等渠道及时公开改造内容、施工进度和资金使用情况，主动接受群众监督，营造共建共治共享的良好氛围。
以上汇报，不妥之处，请各位领导批评指正。
'''

M17 = '''\
区长、各位领导：
现将城区义务教育阶段学校课后服务工作开展情况汇报如下。
一、基本情况
城区共有义务教育阶段学校31所，其中小学22所、初中9所，在校学生2.86万人。2023年秋季学期以来，我们按照每周5天、每天不少于2小时的要求，在全部31所学校开展了课后服务，实现了义务教育学校全覆盖、有需求学生全覆盖。目前参加课后服务的学生2.41万人，参与率84.3%；参与课后服务的教师1926人，占在岗教师的91%。从学段看，小学参与率为89.6%，初中参与率为72.5%，初中学生参与率偏低，主要是部分初三学生选择回家自主学习。从满意度看，今年6月开展的第三方问卷调查显示，家长对课后服务的总体满意率为92.8%，比上学期提高了3.1个百分点。
二、主要做法
一是丰富服务内容。课后服务分为两个时段，第一时段以作业辅导为主，教师指导学生在校内基本完成书面作业；第二时段开展体育、艺术、科技、劳动等兴趣活动，全区共开设社团活动课程486门，其中足球、篮球、合唱、书法、编程、陶艺等特色课程132门。二是引进校外资源。从区文化馆、青少年活动中心、体育协会以及退休教师中遴选了218名校外人员参与课后服务，对引进的非学科类培训机构实行准入审核和动态管理，全年未发生安全和质量问题。三是规范收费管理。严格执行市发展改革委核定的课后服务收费标准，每生每学期收费不超过300元，对低保家庭、残疾学生等困难群体全部免收，共减免1326人次。收取的费用主要用于参与教师和校外人员劳务补助，做到账目公开、专款专用。四是强化安全保障。各校均制定了课后服务安全预案，落实分段管理、点名交接制度，放学时段协调公安、交警在校门口设立护学岗，保障学生安全离校。五是加强督导评估。将课后服务开展情况纳入学校年度考核和责任督学日常督导内容，每学期开展一次专项督导，对发现的问题及时通报并督促整改，上学期共督促整改问题27个。
三、存在的问题
一是教师负担有所加重。多数教师早到晚走，工作时间延长，部分学校弹性上下班制度落实不到位。二是服务内容不够均衡。城区中心学校课程资源丰富，而部分城郊学校场地和师资不足，兴趣活动课程开设较少。三是校外资源引进不足。专业性较强的科技、艺术类课程仍缺少稳定的师资来源。四是经费保障机制有待完善。课后服务收费标准偏低，教师劳务补助水平不高，对教师参与积极性有一定影响。
四、下一步打算
一是落实教师弹性工作制，对参与课后服务的教师在绩效工资分配、评优评先中予以倾斜，切实减轻教师负担。二是推进集团化办学和优质课程共享，组织中心学校通过送课、走课等方式带动城郊学校提升服务质量。三是拓展校外资源，与区内高校、科技场馆和文艺团体建立合作，力争年底前新增特色课程30门。四是开展满意度测评，每学期组织一次家长和学生满意度调查，根据反馈及时调整服务内容，不断提升课后服务质量。
以上汇报，请各位领导批评指正。
'''

M18 = '''\
一、文件起草背景和过程
城镇老旧小区改造是重大民生工程和发展工程。近年来，我区累计改造老旧小区146个，惠及居民2.3万户，但在项目实施中也暴露出一些问题：项目谋划储备不够充分，部分小区改造内容与居民需求脱节；资金筹措渠道单一，过度依赖上级补助；改造后长效管理机制缺失，出现了边改边坏、重建轻管的现象。为进一步规范老旧小区改造项目管理，区住建局于2024年3月启动了《晋城市城区城镇老旧小区改造项目管理办法（试行）》（以下简称《办法》）的起草工作。起草过程中，我们先后赴太原、长治等地学习考察，对全区近三年实施的62个改造项目进行了梳理评估，召开街道、社区、专营单位和居民代表座谈会6次，形成了《办法》初稿，经局党组会议3次研究修改，形成了目前的送审稿。
二、主要内容
《办法》共7章38条，主要包括以下内容：
（一）总则。明确了适用范围、改造对象和基本原则，规定改造对象为城市或县城建成于2000年底前、市政配套设施不完善、社会服务设施不健全、居民改造意愿强烈的住宅小区。
（二）项目谋划与储备。规定由街道办事处组织摸底调查，建立改造项目储备库，实行一次规划、分期实施，明确改造内容分为基础类、完善类、提升类三类，基础类应改尽改，完善类、提升类按居民意愿确定。
（三）居民参与。规定改造方案须经专有部分面积占比三分之二以上且人数占比三分之二以上的业主参与表决，并经参与表决业主中双过半同意，改造全过程实行公开公示。
（四）资金筹措。建立政府与居民、社会力量合理共担改造资金的机制，明确上级补助资金、地方政府专项债券、专营单位出资、居民出资和社会资本参与等渠道及其使用范围。
（五）建设管理。对项目招投标、施工组织、质量安全监管、竣工验收等环节作出规定，要求建立由街道、社区、居民代表参与的联合验收制度。
（六）长效管理。规定改造后的小区应当同步建立长效管理机制，通过引入专业化物业服务、街道托管、居民自治等方式落实管理主体，并指导业主依法归集使用专项维修资金。
（七）附则。明确了《办法》的解释部门、施行日期和有效期。
三、法律政策依据
《办法》主要依据《国务院办公厅关于全面推进城镇老旧小区改造工作的指导意见》（国办发〔2020〕23号）、《物业管理条例》、《山西省城镇老旧小区改造实施方案》、《晋城市城镇老旧小区改造工作实施办法》等法规和政策文件，结合我区实际制定。《办法》未设定行政许可、行政处罚和行政强制等事项，未增加公民、法人和其他组织的义务。
四、合理性和可行性
一是《办法》坚持问题导向，针对我区近年来改造工作中反映集中的项目谋划、居民参与、资金筹措和长效管理等问题逐一作出制度安排，具有较强的针对性。二是《办法》明确的各项程序均依托街道、社区现有工作力量实施，不新增机构和人员编制，具备实施条件。三是资金共担机制借鉴了省内外成熟做法，既减轻财政压力，又能够调动居民和社会力量参与的积极性，经测算，按《办法》实施后，我区老旧小区改造中居民和社会力量出资比例可由目前的不足5%提高到15%左右。四是《办法》为试行文件，有效期两年，便于在实施中总结经验、及时完善。
五、征求意见情况
2024年6月，我局书面征求了区发改局、区财政局、区自然资源局、区市场监管局等14个部门和各街道办事处的意见，共收到意见建议41条，采纳29条，部分采纳7条；未采纳的5条主要涉及扩大改造范围和提高补助标准，因超出上级政策规定未予采纳，已与提出单位沟通并取得一致。6月20日至7月19日，《办法》在区政府门户网站公开征求社会公众意见，共收到意见12条，采纳8条。
六、合法性审查情况
2024年7月，区司法局对《办法》进行了合法性审查，出具了审查意见，认为《办法》内容符合法律法规和上级政策规定，制定程序合法，同时提出了3条修改意见，我局已全部采纳并对相关条款作了修改。
七、发文建议
建议《办法》经本次区长办公会议审议通过后，以区政府办公室名义印发实施。
以上说明，请予审议。
'''

M19 = '''\
一、起草背景
近年来，我区公共文化服务设施网络逐步健全，现有区文化馆、区图书馆各1个，街道综合文化站11个，社区综合性文化服务中心67个，均已实行免费开放。但在实际运行中也存在开放时间不统一、服务项目不规范、部分场馆开而不活等问题。为规范全区公共文化服务设施免费开放工作，提升服务效能，我局于2024年4月起草了《晋城市城区公共文化服务设施免费开放管理办法》（以下简称《办法》）。
二、主要内容
《办法》共5章24条。第一章总则，明确适用范围为区、街道、社区三级公共文化服务设施。第二章开放内容，规定基本服务项目免费提供，包括场馆开放、公益讲座、展览展示、文艺培训、数字文化服务等。第三章开放时间，规定区级场馆每周开放时间不少于56小时，街道综合文化站不少于42小时，社区综合性文化服务中心不少于35小时，法定节假日和学校寒暑假期间适当延长开放时间。第四章服务规范，对场馆公示、预约服务、安全管理、志愿服务和群众评价等作出规定。第五章保障与考核，明确免费开放补助资金的使用范围和绩效评价办法。
三、法律政策依据
《办法》主要依据《中华人民共和国公共文化服务保障法》、《公共文化体育设施条例》以及文化和旅游部、财政部关于推进公共文化设施免费开放的有关文件制定。
四、合理性和可行性
《办法》规定的开放时间和服务项目，参照了省、市有关标准，并结合我区各级场馆现有人员和设施条件确定，各场馆通过调整排班即可落实，不需要新增人员编制；免费开放所需经费纳入上级补助资金和区级财政预算统筹保障，资金来源有保障。
五、发文建议
建议《办法》经区长办公会议审议通过后，以区文化和旅游局名义印发实施。
'''

M20 = '''\
一、议题产生的背景和缘由
我区地处佳木斯市中心城区，辖区内承担清雪任务的城市道路86条、总长142公里，人行道和公共广场面积约96万平方米。每年11月至次年3月为降雪期，年均降雪18次左右，其中中雪以上降雪6次左右。近年来，随着城市建成区面积扩大和机动车保有量增加，群众对雪后道路通行的要求越来越高。但从2023至2024年冬季清雪工作情况看，还存在以下问题：一是责任划分不够清晰。城市道路、背街小巷、单位门前和住宅小区之间的清雪责任边界不明确，部分路段出现了谁都管、谁都不管的现象。二是作业标准不够统一。主干道、次干道和支路的清雪时限、作业方式缺乏统一规定，部分路段雪后48小时仍有积雪。三是机械化水平偏低。全区现有清雪机械21台，其中11台使用年限超过10年，机械化清雪率仅为58%，主要依靠人工清雪，效率不高。四是考核奖惩机制不健全。对各责任单位清雪工作的检查考核缺乏量化标准，奖惩措施难以落实。去年冬季，12345热线共受理清雪方面的投诉426件，比上一年度增加31%，市政府督查通报中我区清雪工作有3次排名靠后。与此同时，我区清雪经费保障也不够稳定，近三年年均清雪经费约420万元，其中临时追加资金占比超过三成，不利于统筹安排。
为切实解决上述问题，按照市政府关于做好冬季清雪工作的部署要求，区城市管理局在总结往年经验的基础上，起草了《前进区城市道路清雪作业管理实施方案》（以下简称《方案》），提请区政府常务会议研究。
二、研究讨论过程
《方案》起草工作于2024年8月启动。一是开展调查研究。区城市管理局组成工作专班，对全区86条道路逐条踏勘，建立了道路清雪台账，明确了每条道路的等级、长度、面积和重点部位；赴哈尔滨市道里区、牡丹江市东安区等地学习了清雪工作经验做法。二是广泛征求意见。9月，书面征求了区财政局、区住建局、区市场监管局、区交警大队等12个部门和7个街道办事处的意见，共收到意见建议37条，采纳31条；召开了环卫作业企业、物业服务企业和居民代表座谈会2次，听取了各方面意见。对未采纳的6条意见，已逐一与提出单位沟通说明。三是进行合法性审查。10月8日，区司法局对《方案》进行了审查，认为《方案》内容不违反法律法规规定，提出了2条修改意见，已全部采纳。四是履行审核程序。10月14日，《方案》经陈思远副区长审阅同意；涉及财政资金部分，已经区财政局审核并经上官云常务副区长同意。五是开展风险评估。对《方案》实施可能产生的社会影响进行了评估，认为《方案》实施风险等级为低风险。
三、主要内容
《方案》共分七个部分：
（一）总体目标。坚持以雪为令、快速反应、机械为主、人机结合的原则，实现中雪以下降雪主干道雪停后12小时内、次干道24小时内、支路和背街小巷48小时内清运完毕，大雪以上降雪雪停后72小时内全部清理完毕，确保城市道路安全畅通。
（二）责任划分。城市主次干道、桥梁、广场由区城市管理局负责；背街小巷由所在街道办事处负责；机关、企事业单位门前和责任区由各单位负责；住宅小区内由物业服务企业负责，无物业小区由所在社区组织清理；公交站台由公交企业负责；铁路桥下通道由区城市管理局协调产权单位负责。《方案》附有全区清雪责任区域划分表，明确了每个责任单位的责任路段和面积。
（三）作业标准。规定了不同等级道路的清雪时限、作业程序和质量标准，明确主干道以机械作业为主，严禁将积雪堆放在绿化带、消火栓、井盖和盲道上，融雪剂使用须符合环保要求，禁止在绿化带周边和桥梁上使用氯盐类融雪剂。
（四）机械保障。2024年拟购置大型抛雪机、融雪剂撒布车、小型扫雪车共7台，机械化清雪率提高到70%以上；同时建立社会机械征用机制，与辖区内8家工程机械企业签订应急清雪协议，大雪时可调用社会机械40台以上。
（五）应急响应。将降雪应急响应分为三级，分别对应小雪、中雪和大雪以上降雪，明确各级响应的启动条件、指挥体系、人员和机械调度方式，以及与气象、交警部门的信息联动机制。
（六）检查考核。实行清雪工作日检查、周通报、月考核制度，将考核结果纳入各街道和区直单位年度绩效考核，对清雪工作不力、造成严重影响的单位予以通报批评。
（七）保障措施。明确清雪工作所需经费纳入区级财政预算，按照以奖代补方式对街道给予补助；要求各责任单位储备足够的清雪工具和融雪物资，街道每万平方米责任面积储备铁锹、推雪板不少于50把，融雪剂不少于2吨；加强宣传引导，通过政府网站、微信公众号和社区广播发布降雪预警和清雪动态，倡导市民群众主动清扫门前雪，形成全社会共同参与的良好氛围。
四、提请会议研究解决的问题
（一）审议《前进区城市道路清雪作业管理实施方案》，请会议研究是否同意以区政府办公室名义印发实施。
（二）研究购置清雪机械所需资金318万元的解决方式。区城市管理局建议从区城市管理专项经费中列支，区财政局已审核同意。
'''

M21 = '''\
一、背景和缘由
截至2024年6月底，我区60周岁以上老年人口3.92万人，占户籍人口的27.8%，其中独居、空巢老年人9600余人。2023年以来，我区按照市里部署推进老年助餐服务体系建设，已在7个街道建成老年助餐服务点18个，日均服务老年人约1100人次。但从运行情况看，助餐服务点普遍存在运营成本高、就餐人数少、可持续性差的问题，目前有5个服务点处于亏损状态，2个服务点已暂停营业。主要原因是补贴政策不明确，现行补贴仅为一次性建设补助，缺少持续性的运营补贴，社会力量参与积极性不高。为推动老年助餐服务可持续运营，区民政局会同有关部门研究制定了老年助餐服务点运营补贴标准。
二、研究讨论过程
一是开展调研测算。2024年5月至6月，区民政局对18个助餐服务点的运营成本、就餐人数和收支情况进行了逐一调查，测算每份老年餐平均成本约为15.6元。二是学习借鉴经验。参考了哈尔滨、大庆、牡丹江等市区的补贴政策，对比分析了按人次补贴、按等级补贴和综合补贴等不同方式的优缺点。三是征求部门意见。7月，书面征求了区财政局、区市场监管局、区卫生健康局和各街道办事处的意见，各单位均表示同意，区财政局对补贴资金规模提出了控制在每年120万元以内的意见，已采纳。四是履行审核程序。8月5日，经鲁海副区长审阅同意；涉及财政资金部分，已经区财政局审核，上官云常务副区长同意。
三、主要内容
（一）补贴对象。在我区内依法登记、经区民政局认定并纳入全区老年助餐服务网络的助餐服务点。
（二）补贴标准。实行就餐补贴和运营补贴相结合的方式。就餐补贴按老年人实际就餐人次给予，对80周岁以上老年人、低保和特困老年人每人每餐补贴5元，对其他60周岁以上老年人每人每餐补贴2元，每人每天限补一餐。运营补贴按服务点星级评定结果给予，一星级每年2万元，二星级每年3万元，三星级每年4万元。
（三）资金来源。补贴资金从区级福利彩票公益金和养老服务体系建设资金中列支，全年预计约115万元。
（四）监督管理。助餐服务点应当使用全区统一的助餐服务信息系统，如实记录老年人就餐信息，区民政局按季度审核拨付补贴资金，对虚报冒领的，追回补贴资金并取消补贴资格。
（五）实施时间。补贴标准自2024年10月1日起执行，试行两年。
'''


def mat_label(doc_type, title, issuer, date, date_text, findings, notes=None):
    d = dict(doc_type=doc_type, title=title, issuer=[issuer], date=date, date_text=date_text, findings=findings)
    if notes:
        d["notes"] = notes
    return d


# 16 YQ · 汇报稿 (区长办公会议) · docx · over 1200 字
add(file="b2_16_yq_hbg_laojiu_gaizao.docx", fmt="docx", pack="yangquan-chengqu", approval_form=None, steps=[],
    length=("over", 1200),
    paras=[("left", "区长办公会议汇报稿"),
           ("title", "关于城区老旧小区改造提质工作推进情况的汇报"),
           ("center", "阳泉市城区住房和城乡建设局"),
           ("center", "2024年8月12日")] + material(M16),
    label=mat_label("汇报稿", "关于城区老旧小区改造提质工作推进情况的汇报", "阳泉市城区住房和城乡建设局",
                    "2024-08-12", "2024年8月12日",
                    [{"rule": "length.limit",
                      "note": "区长办公会议汇报稿正文 Word 字数约1251字（全文约1300字），超过1200字上限"
                              "（阳泉区长办公会议工作规则第十一条）"}]))

# 17 YQ · 汇报稿 (区长办公会议) · txt UTF-8 · just under 1200 字 counted over the whole file
add(file="b2_17_yq_hbg_kehou_fuwu.txt", fmt="txt", encoding="utf-8", newline="\n", indent=False,
    pack="yangquan-chengqu", approval_form=None, steps=[], length=("under", 1200),
    paras=[("left", "区长办公会议汇报稿"),
           ("title", "关于城区义务教育阶段学校课后服务工作开展情况的汇报"),
           ("center", "阳泉市城区教育局"),
           ("center", "2024年9月9日")] + material(M17),
    label=mat_label("汇报稿", "关于城区义务教育阶段学校课后服务工作开展情况的汇报", "阳泉市城区教育局",
                    "2024-09-09", "2024年9月9日", [],
                    "近似样本：全文（含标题、单位、日期）Word 字数约1190字，正文约1142字，未超过1200字。"))

# 18 JC · 情况说明 (区长办公会议) · txt GBK · every element present, over 1500 字
add(file="b2_18_jc_qksm_laojiu_banfa.txt", fmt="txt", encoding="gbk", newline="\r\n", indent=False,
    pack="jincheng-chengqu", approval_form=None, steps=[], length=("over", 1500),
    paras=[("left", "会后收回"),
           ("left", "区长办公会议材料"),
           ("title", "关于《晋城市城区城镇老旧小区改造项目管理办法（试行）》的情况说明"),
           ("center", "晋城市城区住房和城乡建设局"),
           ("center", "2024年8月5日")] + material(M18),
    label=mat_label("情况说明", "关于《晋城市城区城镇老旧小区改造项目管理办法（试行）》的情况说明",
                    "晋城市城区住房和城乡建设局", "2024-08-05", "2024年8月5日",
                    [{"rule": "length.limit",
                      "note": "区长办公会议情况说明正文 Word 字数约1584字，超过1500字（晋城细则第十条(四)，无「一般」，error）"}],
                    "近似样本（material.sections）：起草过程、主要内容、法律政策依据、合理性可行性、征求意见、合法性审查、发文建议齐全。"))

# 19 JC · 情况说明 (区长办公会议) · docx · no 征求意见 / 合法性审查 sections
add(file="b2_19_jc_qksm_mianfei_kaifang.docx", fmt="docx", pack="jincheng-chengqu", approval_form=None, steps=[],
    paras=[("left", "会后收回"),
           ("left", "区长办公会议材料"),
           ("title", "关于《晋城市城区公共文化服务设施免费开放管理办法》的情况说明"),
           ("center", "晋城市城区文化和旅游局"),
           ("center", "2024年5月27日")] + material(M19),
    label=mat_label("情况说明", "关于《晋城市城区公共文化服务设施免费开放管理办法》的情况说明",
                    "晋城市城区文化和旅游局", "2024-05-27", "2024年5月27日",
                    [{"rule": "material.sections",
                      "note": "情况说明缺少征求意见情况和合法性审查情况两项要素（晋城细则第十条(一)）"}]))

# 20 QJ · 议题说明 (常务会议) · docx · four parts, just under 2000 字 counted over the whole document
add(file="b2_20_qj_ytsm_qingxue_fangan.docx", fmt="docx", pack="qianjin", approval_form=None, steps=[],
    length=("under", 2000),
    paras=[("left", "区政府常务会议材料"),
           ("title", "关于《前进区城市道路清雪作业管理实施方案》的议题说明"),
           ("center", "佳木斯市前进区城市管理局"),
           ("center", "2024年10月16日")] + material(M20),
    label=mat_label("议题说明", "关于《前进区城市道路清雪作业管理实施方案》的议题说明",
                    "佳木斯市前进区城市管理局", "2024-10-16", "2024年10月16日", [],
                    "近似样本：四个部分齐全；全文 Word 字数约1990字，正文约1933字，未超过2000字。"))

# 21 QJ · 议题说明 (常务会议) · txt UTF-8 · stops after 主要内容 (no part 4)
add(file="b2_21_qj_ytsm_zhucan_butie.txt", fmt="txt", encoding="utf-8", newline="\n", indent=True,
    pack="qianjin", approval_form=None, steps=[],
    paras=[("title", "关于前进区老年助餐服务点运营补贴标准的议题说明"),
           ("center", "佳木斯市前进区民政局"),
           ("center", "2024年8月12日")] + material(M21),
    label=mat_label("议题说明", "关于前进区老年助餐服务点运营补贴标准的议题说明", "佳木斯市前进区民政局",
                    "2024-08-12", "2024年8月12日",
                    [{"rule": "material.sections",
                      "note": "议题说明只有背景缘由、研究讨论过程、主要内容三部分，缺第四部分「提请研究解决的问题」"
                              "（前进常务会议制度第五部分第3项）"}]))

# ===========================================================================
# 纪要 / 批复 / 通知 / 决定 / 函 (6)
# ===========================================================================

# 22 YQ · 常务会议纪要 · docx + sidecar · one of three 分管副区长 did not countersign
add(file="b2_22_yq_jy_changwu_8.docx", fmt="docx", pack="yangquan-chengqu", approval_form="sidecar",
    steps=[("拟稿", "韩冬", "2024-05-15"),
           ("审核", "张海燕", "2024-05-15", "主任", "阳泉市城区人民政府办公室"),
           ("会签", "欧阳明辉", "2024-05-16", "常务副区长", None, "同意"),
           ("会签", "郭志刚", "2024-05-16", "副区长", None, "同意"),
           ("签发", "赵文斌", "2024-05-17", "区长", None, "同意印发")],
    paras=[
        ("red", "阳泉市城区人民政府常务会议纪要"),
        ("center", "第8期"),
        ("left", "阳泉市城区人民政府办公室　　　　　　　　2024年5月17日"),
        ("blank", ""),
        ("body", "2024年5月13日，区长赵文斌主持召开区政府2024年第8次常务会议，研究城区义务教育学校校舍维修改造、"
                 "背街小巷改造提升和一季度财政收支等事项。纪要如下："),
        ("h", "一、审议《城区2024年义务教育学校校舍维修改造计划》"),
        ("body", "会议听取了区教育局关于2024年义务教育学校校舍维修改造计划的汇报。会议原则同意该计划，"
                 "对全区14所学校的屋面、门窗、卫生间和供暖设施实施维修改造，所需资金680万元。会议要求，"
                 "区教育局要抓住暑期施工窗口，确保9月开学前全部完工，严格落实施工安全和质量管理。"),
        ("h", "二、研究城区背街小巷改造提升工程"),
        ("body", "会议听取了区住建局关于2024年背街小巷改造提升工程实施方案的汇报。会议同意对32条背街小巷实施"
                 "路面硬化、雨污分流、路灯照明和立面整治，由区住建局牵头，各街道配合，10月底前完成。"),
        ("h", "三、听取2024年一季度财政收支情况汇报"),
        ("body", "会议听取了区财政局关于2024年一季度财政收支情况的汇报。会议要求，区财政局要加强收入征管，"
                 "严控一般性支出，优先保障基本民生、工资发放和机构运转。"),
        ("left", "出席：赵文斌　欧阳明辉　李娜　郭志刚"),
        ("left", "列席：张海燕（区政府办公室）　王建华（区教育局）　司马俊峰（区住建局）　冯国栋（区财政局）　白云飞（区司法局）"),
        ("left", "记录：韩冬"),
        ("blank", ""),
        ("left", "分送：区委办公室，区人大常委会办公室，区政协办公室，区政府各部门。"),
        ("left", "阳泉市城区人民政府办公室　　　　　　　　2024年5月17日印发"),
    ],
    label=dict(doc_type="纪要", title="阳泉市城区人民政府常务会议纪要", issuer=["阳泉市城区人民政府"],
               doc_number="第8期", date="2024-05-17", date_text="2024年5月17日",
               printed_by="阳泉市城区人民政府办公室", printed_date="2024-05-17",
               findings=[{"rule": "signature.chain",
                          "note": "常务会议纪要涉及教育、城建、财政三个议题，签发前只有欧阳明辉、郭志刚会签，"
                                  "分管教育的副区长李娜未会签（阳泉第四十四条：各分管副区长会签后由区长签发）"}],
               notes="纪要期号「第8期」不按发文字号格式检查；分送不计入主送、抄送。"))

# 23 DA · 批复 · HTML portal page + sidecar · full DA chain (near miss)
add(file="b2_23_da_pf_xinglong_qudao.html", fmt="html", pack="dongan", approval_form="sidecar",
    steps=[("拟稿", "于淼", "2024-05-06", None, "牡丹江市东安区农业农村局"),
           ("审核", "周玉梅", "2024-05-07", "主任", "牡丹江市东安区人民政府办公室", "已登记，审核无误，呈诸葛副区长审阅。"),
           ("审阅", "诸葛伟", "2024-05-07", "副区长", None, "同意。"),
           ("审阅", "王振华", "2024-05-08", "常务副区长", None, "同意，请孙区长审签。"),
           ("审签", "孙立新", "2024-05-09", "区长", None, "同意印发。")],
    site=dict(name="牡丹江市东安区人民政府", page_title="牡丹江市东安区人民政府关于同意兴隆镇实施高标准农田灌溉渠系修复工程的批复_政府文件_东安区人民政府网",
              nav=["首页", "走进东安", "政务公开", "政务服务", "互动交流", "专题专栏"],
              crumb="首页 > 政务公开 > 政府文件 > 区政府文件",
              meta={"索引号": "11231002MB0X12345D/2024-00087", "主题分类": "农业、林业、水利",
                    "发布机构": "东安区人民政府办公室", "发布时间": "2024-05-13 10:21",
                    "文号": "东政复〔2024〕12号", "成文日期": "2024-05-09"},
              related=["东安区2024年高标准农田建设工作方案", "关于做好2024年春耕生产工作的通知"],
              footer="主办：牡丹江市东安区人民政府办公室　黑ICP备05001234号-1　黑公网安备23100202000123号"),
    paras=[
        ("title", "牡丹江市东安区人民政府关于同意兴隆镇实施高标准农田灌溉渠系修复工程的批复"),
        ("center", "东政复〔2024〕12号"),
        ("to", "兴隆镇人民政府："),
        ("body", "你镇《关于实施兴隆镇高标准农田灌溉渠系修复工程的请示》（兴政发〔2024〕9号）收悉。经区政府研究，现批复如下："),
        ("body", "一、同意你镇实施兴隆镇高标准农田灌溉渠系修复工程。工程建设内容为干支渠清淤12.5公里、"
                 "混凝土衬砌3.2公里、维修更换闸涵14座、新建量水设施6处，总投资236万元。"),
        ("body", "二、工程所需资金从2024年高标准农田建设资金中安排，由区农业农村局会同区财政局按程序拨付。"),
        ("body", "三、你镇要严格执行项目法人责任制、招标投标制和工程监理制，加强质量安全管理，确保5月中旬前完成主体工程，"
                 "保障春耕用水。工程完工后及时组织验收，并将建设情况报区农业农村局。"),
        ("body", "此复。"),
        ("sign", "牡丹江市东安区人民政府"),
        ("sign", "2024年5月9日"),
        ("note", "（此件公开发布）"),
        ("left", "抄送：区农业农村局，区财政局。"),
    ],
    label=dict(doc_type="批复", title="牡丹江市东安区人民政府关于同意兴隆镇实施高标准农田灌溉渠系修复工程的批复",
               issuer=["牡丹江市东安区人民政府"], doc_number="东政复〔2024〕12号",
               date="2024-05-09", date_text="2024年5月9日", recipients=["兴隆镇人民政府"],
               cc=["区农业农村局", "区财政局"], findings=[],
               notes="近似样本：东安以区政府名义发文的完整链条（办公室登记审核→分管副区长审阅→常务副区长审阅→区长审签）。"
                     "网页元数据的发布时间（2024-05-13）和「2024-05-09」写法不是公文的成文日期。"))

# 24 XY · 市政府办公室 通知 · docx with approval table · signed by the office's deputy director
add(file="b2_24_xy_tz_chuxue_baochang.docx", fmt="docx", pack="xianyang",
    approval_form="table", approval_heading="咸阳市人民政府办公室发文稿纸",
    approval_rows=[
        ["拟稿", "米佳（科员）", "2024年11月18日"],
        ["会签单位", "市城市管理执法局　马骥", "2024年11月19日"],
        ["签发", "屈晓莉（副主任）　同意印发", "2024年11月20日"],
    ],
    steps=[("拟稿", "米佳", "2024-11-18", "科员"),
           ("会签", "马骥", "2024-11-19", "局长", "咸阳市城市管理执法局"),
           ("签发", "屈晓莉", "2024-11-20", "副主任", None, "同意印发")],
    paras=[
        ("left", "000127"),
        ("red", "咸阳市人民政府办公室文件"),
        ("num", "咸政办发〔2024〕21号"),
        ("title", "咸阳市人民政府办公室关于做好2024—2025年度中心城区冬季除雪保畅工作的通知"),
        ("to", "秦都区人民政府，渭城区人民政府，市城市管理执法局，市交通运输局："),
        ("body", "为做好今冬明春中心城区降雪天气应对工作，保障道路安全畅通和群众正常出行，现就有关事项通知如下："),
        ("h", "一、落实除雪责任"),
        ("body", "中心城区主次干道、桥梁、广场除雪由秦都区、渭城区人民政府按属地负责组织实施；市城市管理执法局负责统筹协调和督导检查；"
                 "市交通运输局负责公交站台、客运场站和公交车辆运行保障。各单位门前责任区由各单位负责清扫。"),
        ("h", "二、做好物资和队伍准备"),
        ("body", "各责任单位要在11月30日前完成除雪机械检修和融雪剂、防滑料储备，组建应急除雪队伍，"
                 "明确带班领导和联络员，确保降雪后人员、机械第一时间到位。"),
        ("h", "三、加强应急响应"),
        ("body", "降雪期间实行雪停即清、边下边清，主干道、桥梁、坡道等重点路段要在雪停后12小时内清理完毕。"
                 "遇大雪以上天气，各责任单位主要负责同志要靠前指挥，及时报送除雪进展情况。"),
        ("left", "附件：1.中心城区主次干道除雪责任分工表"),
        ("left", "　　　2.除雪保畅工作联络员名单"),
        ("sign", "咸阳市人民政府办公室"),
        ("sign", "2024年11月20日"),
        ("note", "（此件不公开）"),
        ("blank", ""),
        ("left", "抄送：市委办公室，市人大常委会办公室，市政协办公室。"),
        ("left", "咸阳市人民政府办公室　　　　　　　　2024年11月20日印发"),
    ],
    label=dict(doc_type="通知", title="咸阳市人民政府办公室关于做好2024—2025年度中心城区冬季除雪保畅工作的通知",
               issuer=["咸阳市人民政府办公室"], doc_number="咸政办发〔2024〕21号",
               date="2024-11-20", date_text="2024年11月20日",
               recipients=["秦都区人民政府", "渭城区人民政府", "市城市管理执法局", "市交通运输局"],
               cc=["市委办公室", "市人大常委会办公室", "市政协办公室"],
               attachments=["中心城区主次干道除雪责任分工表", "除雪保畅工作联络员名单"],
               copy_number="000127", printed_by="咸阳市人民政府办公室", printed_date="2024-11-20",
               findings=[{"rule": "signature.chain",
                          "note": "以市政府办公室名义发文，只由办公室副主任屈晓莉签发；咸阳第五十二条规定由秘书长签发"
                                  "（或分管市领导、市长），error"}]))

# 25 XY · 决定 · HTML portal page + sidecar · 市长 signs a 规范性文件 decision (near miss)
add(file="b2_25_xy_jd_feizhi_guifan.html", fmt="html", pack="xianyang", approval_form="sidecar",
    steps=[("拟稿", "冯嘉怡", "2024-06-17", None, "咸阳市司法局"),
           ("审核", "强丽", "2024-06-18", "局长", "咸阳市司法局", "经审查，合法。"),
           ("审核", "东方建", "2024-06-24", "常务副市长", None, "同意，呈杨市长签发。"),
           ("签发", "杨光明", "2024-06-28", "市长", None, "同意。")],
    site=dict(name="咸阳市人民政府", page_title="咸阳市人民政府关于废止和修改部分市政府规范性文件的决定 - 咸阳市人民政府",
              nav=["首页", "要闻动态", "政府信息公开", "政务服务", "政民互动", "走进咸阳"],
              crumb="首页 > 政府信息公开 > 法定主动公开内容 > 政府文件 > 咸政发",
              meta={"索引号": "XY00101/2024-0123", "发布机构": "咸阳市人民政府", "发布时间": "2024年07月03日",
                    "文号": "咸政发〔2024〕9号", "成文日期": "2024年06月28日", "有效性": "有效"},
              related=["咸阳市人民政府关于公布现行有效规范性文件目录的通知"],
              footer="咸阳市人民政府办公室主办　陕ICP备05001234号　网站标识码6104000001"),
    paras=[
        ("title", "咸阳市人民政府关于废止和修改部分市政府规范性文件的决定"),
        ("center", "咸政发〔2024〕9号"),
        ("body", "为维护法制统一，推进依法行政，根据法律法规和国家、省有关政策调整情况，市政府对现行有效的市政府规范性文件进行了清理。"
                 "经2024年6月21日市政府第38次常务会议审议通过，决定："),
        ("body", "一、对《咸阳市城市供水管理办法》等3件市政府规范性文件予以废止。"),
        ("body", "二、对《咸阳市城市道路挖掘管理规定》等2件市政府规范性文件的部分条款予以修改。"),
        ("body", "本决定自公布之日起施行。"),
        ("left", "附件：1.市政府决定废止的规范性文件目录"),
        ("left", "　　　2.市政府决定修改的规范性文件目录"),
        ("sign", "咸阳市人民政府"),
        ("sign", "2024年6月28日"),
        ("note", "（此件公开发布）"),
        ("left", "附件1"),
        ("center", "市政府决定废止的规范性文件目录"),
        ("table", [["序号", "文件名称", "文号"],
                   ["1", "咸阳市城市供水管理办法", "咸政发〔2009〕21号"],
                   ["2", "咸阳市散装水泥管理办法", "咸政发〔2011〕7号"],
                   ["3", "咸阳市城市房屋拆迁补偿安置办法", "咸政发〔2012〕30号"]]),
        ("left", "附件2"),
        ("center", "市政府决定修改的规范性文件目录"),
        ("table", [["序号", "文件名称", "文号"],
                   ["1", "咸阳市城市道路挖掘管理规定", "咸政发〔2015〕12号"],
                   ["2", "咸阳市户外广告设置管理办法", "咸政发〔2017〕4号"]]),
    ],
    label=dict(doc_type="决定", title="咸阳市人民政府关于废止和修改部分市政府规范性文件的决定",
               issuer=["咸阳市人民政府"], doc_number="咸政发〔2024〕9号", date="2024-06-28", date_text="2024年6月28日",
               attachments=["市政府决定废止的规范性文件目录", "市政府决定修改的规范性文件目录"], findings=[],
               notes="近似样本：规范性文件类决定由常务副市长审核、市长签发（咸阳第五十一条）；审批记录含司法局合法性审查。"
                     "网页元数据日期「2024年06月28日」是网站写法，公文落款日期格式正确。"))

# 26 JC · 函 · txt GBK with a 发文稿纸 block · title lacks 「关于」
add(file="b2_26_jc_han_fengmao_zhengzhi.txt", fmt="txt", encoding="gbk", newline="\n", pack="jincheng-chengqu",
    approval_form="text",
    steps=[("拟稿", "贾宁", "2024-06-07"), ("签发", "吉文涛", "2024-06-11", "局长")],
    raw_lines=[
        "发文稿纸",
        "拟稿：城建股 贾宁 2024年6月7日",
        "签发：吉文涛 局长 同意 二〇二四年六月十一日",
        "",
    ],
    paras=[
        ("red", "晋城市城区住房和城乡建设局"),
        ("num", "城住建函〔2024〕17号"),
        ("title", "晋城市城区住房和城乡建设局商请配合开展历史文化街区风貌整治工作的函"),
        ("to", "晋城市城区文化和旅游局："),
        ("body", "根据区政府2024年城市更新工作安排，我局拟于7月至10月对古书院、西街两处历史文化街区开展风貌整治，"
                 "主要包括建筑立面修缮、店招店牌规范、架空线缆入地和街巷铺装改造。由于街区内有文物保护单位3处、"
                 "历史建筑11处，整治方案需与文物保护和文旅业态布局相衔接。"),
        ("body", "为此，商请贵局在以下方面给予支持：一是对整治方案中涉及文物保护单位和历史建筑的部分提出意见；"
                 "二是派员参加方案评审和施工期间的现场指导；三是提供街区文旅业态规划资料。"),
        ("body", "请于6月20日前函复。"),
        ("sign", "晋城市城区住房和城乡建设局"),
        ("sign", "2024年6月11日"),
        ("note", "（联系人：贾宁，联系电话：0356-2213456）"),
    ],
    label=dict(doc_type="函", title="晋城市城区住房和城乡建设局商请配合开展历史文化街区风貌整治工作的函",
               issuer=["晋城市城区住房和城乡建设局"], doc_number="城住建函〔2024〕17号",
               date="2024-06-11", date_text="2024年6月11日", recipients=["晋城市城区文化和旅游局"],
               contact={"name": "贾宁", "phone": "0356-2213456"},
               findings=[{"rule": "title.format",
                          "note": "标题缺少「关于」，不合「××关于××的函」的写法（warning）"}],
               notes="近似样本（report.contains-request、doctype.invalid）：函可以商请支持、请求函复；文种「函」合法。"
                     "签发日期为汉字（完整日期）。"))

# 27 QJ · 印发 通知 with the 方案 as its body · multi-page PDF · 《》 in the title (near miss)
add(file="b2_27_qj_tz_yinfa_qingxue.pdf", fmt="pdf", pack="qianjin", approval_form=None, steps=[],
    paras=[
        ("red", "佳木斯市前进区人民政府办公室"),
        ("num", "前政办发〔2024〕15号"),
        ("title", "佳木斯市前进区人民政府办公室关于印发《前进区2024—2025年度冬季清雪工作方案》的通知"),
        ("to", "各街道办事处，区政府各有关部门："),
        ("body", "《前进区2024—2025年度冬季清雪工作方案》已经区政府同意，现印发给你们，请认真组织实施。"),
        ("sign", "佳木斯市前进区人民政府办公室"),
        ("sign", "2024年11月4日"),
        ("note", "（此件公开发布）"),
        ("pb", ""),
        ("title", "前进区2024—2025年度冬季清雪工作方案"),
        ("body", "为切实做好今冬明春清雪工作，确保雪后城市道路安全畅通，结合我区实际，制定本方案。"),
        ("h", "一、工作目标"),
        ("body", "坚持以雪为令、快速反应、机械为主、人机结合，中雪以下降雪主干道雪停后12小时内、次干道24小时内、"
                 "支路和背街小巷48小时内清运完毕；大雪以上降雪雪停后72小时内全部清理完毕。"),
        ("h", "二、责任分工"),
        ("body", "（一）区城市管理局负责城市主次干道、桥梁、广场的清雪作业，统筹调度全区清雪机械。"),
        ("body", "（二）各街道办事处负责辖区背街小巷清雪，组织辖区单位、商户和居民清扫门前积雪。"),
        ("body", "（三）机关、企事业单位负责门前责任区清雪；住宅小区由物业服务企业负责，无物业小区由所在社区组织清理。"),
        ("body", "（四）区住建局负责督促在建工地和物业服务企业落实清雪责任；区交警大队负责雪后交通疏导。"),
        ("h", "三、作业要求"),
        ("body", "主干道以机械作业为主，严禁将积雪堆放在绿化带、消火栓、井盖和盲道上。融雪剂使用须符合环保要求，"
                 "禁止在绿化带周边和桥梁上使用氯盐类融雪剂。清运的积雪须运至指定雪场，不得随意倾倒。"),
        ("h", "四、应急响应"),
        ("body", "降雪应急响应分为三级。小雪启动三级响应，由区城市管理局组织实施；中雪启动二级响应，由分管副区长指挥；"
                 "大雪以上启动一级响应，由区长或委托常务副区长指挥，各单位主要负责同志到岗到位。"),
        ("h", "五、检查考核"),
        ("body", "实行日检查、周通报、月考核制度，考核结果纳入各街道和区直单位年度绩效考核，"
                 "对清雪不力、造成严重影响的单位予以通报批评。"),
        ("h", "六、保障措施"),
        ("body", "清雪经费纳入区级财政预算。各责任单位要储备足够的清雪工具和融雪物资，加强宣传引导，"
                 "倡导市民群众主动清扫门前雪，形成全社会共同参与的良好氛围。"),
        ("blank", ""),
        ("left", "抄送：区委办公室，区人大常委会办公室，区政协办公室。"),
        ("left", "佳木斯市前进区人民政府办公室　　　　　2024年11月4日印发"),
    ],
    label=dict(doc_type="通知",
               title="佳木斯市前进区人民政府办公室关于印发《前进区2024—2025年度冬季清雪工作方案》的通知",
               issuer=["佳木斯市前进区人民政府办公室"], doc_number="前政办发〔2024〕15号",
               date="2024-11-04", date_text="2024年11月4日", recipients=["各街道办事处", "区政府各有关部门"],
               cc=["区委办公室", "区人大常委会办公室", "区政协办公室"],
               printed_by="佳木斯市前进区人民政府办公室", printed_date="2024-11-04", findings=[],
               notes="近似样本：标题内书名号用于被印发文件名称；印发的方案随文编排，不是附件说明。无审批记录。"))

# ===========================================================================
# Draft 规范性文件 with a 起草单位 (3)
# ===========================================================================

# 28 YQ · draft 办法 · docx · creates a licence, a fine, forced removal and a deposit with no superior basis
add(file="b2_28_yq_gf_guanggao_zhaopai.docx", fmt="docx", pack="yangquan-chengqu", approval_form=None, steps=[],
    paras=[
        ("title", "阳泉市城区户外广告设施和招牌设置管理办法"),
        ("center", "（征求意见稿）"),
        ("center", "起草单位：阳泉市城区城市管理局"),
        ("blank", ""),
        ("center", "第一章　总　则"),
        ("body", "第一条　为加强城区户外广告设施和招牌设置管理，提升城市形象，结合城区实际，制定本办法。"),
        ("body", "第二条　本办法适用于城区行政区域内户外广告设施和招牌的设置及其监督管理。"),
        ("body", "第三条　区城市管理局负责户外广告设施和招牌设置的监督管理工作。区市场监管、住建、应急等部门按照各自职责做好相关工作。"),
        ("center", "第二章　设置管理"),
        ("body", "第四条　设置大型户外广告设施的，须经区城市管理局审批，取得户外广告设置许可证后方可设置。"
                 "许可证有效期两年，期满需要继续设置的，应当在期满前30日重新申请。"),
        ("body", "第五条　申请设置户外广告设施的，应当向区城市管理局缴纳设施安全保证金5000元，设施拆除后无息退还。"),
        ("body", "第六条　临街商户设置招牌的，应当按照区城市管理局确定的统一样式设置，一个门面只能设置一块招牌。"),
        ("center", "第三章　法律责任"),
        ("body", "第七条　违反本办法第四条规定，未经许可擅自设置户外广告设施的，由区城市管理局责令限期拆除，"
                 "并处2000元以上1万元以下罚款；逾期不拆除的，由区城市管理局强制拆除，拆除费用由设置人承担。"),
        ("body", "第八条　违反本办法第六条规定设置招牌的，由所在街道办事处责令改正，拒不改正的，处500元罚款。"),
        ("center", "第四章　附　则"),
        ("body", "第九条　本办法自2025年1月1日起施行，有效期5年。"),
    ],
    label=dict(doc_type=None, title="阳泉市城区户外广告设施和招牌设置管理办法",
               findings=[{"rule": "regulation.creates-power",
                          "note": "规范性文件草案自设行政许可（第四条许可证）、行政处罚（第七条、第八条罚款）、"
                                  "行政强制（第七条强制拆除）并增加缴纳保证金的义务（第五条），均未引用上位法依据"
                                  "（阳泉第二十一条）"}],
               notes="征求意见稿尚未以公文形式印发：文种为「办法」，doc_type 记为 null，无发文机关、成文日期；"
                     "起草单位不是发文机关。标题不按公文标题格式检查。"))

# 29 YQ · draft 意见 · txt UTF-8 · penalties and licences only by reference to statutes (near miss)
add(file="b2_29_yq_gf_zaoyeshi_yijian.txt", fmt="txt", encoding="utf-8", newline="\n", pack="yangquan-chengqu",
    approval_form=None, steps=[],
    paras=[
        ("title", "阳泉市城区人民政府关于进一步规范早夜市经营管理的意见"),
        ("center", "（征求意见稿）"),
        ("center", "起草单位：阳泉市城区市场监督管理局"),
        ("to", "各街道办事处，区政府各有关部门："),
        ("body", "为规范城区早夜市经营秩序，保障食品安全和市容环境，方便群众生活，现提出如下意见。"),
        ("h", "一、合理规划设置"),
        ("body", "早夜市由所在街道办事处会同区城市管理局、区市场监督管理局规划设置，设置方案向社会公示后实施。"
                 "早夜市不得占用城市主干道、消防通道和盲道。"),
        ("h", "二、规范经营行为"),
        ("body", "经营者应当亮照经营、明码标价，保持摊位整洁。从事食品经营的，应当依照《中华人民共和国食品安全法》"
                 "的规定取得食品经营许可或者办理食品小经营店、小摊点登记后方可经营。"),
        ("h", "三、依法查处违法行为"),
        ("body", "对无照经营的，由区市场监督管理局依照《无证无照经营查处办法》处理；对违反食品安全规定的，"
                 "依照《中华人民共和国食品安全法》和《山西省食品小作坊小经营店小摊点管理条例》处理；"
                 "对占道经营、乱扔垃圾的，由区城市管理局依照《城市市容和环境卫生管理条例》处理。"),
        ("h", "四、加强服务保障"),
        ("body", "各街道办事处要为早夜市配置垃圾收集容器、照明和公共卫生设施，引导经营者入市经营。"
                 "对困难群众设摊经营的，在摊位安排上予以照顾。"),
        ("body", "本意见自印发之日起施行。"),
    ],
    label=dict(doc_type="意见", title="阳泉市城区人民政府关于进一步规范早夜市经营管理的意见",
               issuer=["阳泉市城区人民政府"], recipients=["各街道办事处", "区政府各有关部门"], findings=[],
               notes="近似样本：许可、处罚均引用上位法（食品安全法、无证无照经营查处办法、省条例、市容条例），"
                     "不自设；征求意见稿无发文字号和成文日期。"))

# 30 XY · draft 办法 · multi-page PDF · licensing and penalties by reference to 《城市道路管理条例》 (near miss)
add(file="b2_30_xy_gf_daolu_wajue.pdf", fmt="pdf", pack="xianyang", approval_form=None, steps=[],
    paras=[
        ("title", "咸阳市城市道路挖掘管理办法"),
        ("center", "（送审稿）"),
        ("center", "起草单位：咸阳市城市管理执法局"),
        ("blank", ""),
        ("body", "第一条　为加强城市道路挖掘管理，保障城市道路完好和交通安全畅通，根据《城市道路管理条例》"
                 "《陕西省城市道路管理条例》等法规规定，结合本市实际，制定本办法。"),
        ("body", "第二条　本办法适用于本市中心城区城市道路的挖掘及其监督管理。"),
        ("body", "第三条　市城市管理执法局是城市道路挖掘的主管部门。市公安机关交通管理部门、市住房和城乡建设局"
                 "按照各自职责做好相关工作。"),
        ("body", "第四条　因工程建设需要挖掘城市道路的，依照《城市道路管理条例》第三十条规定，"
                 "经市城市管理执法局和公安机关交通管理部门批准后方可挖掘。"),
        ("body", "第五条　市城市管理执法局应当会同有关管线单位编制年度道路挖掘计划，统筹安排各类管线工程，"
                 "避免重复挖掘。新建、改建、扩建的城市道路交付使用后5年内、大修的城市道路竣工后3年内不得挖掘；"
                 "因特殊情况需要挖掘的，依照《城市道路管理条例》第三十三条规定，须经市人民政府批准。"),
        ("body", "第六条　挖掘城市道路应当在施工现场设置明显标志和安全防围设施，按照批准的位置、面积、期限挖掘，"
                 "竣工后及时清理现场，通知市城市管理执法局检查验收。"),
        ("body", "第七条　因紧急抢修埋设在城市道路下的管线需要挖掘的，可以先行破路抢修，"
                 "同时通知市城市管理执法局和公安机关交通管理部门，并在24小时内按照规定补办批准手续。"),
        ("body", "第八条　挖掘城市道路的，应当依照《陕西省城市道路管理条例》的规定缴纳城市道路挖掘修复费。"),
        ("body", "第九条　市城市管理执法局应当建立城市道路挖掘信息管理平台，公开挖掘项目的审批、施工和修复信息，"
                 "接受社会监督。"),
        ("body", "第十条　违反本办法规定，未经批准擅自挖掘城市道路，或者未按照批准的位置、面积、期限挖掘的，"
                 "由市城市管理执法局依照《城市道路管理条例》第四十二条的规定处理。"),
        ("body", "第十一条　违反本办法规定，在施工现场未设置明显标志和安全防围设施的，"
                 "由公安机关交通管理部门依照《中华人民共和国道路交通安全法》的有关规定处理。"),
        ("body", "第十二条　城市道路管理和执法人员玩忽职守、滥用职权、徇私舞弊的，依法给予处分；"
                 "构成犯罪的，依法追究刑事责任。"),
        ("body", "第十三条　本办法自2025年3月1日起施行，有效期5年。《咸阳市城市道路挖掘管理规定》同时废止。"),
        ("pb", ""),
        ("center", "关于《咸阳市城市道路挖掘管理办法（送审稿）》的起草说明"),
        ("body", "一、起草背景。现行《咸阳市城市道路挖掘管理规定》施行已近十年，部分条款与上位法和机构改革后的部门职责不相适应，"
                 "中心城区道路反复开挖、修复不及时等问题较为突出，群众反映较多，有必要予以修订。"),
        ("body", "二、起草过程。起草单位于2024年3月启动起草工作，书面征求了市住房和城乡建设局、市交通运输局、"
                 "市公安局交通警察支队和供水、燃气、供热、通信等管线单位的意见，并于2024年8月在市政府门户网站"
                 "公开征求社会公众意见30日，共收到意见建议26条，采纳17条。"),
        ("body", "三、主要内容。送审稿共13条，重点规范了挖掘计划统筹、批准程序、施工现场管理、紧急抢修和修复费缴纳等内容，"
                 "各项许可和处罚均依照《城市道路管理条例》和《陕西省城市道路管理条例》的规定执行，未另行设定。"),
    ],
    label=dict(doc_type=None, title="咸阳市城市道路挖掘管理办法", findings=[],
               notes="近似样本：批准、收费和处罚均引用《城市道路管理条例》等上位法，不自设许可、处罚或义务。"
                     "送审稿未以公文形式印发，doc_type 记为 null；起草单位不是发文机关。"))


# ===========================================================================
# Build
# ===========================================================================

KEYS = ["doc_type", "title", "issuer", "doc_number", "signer", "date", "date_text", "recipients", "cc",
        "attachments", "contact", "copy_number", "classification", "urgency", "printed_by", "printed_date"]
LISTS = {"issuer", "signer", "recipients", "cc", "attachments"}
AMBIGUOUS_FOR_COUNT = set("“”‘’…—·\u3000")


def pdf_paste(lines, width=27, per_page=14):
    """Text as copied out of a PDF exported from Word: hard breaks at the line width (half-width
    characters take half a cell; Latin/digit runs and closing punctuation are not split), and the
    page numbers printed between pages."""
    def cells(s):
        return sum(0.5 if ord(c) < 0x2E80 else 1 for c in s)

    flat = []
    for ln in lines:
        s = ln.strip("\u3000 ")
        if not s:
            continue
        tokens = re.findall(r"[\x21-\x7e]+|.", s)
        cur = ""
        for tok in tokens:
            if cur and cells(cur + tok) > width and tok not in "，。、；：）》」！？":
                flat.append(cur)
                cur = tok
            else:
                cur += tok
        flat.append(cur)
    out, page = [], 1
    for i, ln in enumerate(flat, 1):
        out.append(ln)
        if i % per_page == 0 and i != len(flat):
            out += ["", f"— {page} —", ""]
            page += 1
    out += ["", f"— {page} —"]
    return out


def build_label(d):
    lab = d["label"]
    out = {}
    for k in KEYS:
        out[k] = lab.get(k, [] if k in LISTS else None)
    if out["doc_type"] == "请示":
        out["request_items"] = lab["request_items"]
    appr = []
    for st in d["steps"]:
        role, name, date = st[0], st[1], st[2]
        post = st[3] if len(st) > 3 and st[3] else roster_post(d["pack"], name)
        roster_post(d["pack"], name)          # every person in a record must be on the roster
        appr.append({"role": role, "name": name, "post": post, "date": date})
    out["approval"] = appr
    out["findings"] = lab["findings"]
    out["roster"] = f"{REL}/rosters/{ROSTER_FILE[d['pack']]}"
    out["pack"] = d["pack"]
    if lab.get("notes"):
        out["notes"] = lab["notes"]
    return out


def sidecar(d):
    steps = []
    for st in d["steps"]:
        s = {"role": st[0]}
        if len(st) > 4 and st[4]:
            s["organ"] = st[4]
        s["name"] = st[1]
        if len(st) > 3 and st[3]:
            s["post"] = st[3]
        s["date"] = datetime.date.fromisoformat(st[2])
        if len(st) > 5 and st[5]:
            s["opinion"] = st[5]
        steps.append(s)
    return {"steps": steps}


def check_length(d):
    kind, limit = d["length"]
    body = "".join(t for k, t in d["paras"] if k in ("body", "h"))
    whole = "".join(t for k, t in d["paras"] if isinstance(t, str))
    assert not (AMBIGUOUS_FOR_COUNT & set(whole)), d["file"]
    b, w = word_count(body), word_count(whole)
    if kind == "over":
        assert b > limit, (d["file"], b)
    else:
        assert w <= limit, (d["file"], w)
    return b, w


def main():
    for sub in (DOCS, LABELS, ROSTERS):
        if sub.exists():
            shutil.rmtree(sub)
        sub.mkdir(parents=True)
    for pack, (gov, comment, people) in ROSTER_DATA.items():
        text = f"# Roster of {comment}.\n" + yaml.safe_dump({"government": gov, "people": people},
                                                            allow_unicode=True, sort_keys=False, width=200)
        (ROSTERS / ROSTER_FILE[pack]).write_text(text, encoding="utf-8")

    seen = set()
    for d in DOCUMENTS:
        assert d["file"] not in seen
        seen.add(d["file"])
        path = DOCS / d["file"]
        fmt = d["fmt"]
        if d.get("length"):
            b, w = check_length(d)
            print(f"  {d['file']}: 字数 body {b}, whole {w}")
        if fmt in ("txt", "pdftxt"):
            lines = render_txt(d["paras"], indent=d.get("indent", True))
            if fmt == "pdftxt":
                lines = pdf_paste(lines)
            if d.get("approval_form") == "text":
                lines = d["raw_lines"] + lines
            write_txt(path, lines, d.get("encoding", "utf-8"), d.get("newline", "\n"))
        elif fmt == "docx":
            if d.get("approval_form") == "table":
                write_docx(path, d["paras"], d["approval_rows"], d["approval_heading"])
            else:
                write_docx(path, d["paras"])
        elif fmt == "pdf":
            write_pdf(path, d["paras"])
        elif fmt == "html":
            write_html(path, d["paras"], d["site"])
        else:
            raise ValueError(fmt)
        if d.get("approval_form") == "sidecar":
            sc = DOCS / (path.stem + ".approval.yaml")
            sc.write_text(yaml.safe_dump(sidecar(d), allow_unicode=True, sort_keys=False, width=200),
                          encoding="utf-8")
        label = build_label(d)
        (LABELS / (d["file"] + ".yaml")).write_text(
            yaml.safe_dump(label, allow_unicode=True, sort_keys=False, width=200), encoding="utf-8")
    print(f"built {len(DOCUMENTS)} documents")


if __name__ == "__main__":
    main()
