import textwrap

import pytest

from gongwen.pipeline.errors import ConfigError
from gongwen.validators.packs import available_packs, load_pack

BUILT_IN = ["dongan", "jincheng-chengqu", "national", "qianjin", "xianyang", "yangquan-chengqu"]
CORE_IDS = {
    "request.one-matter", "request.single-recipient", "request.to-individual", "request.signer-missing",
    "request.contact-missing", "report.contains-request", "doctype.invalid", "title.format",
    "docnumber.format", "date.format", "signature.chain", "countersign.missing",
    "regulation.creates-power",
}


def test_available_packs():
    assert available_packs() == BUILT_IN


@pytest.mark.parametrize("name", BUILT_IN)
def test_built_in_packs_load_with_every_core_rule(name, pack):
    loaded = pack(name)
    assert loaded.name == name
    assert CORE_IDS <= set(loaded.rules)
    assert name == "national" or loaded.parents == ("national",)
    for rule in loaded.rules.values():
        assert rule.source.document and rule.doc.fail and rule.doc.pass_


def test_seed_differences_live_in_the_packs(pack):
    limits = {name: {e.doc_type: e.limit for e in pack(name).rules["length.limit"].options.limits}
              for name in ("yangquan-chengqu", "qianjin", "jincheng-chengqu")}
    assert limits == {"yangquan-chengqu": {"汇报稿": 1200, "情况说明": 1500},
                      "qianjin": {"议题说明": 2000}, "jincheng-chengqu": {"情况说明": 1500}}
    office_signers = {
        name: next(c for c in pack(name).rules["signature.chain"].options.chains
                   if "government_office" in c.issuer_kinds).steps[-1].posts
        for name in ("yangquan-chengqu", "dongan", "xianyang")
    }
    assert office_signers["dongan"] == ("常务副区长",)
    assert office_signers["xianyang"][0] == "秘书长"
    assert "副区长" in office_signers["yangquan-chengqu"]
    assert pack("yangquan-chengqu").rules["request.to-individual"].severity == "warning"
    assert pack("xianyang").rules["request.to-individual"].severity == "error"


def test_versions_differ_by_content(pack):
    assert pack("national").version != pack("dongan").version
    assert load_pack("national").version == pack("national").version


def write(tmp_path, name, body):
    path = tmp_path / name
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def test_user_pack_extends_and_overrides(tmp_path, pack):
    path = write(tmp_path, "mine.yaml", """\
        pack: my-district
        extends: yangquan-chengqu
        rules:
          request.contact-missing:
            enabled: false
          length.limit:
            params:
              limits:
                - {doc_type: 汇报稿, limit: 1000}
          request.to-individual:
            severity: error
    """)
    mine = load_pack(str(path))
    assert mine.parents == ("yangquan-chengqu", "national")
    assert not mine.rules["request.contact-missing"].enabled
    assert mine.rules["length.limit"].options.limits[0].limit == 1000
    assert mine.rules["length.limit"].options.scope == "body"  # untouched params keep the parent's
    assert mine.rules["request.to-individual"].severity == "error"
    assert mine.rules["request.to-individual"].source == pack("yangquan-chengqu").rules["request.to-individual"].source
    assert "request.contact-missing" not in {r.id for r in mine.active_rules()}


