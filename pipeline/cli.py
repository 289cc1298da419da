"""The `gongwen` command line."""
from __future__ import annotations

import dataclasses
import logging
import math
import sys
from pathlib import Path

import click

from gongwen.pipeline import __version__, cli_messages
from gongwen.pipeline.cli_messages import ChineseGroup
from gongwen.pipeline.errors import ConfigError
from gongwen.pipeline.model import SEVERITY_LABELS, SEVERITY_RANK
from gongwen.pipeline.roster import Roster, load_roster
from gongwen.pipeline.runner import (DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT, RunOptions, collect_inputs, input_roots,
                                     run)
from gongwen.reports.base import ReportContext, load_emitter
from gongwen.reports.common import summary_line

EXTRACT_FORMATS = ("text", "json")
MIN_TIMEOUT = 1.0  # seconds: below this no document, not even an empty one, can be read
PROGRESS_MIN_FILES = 20  # below this a check finishes before a progress bar would help

cli_messages.install()  # before the commands below are declared: click reads some of its text then


def _number(kind: click.ParamType, value, param, ctx) -> float | None:
    """``value`` read as ``kind`` (int or float), None when it is not a number: the caller's message
    then says what is expected."""
    try:
        return kind.convert(value, param, ctx)
    except click.BadParameter:
        return None


class WorkerCount(click.ParamType):
    """Worker processes: a positive number, or 0 for all cores."""

    name = "进程数"

    def convert(self, value, param, ctx):
        number = _number(click.INT, value, param, ctx)
        if number is None or number < 0:
            self.fail(f"并行处理的进程数应为正整数（0 表示使用全部处理器核心），实际为“{value}”。", param, ctx)
        return number


class Seconds(click.ParamType):
    """A time limit: a finite number of seconds, at least ``minimum`` (nan and inf are refused)."""

    name = "秒数"

    def __init__(self, minimum: float) -> None:
        self.min = minimum

    def convert(self, value, param, ctx):
        number = _number(click.FLOAT, value, param, ctx)
        if number is None or not math.isfinite(number) or number < self.min:
            self.fail(f"每个文件的处理时限应为不少于 {self.min:g} 秒的有限数值，实际为“{value}”。", param, ctx)
        return number


class Megabytes(click.ParamType):
    """A memory cap per document in MB, at least ``minimum``."""

    name = "兆字节数"

    def __init__(self, minimum: int) -> None:
        self.min = minimum

    def convert(self, value, param, ctx):
        number = _number(click.INT, value, param, ctx)
        if number is None or number < self.min:
            self.fail(f"每个文件的内存上限应为不少于 {self.min} MB 的整数，实际为“{value}”。", param, ctx)
        return number


class Whole(click.ParamType):
    """A whole number between ``low`` and ``high``, said in Chinese as ``what``."""

    def __init__(self, name: str, what: str, low: int, high: int) -> None:
        self.name, self.what, self.low, self.high = name, what, low, high

    def convert(self, value, param, ctx):
        number = _number(click.INT, value, param, ctx)
        if number is None or not self.low <= number <= self.high:
            self.fail(f"{self.what}应为 {self.low} 到 {self.high} 之间的整数，实际为“{value}”。", param, ctx)
        return number


WORKERS = WorkerCount()
TIMEOUT = Seconds(MIN_TIMEOUT)
MEMORY = Megabytes(64)

# option help shared by several commands
PATHS_METAVAR = "路径..."
RULES_HELP = "规则包：内置规则包的名称或 YAML 文件（默认取 gongwen.toml 中的 pack）。"
ROSTER_HELP = "人员名单：列明人员姓名及其职务的 YAML 文件。"
JOBS_HELP = "并行处理的进程数（不指定或为 0 时使用全部处理器核心）。"
DB_HELP = "结果库：SQLite 文件（默认 gongwen.sqlite）或 SQLAlchemy 数据库地址。"


def limit_options(command):
    """--timeout and --memory-mb: the limits each document is processed under (a worker over
    either is killed, the document gets timeout or too-large and the others go on)."""
    command = click.option("--memory-mb", "memory_mb", type=MEMORY, default=None,
                           help="每个文件可用的内存上限（MB），不少于 64"
                                "（默认取 gongwen.toml 中的 memory_mb，未设置时为 2048）。")(command)
    return click.option("--timeout", type=TIMEOUT, default=None,
                        help="每个文件的处理时限（秒），不少于 1（默认取 gongwen.toml 中的 timeout，未设置时为 120）。")(command)


