"""README.md's promises: its first commands, and its pack example loads as written."""
import re
from pathlib import Path

from gongwen.validators.packs import load_pack

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_opens_with_the_two_commands() -> None:
    first_block = re.search(r"```sh\n(.*?)```", README.read_text(encoding="utf-8"), re.S).group(1)
    assert [line.split()[:2] for line in first_block.strip().splitlines()] == [["make", "demo"], ["make", "test"]]


def test_the_service_commands_follow_right_under_and_exist() -> None:
    text = README.read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)```", text, re.S)
    assert [line.split()[:2] for line in blocks[1].strip().splitlines()] == [["make", "user"], ["make", "serve"]]
    assert text.index(blocks[1]) - text.index(blocks[0]) - len(blocks[0]) < 400  # right under the first two
    makefile = (README.parent / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^serve: install$", makefile, re.M) and re.search(r"^user: install$", makefile, re.M)
    curl = next(block for block in blocks if "curl" in block)
    assert "/api/v1/reviews" in curl and "Authorization: Bearer" in curl


def test_readme_pack_example_loads(tmp_path: Path) -> None:
    example = re.search(r"```yaml\n(pack: my-district.*?)```", README.read_text(encoding="utf-8"), re.S).group(1)
    path = tmp_path / "my-district.yaml"
    path.write_text(example, encoding="utf-8")

    pack = load_pack(str(path))

    assert pack.name == "my-district"
    assert pack.rules["request.to-individual"].severity == "error"
    assert not pack.rules["request.contact-missing"].enabled
    limits = {entry.doc_type: entry.limit for entry in pack.rules["length.limit"].options.limits}
    assert limits == {"汇报稿": 1000, "情况说明": 1500}  # merged by doc_type, as the README says


def test_pre_commit_hook_runs_the_check_command() -> None:
    import yaml

    hooks = yaml.safe_load((README.parent / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "gongwen")
    assert hook["entry"] == "gongwen check" and hook["language"] == "python"
    assert re.search(hook["files"], "草案/犬只管理办法.docx") and not re.search(hook["files"], "setup.cfg")
    # the formats a district office receives most often: old Word and WPS Office files
    assert re.search(hook["files"], "草案/请示.doc") and re.search(hook["files"], "草案/请示.wps")
    assert not re.search(hook["files"], "草案/请示.docx.bak")
