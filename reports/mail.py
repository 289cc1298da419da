"""The nightly report by e-mail: the summary as HTML with a plain-text alternative, and the workbook
attached. Standard library only (smtplib, email)."""
from __future__ import annotations

import re
import smtplib
import ssl
from dataclasses import dataclass, field
from datetime import date
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr

import pandas as pd
from jinja2 import Environment, PackageLoader, select_autoescape

from gongwen.reports.nightly import NightlyOutput, NightlyTables, rule_label

XLSX_TYPE = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
SMTP_TIMEOUT = 30  # seconds for each exchange with the server
STARTTLS_PORT, PLAIN_PORT = 587, 25
MAILED_DOCUMENTS = 10  # the documents needing attention listed in the e-mail; the workbook has all
MAILED_RULES = 5
RECIPIENT_SEPARATORS = re.compile(r"[,，;；\s]+")


class MailConfigError(ValueError):
    """The mail settings are incomplete or wrong (the message is Chinese)."""


class MailError(Exception):
    """The report could not be sent (the message is Chinese)."""


@dataclass(frozen=True)
class MailSettings:
    host: str
    port: int
    sender: str  # as the From header shows it: an address, or 「公文审查 <ribao@example.gov.cn>」
    recipients: tuple[str, ...]
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    starttls: bool = True


def mail_settings(host: str | None, port: int | None, user: str | None, password: str | None, sender: str | None,
                  recipients: str | None, starttls: bool) -> MailSettings | None:
    """The settings from the options and environment, or None when no mail server is configured.
    ``recipients`` is a comma-separated list; the sender defaults to the login name when it is an address."""
    addresses = tuple(address for address in RECIPIENT_SEPARATORS.split(recipients or "") if address)
    if not host:
        if addresses:
            raise MailConfigError("已设置日报收件人，但未设置邮件服务器地址（GONGWEN_SMTP_HOST），日报无法发送。")
        return None
    if not addresses:
        raise MailConfigError("已设置邮件服务器，但未设置日报收件人（GONGWEN_SMTP_TO，多个地址用逗号分隔）。")
    sender = sender or (user if user and "@" in user else None)
    if not sender:
        raise MailConfigError("已设置邮件服务器，但未设置发件人地址（GONGWEN_SMTP_FROM）。")
    malformed = [address for address in (*addresses, sender) if "@" not in parseaddr(address)[1]]
    if malformed:
        raise MailConfigError(f"邮件地址“{'、'.join(malformed)}”格式不正确，应为 name@example.gov.cn 这样的地址。")
    return MailSettings(host=host, port=port or (STARTTLS_PORT if starttls else PLAIN_PORT), sender=sender,
                        recipients=addresses, user=user or None, password=password, starttls=starttls)


def report_subject(day: date) -> str:
    return f"公文审查日报（{day.isoformat()}）"


def _attention(tables: NightlyTables) -> pd.DataFrame:
    """The documents that could not be processed or have errors, most urgent first."""
    documents = tables.documents
    return documents[(documents["状态"] == "无法处理") | (documents["错误"] > 0)]


def summary_text(tables: NightlyTables, scope: str) -> str:
    lines = [scope, "", "【总览】"]
    lines += [f"  {row.项目}：{row.数量}" for row in tables.totals.itertuples()]
    attention = _attention(tables)
    lines += ["", "【需优先处理的文件】"]
    if attention.empty:
        lines.append("  无：所有文件均已处理，且未发现错误。" if not tables.documents.empty else "  所选时段无数据。")
    for number, row in enumerate(attention.head(MAILED_DOCUMENTS).itertuples(), start=1):
        state = f"无法处理（{row.错误说明}）" if row.状态 == "无法处理" else f"错误 {row.错误} 处，问题共 {row.问题} 处"
        lines.append(f"  {number}. {row.文件}：{state}")
    if len(attention) > MAILED_DOCUMENTS:
        lines.append(f"  ……共 {len(attention)} 份，全部见附件“文件清单”。")
    if not tables.by_rule.empty:
        lines += ["", "【问题最多的规则】"]
        lines += [f"  {rule_label(row.规则编号)}：{row.级别}，{row.问题数} 处，涉及 {row.涉及文件} 份文件"
                  for row in tables.by_rule.head(MAILED_RULES).itertuples()]
    lines += ["", "各文件的问题明细见附件（“问题明细”工作表）。"]
    return "\n".join(lines) + "\n"


