"""What a cold command imports, checked by module name in a fresh interpreter (never by timing:
`make bench` measures the cold start).

A command pays for what it imports on every start, and a supervised worker pays again for every
module it imports after the fork: each worker of a batch, and each worker that replaces one."""
import json
import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DOCUMENTS = REPO / "corpus" / "documents"

# Libraries a `check` or `extract` of ordinary documents does not need before its first document:
# segmentation (only when a pack's rule reads tokens), reports of other formats, the store, the
# nightly report, OCR, and the readers' parsers (imported for the inputs' formats only).
HEAVY = ("spacy", "jieba", "pandas", "openpyxl", "jinja2", "reportlab", "sqlalchemy", "cn2an", "numpy",
         "PIL", "cv2", "onnxruntime", "rapidocr_onnxruntime", "docx", "pypdfium2", "lxml", "markdown_it",
         "charset_normalizer", "msoffcrypto", "olefile")


def _python(code: str) -> dict:
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=REPO, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def _heavy(modules) -> list[str]:
    return sorted({name.split(".")[0] for name in modules} & set(HEAVY))


def test_importing_the_command_line_imports_no_heavy_library() -> None:
    modules = _python("""
        import json, sys
        import gongwen.pipeline.cli
        print(json.dumps(sorted(sys.modules)))
    """)
    assert _heavy(modules) == []


def test_checking_a_text_document_imports_only_what_it_uses_in_the_parent(tmp_path: Path) -> None:
    """A pack whose rules read no tokens, a text report: no segmentation, no HTML templating, no
    store, no parser of another format in the command's own process."""
    from gongwen.pipeline.runner import needs_segmentation
    from gongwen.validators.packs import load_pack

    assert not needs_segmentation(load_pack("dongan"))  # else this test would need another pack
    document = tmp_path / "qingshi.txt"
    document.write_bytes((DOCUMENTS / "da-06-qingshi-duotou.txt").read_bytes())
    modules = _python(f"""
        import json, sys
        from gongwen.pipeline.cli import main
        try:
            main(["check", {str(document)!r}, "--rules", "dongan"], standalone_mode=False)
        except SystemExit:
            pass
        print(json.dumps(sorted(sys.modules)))
    """)
    assert _heavy(modules) == []


def test_a_forked_worker_imports_nothing_on_its_first_document_of_each_format(tmp_path: Path) -> None:
    """Each document of another format is the worker's first of that format: every module its
    reader and the stages need was imported by the parent before the fork, and inherited."""
    names = ("da-01-qingshi-three.docx", "jc-02-qksm-over.pdf", "jc-06-tongzhi.html", "da-06-qingshi-duotou.txt")
    for name in names:
        (tmp_path / name).write_bytes((DOCUMENTS / name).read_bytes())
    records = tmp_path / "records"
    records.mkdir()
    statuses = _python(f"""
        import json, sys
        from pathlib import Path
        from gongwen.pipeline import runner
        from gongwen.pipeline.runner import RunOptions, collect_inputs, run
        from gongwen.validators.packs import load_pack

        real = runner.process_path
        def recording(path, *args):  # runs in the worker
            before = set(sys.modules)
            result = real(path, *args)
            new = [name for name in set(sys.modules) - before if name.split(".")[0] not in sys.stdlib_module_names]
            Path({str(records)!r}, path.name).write_text(json.dumps(sorted(new)))
            return result
        runner.process_path = recording

        results = run(collect_inputs([{str(tmp_path)!r}]), RunOptions(pack=load_pack("dongan")), jobs=1)
        print(json.dumps({{Path(result.path).name: result.status for result in results}}))
    """)
    assert statuses == {name: "ok" for name in names}
    assert {name: json.loads((records / name).read_text()) for name in names} == {name: [] for name in names}