@click.group(cls=ChineseGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="gongwen")
@click.option("-v", "--verbose", is_flag=True, help="在标准错误输出中记录处理进度与用时。")
def main(verbose: bool) -> None:
    """gongwen：公文审查工具（提取要素、按工作规则审查、生成报告）。"""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, stream=sys.stderr,
                        format="%(levelname)s %(name)s: %(message)s")


def _load_roster(path: str | None) -> Roster | None:
    if path is None:
        return None
    try:
        return load_roster(path)
    except ConfigError as error:
        raise click.UsageError(str(error)) from error


def _emit(text: str, output: str | None) -> None:
    if output:
        target = Path(output)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        click.echo(f"报告已写入：{target}", err=True)
    else:
        click.echo(text, nl=False)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(), metavar=PATHS_METAVAR)
@click.option("--format", "fmt", type=click.Choice(EXTRACT_FORMATS), default="text", show_default=True,
              help="输出格式。")
@click.option("--roster", type=click.Path(dir_okay=False), help=ROSTER_HELP)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="把报告写入此文件（默认输出到屏幕）。")
@click.option("--jobs", "-j", type=WORKERS, default=None, help=JOBS_HELP)
@limit_options
def extract(paths: tuple[str, ...], fmt: str, roster: str | None, output: str | None, jobs: int | None,
            timeout: float | None, memory_mb: int | None) -> None:
    """提取公文要素（文种、标题、发文机关、发文字号、签发人、日期、主送、请示事项、审批记录等）。"""
    _, options = _setup(paths, None, roster, None, pack_required=False, timeout=timeout, memory_mb=memory_mb)
    results = run(collect_inputs(paths), options, jobs)
    context = ReportContext(command="extract", tool_version=__version__,
                            color=fmt == "text" and output is None and sys.stdout.isatty())
    _emit(load_emitter(fmt)(results, context), output)
    if fmt != "text" or output:
        click.echo(summary_line(results), err=True)


CHECK_FORMATS = ("text", "json", "md", "html", "sarif", "junit", "github")


def _load_pack(name_or_path: str):
    from gongwen.validators.packs import load_pack

    try:
        return load_pack(name_or_path)
    except ConfigError as error:
        raise click.UsageError(str(error)) from error


def _config_for(paths: tuple[str, ...], config_file: str | None, from_cwd: bool = False):
    """--config, else the nearest config upward from the first path (a project checked in CI) or,
    with ``from_cwd``, from the current folder (batch: an inbox holds documents, not settings)."""
    from gongwen.pipeline import config

    try:
        if config_file:
            return config.load(Path(config_file))
        return config.discover(Path(paths[0]) if paths and not from_cwd else Path.cwd())
    except ConfigError as error:
        raise click.UsageError(str(error)) from error


def _apply_baseline(results, path: Path):
    from gongwen.pipeline.baseline import apply_baseline

    try:
        outcome = apply_baseline(results, path)
    except ConfigError as error:
        raise click.UsageError(str(error)) from error
    click.echo(f"基线“{path}”已覆盖 {outcome.known} 条既有问题"
               + (f"，已从基线中移除 {outcome.pruned} 条已不存在的问题" if outcome.pruned else "") + "。", err=True)
    return outcome.results


def _setup(paths, pack_name: str | None, roster: str | None, config_file: str | None,
           pack_required: bool = True, timeout: float | None = None, memory_mb: int | None = None,
           config_from_cwd: bool = False):
    """The config for these paths, and run options from it with command-line values winning."""
    config = _config_for(paths, config_file, from_cwd=config_from_cwd)
    pack_name = pack_name or config.pack
    if pack_required and not pack_name:
        raise click.UsageError("请用 --rules 指定规则包（例如 --rules dongan），或在 gongwen.toml 中设置 pack。")
    options = RunOptions(roster=_load_roster(roster or config.roster),
                         pack=_load_pack(pack_name) if pack_name else None,
                         timeout=timeout or config.timeout or DEFAULT_TIMEOUT,
                         memory_mb=memory_mb or config.memory_mb or DEFAULT_MEMORY_MB,
                         roots=input_roots(paths))
    return config, options


