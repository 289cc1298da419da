"""A synthetic corpus of 公文 for the throughput benchmark: .docx, .pdf and .txt (UTF-8 and GBK).

The documents look like the real thing to every stage: a 版头 (发文机关标志, 发文字号, 签发人 for
上行文), a title "××关于××的通知/请示/报告/函", 主送, a body with 一、（一）1. headings, request items
in 请示, a signature, a date, 附件说明, 抄送 and 印发 lines; about 5,000 字 typical (log-normal,
1,200 to 20,000), some .docx with a task table, .pdf laid out on the GB/T 9704 grid.

Deterministic: document ``i`` depends only on the seed and ``i`` (never on how many are
generated), so the first 1,000 of a 5,000-document corpus are the 1,000-document corpus, and
files are byte-identical from run to run (fixed zip timestamps, reportlab ``invariant``).

Speed: sentences are built once per seed from vocabulary templates and recombined per document;
PDF pages are written with canvas text objects, not platypus.
"""
from __future__ import annotations

import functools
import io
import json
import math
import os
import random
import zipfile
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

GENERATOR_VERSION = 1
DEFAULT_SEED = 20240601
MANIFEST_NAME = ".bench-corpus.json"  # hidden: `gongwen batch` on the folder skips it

FORMAT_SHARES = (("docx", 0.45), ("pdf", 0.30), ("txt", 0.25))
GBK_SHARE_OF_TXT = 0.4
TABLE_SHARE_OF_DOCX = 0.3
TYPICAL_CHARS = 5000
CHARS_SPREAD = 0.45  # sigma of the log-normal length distribution
MIN_CHARS, MAX_CHARS = 1200, 20000
SENTENCE_POOL_SIZE = 4000
KIND_SHARES = (("通知", 0.40), ("请示", 0.25), ("报告", 0.25), ("函", 0.10))
KIND_FILE_IDS = {"通知": "tongzhi", "请示": "qingshi", "报告": "baogao", "函": "han"}

DISTRICTS = (("东安区", "东"), ("城区", "城"), ("前进区", "前"), ("秦都区", "秦"),
             ("河西区", "河西"), ("青山区", "青"), ("新城区", "新"), ("永和区", "永"))
DEPARTMENTS = (("财政局", "财"), ("教育局", "教"), ("卫生健康局", "卫健"), ("应急管理局", "应急"),
               ("住房和城乡建设局", "住建"), ("农业农村局", "农"), ("市场监督管理局", "市监"),
               ("民政局", "民"), ("交通运输局", "交"), ("自然资源局", "自然资源"),
               ("人力资源和社会保障局", "人社"), ("文化和旅游局", "文旅"), ("发展和改革局", "发改"))
TOWNS = ("兴隆镇", "红星乡", "太平镇", "新华街道", "永安镇", "和平街道", "五林镇", "铁岭镇")
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN_NAMES = ("建国", "志强", "海燕", "晓明", "丽华", "国平", "文静", "卫东", "红梅", "振华", "春生", "秀英",
               "德胜", "玉兰", "立新", "桂芳", "永刚", "淑珍", "俊峰", "雪梅")

TOPICS = ("安全生产大检查", "农村人居环境整治", "防汛抗旱", "森林草原防灭火", "燃气安全专项整治",
          "营商环境优化提升", "政务服务“一网通办”", "耕地保护和粮食安全", "义务教育优质均衡发展",
          "基层医疗卫生服务能力提升", "养老服务体系建设", "城市精细化管理", "财政预算绩效管理",
          "重点项目建设", "矛盾纠纷排查化解", "食品安全监管", "冬季清雪除冰", "校园及周边安全治理",
          "村级集体经济发展", "高标准农田建设", "老旧小区改造", "根治欠薪")
SUBJECTS = ("各乡镇人民政府、街道办事处", "区直各部门", "各有关单位", "区财政局", "区发展和改革局",
            "区教育局", "区卫生健康局", "区应急管理局", "区住房和城乡建设局", "区农业农村局",
            "区市场监督管理局", "区民政局", "区交通运输局", "区自然资源局", "各村（社区）",
            "各行业主管部门", "各责任单位")
