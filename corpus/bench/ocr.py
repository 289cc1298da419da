"""`make bench`, OCR section: the corpus's own PDFs rendered to scans and read back by OCR.

Each PDF of ``corpus/documents`` is rendered at 150 and 300 dpi into a multi-page TIFF (what a
scanner delivers) and read by gongwen like any scan. Against the PDF's own text layer:

* character error rate: edit distance between the text read by OCR and the text read from the
  text layer (whitespace and page-number footers left out), over the latter's length, summed over
  all documents; the commonest confusions are listed;
* field agreement: the fields gongwen extracts from the scan equal to those it extracts from the
  text layer, over the fields either reading found (the approval record is left out: it comes
  from the sidecar file, not from the text; so is each field's provenance, whose offsets move);
* pages per second per core: pages over the CPU seconds of reading them (one onnxruntime thread
  per process, as in ``gongwen batch``).

The corpus PDFs use the non-embedded CID font STSong-Light, which pdfium can draw only with a CJK
font on the machine: the render uses Noto Sans CJK SC from the dev extra (``noto-cjk-sans-otc``),
handed to pdfium as its font folder. Its 宋体 is replaced by a sans face: the scans are clean,
but not in the documents' own typeface. That changes pdfium's setup for the process, which is why
this section runs in processes of its own.

Usage: python -m corpus.bench.ocr [--dpi 150,300] [--jobs N] [--json] [--details]
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import os
import shutil
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from gongwen.pipeline.model import Fields

REPO_ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = REPO_ROOT / "corpus" / "documents"
DPIS = (150, 300)
TARGET_CER_300 = 0.01
TARGET_FIELD_AGREEMENT = 0.95
_SIMPLIFIED_CHINESE_FACE = 2  # Noto Sans CJK SC in the collection
# Not compared: the approval record (from the sidecar file, not the text) and the provenance (where
# and how sure each field was read: its offsets move with the text's length, as request items' do).
COMPARED_FIELDS = tuple(field.name for field in dataclasses.fields(Fields) if field.name not in ("approval", "provenance"))


def _use_bundled_cjk_font() -> None:
    """Restart pdfium with Noto Sans CJK SC as its only system font (see the module doc)."""
    import ctypes

    import pypdfium2.raw as pdfium_c
    from pypdfium2 import _library_scope
    from pypdfium2.internal import bases

    folder = Path(tempfile.mkdtemp(prefix="gongwen-ocr-font-"))
    (folder / "NotoSansCJKsc-Regular.ttc").write_bytes(_simplified_chinese_face())
    _library_scope.destroy_lib()
    path = ctypes.cast(ctypes.c_char_p(str(folder).encode()), ctypes.POINTER(ctypes.c_char))
    paths = (ctypes.POINTER(ctypes.c_char) * 2)(path, None)
    config = pdfium_c.FPDF_LIBRARY_CONFIG(version=2, m_pUserFontPaths=paths, m_pIsolate=None, m_v8EmbedderSlot=0)
    pdfium_c.FPDF_InitLibraryWithConfig(config)
    bases.LIBRARY_AVAILABLE = True


def _simplified_chinese_face() -> bytes:
    """The Noto collection with its header listing only the SC face: offered all faces, pdfium
    takes the Japanese one, whose 门 the recogniser reads as 內. Table offsets in a collection
    count from the file's start, so the rest of the file stays as it is."""
    import struct

    import noto_cjk_sans_otc

    data = bytearray(noto_cjk_sans_otc.FONT_PATH.read_bytes())
    assert data[:4] == b"ttcf"
    face_offset = struct.unpack_from(">I", data, 12 + 4 * _SIMPLIFIED_CHINESE_FACE)[0]
    struct.pack_into(">II", data, 8, 1, face_offset)
    return bytes(data)


