"""Chinese for the messages click itself prints (usage, help headings, usage errors), and a help
layout that measures Chinese characters as the two terminal columns they take.

click looks its strings up through a module-level ``_ = gettext.gettext`` (and ``ngettext``) in
each of its modules, that is through the process-wide default gettext domain and the user's locale.
``install()`` rebinds those names in click's modules alone to ``CHINESE``, so the text is Chinese
whatever the locale, and other users of gettext in the process (argparse, for one) are untouched.

Messages only a programmer sees while writing a command (a ``TypeError`` for an impossible option
declaration, a ``repr``) stay English: they are listed in ``DEVELOPER_MESSAGES``.
"""
from __future__ import annotations

import gettext
import importlib
import unicodedata

import click

MESSAGES: dict[str, str] = {
    # help pages
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "位置参数",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本号并退出。",
    "%(prog)s, version %(version)s": "%(prog)s，版本 %(version)s",
    "default: {default}": "默认：{default}",
    "required": "必填",
    "env var: {var}": "环境变量：{var}",
    "(dynamic)": "（动态）",
    "deprecated": "已停用",
    "file": "文件",
    "directory": "文件夹",
    "path": "路径",
    # usage errors
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "请运行“{command} {option}”查看帮助。",
    "Invalid value: {message}": "取值无效：{message}",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的取值无效：{message}",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing {param_type}": "缺少{param_type}",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Missing command.": "缺少命令。",
    "No such option {name!r}.": "没有“{name}”这个选项。",
    "No such command {name!r}.": "没有“{name}”这个命令。",
    "Option {name!r} does not take a value.": "选项“{name}”不接受取值。",
    "Argument {name!r} takes {nargs} values.": "参数“{name}”需要 {nargs} 个值。",
    "Value must be an iterable.": "取值应为多个值的序列。",
    "Choose from:\n\t{choices}": "可选值：\n\t{choices}",
    "{value!r} is not a valid {number_type}.": "“{value}”不是有效的数值。",
    "{value} is not in the range {range}.": "{value} 不在允许的范围 {range} 之内。",
    "{value!r} is not a valid boolean. Recognized values: {states}": "“{value}”不是有效的是非值，可用的值：{states}",
    "{value!r} is not a valid UUID.": "“{value}”不是有效的 UUID。",
    "{name} {filename!r} does not exist.": "{name}“{filename}”不存在。",
    "{name} {filename!r} is a file.": "“{filename}”是文件，此处应为文件夹。",
    "{name} {filename!r} is a directory.": "“{filename}”是文件夹，此处应为文件。",
    "{name} {filename!r} is not readable.": "{name}“{filename}”无法读取（没有读取权限）。",
    "{name} {filename!r} is not writable.": "{name}“{filename}”无法写入（没有写入权限）。",
    "{name} {filename!r} is not executable.": "{name}“{filename}”无法执行（没有执行权限）。",
    "Could not open file {filename!r}: {message}": "无法打开文件“{filename}”：{message}",
    "unknown error": "未知错误",
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}":
        "提示：命令“{name}”已停用。{extra_message}",
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}":
        "提示：{param_type}“{name}”已停用。{extra_message}",
    # prompts, progress bars and interruptions
    "Aborted!": "已中止。",
    "Do you want to continue?": "是否继续？",
    "Confirm the action without prompting.": "不经询问直接确认。",
    "Repeat for confirmation": "请再输入一次以确认",
    "Error: The two entered values do not match.": "错误：两次输入的内容不一致。",
    "Error: invalid input": "错误：输入无效",
    "Press any key to continue...": "按任意键继续……",
    "d": "天",
    "{editor}: Editing failed": "{editor}：编辑失败",
    "{editor}: Editing failed: {e}": "{editor}：编辑失败：{e}",
    "Windows error: {error}": "Windows 错误：{error}",
    "Shell completion is not supported for Bash versions older than 4.4.": "Bash 4.4 以下的版本不支持命令补全。",
    "Couldn't detect Bash version, shell completion is not supported.": "无法识别 Bash 的版本，不支持命令补全。",
}

# keyed by the singular msgid: (Chinese for one, Chinese for several)
PLURAL_MESSAGES: dict[str, tuple[str, str]] = {
    "Got unexpected extra argument ({args})": ("多余的参数：{args}。", "多余的参数：{args}。"),
    "Did you mean {possibility}?": ("是否要输入 {possibility}？", "（是否要输入以下之一：{possibilities}？）"),
    "Takes {nargs} values but 1 was given.": ("需要 {nargs} 个值，实际只给了 1 个。",
                                              "需要 {nargs} 个值，实际给了 {len} 个。"),
    "Option {name!r} requires an argument.": ("选项“{name}”后面需要一个值。", "选项“{name}”后面需要 {nargs} 个值。"),
    "{value!r} is not {choice}.": ("“{value}”不是可用的值，只能是 {choice}。", "“{value}”不是可用的值，可选值为：{choices}。"),
    "{value!r} does not match the format {format}.": ("“{value}”不符合格式 {format}。",
                                                      "“{value}”不符合以下任一格式：{formats}。"),
    "{len_type} values are required, but {len_value} was given.": ("需要 {len_type} 个值，实际给了 {len_value} 个。",
                                                                   "需要 {len_type} 个值，实际给了 {len_value} 个。"),
}

