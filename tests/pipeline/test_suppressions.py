from gongwen.pipeline.config import Suppression
from gongwen.pipeline.model import DocResult, Finding
from gongwen.pipeline.suppressions import apply_suppressions


def _finding(rule: str, excerpt: str) -> Finding:
    return Finding(rule=rule, severity="error", message="m", location=None, excerpt=excerpt, source=None)


def _result(path: str, *findings: Finding) -> DocResult:
    return DocResult(path=path, format="docx", status="ok", findings=findings)


def test_suppression_by_rule_path_and_text() -> None:
    results = [
        _result("草案/a.docx", _finding("length.limit", "正文"), _finding("docnumber.format", "国发[2024]5号")),
        _result("收文/b.docx", _finding("length.limit", "正文")),
    ]
    suppressions = [
        Suppression(rule="length.limit", path="草案/*.docx"),
        Suppression(rule="docnumber.format", text="[2024]"),
        Suppression(rule="title.format"),
    ]

    filtered, unused = apply_suppressions(results, suppressions)

    assert filtered[0].findings == ()
    assert [f.rule for f in filtered[1].findings] == ["length.limit"]
    assert unused == [Suppression(rule="title.format")]


def test_text_suppression_only_silences_the_matching_excerpt() -> None:
    results = [_result("a.txt", _finding("docnumber.format", "国发[2024]5号"), _finding("docnumber.format", "国发〔24〕6号"))]
    filtered, unused = apply_suppressions(results, [Suppression(rule="docnumber.format", text="[2024]")])
    assert [f.excerpt for f in filtered[0].findings] == ["国发〔24〕6号"]
    assert unused == []