def _scan(pdf: Path, dpi: int, folder: Path) -> Path:
    """The PDF's pages rendered at ``dpi`` into one multi-page TIFF."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        images = [document[index].render(scale=dpi / 72).to_pil().convert("RGB") for index in range(len(document))]
    finally:
        document.close()
    path = folder / f"{pdf.stem}-{dpi}dpi.tif"
    images[0].save(path, save_all=True, append_images=images[1:], compression="tiff_lzw", dpi=(dpi, dpi))
    return path


def _fields(result) -> dict:
    fields = dataclasses.asdict(result.fields) if result.fields else {}
    for item in fields.get("request_items", ()):
        item.pop("start"), item.pop("end")  # offsets differ with the text's length, the item need not
    return {name: fields.get(name) for name in COMPARED_FIELDS}


def _content(result) -> str:
    return "".join("".join(block.text for block in result.document.raw.blocks if block.kind != "footer").split())


def measure_document(pdf: str, dpi: int, folder: str) -> dict:
    from rapidfuzz.distance import Levenshtein

    from gongwen.pipeline.runner import process_path

    pdf_path = Path(pdf)
    text_layer = process_path(pdf_path, keep_document=True)
    reference, pages = _content(text_layer), text_layer.document.raw.meta["pages"]
    text_layer_fields = _fields(text_layer)
    scan = _scan(pdf_path, dpi, Path(folder))
    started = time.process_time()
    result = process_path(scan, keep_document=True)
    cpu = time.process_time() - started
    if result.status != "ok":
        return {"document": pdf_path.name, "dpi": dpi, "pages": pages, "failed": result.error.code}
    hypothesis = _content(result)
    edits = Levenshtein.editops(reference, hypothesis)
    confusions = [(reference[op.src_pos] if op.tag != "insert" else "", hypothesis[op.dest_pos] if op.tag != "delete" else "")
                  for op in edits]
    scan_fields = _fields(result)
    found = [name for name in COMPARED_FIELDS if text_layer_fields[name] or scan_fields[name]]
    differing = [name for name in found if text_layer_fields[name] != scan_fields[name]]
    return {"document": pdf_path.name, "dpi": dpi, "pages": pages, "cpu_seconds": cpu,
            "reference_chars": len(reference), "edits": len(edits), "confusions": confusions,
            "fields_found": len(found), "fields_differing": differing,
            "differences": {name: [text_layer_fields[name], scan_fields[name]] for name in differing}}


def _init_worker() -> None:
    _use_bundled_cjk_font()
    from gongwen.extractors.readers.ocr import _engine

    _engine()  # loaded once per process, as in a batch; not counted in the pages' time


def run(dpis: tuple[int, ...] = DPIS, jobs: int | None = None, log=lambda message: None) -> dict:
    pdfs = sorted(DOCUMENTS.glob("*.pdf"))
    jobs = jobs or os.cpu_count() or 1
    folder = Path(tempfile.mkdtemp(prefix="gongwen-ocr-bench-"))
    try:
        started = time.perf_counter()
        with ProcessPoolExecutor(jobs, initializer=_init_worker) as pool:
            futures = [pool.submit(measure_document, str(pdf), dpi, str(folder)) for dpi in dpis for pdf in pdfs]
            documents = [future.result() for future in futures]
        wall = time.perf_counter() - started
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    summary = {}
    for dpi in dpis:
        rows = [row for row in documents if row["dpi"] == dpi and "failed" not in row]
        pages = sum(row["pages"] for row in rows)
        cpu = sum(row["cpu_seconds"] for row in rows)
        found = sum(row["fields_found"] for row in rows)
        summary[dpi] = {
            "documents": len(rows), "failed": [row["document"] for row in documents
                                               if row["dpi"] == dpi and "failed" in row],
            "pages": pages,
            "cer": sum(row["edits"] for row in rows) / max(1, sum(row["reference_chars"] for row in rows)),
            "field_agreement": (found - sum(len(row["fields_differing"]) for row in rows)) / max(1, found),
            "pages_per_cpu_second": pages / cpu if cpu else None,
            "top_confusions": Counter(f"{was or '∅'}→{read or '∅'}" for row in rows
                                      for was, read in row["confusions"]).most_common(10),
        }
    log(f"  OCR: {len(documents)} scans in {wall:.0f} s")
    return {"documents": documents, "summary": summary, "jobs": jobs, "wall_seconds": wall}


def targets(figures: dict) -> list[dict]:
    at_300 = figures["summary"].get(300) or figures["summary"].get("300")
    if at_300 is None:
        return []
    return [
        {"name": "OCR character error rate at 300 dpi", "value": at_300["cer"] * 100, "unit": "%",
         "comparison": "<=", "target": TARGET_CER_300 * 100, "pass": at_300["cer"] <= TARGET_CER_300},
        {"name": "OCR field agreement at 300 dpi", "value": at_300["field_agreement"], "unit": "",
         "comparison": ">=", "target": TARGET_FIELD_AGREEMENT,
         "pass": at_300["field_agreement"] >= TARGET_FIELD_AGREEMENT},
    ]


def render(figures: dict, details: bool = False) -> str:
    out = [f"OCR of scans (the corpus's {len({row['document'] for row in figures['documents']})} PDFs rendered to "
           f"TIFF, read back; {figures['jobs']} processes, {figures['wall_seconds']:.0f} s)",
           f"{'dpi':>5}{'docs':>6}{'pages':>7}{'CER':>8}{'field agreement':>17}{'pages/s/core':>14}"]
    for dpi, item in figures["summary"].items():
        speed = item["pages_per_cpu_second"]
        out.append(f"{dpi:>5}{item['documents']:>6}{item['pages']:>7}{item['cer']:>8.2%}"
                   f"{item['field_agreement']:>17.3f}{'—' if speed is None else f'{speed:.2f}':>14}"
                   + (f"   failed: {', '.join(item['failed'])}" if item["failed"] else ""))
    for dpi, item in figures["summary"].items():
        out.append(f"commonest errors at {dpi} dpi (text layer→OCR, count): "
                   + ", ".join(f"{pair} {count}" for pair, count in item["top_confusions"]))
    differing = [(row["dpi"], row["document"], name, pair) for row in figures["documents"]
                 for name, pair in row.get("differences", {}).items()]
    if differing:
        out.append("fields read differently from the text layer (dpi, document, field: text layer → scan):")
        shown = differing if details else differing[:8]
        out.extend(f"  {dpi} {document} {name}: {pair[0]!r} → {pair[1]!r}" for dpi, document, name, pair in shown)
        if len(shown) < len(differing):
            out.append(f"  … {len(differing) - len(shown)} more (--details)")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m corpus.bench.ocr", description=__doc__.split("\n\n")[0])
    parser.add_argument("--dpi", default=",".join(map(str, DPIS)), help="resolutions, e.g. 150,300")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--details", action="store_true", help="list every field read differently")
    args = parser.parse_args(argv)
    figures = run(tuple(int(value) for value in args.dpi.split(",")), args.jobs,
                  log=lambda message: print(message, file=sys.stderr, flush=True))
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, default=str))
    else:
        sys.stdout.write(render(figures, args.details))
        for target in targets(figures):
            print(f"  {'PASS' if target['pass'] else 'MISS'}  {target['name']}: {target['value']:.3g} "
                  f"(target {target['comparison']} {target['target']:g} {target['unit']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
