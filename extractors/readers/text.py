"""Plain text (.txt) and Markdown (.md) readers.

Decoding: strict UTF-8 (with or without BOM), UTF-16 with a BOM, then strict GB18030 (a superset
of GBK and GB2312), and only then charset-normalizer's best guess. Big5 bytes are nearly always
valid GBK, so a GB18030 reading that leaves GB2312 is double-checked with charset-normalizer.

Every source line becomes one ``para`` block, blank lines included (as empty blocks): a blank
line ends a paragraph and, in the text form of a 发文稿纸, ends the form, so later stages need it.
Markdown markup that is not text is removed: heading ``#`` marks, ``>`` quote marks, bullet
markers, table pipes (rows become ``table_row`` blocks), link and emphasis syntax, HTML comments,
and YAML front matter (its keys go to ``meta["front_matter"]``). Ordered-list numbers are kept,
because in a 公文 "1." is part of the text. In .txt files only the leftovers of a Markdown export
are removed: ``**`` that come in pairs within a paragraph, and YAML front matter opening the file
(scraped documents are often saved so; its keys go to ``meta["front_matter"]`` as for .md).
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

from gongwen.extractors.readers.guard import ReadLimits
from gongwen.pipeline.errors import IngestError
from gongwen.pipeline.model import Block, BlockStyle, RawDocument

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_BOLD_MARK = "**"


def decode(data: bytes, path: Path) -> tuple[str, str]:
    """Decode text bytes; return the text and the name of the encoding used.

    Any bytes at all decode as something in GB18030 or Big5, so a reading other than UTF-8 must
    also read as words (``_reads_as_words``), else it is ``decode-failed``, not a clean document.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data, "utf-8-sig", path), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    text, encoding = _decode_legacy(data, path)
    if not _reads_as_words(text):
        raise IngestError("decode-failed", path)
    return text, encoding


def _decode_legacy(data: bytes, path: Path) -> tuple[str, str]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16", path), "utf-16"
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    if text is not None and (_fits_gb2312(text) or _guess_encoding(data) not in {"big5", "cp950", "big5hkscs"}):
        return text, "gb18030"
    guess = _guess_encoding(data)
    if guess is None:
        raise IngestError("decode-failed", path)
    return data.decode(guess, errors="strict"), guess


# Characters real Chinese text is made of: printable ASCII, the punctuation and symbols of
# official documents, and the common hanzi (GB2312 level 1 and Big5 level 1: 3,755 simplified and
# 5,401 traditional characters, nearly all of any real text). Decoded random bytes spread over
# every character of the encoding: measured on 43 real .txt files (corpus, shared real corpus,
# seeds; GBK ones included) the share is at least 0.98; on random bytes at most 0.75.
_MIN_COMMON_SHARE = 0.9
_MIN_JUDGED_CHARS = 20  # a shorter text is too short to judge
_JUDGED_SAMPLE = 20_000
_COMMON_SYMBOL_RANGES = (
    (0x20, 0x7E), (0xB7, 0xB7), (0xD7, 0xD7), (0xF7, 0xF7), (0x2010, 0x206F), (0x2160, 0x217F),
    (0x2460, 0x24FF), (0x25A0, 0x25FF), (0x3000, 0x303F), (0x3200, 0x32FF), (0xFF01, 0xFF5E),
)


def _reads_as_words(text: str) -> bool:
    judged = [char for char in text[:_JUDGED_SAMPLE] if not char.isspace()]
    if len(judged) < _MIN_JUDGED_CHARS:
        return True
    common = _common_hanzi()
    hits = sum(1 for char in judged
               if char in common or any(low <= ord(char) <= high for low, high in _COMMON_SYMBOL_RANGES))
    return hits >= _MIN_COMMON_SHARE * len(judged)


@functools.cache
def _common_hanzi() -> frozenset[str]:
    pairs = [(bytes((lead, trail)), "gb2312") for lead in range(0xB0, 0xD8) for trail in range(0xA1, 0xFF)]
    pairs += [(bytes((lead, trail)), "big5") for lead in range(0xA4, 0xC7)
              for trail in (*range(0x40, 0x7F), *range(0xA1, 0xFF))]
    chars = set()
    for pair, encoding in pairs:
        try:
            chars.add(pair.decode(encoding))
        except UnicodeDecodeError:
            continue  # the unassigned end of a row
    return frozenset(chars)


