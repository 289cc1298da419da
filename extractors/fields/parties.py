from __future__ import annotations

import re

from gongwen.extractors.fields.elements import element_text, unclaimed_lines_after
from gongwen.extractors.knowledge.dates import find_dates
from gongwen.extractors.knowledge.organs import split_organ_list
from gongwen.pipeline.model import Document

RECIPIENTS_LABEL = re.compile(r"^主\s*送\s*[：:]")
CC_LABEL = re.compile(r"^抄\s*送\s*[：:]?")  # 「抄送：」, or 「抄送　…」 without its colon


def recipients(doc: Document) -> tuple[str, ...]:
    """主送机关, split into recipients (``organs.split_organ_list``), the closing colon dropped; a 主送
    printed in the 版记 keeps its label and full stop out ("主送：区委办公室，区政府办公室。")."""
    text = element_text(doc, "recipients")
    text = re.sub(r"\s*\n\s*", "", text) if text else text  # a 主送 over two lines
    return split_organ_list(RECIPIENTS_LABEL.sub("", text.strip()).rstrip("：:。.")) if text else ()


def cc(doc: Document) -> tuple[str, ...]:
    """抄送机关 from the 版记, split the same way, the closing 。 dropped. A list the page or the line
    width broke ("区人大常委会办" / "公室，区政协办公室。") is read on until its closing 。."""
    spans = doc.structure.elements.get("cc", ())
    if not spans:
        return ()
    parts = [CC_LABEL.sub("", doc.text[span.start:span.end]).strip() for span in spans]
    text = "".join(re.sub(r"[。.]$", "，", part) for part in parts[:-1]) + parts[-1]
    if not text.endswith(("。", ".")):
        for line in unclaimed_lines_after(doc, spans[-1].end):
            if not re.search(r"[\u4e00-\u9fff]", line) or "印发" in line or find_dates(line):
                break  # the 印发 line or a rule under the list
            text += line
            if line.endswith(("。", ".")):
                break
    return split_organ_list(text.rstrip("。."))
