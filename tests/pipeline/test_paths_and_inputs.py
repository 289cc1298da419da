"""Paths that are not UTF-8, and walking input folders that hold hostile entries: every path is shown
as the clerk would see it and stored reversibly; every entry gets a status without hanging."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote_to_bytes

import pytest
from click.testing import CliRunner
from sqlalchemy import select
from sqlalchemy.orm import Session

from gongwen.pipeline import paths
from gongwen.pipeline.batch import run_batch
from gongwen.pipeline.cli import main
from gongwen.pipeline.runner import RunOptions, collect_inputs, input_roots, run
from gongwen.pipeline.store import DocumentRow, Store

GBK_NAME = "关于申请维修资金的请示.txt"
QINGSHI = """阳泉市城区教育局关于申请校舍维修资金的请示

区人民政府：
我局所属三所小学校舍老化，恳请区政府拨付校舍维修资金50万元。
妥否，请批示。

阳泉市城区教育局
2024年3月5日
"""


def _gbk_inbox(tmp_path: Path) -> tuple[Path, Path]:
    """A folder as a Windows zip leaves it on Linux: one file named in GBK bytes."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    raw = os.fsencode(inbox) + b"/" + GBK_NAME.encode("gbk")
    with open(raw, "wb") as handle:
        handle.write(QINGSHI.encode("utf-8"))
    return inbox, Path(os.fsdecode(raw))


def test_a_gbk_name_is_shown_as_on_windows_and_stored_reversibly(tmp_path: Path) -> None:
    _, document = _gbk_inbox(tmp_path)
    assert paths.shown(document) == f"{tmp_path}/inbox/{GBK_NAME}"
    assert paths.from_stored(paths.stored(document)) == str(document)
    assert Path(paths.from_stored(paths.stored(document))).read_text(encoding="utf-8") == QINGSHI
    assert paths.shown(b"/x/caf\xe9".decode("utf-8", "surrogateescape")) == "/x/caf\\xe9"


