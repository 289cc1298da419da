"""The stages after ingest work from what ingest handed them: the approval sidecar and the files
beside a document arrive in ``RawDocument.companions``, and no later stage reads the disk."""
from __future__ import annotations

import builtins
import dataclasses
import io
import os
import re
from pathlib import Path

import pytest

from gongwen.pipeline import model
from gongwen.pipeline.batch import InputKeys
from gongwen.pipeline.companions import companion_files, companion_keywords
from gongwen.pipeline.model import Companion
from gongwen.pipeline.runner import RunOptions, ingest, process_path, run_stages
from gongwen.validators.packs import load_pack

DRAFT = "城区犬只管理办法（送审稿）"
TEXT = "\n".join([
    DRAFT,
    "第一条 为规范犬只管理，维护公共秩序，结合本区实际，制定本办法。",
    "第二条 本办法自2024年5月1日起施行。",
])
SIDECAR = ("steps:\n"
           "  - {role: 拟稿, name: 张某某, organ: 区司法局, date: 2024-03-01}\n"
           "  - {role: 签发, name: 王某某, post: 区长, date: 2024-03-05}\n")
INTERPRETATION = "regulation.policy-interpretation"


@pytest.fixture(scope="module")
def dongan():
    return load_pack("dongan")


def draft_folder(folder: Path) -> Path:
    document = folder / f"{DRAFT}.txt"
    document.write_text(TEXT, encoding="utf-8")
    (folder / f"{DRAFT}.approval.yaml").write_text(SIDECAR, encoding="utf-8")
    (folder / "犬只管理办法-政策解读.docx").write_bytes(b"")
    (folder / "会议通知.docx").write_bytes(b"")  # no rule looks for it
    return document


def test_ingest_hands_over_the_sidecar_text_and_the_siblings_rules_look_for(tmp_path, dongan):
    raw = ingest(draft_folder(tmp_path), dongan)
    assert raw.companions == (Companion(f"{DRAFT}.approval.yaml", "approval_sidecar", SIDECAR),
                              Companion("犬只管理办法-政策解读.docx", "sibling"))
    assert ingest(tmp_path / f"{DRAFT}.txt").companions[1:] == ()  # extraction alone looks for no siblings


class DiskTouched(AssertionError):
    pass


def test_extraction_and_validation_do_no_file_io(tmp_path, dongan, monkeypatch):
    raw = ingest(draft_folder(tmp_path), dongan)
    on_disk, disk_findings = run_stages(raw, None, dongan)  # also loads what the stages import lazily
    assert on_disk.approval_source == "sidecar" and on_disk.fields.approval
    assert INTERPRETATION not in {finding.rule for finding in disk_findings}  # the companion was seen

    def refuse(*args, **kwargs):
        raise DiskTouched(f"file system touched after ingest: {args[:1]}")

    for owner, name in ((builtins, "open"), (io, "open"), (os, "open"), (os, "stat"), (os, "lstat"),
                        (os, "scandir"), (os, "listdir")):
        monkeypatch.setattr(owner, name, refuse)
    elsewhere = dataclasses.replace(raw, path=str(tmp_path / "已删除" / f"{DRAFT}.txt"))
    in_memory, findings = run_stages(elsewhere, None, dongan)
    monkeypatch.undo()
    assert in_memory.fields == on_disk.fields and in_memory.approval_source == "sidecar"
    assert [(f.rule, f.message, f.location) for f in findings] == [(f.rule, f.message, f.location) for f in disk_findings]


def test_without_its_companions_the_same_document_reads_differently(tmp_path, dongan):
    raw = ingest(draft_folder(tmp_path), dongan)
    alone, findings = run_stages(dataclasses.replace(raw, companions=()), None, dongan)
    assert alone.approval_source != "sidecar"
    assert INTERPRETATION in {finding.rule for finding in findings}


def test_a_sidecar_that_cannot_be_read_is_reported_at_ingest(tmp_path, dongan):
    document = draft_folder(tmp_path)
    (tmp_path / f"{DRAFT}.approval.yaml").write_bytes(SIDECAR.encode("gbk"))
    result = process_path(document, pack=dongan)
    assert result.status == "error" and result.error.code == "approval-invalid"
    assert "read" in result.timings and "extract" not in result.timings


def test_a_large_folder_is_listed_once_not_once_per_document(tmp_path, dongan, monkeypatch):
    names = [f"{index:05d}-请示.txt" for index in range(3000)]
    for name in names:
        (tmp_path / name).write_text("请示", encoding="utf-8")
    (tmp_path / "办法-政策解读.docx").write_bytes(b"")
    listings = []
    real_scandir = os.scandir

    def counting_scandir(path):
        listings.append(path)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", counting_scandir)
    keywords = companion_keywords(dongan)
    for name in names[:200]:
        assert companion_files(tmp_path / name, keywords)[1] == (tmp_path / "办法-政策解读.docx",)
    assert len(listings) <= 1  # one listing (none when an earlier test listed this state already)


def test_the_cache_key_hashes_the_companions_ingest_hands_over(tmp_path, dongan):
    document = draft_folder(tmp_path)
    options = RunOptions(pack=dongan)
    keys = InputKeys(options, {str(document): "0" * 64})
    before = keys.key(document)
    sidecar, siblings = companion_files(document, companion_keywords(dongan))
    handed = ingest(document, dongan).companions
    assert [c.name for c in handed] == [sidecar.name, *(s.name for s in siblings)]
    (tmp_path / "会议通知.docx").write_bytes(b"changed")  # not a companion: the key stays
    assert InputKeys(options, {str(document): "0" * 64}).key(document) == before
    (tmp_path / "犬只管理办法-政策解读.docx").write_bytes(b"changed")
    assert InputKeys(options, {str(document): "0" * 64}).key(document) != before


def test_the_runner_runs_the_stages_in_the_order_the_model_docstring_gives(tmp_path, dongan):
    stated = re.findall(r"\b(read|normalize|extract|segment|validate)\b", model.__doc__.split("\n\n")[1])
    assert stated == ["read", "normalize", "extract", "segment", "validate"]
    document = draft_folder(tmp_path)
    for pack in (None, dongan):  # extract only segments; this pack's rules read no tokens but validate
        ran = list(process_path(document, pack=pack).timings)
        assert ran == [stage for stage in stated if stage in ran]
        assert ("segment" in ran) is (pack is None) and ("validate" in ran) is (pack is not None)