ACTIONS = ("要切实加强", "要进一步完善", "要认真落实", "要持续深化", "要扎实推进", "要全面排查",
           "要严格执行", "要统筹做好", "要加快建立", "要不断健全", "要着力提升", "要抓紧制定")
OBJECTS = ("安全生产责任制", "基层治理体系", "项目资金监管", "政务服务标准化建设", "农村人居环境整治",
           "营商环境优化工作", "防汛抗旱准备工作", "耕地保护制度", "食品安全监管", "校园安全管理",
           "养老服务体系", "城市精细化管理", "财政预算绩效管理", "招商引资工作", "重点项目建设",
           "矛盾纠纷排查化解", "森林防火工作", "燃气安全专项整治", "隐患排查治理台账", "应急预案体系")
GOALS = ("确保各项工作落到实处", "推动全区经济社会高质量发展", "切实维护人民群众生命财产安全",
         "不断提升群众获得感和满意度", "为全面建设社会主义现代化奠定坚实基础",
         "形成上下联动、齐抓共管的工作格局", "确保按期完成年度目标任务", "坚决守住不发生重大事故的底线")
OPENERS = ("按照区委、区政府统一部署，", "今年以来，", "近年来，", "根据上级有关要求，",
           "为进一步巩固工作成效，", "结合全区实际，", "在区委、区政府的坚强领导下，")
HAZARDS = ("安全隐患", "燃气管线隐患", "消防通道堵塞问题", "危险房屋", "地质灾害隐患点", "违规建筑")
PROBLEMS = ("基础设施薄弱", "资金投入不足", "责任落实不到位", "部门协同不够顺畅", "专业人员短缺",
            "监管手段相对单一", "群众参与度不高", "长效机制尚不健全")
TRAININGS = ("业务培训", "应急演练", "政策宣讲", "专题调研", "联合检查", "督导检查")
PRINCIPLES = ("问题导向", "底线思维", "系统观念", "以人民为中心", "依法行政", "统筹兼顾")
DEMANDS = ("责任到人、措施到位", "早发现、早处置", "件件有着落、事事有回音", "底数清、情况明")
REPORT_ITEMS = ("工作进展情况", "自查报告", "工作总结", "统计报表", "整改台账")
SECTION_TITLES = {
    "通知": ("总体要求", "主要任务", "保障措施", "工作要求"),
    "报告": ("基本情况", "主要做法及成效", "存在的问题", "下一步工作打算"),
    "函": ("有关情况", "商请事项"),
}
SUBHEADINGS = ("加强组织领导", "压实工作责任", "强化督促检查", "注重宣传引导", "严格资金管理",
               "健全长效机制", "突出工作重点", "加强统筹协调", "强化要素保障", "做好信息报送",
               "深入排查隐患", "狠抓问题整改", "提升服务水平", "强化队伍建设")
REQUEST_MATTERS = (
    ("村屯道路硬化资金", "恳请区政府将上述道路纳入年度农村公路建设计划，并给予资金支持{money}万元。"),
    ("增加综合行政执法队编制", "恳请区政府协调区委编办，为我单位增加编制{n}名。"),
    ("调整垃圾清运服务方式", "恳请区政府同意将农村生活垃圾清运纳入全区城乡环卫一体化运营范围。"),
    ("追加专项工作经费", "恳请区政府从预备费中追加专项工作经费{money}万元。"),
    ("办公用房维修改造", "恳请区政府同意实施办公用房维修改造，所需资金{money}万元列入下年度预算。"),
    ("购置应急救援装备", "恳请区政府批准购置应急救援装备{n}台（套），所需资金{money}万元。"),
)
SENTENCE_TEMPLATES = (
    "{subject}{action}{object}，{goal}。",
    "截至{month}月底，全区累计排查{hazard}{n}处，已整改{m}处，整改率达到{p}%。",
    "{opener}{subject}{action}{object}，{action2}{object2}。",
    "全年共投入资金{money}万元，完成年度计划的{p}%，同比增长{q}%。",
    "共组织开展{training}{n}场次，参加人员达{m}人次。",
    "但也要清醒地看到，{object}仍存在{problem}、{problem2}等问题，需要在今后工作中认真加以解决。",
    "要坚持{principle}，{action2}{object}，切实做到{demand}。",
    "各单位主要负责同志要亲自抓、负总责，分管负责同志要具体抓、抓具体，{goal}。",
    "对工作中推诿扯皮、敷衍塞责、造成严重后果的，依规依纪严肃追究相关单位和人员责任。",
    "{subject}要于{month}月{day}日前将{report_item}报送区政府办公室，逾期未报的予以通报。",
    "{opener}我们坚持以习近平新时代中国特色社会主义思想为指导，{action2}{object}，各项工作取得了阶段性成效。",
    "{subject}要结合本地区本部门实际，制定具体实施方案，明确责任分工和时间节点，{goal}。",
)


