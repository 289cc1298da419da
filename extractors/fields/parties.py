from __future__ import annotations

import re

from gongwen.extractors.fields.elements import element_text
from gongwen.extractors.fields.patterns import split_list
from gongwen.pipeline.model import Document


def recipients(doc: Document) -> tuple[str, ...]:
    """主送机关, split on 、，, and ；, the closing colon dropped."""
    text = element_text(doc, "recipients")
    return split_list(text.rstrip().rstrip("：:")) if text else ()


def cc(doc: Document) -> tuple[str, ...]:
    """抄送机关 from the 版记, split the same way, the closing 。 dropped."""
    text = element_text(doc, "cc")
    if not text:
        return ()
    return split_list(re.sub(r"^抄\s*送\s*[：:]", "", text).rstrip("。."))
