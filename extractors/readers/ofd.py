"""OFD reader (GB/T 33190): a zip of XML, read with lxml.

OFD.xml -> DocBody/DocRoot -> Document.xml -> Pages/Page/@BaseLoc -> Content.xml. Each page's
``TextObject``/``TextCode`` runs (its template pages' first, as they lie underneath) are placed
on their baselines (Boundary y + TextCode Y), runs on one baseline become a line ordered by x,
lines go top to bottom, and ``layout.paragraphs`` joins them into paragraphs as for PDF.
Runs on one line with a gap wider than one character (a 版记 line: organ ... date) get a space.
A document whose pages hold only paths and images has ``no-text-layer``.
"""
from __future__ import annotations

import math
import posixpath
from dataclasses import dataclass
from pathlib import Path

from gongwen.extractors.readers.guard import ReadLimits, ZipBudget, open_zip
from gongwen.extractors.readers.layout import Line, fold_compatibility_ideographs, paragraphs
from gongwen.pipeline.errors import IngestError
from gongwen.pipeline.model import RawDocument

OFD = "{http://www.ofdspec.org/2016}"
_BOLD_WEIGHT = 700


@dataclass(frozen=True)
class _Run:
    text: str
    x0: float
    x1: float
    baseline: float
    size: float
    bold: bool


def read_ofd(path: Path, data: bytes, limits: ReadLimits) -> RawDocument:
    with open_zip(path, data, limits) as archive:
        package = _Package(path, ZipBudget(path, archive, limits))
        lines: list[Line] = []
        page_count = 0
        for document_location in package.document_roots():
            document = package.xml(document_location)
            base = posixpath.dirname(document_location)
            templates = {template.get("ID"): _resolve(base, template.get("BaseLoc", ""))
                         for template in document.iter(OFD + "TemplatePage")}
            for page in document.iter(OFD + "Page"):
                page_count += 1
                content = package.xml(_resolve(base, page.get("BaseLoc", "")))
                runs = [run for template in content.iter(OFD + "Template")
                        if template.get("TemplateID") in templates
                        for run in _runs(package.xml(templates[template.get("TemplateID")]))]
                runs.extend(_runs(content))
                lines.extend(_lines(runs, page_count))
    if not lines:
        raise IngestError("no-text-layer", path)
    return RawDocument(path=str(path), format="ofd", blocks=tuple(paragraphs(lines)), meta={"pages": page_count})


class _Package:
    def __init__(self, path: Path, budget: ZipBudget) -> None:
        self._path = path
        self._budget = budget

    def xml(self, location: str):
        from lxml import etree

        parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)
        try:
            return etree.fromstring(self._budget.read(location), parser)
        except etree.XMLSyntaxError as error:
            raise IngestError("corrupt-file", self._path, reason=f"{location} 不是有效的 XML（{error}）") from None

    def document_roots(self) -> list[str]:
        roots = [_resolve("", element.text.strip()) for element in self.xml("OFD.xml").iter(OFD + "DocRoot")
                 if element.text and element.text.strip()]
        if not roots:
            raise IngestError("corrupt-file", self._path, reason="OFD.xml 中没有 DocRoot")
        return roots


def _resolve(base: str, location: str) -> str:
    if location.startswith("/"):
        return posixpath.normpath(location.lstrip("/"))
    return posixpath.normpath(posixpath.join(base, location))


def _runs(content) -> list[_Run]:
    runs = []
    for text_object in content.iter(OFD + "TextObject"):
        box = _numbers(text_object.get("Boundary"))
        if len(box) != 4:
            continue
        size = _number(text_object.get("Size")) or box[3] or 1.0
        bold = _number(text_object.get("Weight")) >= _BOLD_WEIGHT or text_object.get("Bold") == "true"
        x, y = 0.0, 0.0
        for code in text_object.iter(OFD + "TextCode"):
            text = fold_compatibility_ideographs(code.text or "")
            # A TextCode without X or Y continues where the previous one left off.
            x = _number(code.get("X"), x)
            y = _number(code.get("Y"), y)
            advances = _advances(code.get("DeltaX"), len(text) - 1)
            if text.strip():
                width = sum(advances[: len(text) - 1]) + (size if not text[-1].isascii() else size / 2)
                start = box[0] + x
                runs.append(_Run(text, start, min(start + width, box[0] + box[2]), box[1] + y, size, bold))
            x += sum(advances[: len(text) - 1]) + size
    return runs


def _lines(runs: list[_Run], page: int) -> list[Line]:
    lines: list[list[_Run]] = []
    for run in sorted(runs, key=lambda run: (run.baseline, run.x0)):
        if lines and abs(lines[-1][0].baseline - run.baseline) <= 0.3 * run.size:
            lines[-1].append(run)
        else:
            lines.append([run])
    result = []
    for line_runs in lines:
        line_runs.sort(key=lambda run: run.x0)
        text = line_runs[0].text
        for previous, run in zip(line_runs, line_runs[1:]):
            text += (" " if run.x0 - previous.x1 > 1.5 * run.size else "") + run.text
        sizes = [run.size for run in line_runs]
        result.append(Line(text=text, page=page, x0=line_runs[0].x0, x1=line_runs[-1].x1,
                           size=round(max(sizes, key=sizes.count), 2),
                           bold=all(run.bold for run in line_runs)))
    return result


def _advances(delta: str | None, needed: int) -> list[float]:
    """The first ``needed`` advances of a DeltaX list, where ``g N v`` stands for N advances of v
    (N is whatever the file says, "g 400000000 1" included: only what the text uses is expanded)."""
    if not delta:
        return []
    tokens = delta.split()
    advances: list[float] = []
    index = 0
    while index < len(tokens) and len(advances) < needed:
        if tokens[index] == "g" and index + 2 < len(tokens):
            repeat = _number(tokens[index + 1])
            repeat = int(min(repeat, needed - len(advances))) if math.isfinite(repeat) and repeat > 0 else 0
            advances.extend([_number(tokens[index + 2])] * repeat)
            index += 3
        else:
            advances.append(_number(tokens[index]))
            index += 1
    return advances


def _numbers(value: str | None) -> list[float]:
    return [_number(part) for part in (value or "").split()]


def _number(value: str | None, default: float = 0.0) -> float:
    try:
        return float(value) if value is not None else default
    except ValueError:
        return default