DEVELOPER_MESSAGES = frozenset({
    "Name '{name}' defined twice",
    "Boolean option {decl!r} cannot use the same flag for true/false.",
    "Could not determine name for option with declarations {decls!r}",
    "No options defined but a name was passed ({name}). Did you mean to declare an argument instead?"
    " Did you mean to pass '--{name}'?",
    "Arguments take exactly one parameter declaration, got {length}: {decls}.",
    "Invalid start character for option ({option})",
    "Choice({choices})",
    "Unknown color {colour!r}",
    "Unknown standard stream '{name}'",
})

# click's modules that look strings up; _winconsole only exists to be imported on Windows
CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "shell_completion", "termui",
                 "_termui_impl", "types", "utils")


class ChineseMessages(gettext.NullTranslations):
    """click's messages in Chinese; a message not in the catalogue stays as click wrote it."""

    def gettext(self, message: str) -> str:
        return MESSAGES.get(message, message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        forms = PLURAL_MESSAGES.get(singular)
        if forms is None:
            return singular if n == 1 else plural
        return forms[0] if n == 1 else forms[1]


CHINESE = ChineseMessages()


def install() -> None:
    """Make click speak Chinese in this process; call it before the commands are declared (the
    version option's help and ``click.Path``'s 文件/文件夹 are looked up when they are built)."""
    for name in CLICK_MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = CHINESE.gettext
        if hasattr(module, "ngettext"):
            module.ngettext = CHINESE.ngettext


def cells(text: str) -> int:
    """Terminal columns ``text`` takes: a Chinese character or full-width mark takes two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in click.unstyle(text))


# a line does not start with closing punctuation nor end with opening punctuation
CLOSING = set("，。、；：？！）》」』”’…%")
OPENING = set("（《「『“‘")


def _pieces(text: str) -> list[str]:
    """The units a line may break between: a Chinese character (with the punctuation that must stay
    with it), a run of other non-space characters (an English word, an option, a number), a space."""
    pieces: list[str] = []
    for char in text:
        wide = unicodedata.east_asian_width(char) in "WF"
        previous = pieces[-1] if pieces else ""
        if previous and (char in CLOSING or previous[-1] in OPENING
                         or (not wide and not char.isspace() and not previous[-1].isspace()
                             and unicodedata.east_asian_width(previous[-1]) not in "WF")):
            pieces[-1] += char
        else:
            pieces.append(char)
    return pieces


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` columns (a single piece wider than that gets a line)."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for piece in _pieces(" ".join(paragraph.split())):
            if line and cells(line) + cells(piece) > width:
                lines.append(line.rstrip())
                line = "" if piece.isspace() else piece
            else:
                line += "" if piece.isspace() and not line else piece
        lines.append(line.rstrip())
    return lines


class ChineseHelpFormatter(click.HelpFormatter):
    """click's layout with full-width colons after 用法 and the section names, and the text wrapped
    by terminal columns rather than by characters (click's count would run Chinese lines twice as
    wide as the terminal)."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, CHINESE.gettext("Usage:") if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}：\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        paragraphs = [paragraph for paragraph in text.split("\n\n") if paragraph.strip()]
        for number, paragraph in enumerate(paragraphs):
            if number:
                self.write("\n")
            for line in wrap(paragraph, max(self.width - self.current_indent, 11)):
                self.write(f"{indent}{line}\n")

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        first_width = min(max((cells(first) for first, *_ in rows), default=0), col_max) + col_spacing
        for first, *rest in rows:
            second = rest[0] if rest else ""
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if cells(first) <= first_width - col_spacing:
                self.write(" " * (first_width - cells(first)))
            else:
                self.write("\n" + " " * (first_width + self.current_indent))
            lines = wrap(second, max(self.width - first_width - self.current_indent, 10))
            self.write(f"{lines[0]}\n")
            for line in lines[1:]:
                self.write(f"{'':>{first_width + self.current_indent}}{line}\n")


class ChineseContext(click.Context):
    formatter_class = ChineseHelpFormatter


class ChineseCommand(click.Command):
    """A command whose help and usage errors are laid out in Chinese."""

    context_class = ChineseContext

    def __init__(self, *args, options_metavar: str | None = "[选项]", **kwargs) -> None:
        super().__init__(*args, options_metavar=options_metavar, **kwargs)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.MissingParameter as missing:
            raise click.UsageError(_missing_text(missing), ctx) from None


def _missing_text(missing: click.MissingParameter) -> str:
    """「缺少参数“路径...”。」 rather than click's 「缺少参数 '路径...'.」 (its quotes and full stop are
    not translatable)."""
    param = missing.param
    if isinstance(param, click.Argument):
        return f"缺少参数“{param.human_readable_name}”。"
    if param is not None:
        return f"缺少选项“{' / '.join(param.opts)}”。"
    return missing.format_message()


class ChineseGroup(click.Group):
    """A command group whose own help, and its subcommands' and subgroups', are laid out in Chinese."""

    context_class = ChineseContext
    command_class = ChineseCommand
    group_class = type  # subgroups are ChineseGroups too

    def __init__(self, *args, options_metavar: str | None = "[选项]", subcommand_metavar: str | None = None,
                 **kwargs) -> None:
        chain = kwargs.get("chain", False)
        subcommand_metavar = subcommand_metavar or ("命令1 [参数]... [命令2 [参数]...]..." if chain else "命令 [参数]...")
        super().__init__(*args, options_metavar=options_metavar, subcommand_metavar=subcommand_metavar, **kwargs)
