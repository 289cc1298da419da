"""The command line speaks Chinese: click's own messages, every command's and option's help, and the
usage errors; and no text meant for clerks (findings, reports) names a command-line flag."""
import ast
import re
from pathlib import Path

import click
import pytest
import yaml
from click.testing import CliRunner

from gongwen.pipeline.cli import main
from gongwen.pipeline.cli_messages import DEVELOPER_MESSAGES, MESSAGES, PLURAL_MESSAGES, cells

REPO = Path(__file__).resolve().parents[2]
HAN = re.compile(r"[\u4e00-\u9fff]")
# an English sentence or label click would print untranslated: "Show this message and exit.", "Usage:"
ENGLISH_SENTENCE = re.compile(r"\b[A-Z][a-z]+(?: [a-z]+)*[.:!](?:\s|$)")
FLAG = re.compile(r"(?<![\w-])--[A-Za-z]")


def _run(*args: str):
    return CliRunner().invoke(main, list(args), prog_name="gongwen")


def _commands(group: click.Group, path: tuple[str, ...] = ()):
    for name, command in group.commands.items():
        yield (*path, name), command
        if isinstance(command, click.Group):
            yield from _commands(command, (*path, name))


def test_main_help_is_chinese() -> None:
    result = _run("--help")
    assert result.exit_code == 0
    assert result.output.startswith("用法：gongwen [选项] 命令 [参数]...")
    assert "\n选项：\n" in result.output and "\n命令：\n" in result.output
    assert "显示本帮助并退出。" in result.output and "显示版本号并退出。" in result.output
    assert "在标准错误输出中记录处理进度与用时。" in result.output
    assert ENGLISH_SENTENCE.findall(result.output) == []


def test_check_help_is_chinese() -> None:
    result = _run("check", "-h")
    assert result.exit_code == 0
    assert result.output.startswith("用法：gongwen check [选项] 路径...")
    assert "--roster 文件" in result.output and "人员名单：列明人员姓名及其职务的 YAML 文件。" in result.output
    assert "-j, --jobs 进程数" in result.output and "[默认：text]" in result.output
    assert ENGLISH_SENTENCE.findall(result.output) == []


@pytest.mark.parametrize("path, command", list(_commands(main)), ids=lambda value: " ".join(value)
                         if isinstance(value, tuple) else "")
def test_every_command_and_option_is_explained_in_chinese(path, command) -> None:
    assert HAN.search(command.help or ""), f"gongwen {' '.join(path)}: no Chinese help"
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            assert HAN.search(param.help or ""), f"gongwen {' '.join(path)} {param.opts[0]}: no Chinese help"
    result = _run(*path, "--help")
    assert result.exit_code == 0
    assert ENGLISH_SENTENCE.findall(result.output) == []
    # Chinese characters take two columns: the help is laid out for an 80-column terminal
    assert max(cells(line) for line in result.output.splitlines()) <= 80, result.output


@pytest.mark.parametrize("args, expected", [
    (["check"], ["错误：缺少参数“路径...”。"]),
    (["check", "a.txt", "--x"], ["错误：没有“--x”这个选项。"]),
    (["check", "a.txt", "--rule", "dongan"], ["没有“--rule”这个选项。", "是否要输入 '--rules'？"]),
    (["check", "a.txt", "--format", "xml"], ["'--format' 的取值无效：“xml”不是可用的值，可选值为：'text', 'json'"]),
    (["check", "a.txt", "--fail-on", "sometimes"], ["“sometimes”不是可用的值"]),
    (["check", "a.txt", "--jobs", "many"], ["并行处理的进程数应为正整数", "实际为“many”"]),
    (["check", "a.txt", "--timeout"], ["错误：选项“--timeout”后面需要一个值。"]),
    (["annotate", "no-such-draft.docx"], ["文件“no-such-draft.docx”不存在。"]),
    (["frobnicate"], ["错误：没有“frobnicate”这个命令。"]),
    (["chek"], ["没有“chek”这个命令。", "是否要输入 'check'？"]),
    (["rules", "list", "extra"], ["错误：多余的参数：extra。"]),
    (["rules", "show"], ["错误：缺少参数“规则编号”。"]),
    (["report", "nightly"], ["错误：缺少选项“--output / -o”。"]),
    (["report", "nightly", "-o", "out", "--since", "2024-13-01"], ["“2024-13-01”不符合格式"]),
])
def test_usage_errors_are_chinese(args, expected) -> None:
    result = _run(*args)
    assert result.exit_code == 2
    for fragment in expected:
        assert fragment in result.output, result.output
    assert "Error" not in result.output and "Usage" not in result.output and "Try '" not in result.output


