from pathlib import Path

import pytest

from gongwen.pipeline.config import Suppression, discover, load
from gongwen.pipeline.errors import ConfigError


def test_nearest_gongwen_toml_wins(tmp_path: Path) -> None:
    (tmp_path / "gongwen.toml").write_text('pack = "dongan"\nfail_on = "warning"\n', encoding="utf-8")
    nested = tmp_path / "drafts" / "2024"
    nested.mkdir(parents=True)
    (tmp_path / "drafts" / "gongwen.toml").write_text('pack = "xianyang"\n', encoding="utf-8")

    config = discover(nested / "a.docx")

    assert config.pack == "xianyang"
    assert config.fail_on is None
    assert config.source == tmp_path / "drafts" / "gongwen.toml"


def test_pyproject_tool_table_and_relative_paths(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.gongwen]\npack = "packs/ours.yaml"\nroster = "roster.yaml"\n'
        '[[tool.gongwen.suppress]]\nrule = "length.limit"\npath = "草案/*.docx"\n', encoding="utf-8")

    config = discover(tmp_path)

    assert config.pack == str((tmp_path / "packs/ours.yaml").resolve())
    assert config.roster == str((tmp_path / "roster.yaml").resolve())
    assert config.suppressions == (Suppression(rule="length.limit", path="草案/*.docx"),)


def test_pyproject_without_table_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert discover(tmp_path).source is None


@pytest.mark.parametrize("content, fragment", [
    ('pack = "dongan"\ncolour = "red"\n', "colour"),
    ('fail_on = "sometimes"\n', "sometimes"),
    ('pack = \n', "格式有误"),
    ('[[suppress]]\npath = "*.docx"\n', "rule"),
])
def test_bad_config_is_a_config_error_naming_the_file(tmp_path: Path, content: str, fragment: str) -> None:
    path = tmp_path / "gongwen.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load(path)
    assert str(path) in str(raised.value)
    assert fragment in str(raised.value)


@pytest.mark.parametrize("content, key", [
    ('fail_on = 3\n', "fail_on"),
    ('pack = ["a"]\n', "pack"),
    ('roster = 5\n', "roster"),
    ('suppress = "x"\n', "suppress"),
    ('[[suppress]]\nrule = 3\n', "rule"),
    ('[[suppress]]\nrule = "length.limit"\npath = ["*.docx"]\n', "path"),
])
def test_wrong_value_types_are_config_errors_naming_file_and_key(tmp_path: Path, content: str, key: str) -> None:
    path = tmp_path / "gongwen.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load(path)
    assert str(path) in str(raised.value) and f" {key} " in str(raised.value)


def test_a_pyproject_whose_tool_is_not_a_table_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('tool = "x"\n', encoding="utf-8")
    assert discover(tmp_path).source is None


def test_wrong_value_type_in_config_exits_2_with_a_chinese_message(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from gongwen.pipeline.cli import main

    (tmp_path / "gongwen.toml").write_text('pack = ["dongan"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("关于做好防汛工作的通知\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(tmp_path / "a.txt")])
    assert result.exit_code == 2
    assert "pack 的值应为非空文字" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("name, loader", [("gongwen.toml", "config"), ("roster.yaml", "roster")])
def test_config_and_roster_files_are_read_with_a_size_cap(tmp_path: Path, name: str, loader: str) -> None:
    from gongwen.pipeline.roster import load_roster

    path = tmp_path / name
    path.write_text("# padding\n" * 120_000, encoding="utf-8")
    with pytest.raises(ConfigError, match=f"“{path}”：文件大小为 1.1 MB，超过上限 1 MB"):
        (load if loader == "config" else load_roster)(path)