def _strict(data: bytes, encoding: str, path: Path) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise IngestError("decode-failed", path) from None


def _fits_gb2312(text: str) -> bool:
    try:
        text.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _guess_encoding(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return best.encoding if best is not None else None


def split_lines(text: str) -> list[str]:
    lines = _LINE_BREAK.split(text)
    if lines and lines[-1] == "":
        lines.pop()  # the newline that ends the last line opens no new one
    return lines


def read_text(path: Path, data: bytes, limits: ReadLimits) -> RawDocument:
    text, encoding = decode(data, path)
    meta: dict = {"encoding": encoding}
    front_matter, lines = _front_matter(split_lines(text))
    if front_matter is not None:
        meta["front_matter"] = front_matter
    blocks = tuple(Block(kind="para", text=line) for line in _strip_paired_bold(lines))
    return RawDocument(path=str(path), format="txt", blocks=blocks, meta=meta)


def _strip_paired_bold(lines: list[str]) -> list[str]:
    """Remove ``**`` where they pair up inside a paragraph (a run of non-blank lines)."""
    result: list[str] = []
    paragraph: list[str] = []
    for line in [*lines, ""]:
        if line.strip():
            paragraph.append(line)
            continue
        if paragraph:
            if sum(part.count(_BOLD_MARK) for part in paragraph) % 2 == 0:
                paragraph = [part.replace(_BOLD_MARK, "") for part in paragraph]
            else:
                paragraph = [part.replace(_BOLD_MARK, "") if part.count(_BOLD_MARK) % 2 == 0 else part
                             for part in paragraph]
            result.extend(paragraph)
            paragraph = []
        result.append(line)
    result.pop()  # the sentinel
    return result


# --- Markdown -------------------------------------------------------------------------------

# Block markers are matched with patterns that cannot backtrack over a long line (a table line
# or a heading of 30 KB must cost one pass): no two adjacent quantifiers over the same
# characters, and the parts that would need them are plain string operations.
_FRONT_MATTER_FENCE = re.compile(r"^---\s*$")
_HEADING_OPEN = re.compile(r" {0,3}(#{1,6})(?=[ \t]|$)")
_QUOTES = re.compile(r"(?: {0,3}>[ ]?)*+")
_BULLET = re.compile(r"^(\s*)[-*+][ \t]+")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_DELIMITER_CELL = re.compile(r"\s*+:?-+:?\s*+")
_LAST_DELIMITER_CELL = re.compile(r"\s*+:?-*:?\s*+")


def read_markdown(path: Path, data: bytes, limits: ReadLimits) -> RawDocument:
    text, encoding = decode(data, path)
    lines = split_lines(text)
    meta: dict = {"encoding": encoding}
    front_matter, lines = _front_matter(lines)
    if front_matter is not None:
        meta["front_matter"] = front_matter
    return RawDocument(path=str(path), format="md", blocks=tuple(_markdown_blocks(lines)), meta=meta)


def _front_matter(lines: list[str]) -> tuple[dict | None, list[str]]:
    if not lines or not _FRONT_MATTER_FENCE.match(lines[0]):
        return None, lines
    for end in range(1, len(lines)):
        if _FRONT_MATTER_FENCE.match(lines[end]):
            import yaml

            from gongwen.pipeline import safe_yaml

            try:
                values = safe_yaml.load("\n".join(lines[1:end]))
            except yaml.YAMLError:  # not front matter after all (or a hostile one): the lines stay text
                return None, lines
            if not isinstance(values, dict):
                return None, lines
            return {str(key): value for key, value in values.items()}, lines[end + 1:]
    return None, lines


def _markdown_blocks(lines: list[str]) -> list[Block]:
    """Classify each line by its block marker, then render runs of paragraph lines inline."""
    blocks: list[Block] = []
    paragraph: list[str] = []
    table = -1
    in_table = False
    in_fence = False

    def flush() -> None:
        blocks.extend(_inline_blocks(paragraph))
        paragraph.clear()

    source = _without_html_comments("\n".join(lines)).split("\n") if lines else []
    for line in source:
        if _FENCE.match(line):
            flush()
            in_fence = not in_fence
            continue
        if in_fence:
            blocks.append(Block(kind="para", text=line))
            continue
        if _TABLE_ROW.match(line):
            flush()
            if _is_table_delimiter(line):
                continue
            if not in_table:
                table += 1
                in_table = True
            cells = tuple(_inline_text(cell.strip())[0] for cell in line.strip().strip("|").split("|"))
            blocks.append(Block(kind="table_row", text="\t".join(cells), cells=cells, table=table))
            continue
        in_table = False
        if not line.strip() or _RULE.match(line):
            flush()
            blocks.append(Block(kind="para", text=""))
            continue
        heading = _heading(line)
        if heading:
            flush()
            level, source_text = heading
            content, bold = _inline_text(source_text)
            blocks.append(Block(kind="para", text=content, style=BlockStyle(bold=bold, style_name=f"Heading {level}")))
            continue
        line = line[_QUOTES.match(line).end():]
        bullet = _BULLET.match(line)
        if bullet:
            flush()
            line = line[bullet.end():]
        paragraph.append(line)
    flush()
    return blocks


def _without_html_comments(text: str) -> str:
    parts: list[str] = []
    position = 0
    while (start := text.find("<!--", position)) != -1:
        end = text.find("-->", start + 4)
        if end == -1:
            break  # an unclosed comment is text, as it was
        parts.append(text[position:start])
        position = end + 3
    parts.append(text[position:])
    return "".join(parts)


def _is_table_delimiter(line: str) -> bool:
    """``|---|:--:|`` and the like: one leading and one trailing pipe are optional."""
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|"):
        body = body[:-1]
    cells = body.split("|")
    if len(cells) == 1:  # GFM needs a pipe inside or around the row; _TABLE_ROW saw both ends
        return bool(_DELIMITER_CELL.fullmatch(cells[0])) and line.strip().startswith("|")
    return (all(_DELIMITER_CELL.fullmatch(cell) for cell in cells[:-1])
            and bool(_LAST_DELIMITER_CELL.fullmatch(cells[-1])))


def _heading(line: str) -> tuple[int, str] | None:
    """An ATX heading's level and text, without the optional closing ``#`` run."""
    opening = _HEADING_OPEN.match(line)
    if opening is None:
        return None
    content = line[opening.end():].strip(" \t")
    unclosed = content.rstrip("#")
    if unclosed != content and unclosed[-1:] in (" ", "\t"):
        content = unclosed.rstrip(" \t")
    return len(opening.group(1)), content


def _inline_blocks(lines: list[str]) -> list[Block]:
    """Render a paragraph's inline markup; one block per source line."""
    if not lines:
        return []
    rendered = _render_inline("\n".join(lines))
    return [Block(kind="para", text=text, style=BlockStyle(bold=bold)) for text, bold in rendered]


def _inline_text(source: str) -> tuple[str, bool | None]:
    rendered = _render_inline(source)
    text = "".join(part for part, _ in rendered)
    bold = all(flag for _, flag in rendered) if rendered else None
    return text, bold if bold else None


def _render_inline(source: str) -> list[tuple[str, bool | None]]:
    """Text of each line of ``source`` without markup, and whether all of it is bold."""
    children = _markdown().parseInline(source)[0].children or []
    lines: list[tuple[str, bool | None]] = []
    parts: list[str] = []
    bold_chars = plain_chars = strong = 0
    for token in children:
        if token.type in ("softbreak", "hardbreak"):
            lines.append(_finish_line(parts, bold_chars, plain_chars))
            parts, bold_chars, plain_chars = [], 0, 0
        elif token.type == "strong_open":
            strong += 1
        elif token.type == "strong_close":
            strong -= 1
        elif token.type in ("text", "code_inline"):  # images and inline HTML carry no body text
            parts.append(token.content)
            counted = len(token.content.strip())
            if strong:
                bold_chars += counted
            else:
                plain_chars += counted
    lines.append(_finish_line(parts, bold_chars, plain_chars))
    return lines


def _finish_line(parts: list[str], bold_chars: int, plain_chars: int) -> tuple[str, bool | None]:
    return "".join(parts), (True if bold_chars and not plain_chars else None)


@functools.cache
def _markdown():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")