def test_batch_stores_a_gbk_named_document(tmp_path: Path) -> None:
    inbox, document = _gbk_inbox(tmp_path)
    store = Store(str(tmp_path / "g.sqlite"))
    summary = run_batch([inbox], RunOptions(), store, jobs=1)
    assert (summary.status, summary.processed, summary.errors) == ("finished", 1, 0)
    with Session(store.engine) as session:
        [row] = session.scalars(select(DocumentRow))
        assert (row.status, row.doc_type, row.path) == ("ok", "请示", paths.shown(document))
        assert row.raw_path == os.fsencode(document)
    assert run_batch([inbox], RunOptions(), store, jobs=1).unchanged == 1


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "github", "md", "html", "text"])
def test_check_writes_every_format_for_a_gbk_name(tmp_path: Path, fmt: str) -> None:
    inbox, _ = _gbk_inbox(tmp_path)
    output = tmp_path / f"report.{fmt}"
    result = CliRunner().invoke(main, ["check", str(inbox), "--rules", "dongan", "--format", fmt,
                                       "-o", str(output), "--jobs", "1"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code in (0, 1)
    text = output.read_text(encoding="utf-8")  # valid UTF-8
    if fmt == "sarif":
        [found] = json.loads(text)["runs"][0]["results"][:1]
        uri = found["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert unquote_to_bytes(uri).endswith(GBK_NAME.encode("gbk"))  # the exact bytes, for tools
    elif fmt != "github" or "::" in text:
        assert "关于申请维修资金的请示" in text


def test_stdout_json_is_valid_utf8_and_baseline_works_for_a_gbk_name(tmp_path: Path) -> None:
    inbox, _ = _gbk_inbox(tmp_path)
    gongwen = [str(Path(sys.executable).parent / "gongwen")]
    shown = subprocess.run([*gongwen, "check", str(inbox), "--rules", "dongan", "--format", "json", "--jobs", "1"],
                           capture_output=True, cwd=tmp_path)
    assert shown.returncode in (0, 1), shown.stderr.decode()
    assert json.loads(shown.stdout.decode("utf-8"))["documents"][0]["path"].endswith(GBK_NAME)
    baseline = tmp_path / "baseline.json"
    recorded = CliRunner().invoke(main, ["baseline", str(inbox), "--rules", "dongan", "-o", str(baseline)])
    assert recorded.exit_code == 0, recorded.output
    rechecked = CliRunner().invoke(main, ["check", str(inbox), "--rules", "dongan", "--baseline", str(baseline)])
    assert rechecked.exit_code == 0, rechecked.output


def _codes(folder: Path) -> dict[str, tuple[str, str | None]]:
    results = run(collect_inputs([folder]), RunOptions(roots=input_roots([folder])), jobs=1)
    return {Path(r.path).name: (r.error.code if r.error else "ok", r.error.message if r.error else None)
            for r in results}


def test_special_files_get_a_status_without_hanging(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text(QINGSHI, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(tmp_path / "sock.docx"))
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    store = Store(str(tmp_path.parent / "s.sqlite"))

    summary = run_batch([tmp_path], RunOptions(roots=input_roots([tmp_path])), store, jobs=1)  # hashing must not block
    listener.close()

    assert (summary.inputs, summary.processed) == (4, 4)
    codes = _codes(tmp_path)
    assert codes["ok.txt"][0] == "ok"
    assert codes["pipe.txt"][0] == "unreadable" and "命名管道" in codes["pipe.txt"][1]
    assert codes["sock.docx"][0] == "unreadable"
    assert codes["zero.txt"][0] == "unreadable"
    assert "/dev/zero" in codes["zero.txt"][1]  # leaves the input folder: not followed


def test_links_leaving_the_tree_and_loops_are_listed_not_followed(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("机密内容" * 10, encoding="utf-8")
    (inbox / "draft.txt").write_text(QINGSHI, encoding="utf-8")
    (inbox / "latest.txt").symlink_to("draft.txt")  # inside the tree: read
    (inbox / "passwd.txt").symlink_to(secret)
    (inbox / "loop-a.txt").symlink_to("loop-b.txt")
    (inbox / "loop-b.txt").symlink_to("loop-a.txt")
    (inbox / "outside").symlink_to(tmp_path, target_is_directory=True)

    codes = _codes(inbox)

    assert codes["latest.txt"][0] == "ok"
    assert codes["passwd.txt"][0] == "unreadable" and "之外" in codes["passwd.txt"][1]
    assert codes["loop-a.txt"][0] == "unreadable" and "循环" in codes["loop-a.txt"][1]
    assert codes["outside"][0] == "unreadable"
    for fmt in ("sarif", "github"):
        result = CliRunner().invoke(main, ["check", str(inbox), "--rules", "dongan", "--format", fmt, "--jobs", "1"])
        assert result.exit_code == 1 and result.exception is None or isinstance(result.exception, SystemExit)
        assert "机密内容" not in result.output


def test_an_unreadable_subdirectory_is_an_input_with_a_status(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "ok.txt").write_text(QINGSHI, encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "hidden-from-us.txt").write_text(QINGSHI, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path="."):  # root reads every folder: deny this one as a permission would
        if os.fspath(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(locked))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    codes = _codes(tmp_path)
    assert codes["locked"][0] == "unreadable" and "没有读取权限" in codes["locked"][1]
    assert codes["ok.txt"][0] == "ok"


def test_annotated_copies_are_not_inputs(tmp_path: Path) -> None:
    for name in ("draft.docx", "draft.gongwen.docx"):
        (tmp_path / name).write_bytes(b"x")
    assert [p.name for p in collect_inputs([tmp_path])] == ["draft.docx"]


def test_annotate_refuses_a_hard_link_of_the_source(tmp_path: Path) -> None:
    source = Path(__file__).parents[2] / "corpus" / "documents" / "da-01-qingshi-three.docx"
    original = tmp_path / "original.docx"
    original.write_bytes(source.read_bytes())
    os.link(original, tmp_path / "alias.docx")
    result = CliRunner().invoke(main, ["annotate", str(original), "--rules", "dongan", "-o", str(tmp_path / "alias.docx")])
    assert result.exit_code == 2 and "同一个文件" in result.output
    assert original.read_bytes() == source.read_bytes()


def test_an_81_character_chinese_name_is_read_not_internal(tmp_path: Path) -> None:
    name = ("关于申请拨付校舍维修资金" * 7)[:81] + ".txt"  # 243 bytes: its sidecar name would be too long
    (tmp_path / name).write_text(QINGSHI, encoding="utf-8")
    [result] = run(collect_inputs([tmp_path]), RunOptions(), jobs=1)
    assert result.status == "ok", result.error


def test_batch_ignores_a_config_dropped_in_the_inbox(tmp_path: Path, monkeypatch) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "qingshi.txt").write_text(QINGSHI, encoding="utf-8")
    (inbox / "gongwen.toml").write_text('pack = "no-such-pack"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["batch", str(inbox), "--db", str(tmp_path / "g.sqlite"), "--jobs", "1"])
    assert result.exit_code == 0, result.output