@dataclass(frozen=True)
class Line:
    """One paragraph of a generated document and its role in the GB/T 9704 layout."""

    role: str  # issuer_mark doc_number signer title recipients heading body attachment_note signature date note cc printed
    text: str


@dataclass(frozen=True)
class DocumentPlan:
    index: int
    kind: str  # 通知 | 请示 | 报告 | 函
    format: str  # docx | pdf | txt
    encoding: str  # utf-8 | gbk (what a .txt is written in; utf-8 otherwise)
    lines: tuple[Line, ...]
    table: tuple[tuple[str, ...], ...] = ()  # .docx only: header row first

    @property
    def file_name(self) -> str:
        return f"{self.index:05d}-{KIND_FILE_IDS[self.kind]}.{self.format}"

    @property
    def chars(self) -> int:
        """Characters of text, table cells included."""
        return sum(len(line.text) for line in self.lines) + sum(len(cell) for row in self.table for cell in row)


@functools.cache
def sentence_pool(seed: int) -> tuple[str, ...]:
    """Sentences built once from the templates; documents recombine them."""
    rng = random.Random(seed)
    pool = []
    for _ in range(SENTENCE_POOL_SIZE):
        n = rng.randint(3, 480)
        pool.append(rng.choice(SENTENCE_TEMPLATES).format(
            subject=rng.choice(SUBJECTS), action=rng.choice(ACTIONS), action2=rng.choice(ACTIONS)[1:],
            object=rng.choice(OBJECTS), object2=rng.choice(OBJECTS), goal=rng.choice(GOALS),
            opener=rng.choice(OPENERS), hazard=rng.choice(HAZARDS), n=n, m=rng.randint(1, n),
            p=rng.randint(60, 100), q=round(rng.uniform(1, 30), 1), money=rng.randint(20, 3000),
            month=rng.randint(1, 12), day=rng.randint(1, 28), training=rng.choice(TRAININGS),
            problem=rng.choice(PROBLEMS), problem2=rng.choice(PROBLEMS), principle=rng.choice(PRINCIPLES),
            demand=rng.choice(DEMANDS), report_item=rng.choice(REPORT_ITEMS)))
    return tuple(pool)


def _weighted(rng: random.Random, shares: Sequence[tuple[str, float]]) -> str:
    names, weights = zip(*shares)
    return rng.choices(names, weights)[0]


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + (rng.choice(GIVEN_NAMES) if rng.random() < 0.5 else "某某")


def _paragraph(rng: random.Random, pool: tuple[str, ...]) -> str:
    return "".join(rng.choice(pool) for _ in range(rng.randint(2, 6)))


def _date(rng: random.Random) -> tuple[int, int, int]:
    return rng.randint(2021, 2025), rng.randint(1, 12), rng.randint(1, 28)