def exit_code(results, fail_on: str) -> int:
    """1 when any finding reaches the fail level, or a document could not be read (an error). A file
    of a type gongwen does not review (a spreadsheet beside a draft) is listed, not a failure."""
    if fail_on == "never":
        return 0
    threshold = SEVERITY_RANK[fail_on]
    for result in results:
        if result.status == "error" and result.error.code != "unsupported-format":
            return 1
        if any(SEVERITY_RANK[finding.severity] >= threshold for finding in result.findings):
            return 1
    return 0


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(), metavar=PATHS_METAVAR)
@click.option("--rules", "pack_name", metavar="规则包",
              help="规则包：内置规则包的名称（可用 gongwen rules packs 查看）或 YAML 文件（默认取 gongwen.toml 中的 pack）。")
@click.option("--roster", type=click.Path(dir_okay=False), help=ROSTER_HELP)
@click.option("--format", "fmt", type=click.Choice(CHECK_FORMATS), default="text", show_default=True,
              help="报告格式。")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="把报告写入此文件（默认输出到屏幕）。")
@click.option("--fail-on", type=click.Choice(("error", "warning", "never")), default=None,
              help="发现达到此级别的问题时退出码为 1：error 为错误，warning 为警告及以上，never 为不因问题而失败"
                   "（默认取 gongwen.toml 中的 fail_on，未设置时为 error）。")
@click.option("--config", "config_file", type=click.Path(dir_okay=False),
              help="配置文件（默认从第一个路径向上查找最近的 gongwen.toml，或 pyproject.toml 中的 [tool.gongwen]）。")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False),
              help="只报告此基线文件中未记录的问题（基线文件由 gongwen baseline 生成）。")
@click.option("--jobs", "-j", type=WORKERS, default=None, help=JOBS_HELP)
@limit_options
def check(paths, pack_name, roster, fmt, output, fail_on, config_file, baseline_file, jobs, timeout, memory_mb) -> None:
    """按规则包审查公文，输出问题清单；发现达到 --fail-on 级别的问题时退出码为 1。"""
    from gongwen.pipeline.suppressions import apply_suppressions

    config, options = _setup(paths, pack_name, roster, config_file, timeout=timeout, memory_mb=memory_mb)
    options = dataclasses.replace(options, keep_document=fmt in ("html", "sarif", "github"))
    inputs = collect_inputs(paths)
    # a long run shows its progress on a terminal (on stderr: the report itself goes to stdout)
    with click.progressbar(length=len(inputs), label="审查进度", file=sys.stderr,
                           hidden=not sys.stderr.isatty() or len(inputs) < PROGRESS_MIN_FILES) as bar:
        results = run(inputs, options, jobs, on_result=lambda result: bar.update(1))
    results, unused = apply_suppressions(results, config.suppressions)
    if baseline_file:
        results = _apply_baseline(results, Path(baseline_file))
    for suppression in unused:
        click.echo(f"提示：配置文件 {config.source} 中的忽略规则（rule={suppression.rule}, path={suppression.path}"
                   f"{', text=' + suppression.text if suppression.text else ''}）未匹配到任何问题，可考虑删除。", err=True)
    gate = fail_on or config.fail_on or "error"
    context = ReportContext(command="check", tool_version=__version__, pack=options.pack,
                            color=fmt == "text" and output is None and sys.stdout.isatty(), fail_on=gate,
                            extra={"unused_suppressions": unused, "base_dir": Path.cwd()})
    _emit(load_emitter(fmt)(results, context), output)
    if fmt != "text" or output:
        click.echo(summary_line(results), err=True)
    sys.exit(exit_code(results, gate))


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(), metavar=PATHS_METAVAR)
@click.option("--rules", "pack_name", metavar="规则包", help=RULES_HELP)
@click.option("--roster", type=click.Path(dir_okay=False), help=ROSTER_HELP)
@click.option("--db", default=None, metavar="结果库", help=DB_HELP)
@click.option("--jobs", "-j", type=WORKERS, default=None, help=JOBS_HELP)
@limit_options
@click.option("--config", "config_file", type=click.Path(dir_okay=False),
              help="配置文件（默认从当前文件夹向上查找 gongwen.toml，不使用收文文件夹中的配置）。")
@click.option("--scheduler", default=None, metavar="调度器",
              help="在 Dask 集群上审查：调度器地址（如 tcp://主机:8786，结果库须为 PostgreSQL），"
                   "或 local:进程数（在本机启动试运行的集群）。不指定时在本机用多进程审查。")
