"""Scanned pages for the OCR tests: text drawn with a CJK font onto an image, as a scanner would
deliver it (optionally with a red seal stamped over it), saved as PNG, TIFF or an image-only PDF."""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFont

DPI = 200
PAGE_POINTS = (420, 595)  # A5: small pages keep the tests' OCR time down
BLACK = (20, 20, 20)
RED = (215, 30, 35)
_SIMPLIFIED_CHINESE_FACE = 2  # index of Noto Sans CJK SC in the collection


@dataclass(frozen=True)
class Text:
    x: float | str  # points from the left edge, or "center"
    y: float  # points from the top edge
    text: str
    size: float = 12.0
    color: tuple[int, int, int] = BLACK


def _font(size_points: float, dpi: int) -> ImageFont.FreeTypeFont:
    import noto_cjk_sans_otc

    return ImageFont.truetype(str(noto_cjk_sans_otc.FONT_PATH), round(size_points * dpi / 72),
                              index=_SIMPLIFIED_CHINESE_FACE)


def draw_page(lines: list[Text], dpi: int = DPI, seal_at: tuple[float, float] | None = None) -> Image.Image:
    """A white page with ``lines``; ``seal_at`` (centre, in points) stamps a round red seal over them."""
    scale = dpi / 72
    page = Image.new("RGB", (round(PAGE_POINTS[0] * scale), round(PAGE_POINTS[1] * scale)), "white")
    draw = ImageDraw.Draw(page)
    for line in lines:
        font = _font(line.size, dpi)
        if line.x == "center":
            x = (page.width - draw.textlength(line.text, font=font)) / 2
        else:
            x = line.x * scale
        draw.text((x, line.y * scale), line.text, font=font, fill=line.color)
    if seal_at is not None:
        page = ImageChops.multiply(page, _seal(page.size, seal_at, scale))  # ink over ink, as stamped
    return page


def _seal(size: tuple[int, int], centre: tuple[float, float], scale: float) -> Image.Image:
    """A round organ's seal: a thick ring, a star and a ring of characters, all red."""
    import math

    layer = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(layer)
    cx, cy, radius = centre[0] * scale, centre[1] * scale, 60 * scale
    draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), outline=RED, width=round(4 * scale))
    star = [(cx + (20 if k % 2 == 0 else 8) * scale * math.sin(k * math.pi / 5),
             cy - (20 if k % 2 == 0 else 8) * scale * math.cos(k * math.pi / 5)) for k in range(10)]
    draw.polygon(star, fill=RED)
    font = _font(13, round(scale * 72))
    name = "阳泉市城区教育局公章"
    for index, char in enumerate(name):
        angle = math.radians(-120 + index * 240 / (len(name) - 1))
        x = cx + 0.75 * radius * math.sin(angle)
        y = cy - 0.75 * radius * math.cos(angle)
        glyph = Image.new("L", (round(16 * scale), round(16 * scale)), 0)
        ImageDraw.Draw(glyph).text((0, 0), char, font=font, fill=255)
        glyph = glyph.rotate(-math.degrees(angle), expand=True)
        layer.paste(Image.new("RGB", glyph.size, RED), (round(x - glyph.width / 2), round(y - glyph.height / 2)), glyph)
    return layer


def save_png(page: Image.Image, path: Path) -> Path:
    page.save(path, dpi=(DPI, DPI))
    return path


def save_tiff(pages: list[Image.Image], path: Path) -> Path:
    pages[0].save(path, save_all=True, append_images=pages[1:], compression="tiff_lzw", dpi=(DPI, DPI))
    return path


def save_pdf(pages: list[Image.Image | list[Text]], path: Path) -> Path:
    """A PDF whose pages are either a full-page picture and no text layer, as a scanner writes them,
    or ``Text`` lines in a text layer (the CID font STSong-Light)."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf = canvas.Canvas(str(path), pagesize=PAGE_POINTS)
    for page in pages:
        if isinstance(page, Image.Image):
            buffer = io.BytesIO()
            page.save(buffer, format="PNG")
            pdf.drawImage(ImageReader(buffer), 0, 0, *PAGE_POINTS)
        else:
            for line in page:
                pdf.setFont("STSong-Light", line.size)
                pdf.drawString(line.x, PAGE_POINTS[1] - line.y - line.size, line.text)
        pdf.showPage()
    pdf.save()
    return path


# A short 请示 as a clerk receives it on paper: red 版头, 文号, centred title, body, 署名 and date.
QINGSHI = [
    Text("center", 40, "阳泉市城区教育局文件", 22, RED),
    Text("center", 86, "城教字〔2024〕12号", 12),
    Text("center", 130, "阳泉市城区教育局关于改造学校食堂的请示", 14),
    Text(40, 170, "阳泉市城区人民政府：", 12),
    Text(64, 195, "我局所属三所小学食堂建于上世纪九十年代，设施老化，存", 12),
    Text(40, 218, "在燃气管道锈蚀、排烟不畅等安全隐患。为保障师生饮食安全，", 12),
    Text(40, 241, "拟对三所小学食堂进行改造，所需资金共计八十万元。", 12),
    Text(64, 264, "妥否，请批示。", 12),
    Text(236, 330, "阳泉市城区教育局", 12),
    Text(248, 354, "2024年3月5日", 12),
]
QINGSHI_TITLE = "阳泉市城区教育局关于改造学校食堂的请示"
QINGSHI_SIGNATURE = (290, 342)  # where a seal is stamped: over the 署名 and the date