@pytest.mark.parametrize(("body", "needle"), [
    ("pack: x\nextends: nowhere\n", "找不到规则包“nowhere”"),
    ("pack: x\nextends: national\nrules:\n  title.format:\n    severity: fatal\n", "severity"),
    ("pack: x\nextends: national\nrules:\n  date.format:\n    params: {allow_legacy_cn_date: maybe}\n", "allow_legacy_cn_date"),
    ("pack: x\nextends: national\nrules:\n  length.limit:\n    kind: count_limit\n    severity: error\n"
     "    params: {limits: [{doc_type: 汇报稿, limit: 100}]}\n"
     "    message: 超了\n    source: {document: 《某规则》}\n    doc: {what: 字数, why: 规定}\n", "doc 缺少 fail、pass"),
    ("pack: x\nrules:\n  my.rule:\n    kind: spelling\n    severity: error\n    message: 错\n"
     "    source: {document: 《某规则》}\n    doc: {what: a, why: b, fail: [x], pass: [y]}\n", "未知的规则类型 kind: spelling"),
    ("pack: x\nrules:\n  my.rule:\n    kind: pattern\n    severity: error\n    message: 错\n"
     "    params: {field: doc_number, must_match: ['[']}\n"
     "    source: {document: 《某规则》}\n    doc: {what: a, why: b, fail: [x], pass: [y]}\n", "正则表达式"),
    ("pack: x\nrules:\n  my.rule:\n    kind: pattern\n    severity: error\n    message: '错{limit}'\n"
     "    params: {field: doc_number, must_match: ['x']}\n"
     "    source: {document: 《某规则》}\n    doc: {what: a, why: b, fail: [x], pass: [y]}\n", "占位符 limit"),
    ("pack: x\nrules:\n  my.rule:\n    kind: count_limit\n    severity: error\n    message: 错\n"
     "    params: {limits: [{doc_type: 汇报稿}]}\n"
     "    source: {document: 《某规则》}\n    doc: {what: a, why: b, fail: [x], pass: [y]}\n", "limits[0].limit"),
    ("pack: x\nrules:\n  my.rule:\n    kind: check\n    severity: error\n    message: 错\n"
     "    source: {document: 《某规则》}\n    doc: {what: a, why: b, fail: [x], pass: [y]}\n", "没有名为“my.rule”的已注册检查"),
])
def test_bad_packs_raise_clear_errors(tmp_path, body, needle):
    path = write(tmp_path, "bad.yaml", body)
    with pytest.raises(ConfigError) as error:
        load_pack(str(path))
    assert needle in str(error.value)
    assert str(path) in str(error.value) or "nowhere" in str(error.value)


def test_error_names_the_line(tmp_path):
    path = write(tmp_path, "bad.yaml", "pack: x\nextends: national\nrules:\n  title.format:\n    severity: fatal\n")
    with pytest.raises(ConfigError, match="第 4 行，规则“title.format”"):
        load_pack(str(path))


def test_cycle_is_reported(tmp_path):
    write(tmp_path, "a.yaml", "pack: a\nextends: b.yaml\n")
    write(tmp_path, "b.yaml", "pack: b\nextends: a.yaml\n")
    with pytest.raises(ConfigError, match="循环"):
        load_pack(str(tmp_path / "a.yaml"))


def test_unknown_pack_name():
    with pytest.raises(ConfigError, match="内置规则包有"):
        load_pack("atlantis")


def test_a_typo_in_an_enumerated_parameter_is_a_load_error_at_its_line(tmp_path):
    # report.contains-request is a phrase rule: `scope: bdoy` used to load and search nothing
    path = write(tmp_path, "mine.yaml", """\
        pack: mine
        extends: national
        rules:
          report.contains-request:
            params:
              scope: bdoy
    """)
    with pytest.raises(ConfigError) as error:
        load_pack(str(path))
    message = str(error.value)
    assert f"规则包文件 {path} 第 6 行，规则“report.contains-request”" in message
    assert "body、" in message and "“bdoy”" in message and "您是否想用“body”" in message


@pytest.mark.parametrize(("params", "line", "needles"), [
    ("{scop: body}", 6, ["未知参数 scop", "您是否想用“scope”"]),
    ("{limits: [{doc_type: 汇报稿, limit: 1000, severity: eror}]}", 6, ["error、warning、info", "您是否想用“error”"]),
])
def test_unknown_or_misspelt_parameters_name_the_line_and_suggest(tmp_path, params, line, needles):
    path = write(tmp_path, "mine.yaml", f"""\
        pack: mine
        extends: yangquan-chengqu
        rules:
          length.limit:
            params:
              {params}
    """)
    with pytest.raises(ConfigError) as error:
        load_pack(str(path))
    assert f"{path} 第 {line} 行" in str(error.value)
    assert all(needle in str(error.value) for needle in needles)