@click.option("--inputs", "input_mode", type=click.Choice(("shared", "ship")), default="shared", show_default=True,
              help="集群读取文件的方式：shared 各工作机从同一共享路径读取；ship 由本机读取后随任务发送。")
def batch(paths, pack_name, roster, db, jobs, timeout, memory_mb, config_file, scheduler, input_mode) -> None:
    """批量收文审查：并行处理文件夹中的全部文件，结果存入数据库；未变化的文件不再重复处理。"""
    from gongwen.pipeline.batch import run_batch
    from gongwen.pipeline.store import DEFAULT_DB, Store, masked_url

    _, options = _setup(paths, pack_name, roster, config_file, pack_required=False, timeout=timeout,
                        memory_mb=memory_mb, config_from_cwd=True)
    try:
        if scheduler:
            from gongwen.pipeline.cluster import check_store_for_cluster

            check_store_for_cluster(db, scheduler)
        store = Store(db)
    except ConfigError as error:
        raise click.UsageError(str(error)) from error
    inputs = collect_inputs(paths)
    show_progress = sys.stderr.isatty()
    found: dict[str, int] = {severity: 0 for severity in SEVERITY_LABELS}

    def done(result) -> None:
        bar.update(1)
        for finding in result.findings:
            found[finding.severity] += 1

    try:
        with click.progressbar(length=len(inputs), label="审查进度", file=sys.stderr,
                               hidden=not show_progress) as bar:
            if scheduler:
                from gongwen.pipeline.cluster import run_batch_on_cluster

                summary = run_batch_on_cluster(list(paths), options, db, scheduler, input_mode, on_result=done,
                                               on_unchanged=bar.update)
            else:
                summary = run_batch(list(paths), options, store, jobs, on_result=done, on_unchanged=bar.update)
    except ConfigError as error:
        raise click.UsageError(str(error)) from error
    except KeyboardInterrupt:
        click.echo("\n已中断。已审查完的文件都已存入结果库；再次运行同一条命令，会从中断处继续，已存的文件不再重复审查。",
                   err=True)
        sys.exit(130)
    counts = "、".join(f"{SEVERITY_LABELS[severity]} {count} 处" for severity, count in found.items())
    click.echo(f"批次 {summary.run_id}：共 {summary.inputs} 份文件，本次处理 {summary.processed} 份"
               f"（无法处理 {summary.errors} 份），未变化跳过 {summary.unchanged} 份，用时 {summary.seconds:.1f} 秒。"
               f"本次发现问题：{counts}。结果库：{store.url}", err=True)
    click.echo(f"下一步：gongwen report nightly --db {masked_url(db) if db else DEFAULT_DB} --output 日报，生成主任日报（HTML 与 XLSX）。", err=True)


@main.group()
def report() -> None:
    """由结果库生成报告。"""


@report.command()
@click.option("--db", default=None, metavar="结果库", help=DB_HELP)
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, metavar="日期",
              help="只包括该日期（含）以后处理的文件，日期格式为 YYYY-MM-DD。")
@click.option("--output", "-o", required=True, type=click.Path(file_okay=False),
              help="日报的输出文件夹，存放 nightly.html、nightly.xlsx 和逐份审查意见。")
@click.option("--timezone", "zone", default="Asia/Shanghai", show_default=True, metavar="时区",
              help="本单位时区（IANA 时区名称）：统计日期、周次和显示时间都按此时区。")
@click.option("--smtp-host", envvar="GONGWEN_SMTP_HOST", show_envvar=True, metavar="主机",
              help="发送日报邮件的邮件服务器地址；不设置则不发邮件。")
@click.option("--smtp-port", envvar="GONGWEN_SMTP_PORT", show_envvar=True, type=click.IntRange(1, 65535),
              metavar="端口", help="邮件服务器端口（默认：加密连接时 587，否则 25）。")
@click.option("--smtp-user", envvar="GONGWEN_SMTP_USER", show_envvar=True, metavar="用户名",
              help="登录邮件服务器的用户名；服务器无需登录时不设置。")
@click.option("--smtp-password", envvar="GONGWEN_SMTP_PASSWORD", show_envvar=True, metavar="密码",
              help="登录密码；请用环境变量设置，以免密码留在命令记录中。")
@click.option("--smtp-from", envvar="GONGWEN_SMTP_FROM", show_envvar=True, metavar="地址",
              help="发件人地址（默认：用户名，如其为邮件地址）。")
