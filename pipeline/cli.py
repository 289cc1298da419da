"""The `gongwen` command line."""
from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from pipeline import __version__
from pipeline.errors import ConfigError
from pipeline.roster import Roster, load_roster
from pipeline.runner import RunOptions, collect_inputs, run
from reports.base import ReportContext, load_builtins
from reports.text_report import summary_line

EXTRACT_FORMATS = ("text", "json")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="gongwen")
@click.option("-v", "--verbose", is_flag=True, help="Log progress and timings to stderr.")
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
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(EXTRACT_FORMATS), default="text", show_default=True)
@click.option("--roster", type=click.Path(dir_okay=False), help="Roster YAML mapping names to posts.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the report to this file.")
@click.option("--jobs", "-j", type=int, default=None, help="Worker processes (default: all cores).")
def extract(paths: tuple[str, ...], fmt: str, roster: str | None, output: str | None, jobs: int | None) -> None:
    """提取公文要素（文种、标题、发文机关、发文字号、签发人、日期、主送、请示事项、审批记录等）。"""
    options = RunOptions(roster=_load_roster(roster))
    results = run(collect_inputs(paths), options, jobs)
    context = ReportContext(command="extract", tool_version=__version__,
                            color=fmt == "text" and output is None and sys.stdout.isatty())
    _emit(load_builtins()[fmt](results, context), output)
    if fmt != "text" or output:
        click.echo(summary_line(results), err=True)