_environment = Environment(loader=PackageLoader("gongwen.reports", "templates"),
                           autoescape=select_autoescape(["html", "j2"]))


def build_message(settings: MailSettings, report: NightlyOutput, since: date | None, zone: str) -> EmailMessage:
    day = report.generated.date()
    scope = (f"生成时间：{report.generated:%Y-%m-%d %H:%M}（{zone}）；统计范围："
             + (f"{since} 以来处理的文件" if since else "结果库中的全部文件"))
    tables = report.tables
    attention = _attention(tables)
    message = EmailMessage()
    message["Subject"] = report_subject(day)
    message["From"] = settings.sender
    message["To"] = ", ".join(settings.recipients)
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=envelope_sender(settings).rpartition("@")[2])
    # base64 text parts: the Chinese passes relays that take 7-bit mail only
    message.set_content(summary_text(tables, scope), cte="base64")
    message.add_alternative(_environment.get_template("nightly_mail.html.j2").render(
        subject=report_subject(day), scope=scope, tables=tables, attention=attention.head(MAILED_DOCUMENTS),
        attention_total=len(attention), rules=tables.by_rule.head(MAILED_RULES), rule_label=rule_label,
    ), subtype="html", cte="base64")
    message.add_attachment(report.xlsx.read_bytes(), *XLSX_TYPE, filename=f"{report_subject(day)}.xlsx")
    return message


def envelope_sender(settings: MailSettings) -> str:
    """The bare address of the sender, for the SMTP envelope."""
    return parseaddr(settings.sender)[1]


def _reply(error: smtplib.SMTPResponseException) -> str:
    text = error.smtp_error.decode("utf-8", "replace") if isinstance(error.smtp_error, bytes) else str(error.smtp_error)
    return f"{error.smtp_code} {text}".strip()


def send(settings: MailSettings, message: EmailMessage) -> None:
    """Send ``message``; any failure is a MailError saying in Chinese at which step and why."""
    step = f"连接邮件服务器 {settings.host}:{settings.port}"
    try:
        with smtplib.SMTP(settings.host, settings.port, timeout=SMTP_TIMEOUT) as server:
            if settings.starttls:
                step = "建立加密连接（STARTTLS）"
                server.starttls(context=ssl.create_default_context())
            if settings.user:
                step = f"以“{settings.user}”登录邮件服务器"
                server.login(settings.user, settings.password or "")
            step = "发送邮件"
            refused = server.send_message(message, from_addr=envelope_sender(settings),
                                          to_addrs=list(settings.recipients))
    except smtplib.SMTPAuthenticationError as error:
        raise MailError(f"{step}失败：用户名或密码不正确（服务器答复：{_reply(error)}）") from error
    except smtplib.SMTPRecipientsRefused as error:
        raise MailError(f"邮件服务器拒收全部收件人（{'、'.join(error.recipients)}）") from error
    except smtplib.SMTPResponseException as error:
        raise MailError(f"{step}失败（服务器答复：{_reply(error)}）") from error
    except UnicodeEncodeError as error:  # smtplib sends the login in ASCII only
        raise MailError(f"{step}失败：用户名或密码含有中文等字符，邮件服务器登录只接受英文字母、数字和符号") from error
    except smtplib.SMTPNotSupportedError as error:
        raise MailError(f"{step}失败：邮件服务器不支持这一功能") from error
    except (smtplib.SMTPException, OSError) as error:
        raise MailError(f"{step}失败（{error or type(error).__name__}）") from error
    if refused:
        raise MailError(f"邮件服务器拒收了部分收件人（{'、'.join(refused)}），其余收件人已发出")