@click.option("--smtp-to", envvar="GONGWEN_SMTP_TO", show_envvar=True, metavar="地址",
              help="收件人地址，多个地址用逗号分隔。")
@click.option("--smtp-starttls", envvar="GONGWEN_SMTP_STARTTLS", show_envvar=True, type=click.BOOL, default=True,
              metavar="yes|no", help="是否用 STARTTLS 加密与邮件服务器的连接（默认 yes）。")
def nightly(db, since, output, zone, smtp_host, smtp_port, smtp_user, smtp_password, smtp_from, smtp_to,
            smtp_starttls) -> None:
    """生成主任晨阅的审查日报（HTML 与 XLSX）。"""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    from gongwen.reports.mail import MailConfigError, MailError, build_message, mail_settings, send
    from gongwen.reports.nightly import write_nightly
    from gongwen.pipeline.store import Store

    try:
        store = Store(db, create=False)
    except ConfigError as error:
        raise click.UsageError(str(error)) from error
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise click.BadParameter(f"时区“{zone}”无法识别，请使用“Asia/Shanghai”这样的时区名称。", param_hint="--timezone") from None
    try:
        mail = mail_settings(smtp_host, smtp_port, smtp_user, smtp_password, smtp_from, smtp_to, smtp_starttls)
    except MailConfigError as error:
        raise click.UsageError(str(error)) from error
    first_day = since.date() if since else None
    result = write_nightly(store, first_day, Path(output), zone)
    click.echo(f"日报已生成：{result.html}、{result.xlsx}", err=True)
    if mail:
        try:
            send(mail, build_message(mail, result, first_day, zone))
        except MailError as error:
            click.echo(f"日报邮件未能发出：{error}。日报文件已生成，不受影响。", err=True)
            sys.exit(1)
        click.echo(f"日报已通过邮件发送给：{'、'.join(mail.recipients)}", err=True)


@main.group()
def rules() -> None:
    """查看规则包与规则说明。"""


@rules.command("packs")
def rules_packs() -> None:
    """列出内置规则包。"""
    from gongwen.validators.packs import available_packs

    for name in available_packs():
        pack = _load_pack(name)
        parents = f"（继承 {'、'.join(pack.parents)}）" if pack.parents else ""
        click.echo(f"{name}\t{pack.title or ''}{parents}\t规则 {len(pack.active_rules())} 条")


@rules.command("list")
@click.option("--pack", "pack_name", default="national", show_default=True, metavar="规则包",
              help="规则包的名称或 YAML 文件。")
def rules_list(pack_name: str) -> None:
    """列出规则包中的规则。"""
    from gongwen.pipeline.model import SEVERITY_LABELS
    from gongwen.validators.catalog import list_rules

    for rule in list_rules(_load_pack(pack_name)):
        state = "" if rule.enabled else "（已关闭）"
        click.echo(f"{rule.id:<34} {SEVERITY_LABELS[rule.severity]}{state}\t{rule.what}\t依据：{rule.source}")


@rules.command("show")
@click.argument("rule_id", metavar="规则编号")
def rules_show(rule_id: str) -> None:
    """显示一条规则的说明：检查什么、依据哪一条、违规与合规示例、各规则包的设置。"""
    from gongwen.validators.catalog import render_rule_everywhere

    try:
        click.echo(render_rule_everywhere(rule_id))
    except KeyError as error:
        raise click.UsageError(error.args[0]) from error


@rules.command("kinds")
def rules_kinds() -> None:
    """列出规则类型（kind）与代码检查及其参数、所依据的要素，供编写规则包参考。"""
    from gongwen.validators.catalog import render_kinds, render_rests_on

    click.echo(render_kinds())
    click.echo()
    click.echo(render_rests_on())


@main.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False), metavar="文件")
@click.option("--rules", "pack_name", metavar="规则包", help=RULES_HELP)
@click.option("--roster", type=click.Path(dir_okay=False), help=ROSTER_HELP)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="输出文件（默认在原文件旁生成“原文件名.gongwen.docx”）。")
@click.option("--config", "config_file", type=click.Path(dir_okay=False),
              help="配置文件（默认从所审查的文件向上查找 gongwen.toml）。")
