"""`report nightly` e-mails the summary with the workbook when SMTP is configured (options or
GONGWEN_SMTP_* variables), against a local SMTP server; a failed send says why and exits 1, the
files still written."""
from __future__ import annotations

import email
import io
import re
import socket
from datetime import datetime
from email import policy
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from click.testing import CliRunner
from nightly_samples import filled_store
from openpyxl import load_workbook

from gongwen.pipeline.cli import main

# the test server takes a login over a plain connection: it listens on 127.0.0.1 only
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")

USER, PASSWORD = "ribao@dongan.gov.cn", "Kl-9#secret"


class Inbox:
    def __init__(self) -> None:
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 OK"


def _authenticate(server, session, envelope, mechanism, auth_data) -> AuthResult:
    # not handled: the server answers 235 or 535 itself
    return AuthResult(success=(auth_data.login.decode(), auth_data.password.decode()) == (USER, PASSWORD),
                      handled=False)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port(), authenticator=_authenticate,
                            auth_required=True, auth_require_tls=False)
    controller.start()
    yield controller, inbox
    controller.stop()


def _environment(port: int, **overrides: str) -> dict[str, str]:
    return {"GONGWEN_SMTP_HOST": "127.0.0.1", "GONGWEN_SMTP_PORT": str(port), "GONGWEN_SMTP_USER": USER,
            "GONGWEN_SMTP_PASSWORD": PASSWORD, "GONGWEN_SMTP_FROM": "公文审查 <ribao@dongan.gov.cn>",
            "GONGWEN_SMTP_TO": "zhuren@dongan.gov.cn", "GONGWEN_SMTP_STARTTLS": "no", **overrides}


def _nightly(tmp_path: Path, environment: dict[str, str], *options: str):
    filled_store(tmp_path)
    return CliRunner().invoke(main, ["report", "nightly", "--db", str(tmp_path / "gongwen.sqlite"),
                                     "--output", str(tmp_path / "out"), *options], env=environment)


def test_the_summary_goes_out_with_the_workbook_attached(tmp_path: Path, smtp_server):
    controller, inbox = smtp_server
    # the recipients from the option, everything else from the environment
    result = _nightly(tmp_path, _environment(controller.port), "--smtp-to", "zhuren@dongan.gov.cn，bangongshi@dongan.gov.cn")
    assert result.exit_code == 0, result.output
    assert "日报已通过邮件发送给：zhuren@dongan.gov.cn、bangongshi@dongan.gov.cn" in result.stderr

    [envelope] = inbox.envelopes
    assert envelope.mail_from == "ribao@dongan.gov.cn"
    assert envelope.rcpt_tos == ["zhuren@dongan.gov.cn", "bangongshi@dongan.gov.cn"]
    message = email.message_from_bytes(envelope.original_content, policy=policy.default)
    today = datetime.now(ZoneInfo("Asia/Shanghai")).date().isoformat()
    assert message["Subject"] == f"公文审查日报（{today}）"
    assert message["To"] == "zhuren@dongan.gov.cn, bangongshi@dongan.gov.cn"

    plain = message.get_body(("plain",)).get_content()
    assert "文件总数：5" in plain and "问题总数：16" in plain and "错误：5" in plain
    assert "1. 扫描件/会议纪要.pdf：无法处理" in plain and "2. 公文/乙.docx：错误 2 处，问题共 7 处" in plain
    assert "一文多事（request.one-matter）：错误，2 处，涉及 2 份文件" in plain
    html = message.get_body(("html",)).get_content()
    assert "问题总数</td>" in html and "<b>16</b>" in html and "一文多事（request.one-matter）" in html

    [attachment] = message.iter_attachments()
    assert attachment.get_content_type() == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert attachment.get_filename() == f"公文审查日报（{today}）.xlsx"
    # every header and part encoded for 7-bit transport; the Chinese file name as RFC 2231 says
    assert envelope.original_content.isascii()
    assert re.search(rb"filename\*(0\*)?=utf-8''%E5%85%AC%E6%96%87", envelope.original_content)
    workbook = load_workbook(io.BytesIO(attachment.get_content()))
    assert workbook["问题明细"].max_row - 1 == 16
    assert attachment.get_content() == (tmp_path / "out" / "nightly.xlsx").read_bytes()


def test_a_refused_login_says_so_exits_1_and_keeps_the_files(tmp_path: Path, smtp_server):
    controller, inbox = smtp_server
    result = _nightly(tmp_path, _environment(controller.port, GONGWEN_SMTP_PASSWORD="wrong"))
    assert result.exit_code == 1
    assert "日报邮件未能发出：以“ribao@dongan.gov.cn”登录邮件服务器失败：用户名或密码不正确" in result.stderr
    assert "wrong" not in result.output
    assert (tmp_path / "out" / "nightly.html").is_file() and (tmp_path / "out" / "nightly.xlsx").is_file()
    assert inbox.envelopes == []


def test_a_password_in_chinese_characters_is_explained(tmp_path: Path, smtp_server):
    controller, _ = smtp_server
    result = _nightly(tmp_path, _environment(controller.port, GONGWEN_SMTP_PASSWORD="口令"))
    assert result.exit_code == 1
    assert "登录邮件服务器失败：用户名或密码含有中文等字符，邮件服务器登录只接受英文字母、数字和符号" in result.stderr


def test_an_unreachable_server_says_so_and_exits_1(tmp_path: Path):
    port = _free_port()  # nothing listens there
    result = _nightly(tmp_path, _environment(port))
    assert result.exit_code == 1
    assert f"日报邮件未能发出：连接邮件服务器 127.0.0.1:{port}失败" in result.stderr
    assert (tmp_path / "out" / "nightly.xlsx").is_file()


@pytest.mark.parametrize(("settings", "complaint"), [
    ({"GONGWEN_SMTP_HOST": ""}, "已设置日报收件人，但未设置邮件服务器地址（GONGWEN_SMTP_HOST）"),
    ({"GONGWEN_SMTP_TO": ""}, "未设置日报收件人（GONGWEN_SMTP_TO"),
    ({"GONGWEN_SMTP_TO": "主任"}, "邮件地址“主任”格式不正确"),
    ({"GONGWEN_SMTP_STARTTLS": "也许"}, "--smtp-starttls"),
])
def test_incomplete_mail_settings_are_refused_before_anything_is_written(tmp_path: Path, settings, complaint):
    result = _nightly(tmp_path, _environment(2525, **settings))
    assert result.exit_code == 2 and complaint in result.stderr
    assert not (tmp_path / "out").exists()


def test_without_a_mail_server_the_report_is_only_written(tmp_path: Path):
    result = _nightly(tmp_path, {"GONGWEN_SMTP_HOST": "", "GONGWEN_SMTP_TO": ""})
    assert result.exit_code == 0 and "邮件" not in result.stderr
    assert (tmp_path / "out" / "nightly.xlsx").is_file()