def test_usage_errors_say_how_to_get_help() -> None:
    output = _run("check").output
    assert "用法：gongwen check [选项] 路径...\n请运行“gongwen check --help”查看帮助。" in output


def test_version_is_chinese() -> None:
    result = _run("--version")
    assert result.exit_code == 0 and result.output.startswith("gongwen，版本 ")


def _click_msgids() -> set[str]:
    """Every string click passes to ``_`` or (as the singular) to ``ngettext``."""
    found = set()
    for source in Path(click.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext")
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                found.add(node.args[0].value)
    return found


def test_every_message_click_can_print_is_translated() -> None:
    msgids = _click_msgids()
    assert "Show this message and exit." in msgids  # the scan found click's strings
    untranslated = msgids - MESSAGES.keys() - PLURAL_MESSAGES.keys() - DEVELOPER_MESSAGES
    assert untranslated == set()


def test_translations_keep_clicks_placeholders() -> None:
    """A translation that drops a placeholder still formats; one that invents a name would raise."""
    placeholders = re.compile(r"(?<!\{)\{(\w+)[^}]*\}|%\((\w+)\)s")
    for msgid, chinese in MESSAGES.items():
        assert {name for pair in placeholders.findall(chinese) for name in pair if name} <= \
            {name for pair in placeholders.findall(msgid) for name in pair if name}, msgid
    for msgid, forms in PLURAL_MESSAGES.items():
        known = {name for pair in placeholders.findall(msgid) for name in pair if name}
        known |= {"possibilities", "choices", "formats", "len", "nargs"}  # the plural msgid's extra names
        for chinese in forms:
            assert {name for pair in placeholders.findall(chinese) for name in pair if name} <= known, msgid


# --- text meant for clerks names no command-line flag ---------------------------------------------

CLERK_SOURCES = ("validators", "reports", "extractors", "pipeline")
TERMINAL_ONLY = {REPO / "pipeline" / "cli.py"}  # the command line's own messages may name its options


def _docstrings(tree: ast.AST) -> set[int]:
    nodes = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                nodes.add(id(first.value))
    return nodes


def _chinese_strings_in_code():
    for folder in CLERK_SOURCES:
        for source in sorted((REPO / folder).rglob("*.py")):
            if source in TERMINAL_ONLY:
                continue
            tree = ast.parse(source.read_text(encoding="utf-8"))
            docstrings = _docstrings(tree)
            for node in ast.walk(tree):
                if (isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
                        and HAN.search(node.value)):
                    yield f"{source.relative_to(REPO)}:{node.lineno}", node.value


def _strings(data):
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)


def test_no_finding_or_report_text_names_a_flag() -> None:
    offending = [(where, text) for where, text in _chinese_strings_in_code() if FLAG.search(text)]
    for pack in sorted((REPO / "validators" / "packs").glob("*.yaml")):
        data = yaml.safe_load(pack.read_text(encoding="utf-8"))
        offending += [(pack.name, text) for text in _strings(data) if FLAG.search(text)]
    for template in sorted((REPO / "reports" / "templates").glob("*.j2")):
        text = re.sub(r"<style>.*?</style>", "", template.read_text(encoding="utf-8"), flags=re.S)
        offending += [(template.name, line) for line in text.splitlines() if FLAG.search(line)]
    assert offending == []


def test_the_flag_scan_sees_finding_messages() -> None:
    """The scan reads the validators' messages (else the test above would pass on nothing)."""
    texts = [text for where, text in _chinese_strings_in_code() if where.startswith("validators/kinds/required_steps.py")]
    assert any("人员名单中未找到此人" in text for text in texts)