@limit_options
def annotate(path, pack_name, roster, output, config_file, timeout, memory_mb) -> None:
    """把审查意见以批注形式写入 .docx 的副本（原文件不作任何修改）。"""
    from gongwen.pipeline.paths import same_file
    from gongwen.pipeline.suppressions import apply_suppressions
    from gongwen.reports.annotate import annotate_docx

    source = Path(path)
    if source.suffix.lower() != ".docx":
        raise click.UsageError(f"批注功能仅支持 .docx 文件：{source.name}")
    target = Path(output) if output else source.with_name(f"{source.stem}.gongwen.docx")
    if same_file(target, source):
        raise click.UsageError("输出文件与原文件是同一个文件（或是它的链接），原文件不会被修改：请另选输出文件。")
    config, options = _setup((path,), pack_name, roster, config_file, timeout=timeout, memory_mb=memory_mb)
    [result] = run([source], dataclasses.replace(options, keep_document=True), jobs=1)
    if result.status == "error":
        click.echo(f"无法处理：{result.error.message}", err=True)
        sys.exit(1)
    [result], _ = apply_suppressions([result], config.suppressions)
    count = annotate_docx(source, result, target)
    click.echo(f"已写入 {count} 条批注：{target}", err=True)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(), metavar=PATHS_METAVAR)
@click.option("--rules", "pack_name", metavar="规则包", help=RULES_HELP)
@click.option("--roster", type=click.Path(dir_okay=False), help=ROSTER_HELP)
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False), help="要写入的基线文件（JSON 格式）。")
@click.option("--config", "config_file", type=click.Path(dir_okay=False),
              help="配置文件（默认从所审查的文件向上查找 gongwen.toml）。")
@click.option("--jobs", "-j", type=WORKERS, default=None, help=JOBS_HELP)
@limit_options
def baseline(paths, pack_name, roster, output, config_file, jobs, timeout, memory_mb) -> None:
    """记录当前的全部问题作为基线；此后 check --baseline 只报告新出现的问题。"""
    from gongwen.pipeline.baseline import write_baseline
    from gongwen.pipeline.suppressions import apply_suppressions

    config, options = _setup(paths, pack_name, roster, config_file, timeout=timeout, memory_mb=memory_mb)
    results, _ = apply_suppressions(run(collect_inputs(paths), options, jobs), config.suppressions)
    count = write_baseline(results, Path(output), options.pack.name)
    click.echo(f"基线已写入 {output}：共记录 {count} 条问题。", err=True)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, metavar="地址", help="监听地址（仅本机访问用 127.0.0.1，对内网开放用 0.0.0.0）。")
@click.option("--port", default=8000, show_default=True, type=Whole("端口", "端口号", 1, 65535),
              help="监听端口（1–65535）。")
@click.option("--db", default=None, metavar="结果库", help=DB_HELP)
@click.option("--rules", "pack_name", default="national", show_default=True, metavar="规则包",
              help="默认规则包（管理员可在页面上更改）。")
@click.option("--roster", type=click.Path(dir_okay=False, exists=True), help="人员名单 YAML 文件（管理员可在页面上更换）。")
@click.option("--data-dir", default="gongwen-uploads", show_default=True, type=click.Path(file_okay=False),
              help="保存上传文件与批注版的文件夹。")
@click.option("--jobs", "-j", type=WORKERS, default=None, help=JOBS_HELP)
@click.option("--max-upload-mb", default=50, show_default=True, type=Whole("兆字节数", "单个文件的大小上限", 1, 2048),
              help="单个文件的大小上限（MB，1–2048）。")
@click.option("--max-files", default=50, show_default=True, type=Whole("份数", "一次上传的文件数上限", 1, 1000),
              help="一次上传的文件数上限（1–1000）。")
@click.option("--timezone", "zone", default="Asia/Shanghai", show_default=True, metavar="时区",
              help="页面显示时间所用的时区。")