def test_roles_issuer_kinds_and_field_names_are_checked_against_their_vocabulary(tmp_path):
    for params, needle in (
        ("{countersign_roles: [会鉴]}", "您是否想用“会签”"),
        ("{organs: [区财政局], exclude: [], countersign_roles: [会签, 签字]}", "拟稿、核稿、会签"),
    ):
        path = write(tmp_path, "mine.yaml", f"""\
            pack: mine
            extends: national
            rules:
              countersign.missing:
                params: {params}
        """)
        with pytest.raises(ConfigError, match=needle):
            load_pack(str(path))
    path = write(tmp_path, "fields.yaml", """\
        pack: mine
        extends: national
        rules:
          request.contact-missing:
            params:
              fields: [singer]
    """)
    with pytest.raises(ConfigError, match="您是否想用“signer”"):
        load_pack(str(path))


def test_a_fault_in_a_parent_pack_names_the_parent_file_and_line(tmp_path):
    parent = write(tmp_path, "parent.yaml", """\
        pack: parent
        extends: national
        rules:
          report.contains-request:
            params:
              scope: bdoy
    """)
    write(tmp_path, "child.yaml", "pack: child\nextends: parent.yaml\n")
    with pytest.raises(ConfigError, match=f"规则包文件 {parent} 第 6 行"):
        load_pack(str(tmp_path / "child.yaml"))


def test_list_parameters_merge_by_key_with_the_parents(tmp_path, pack):
    parent = pack("yangquan-chengqu").rules["length.limit"].options.limits
    path = write(tmp_path, "mine.yaml", """\
        pack: mine
        extends: yangquan-chengqu
        rules:
          length.limit:
            params:
              limits:
                - {doc_type: 汇报稿, limit: 1000}
                - {doc_type: 议题说明, limit: 2000}
    """)
    limits = {entry.doc_type: entry for entry in load_pack(str(path)).rules["length.limit"].options.limits}
    assert limits["汇报稿"].limit == 1000 and limits["汇报稿"].source is None  # an entry is replaced whole
    assert limits["情况说明"] == next(entry for entry in parent if entry.doc_type == "情况说明")
    assert limits["议题说明"].limit == 2000
    assert list(limits) == ["汇报稿", "情况说明", "议题说明"]  # the parent's order, new entries after


def test_a_child_removes_a_parents_list_entry(tmp_path):
    path = write(tmp_path, "mine.yaml", """\
        pack: mine
        extends: yangquan-chengqu
        rules:
          length.limit:
            params:
              limits:
                - {doc_type: 情况说明, remove: true}
    """)
    limits = load_pack(str(path)).rules["length.limit"].options.limits
    assert [entry.doc_type for entry in limits] == ["汇报稿"]
    for entry, needle in (("{doc_type: 情况说名, remove: true}", "没有 doc_type 为“情况说名”的条目"),
                          ("{limit: 900}", "应为带 doc_type 的映射"),
                          ("{doc_type: 情况说明, limit: 900, remove: true}", "只写 doc_type 和 remove")):
        path.write_text(f"pack: mine\nextends: yangquan-chengqu\nrules:\n  length.limit:\n    params:\n"
                        f"      limits:\n        - {entry}\n", encoding="utf-8")
        with pytest.raises(ConfigError, match=f"第 7 行.*{needle}"):
            load_pack(str(path))


def test_pack_files_are_read_with_a_size_cap(tmp_path):
    path = tmp_path / "huge.yaml"
    path.write_text("pack: huge\nrules: {}\n" + "# padding\n" * 120_000, encoding="utf-8")
    with pytest.raises(ConfigError, match="超过上限 1 MB"):
        load_pack(str(path))


def test_a_mistyped_pack_name_gets_a_suggestion():
    with pytest.raises(ConfigError, match="您是否想用“dongan”"):
        load_pack("dongna")
