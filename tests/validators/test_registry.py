import json
from pathlib import Path

from gongwen.validators.params import describe
from gongwen.validators.registry import CHECKS, KINDS, load_builtins, registrations

SNAPSHOT = Path(__file__).with_name("registrations.json")


def test_registrations_match_snapshot():
    assert registrations() == json.loads(SNAPSHOT.read_text(encoding="utf-8"))


def test_every_runner_documents_its_parameters():
    load_builtins()
    for runner in list(KINDS.values()) + list(CHECKS.values()):
        assert runner.doc.strip(), runner.name
        for name, _, _ in describe(runner.params):
            assert name in runner.doc, f"{runner.name} does not document parameter {name}"
        for placeholder in runner.placeholders:
            assert "{" + placeholder + "}" in runner.doc, f"{runner.name} does not document {{{placeholder}}}"