@click.option("--secure-cookies", is_flag=True, help="仅通过 HTTPS 发送登录凭据（经 HTTPS 反向代理对外服务时使用）。")
@limit_options
def serve(host, port, db, pack_name, roster, data_dir, jobs, max_upload_mb, max_files, zone, secure_cookies,
          timeout, memory_mb) -> None:
    """启动网页审查服务：供文秘人员上传审查、主任查看看板、OA 系统调用接口。"""
    import uvicorn

    from gongwen.pipeline.web.app import ServiceSettings, create_app

    _load_pack(pack_name)  # a mistyped pack is refused here, with the names it could be
    settings = ServiceSettings(db=db, data_dir=Path(data_dir), pack=pack_name, roster=roster, jobs=jobs,
                               timeout=timeout or DEFAULT_TIMEOUT, memory_mb=memory_mb or DEFAULT_MEMORY_MB,
                               max_upload_mb=max_upload_mb, max_files=max_files, zone=zone,
                               secure_cookies=secure_cookies)
    try:
        app = create_app(settings)
    except ConfigError as error:
        raise click.UsageError(str(error)) from error
    from gongwen.pipeline.web import accounts

    if not accounts.list_users(app.state.engine):
        click.echo("提示：尚无任何账号，无法登录。请先新建账号，例如：gongwen users add 王芳 --role admin"
                   f"{' --db ' + db if db else ''}", err=True)
    click.echo(f"公文审查服务已启动：http://{host}:{port}/ （按 Ctrl-C 停止）", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


@main.group()
def users() -> None:
    """管理网页服务的账号与接口令牌。"""


def _store_engine(db: str | None):
    from gongwen.pipeline.store import Store
    from gongwen.pipeline.web import records  # noqa: F401  (the service's tables are created with the store)

    try:
        return Store(db).engine
    except ConfigError as error:
        raise click.UsageError(str(error)) from error


def _accounts_call(action, *args):
    try:
        return action(*args)
    except ConfigError as error:
        raise click.UsageError(str(error)) from error


@users.command("add")
@click.argument("name", metavar="用户名")
@click.option("--role", type=click.Choice(("clerk", "director", "admin")), default="clerk", show_default=True,
              help="角色：clerk 文秘人员，director 办公室主任（另可看主任看板），admin 管理员（另可管理账号、规则包与人员名单）。")
@click.option("--db", default=None, metavar="结果库", help=DB_HELP)
@click.password_option("--password", prompt="密码", confirmation_prompt="再次输入密码", metavar="密码",
                       help="登录密码（不填则提示输入，输入时不显示）。")
def users_add(name, role, db, password) -> None:
    """新建账号。"""
    from gongwen.pipeline.web import accounts

    account = _accounts_call(accounts.add_user, _store_engine(db), name, role, password)
    click.echo(f"已创建账号“{account.name}”（{role}）。", err=True)


@users.command("list")
@click.option("--db", default=None, metavar="结果库", help=DB_HELP)
def users_list(db) -> None:
    """列出全部账号与接口令牌。"""
    from gongwen.pipeline.web import accounts

    engine = _store_engine(db)
    for user in accounts.list_users(engine):
        click.echo(f"{user.name}\t{user.role}\t{'正常' if user.active else '已停用'}")
    for token, user_name in accounts.list_tokens(engine):
        click.echo(f"令牌 {token.id}\t{user_name}\t{token.label or '—'}\t{'已吊销' if token.revoked_at else '有效'}")


@users.command("token")
@click.argument("name", metavar="用户名")
@click.option("--label", default="", metavar="用途", help="令牌用途，如“OA 系统”。")
@click.option("--db", default=None, metavar="结果库", help=DB_HELP)
def users_token(name, label, db) -> None:
    """为账号生成接口令牌（供 OA 系统调用）；令牌只显示这一次。"""
    from gongwen.pipeline.web import accounts

    token_id, token = _accounts_call(accounts.issue_token, _store_engine(db), name, label)
    click.echo(token)
    click.echo(f"已生成令牌 {token_id}，请妥善保存（只显示这一次）。", err=True)


@users.command("revoke")
@click.argument("token_id", type=int, metavar="令牌编号")
@click.option("--db", default=None, metavar="结果库", help=DB_HELP)
def users_revoke(token_id, db) -> None:
    """吊销接口令牌，立即失效。"""
    from gongwen.pipeline.web import accounts

    _accounts_call(accounts.revoke_token, _store_engine(db), token_id)
    click.echo(f"令牌 {token_id} 已吊销。", err=True)


@users.command("disable")
@click.argument("name", metavar="用户名")
@click.option("--db", default=None, metavar="结果库", help=DB_HELP)
def users_disable(name, db) -> None:
    """停用账号（其令牌随之失效）。"""
    from gongwen.pipeline.web import accounts

    _accounts_call(accounts.set_active, _store_engine(db), name, False)
    click.echo(f"账号“{name}”已停用。", err=True)