def plan_document(index: int, seed: int = DEFAULT_SEED) -> DocumentPlan:
    """The content of document ``index``: a function of the seed and the index only."""
    rng = random.Random(f"{seed}/{index}")
    pool = sentence_pool(seed)
    fmt = _weighted(rng, FORMAT_SHARES)
    encoding = "gbk" if fmt == "txt" and rng.random() < GBK_SHARE_OF_TXT else "utf-8"
    kind = _weighted(rng, KIND_SHARES)
    target = min(MAX_CHARS, max(MIN_CHARS, int(rng.lognormvariate(math.log(TYPICAL_CHARS), CHARS_SPREAD))))
    district, district_short = rng.choice(DISTRICTS)
    year, month, day = _date(rng)
    topic = rng.choice(TOPICS)
    department, department_short = rng.choice(DEPARTMENTS)

    if kind == "通知":
        own_office = rng.random() < 0.5
        issuer = f"{district}人民政府办公室" if own_office else f"{district}人民政府"
        number = f"{district_short}政{'办' if own_office else ''}发〔{year}〕{rng.randint(1, 120)}号"
        recipients = "各乡镇人民政府、街道办事处，区政府各部门，各有关单位："
        title = f"{issuer}关于做好{year}年{topic}工作的通知"
        opening = f"为切实做好{year}年{topic}工作，经区政府同意，现就有关事项通知如下："
        closing = "特此通知。"
    elif kind == "请示":
        issuer = (f"{district}{rng.choice(TOWNS)}人民政府" if rng.random() < 0.4 else f"{district}{department}")
        number = f"{district_short}{department_short}呈〔{year}〕{rng.randint(1, 60)}号"
        recipients = f"{district}人民政府："
        matters = rng.sample(REQUEST_MATTERS, 1 if rng.random() < 0.6 else rng.randint(2, 3))
        title = f"{issuer}关于{'、'.join(name for name, _ in matters[:2])}{'等有关问题' if len(matters) > 1 else ''}的请示"
        opening = "现将有关事项请示如下："
        closing = "妥否，请批示。"
    elif kind == "报告":
        issuer = f"{district}{department}"
        number = f"{district_short}{department_short}报〔{year}〕{rng.randint(1, 60)}号"
        recipients = f"{district}人民政府："
        title = f"{issuer}关于{year}年{topic}工作情况的报告"
        opening = f"现将{year}年{topic}工作情况报告如下："
        closing = "特此报告。"
    else:
        other, _ = rng.choice([d for d in DEPARTMENTS if d[0] != department])
        issuer = f"{district}{department}"
        number = f"{district_short}{department_short}函〔{year}〕{rng.randint(1, 90)}号"
        recipients = f"{district}{other}："
        title = f"{issuer}关于商请协助做好{topic}有关工作的函"
        opening = "为做好相关工作，现将有关事项函告如下："
        closing = "特此函商，盼复。"

    lines = [Line("issuer_mark", f"{issuer}文件" if kind != "函" else issuer), Line("doc_number", number)]
    if kind in ("请示", "报告"):
        lines.append(Line("signer", f"签发人：{_person(rng)}"))
    lines += [Line("title", title), Line("recipients", recipients),
              Line("body", _paragraph(rng, pool) + opening)]
    header_chars = sum(len(line.text) for line in lines)

    has_table = fmt == "docx" and rng.random() < TABLE_SHARE_OF_DOCX
    table: tuple[tuple[str, ...], ...] = ()
    if has_table:
        rows = [("序号", "工作任务", "责任单位", "完成时限")]
        rows += [(str(number_), rng.choice(ACTIONS)[1:] + rng.choice(OBJECTS), rng.choice(SUBJECTS),
                  f"{year}年{rng.randint(1, 12)}月底前") for number_ in range(1, rng.randint(6, 16))]
        table = tuple(rows)
    budget = target - header_chars - sum(len(cell) for row in table for cell in row) - 120

    body: list[Line] = []
    if kind == "请示":
        per_matter = max(200, budget // len(matters))
        for number_, (name, request) in enumerate(matters, 1):
            body.append(Line("heading", f"{_chinese_number(number_)}、关于{name}问题"))
            written = 0
            while written < per_matter:
                text = _paragraph(rng, pool)
                body.append(Line("body", text))
                written += len(text)
            body.append(Line("body", request.format(money=rng.randint(20, 900), n=rng.randint(2, 8))))
    else:
        sections = SECTION_TITLES[kind]
        per_section = max(150, budget // len(sections))
        for number_, section in enumerate(sections, 1):
            body.append(Line("heading", f"{_chinese_number(number_)}、{section}"))
            written = paragraphs = sub = 0
            while written < per_section:
                if per_section > 900 and paragraphs % 3 == 0:
                    sub += 1
                    body.append(Line("heading", f"（{_chinese_number(sub)}）{rng.choice(SUBHEADINGS)}。"))
                text = _paragraph(rng, pool)
                if sub and rng.random() < 0.25:
                    text = f"{rng.randint(1, 5)}.{rng.choice(SUBHEADINGS)}。{text}"
                body.append(Line("body", text))
                written += len(text)
                paragraphs += 1
    lines += body
    lines.append(Line("body", closing))
    if has_table or rng.random() < 0.2:
        lines.append(Line("attachment_note", f"附件：{topic}工作任务分工表"))
    lines += [Line("signature", issuer), Line("date", f"{year}年{month}月{day}日")]
    if kind == "请示":
        lines.append(Line("note", f"（联系人：{_person(rng)}，联系电话：0453-{rng.randint(6000000, 6999999)}）"))
    if kind == "通知" and rng.random() < 0.7:
        lines.append(Line("cc", "抄送：区委办公室，区人大常委会办公室，区政协办公室。"))
    lines.append(Line("printed", f"{district}人民政府办公室　　{year}年{month}月{day}日印发"))
    return DocumentPlan(index, kind, fmt, encoding, tuple(lines), table)


_CHINESE_DIGITS = "零一二三四五六七八九十"


def _chinese_number(number: int) -> str:
    if number <= 10:
        return _CHINESE_DIGITS[number]
    tens, ones = divmod(number, 10)
    return ("" if tens == 1 else _CHINESE_DIGITS[tens]) + "十" + (_CHINESE_DIGITS[ones] if ones else "")


# ---------------------------------------------------------------- writers

_FIXED_ZIP_TIME = (2024, 1, 1, 0, 0, 0)


def write_docx(plan: DocumentPlan, path: Path) -> None:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    document = docx.Document()
    for line in plan.lines:
        paragraph = document.add_paragraph()
        run = paragraph.add_run(line.text)
        if line.role in ("issuer_mark", "doc_number", "title"):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif line.role in ("signature", "date", "signer"):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif line.role in ("heading", "body", "attachment_note", "note"):
            paragraph.paragraph_format.first_line_indent = Pt(32)
        if line.role == "issuer_mark":
            run.font.size, run.font.bold, run.font.color.rgb = Pt(26), True, RGBColor(0xE0, 0, 0)
        elif line.role == "title":
            run.font.size, run.font.bold = Pt(22), True
        else:
            run.font.size = Pt(16)
    if plan.table:
        document.add_paragraph("附件")
        table = document.add_table(rows=len(plan.table), cols=len(plan.table[0]))
        table.style = "Table Grid"
        for row, values in zip(table.rows, plan.table):
            for cell, value in zip(row.cells, values):
                cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    _write_zip_with_fixed_times(buffer.getvalue(), path)


def _write_zip_with_fixed_times(data: bytes, path: Path) -> None:
    """python-docx stamps zip entries with the current time; fix it so the bytes are reproducible."""
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(zipfile.ZipInfo(info.filename, _FIXED_ZIP_TIME), source.read(info),
                            compress_type=zipfile.ZIP_DEFLATED)


# The GB/T 9704 grid: A4, 版心 156 mm x 225 mm from 37 mm top / 28 mm left, 22 lines of 28 字 in 3号.
_MM = 72 / 25.4
_PAGE_WIDTH, _PAGE_HEIGHT = 210 * _MM, 297 * _MM
_LEFT, _TOP = 28 * _MM, 37 * _MM
_TEXT_WIDTH = 156 * _MM
_BODY_SIZE = 16.0
_LINE_HEIGHT = 225 * _MM / 22
_LINES_PER_PAGE = 22
_ROLE_SIZE = {"issuer_mark": 26.0, "title": 22.0}


def _register_pdf_font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return "STSong-Light"


@functools.cache
def _char_width(char: str) -> float:
    """Advance width of one character at 1 pt (CJK 1 em, digits and Latin narrower)."""
    from reportlab.pdfbase import pdfmetrics

    return pdfmetrics.stringWidth(char, _register_pdf_font(), 1.0)


def _pdf_rows(line: Line) -> list[tuple[float, float, str]]:
    """(font size, x, text) of each printed row of one paragraph, filled to the right edge like a
    typeset page (a row ends early only at the end of the paragraph)."""
    size = _ROLE_SIZE.get(line.role, _BODY_SIZE)
    indent = 2 * size if line.role in ("heading", "body", "attachment_note", "note") else 0.0
    rows: list[tuple[float, float, str]] = []
    start, used, available = 0, 0.0, _TEXT_WIDTH - indent
    for position, char in enumerate(line.text):
        width = _char_width(char) * size
        if used + width > available:
            rows.append((size, used, line.text[start:position]))
            start, used, available = position, 0.0, _TEXT_WIDTH
        used += width
    rows.append((size, used, line.text[start:]))
    placed = []
    for number, (size, width, chunk) in enumerate(rows):
        if line.role in ("issuer_mark", "doc_number", "title"):
            x = _LEFT + (_TEXT_WIDTH - width) / 2
        elif line.role in ("signature", "date"):
            x = _LEFT + _TEXT_WIDTH - width - 4 * size  # 右空四字
        else:
            x = _LEFT + (indent if number == 0 else 0.0)
        placed.append((size, x, chunk))
    return placed


def write_pdf(plan: DocumentPlan, path: Path) -> None:
    from reportlab.pdfgen import canvas

    font = _register_pdf_font()
    pdf = canvas.Canvas(str(path), pagesize=(_PAGE_WIDTH, _PAGE_HEIGHT), invariant=1, pageCompression=1)
    rows = [row for line in plan.lines for row in _pdf_rows(line)]
    for page_number, start in enumerate(range(0, len(rows), _LINES_PER_PAGE), 1):
        text = pdf.beginText()
        for offset, (size, x, chunk) in enumerate(rows[start:start + _LINES_PER_PAGE]):
            text.setFont(font, size)
            text.setTextOrigin(x, _PAGE_HEIGHT - _TOP - (offset + 1) * _LINE_HEIGHT)
            text.textOut(chunk)
        pdf.drawText(text)
        pdf.setFont(font, 14)
        pdf.drawCentredString(_PAGE_WIDTH / 2, 20 * _MM, f"— {page_number} —")
        pdf.showPage()
    pdf.save()


def write_txt(plan: DocumentPlan, path: Path) -> None:
    path.write_bytes("\n".join(line.text for line in plan.lines).encode(plan.encoding) + b"\n")


WRITERS = {"docx": write_docx, "pdf": write_pdf, "txt": write_txt}


def write_document(plan: DocumentPlan, directory: Path) -> Path:
    path = directory / plan.file_name
    WRITERS[plan.format](plan, path)
    return path


# ---------------------------------------------------------------- the corpus

@dataclass(frozen=True)
class GeneratedFile:
    path: Path
    format: str
    encoding: str
    kind: str
    chars: int


def _generate_one(task: tuple[int, int, str]) -> GeneratedFile:
    index, seed, directory = task
    plan = plan_document(index, seed)
    path = write_document(plan, Path(directory))
    return GeneratedFile(path, plan.format, plan.encoding, plan.kind, plan.chars)


def generate_corpus(directory: str | Path, count: int = 1000, seed: int = DEFAULT_SEED,
                    jobs: int | None = None) -> list[GeneratedFile]:
    """Write documents 0..count-1 into ``directory`` (created if needed); reuse a corpus already
    generated there with the same seed and generator version, extending it when it is smaller."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    existing = _read_manifest(directory, seed)
    if len(existing) >= count and all(item.path.exists() for item in existing[:count]):
        return existing[:count]
    todo = [(index, seed, str(directory)) for index in range(len(existing), count)]
    jobs = jobs or os.cpu_count() or 1
    if jobs > 1 and len(todo) > 50:
        with ProcessPoolExecutor(jobs) as pool:
            made = list(pool.map(_generate_one, todo, chunksize=max(1, len(todo) // (jobs * 8))))
    else:
        made = [_generate_one(task) for task in todo]
    files = existing + made
    _write_manifest(directory, seed, files)
    return files


def _read_manifest(directory: Path, seed: int) -> list[GeneratedFile]:
    try:
        manifest = json.loads((directory / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if manifest.get("generator_version") != GENERATOR_VERSION or manifest.get("seed") != seed:
        return []
    return [GeneratedFile(directory / item["name"], item["format"], item["encoding"], item["kind"], item["chars"])
            for item in manifest["files"]]


def _write_manifest(directory: Path, seed: int, files: list[GeneratedFile]) -> None:
    manifest = {"generator_version": GENERATOR_VERSION, "seed": seed,
                "files": [{"name": item.path.name, "format": item.format, "encoding": item.encoding,
                           "kind": item.kind, "chars": item.chars} for item in files]}
    (directory / MANIFEST_NAME).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
