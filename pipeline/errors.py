"""The catalogue of per-document error codes, with their Chinese message templates.

A reader or stage raises ``IngestError(code, path, **details)``; the runner turns it into the
document's ``DocError`` and the batch goes on. Only configuration errors stop a run.
"""
from __future__ import annotations

from pathlib import Path

from gongwen.pipeline.model import DocError
from gongwen.pipeline.paths import shown

CATALOGUE: dict[str, str] = {
    # ingest
    "empty-file": "文件“{name}”为空（0 字节），无法读取。",
    "no-text": "文件“{name}”中没有可识别的文字内容。",
    "unsupported-format": "文件“{name}”的格式（{suffix}）暂不支持。目前支持 .docx、.doc、.wps、.pdf、.ofd、.txt、.md、.html、.htm 以及扫描图片 .png、.jpg、.jpeg、.tif、.tiff。",
    "needs-conversion": "文件“{name}”是{kind}，本机无法直接读取其中的文字，请另存为 .docx 后重新提交。",
    "format-mismatch": "文件“{name}”的内容与扩展名 {suffix} 不符（实际内容像是 {actual}），请确认文件格式。",
    "corrupt-file": "文件“{name}”已损坏或格式不完整，无法打开：{reason}",
    "encrypted": "文件“{name}”已加密或设置了打开密码，请提供未加密的文件。",
    "no-text-layer": "文件“{name}”没有文字层（可能是扫描件或图片），需先进行文字识别（OCR）后再审查。",
    "zip-bomb": "文件“{name}”解压后体积异常（{reason}），为安全起见已停止读取。",
    "too-large": "文件“{name}”大小为 {size_mb} MB，超过上限 {limit_mb} MB，已跳过。",
    "unreadable": "无法读取文件“{name}”：{reason}",
    "decode-failed": "无法识别文件“{name}”的文字编码，请另存为 UTF-8 后再试。",
    "timeout": "文件“{name}”处理超时（超过 {seconds} 秒），已停止处理该文件。",
    # later stages
    "approval-invalid": "文件“{name}”的审批记录“{sidecar}”有误：{reason}。请修改该审批记录文件后重新审查。",
    "internal": "处理文件“{name}”时发生内部错误：{reason}。请将该文件反馈给维护人员。",
    # the store
    "store-failed": "文件“{name}”的审查结果无法存入结果库：{reason}。请将该文件反馈给维护人员。",
}
# The same code for another cause: (code, variant) -> template.
VARIANTS: dict[tuple[str, str], str] = {
    ("too-large", "memory"): "文件“{name}”处理时所需内存超过上限 {limit_mb} MB，已停止处理该文件（文件可能经过异常构造）。",
}


class IngestError(Exception):
    """A structured per-document failure."""

    def __init__(self, code: str, path: str | Path, **details: object) -> None:
        if code not in CATALOGUE:
            raise KeyError(f"unknown error code {code!r}")
        self.code = code
        self.path = str(path)
        self.details = details
        super().__init__(f"{code}: {path}")

    def to_error(self) -> DocError:
        return make_error(self.code, self.path, **self.details)


def make_error(code: str, path: str | Path, variant: str | None = None, **details: object) -> DocError:
    name = shown(Path(path).name)
    template = VARIANTS[code, variant] if variant else CATALOGUE[code]
    message = template.format(name=name, **{k: v for k, v in details.items() if k != "name"})
    return DocError(code=code, message=message)


class ConfigError(Exception):
    """A configuration, roster or rule-pack error: the run stops with exit code 2."""
