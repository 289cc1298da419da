"""`make bench`: throughput, memory, cold start and incremental re-run of gongwen on a synthetic corpus.

On the same generated files, in one run:

(a) extraction   ``read_document`` on every file, all cores;
(b) floor        extraction + jieba segmentation of the joined block texts, all cores (jieba
                 initialised once per worker): what any Chinese review has to pay at least;
(c) end to end   ``run_batch`` (what ``gongwen batch`` runs) into a fresh SQLite store, with the
                 rule pack when it loads;

each for the mix and for the .docx, .pdf and .txt subsets, plus the ratio c/b, the re-run of the
unchanged set on the same store, the cold start of ``gongwen check one.docx --rules <pack>``, the
peak memory of every process, OCR of scans, and the load test of ``gongwen serve`` against ``gongwen
batch`` (``corpus.bench.load``: 200 uploads from 20 clients, p50/p95 latency, the throughput ratio),
and the scale section (``corpus.bench.scale``: the same documents through the process pool and a
Dask LocalCluster of 1 and 2 workers, and the store's write rate).
Each measured phase runs in a fresh Python process, so that its peak memory (``ru_maxrss`` of the
process and of its finished workers) is its own and no phase profits from another's warm caches. Timings include starting the worker pool and loading jieba/spaCy in
the workers, as a user running the command pays them.

Usage: python -m corpus.bench.run [-n 1000] [--dir DIR] [--compare-n 1000,5000] [--json] [--profile 5]
       python -m corpus.bench.run --cold-start FILE.docx [--pack P]
"""
from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import platform
import pstats
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from corpus.bench import load as load_bench
from corpus.bench.child import figures_from
from corpus.bench import scale as scale_bench
from corpus.bench import ocr as ocr_bench
from corpus.bench.generate import DEFAULT_SEED, GeneratedFile, generate_corpus

REPO_ROOT = Path(__file__).resolve().parents[2]
FORMATS = ("docx", "pdf", "txt")
SUBSETS = ("mix", *FORMATS)
PHASES = {"extract": "(a) extraction", "segment": "(b) extraction + jieba", "batch": "(c) gongwen batch"}
DEFAULT_PACK = "dongan"
BATCH_TIMEOUT = 120.0  # the `gongwen batch --timeout` default, so (c) runs as the command does
COLD_START_REPEATS = 5

TARGET_RATIO = 0.7
TARGET_DOCS_PER_SECOND = {"docx": 40.0, "pdf": 25.0}
TARGET_COLD_START_SECONDS = 1.0
TARGET_RERUN_SPEEDUP = 50.0
TARGET_PEAK_MB = 400.0
TARGET_MEMORY_GROWTH = 0.10  # "flat": the peak at the largest N at most 10 % above the smallest N


# ---------------------------------------------------------------- phases (run in a child process)

def _peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


def _cpu_seconds(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _chunksize(count: int, jobs: int) -> int:
    return max(1, min(16, count // (jobs * 4)))


def _extract_one(path: str) -> tuple[str, int, str | None]:
    from gongwen.extractors.readers import read_document
    from gongwen.pipeline.errors import IngestError

    try:
        raw = read_document(path)
    except IngestError as error:
        return path, 0, error.code
    return path, len("\n".join(block.text for block in raw.blocks).encode("utf-8")), None


def _init_jieba() -> None:
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()


def _segment_one(path: str) -> tuple[str, int, str | None]:
    import jieba

    from gongwen.extractors.readers import read_document
    from gongwen.pipeline.errors import IngestError

    try:
        raw = read_document(path)
    except IngestError as error:
        return path, 0, error.code
    text = "\n".join(block.text for block in raw.blocks)
    jieba.lcut(text)
    return path, len(text.encode("utf-8")), None


def _pool_phase(paths: list[str], jobs: int, worker, initializer=None) -> dict:
    cpu_before = _cpu_seconds(resource.RUSAGE_SELF)
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=jobs, initializer=initializer) as pool:
        outcomes = list(pool.map(worker, paths, chunksize=_chunksize(len(paths), jobs)))
    seconds = time.perf_counter() - started
    errors = Counter(code for _, _, code in outcomes if code)
    return {"seconds": seconds, "docs": len(paths), "errors": sum(errors.values()), "error_codes": dict(errors),
            "text_bytes": {path: size for path, size, _ in outcomes},
            "parent_cpu_seconds": _cpu_seconds(resource.RUSAGE_SELF) - cpu_before}


def _batch_phase(paths: list[str], jobs: int, store_path: str, pack_name: str | None) -> dict:
    from gongwen.pipeline.batch import run_batch
    from gongwen.pipeline.runner import RunOptions
    from gongwen.pipeline.store import Store

    pack, pack_note = None, "no pack asked for"
    if pack_name:
        try:
            from gongwen.validators.packs import load_pack

            pack = load_pack(pack_name)
            pack_note = f"{pack.name} {pack.version}"
        except Exception as error:  # the bench reports what works; a missing pack is a figure, not a crash
            pack_note = f"pack {pack_name!r} did not load ({type(error).__name__}: {error}); ran without a pack"
    store = Store(store_path)
    error_codes: Counter[str] = Counter()
    stage_seconds: Counter[str] = Counter()

    def on_result(result) -> None:
        stage_seconds.update(result.timings)
        if result.error:
            error_codes[result.error.code] += 1

    cpu_before = _cpu_seconds(resource.RUSAGE_SELF)
    summary = run_batch(paths, RunOptions(pack=pack, timeout=BATCH_TIMEOUT), store, jobs, on_result=on_result)
    return {"seconds": summary.seconds, "docs": summary.inputs, "processed": summary.processed,
            "unchanged": summary.unchanged, "errors": summary.errors, "error_codes": dict(error_codes),
            "status": summary.status, "pack_loaded": pack is not None, "pack_note": pack_note, "stage_seconds": dict(stage_seconds),
            "parent_cpu_seconds": _cpu_seconds(resource.RUSAGE_SELF) - cpu_before}


def run_phase(phase: str, paths: list[str], jobs: int, store_path: str | None, pack_name: str | None) -> dict:
    """One measured phase in this process; peak memory and CPU read after the workers have ended."""
    if phase == "extract":
        figures = _pool_phase(paths, jobs, _extract_one)
    elif phase == "segment":
        figures = _pool_phase(paths, jobs, _segment_one, _init_jieba)
    else:
        figures = _batch_phase(paths, jobs, store_path, pack_name)
    figures["parent_peak_mb"] = _peak_mb(resource.RUSAGE_SELF)
    figures["workers_peak_mb"] = _peak_mb(resource.RUSAGE_CHILDREN)
    figures["workers_cpu_seconds"] = _cpu_seconds(resource.RUSAGE_CHILDREN)
    return figures


# ---------------------------------------------------------------- orchestration

class Bench:
    def __init__(self, files: list[GeneratedFile], work: Path, jobs: int, pack_name: str | None) -> None:
        self.files = files
        self.work = work
        self.jobs = jobs
        self.pack_name = pack_name
        self._lists = 0

    def subset(self, name: str, files: list[GeneratedFile] | None = None) -> list[str]:
        files = self.files if files is None else files
        return [str(item.path) for item in files if name == "mix" or item.format == name]

    def phase(self, phase: str, paths: list[str], store: Path | None = None) -> dict:
        """Run one phase in a fresh interpreter; a failure is reported, not raised."""
        self._lists += 1
        listing = self.work / f"files-{self._lists}.txt"
        listing.write_text("\n".join(paths), encoding="utf-8")
        command = [sys.executable, "-m", "corpus.bench.run", "--phase", phase, "--files", str(listing),
                   "--jobs", str(self.jobs), "--pack", self.pack_name or ""]
        if store is not None:
            command += ["--store", str(store)]
        done = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True)
        if done.returncode != 0:
            return {"failed": done.stderr.strip().splitlines()[-12:] or [f"exit code {done.returncode}"],
                    "docs": len(paths)}
        return json.loads(done.stdout)

    def cold_check(self, document: Path, pack_name: str | None) -> dict:
        """Wall time of the whole `gongwen check one.docx --rules <pack>` command, median of five,
        as an installed gongwen starts: with its modules' bytecode cached (pip compiles it at install;
        a checkout writes it on the first run). A shell with PYTHONDONTWRITEBYTECODE set recompiles
        every gongwen module on each start instead; that figure is measured too, for comparison."""
        executable = Path(sys.executable).with_name("gongwen")
        command = [str(executable)] if executable.exists() else \
            [sys.executable, "-c", "from gongwen.pipeline.cli import main; main()"]
        command += ["check", str(document)] + (["--rules", pack_name] if pack_name else [])
        cached = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
        cached["PYTHONPYCACHEPREFIX"] = str(self.work / "pycache")  # the checkout stays as it is
        uncached = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
        uncached.pop("PYTHONPYCACHEPREFIX", None)
        subprocess.run(command, cwd=self.work, env=cached, capture_output=True)  # writes the bytecode
        seconds = {"cached": [], "uncached": []}
        outcome = None
        for _ in range(COLD_START_REPEATS):
            for kind, env in (("cached", cached), ("uncached", uncached)):
                started = time.perf_counter()
                done = subprocess.run(command, cwd=self.work, env=env, capture_output=True, text=True)
                seconds[kind].append(time.perf_counter() - started)
                if done.returncode not in (0, 1):  # 1 means findings, which is a normal outcome
                    outcome = done.stderr.strip().splitlines()[-5:]
        shown = ["gongwen", "check", document.name, *command[command.index("check") + 2:]]
        return {"command": " ".join(shown), "seconds": statistics.median(seconds["cached"]),
                "all_seconds": seconds["cached"], "uncached_seconds": statistics.median(seconds["uncached"]),
                "failed": outcome}


def _text_bytes(phase_figures: dict, paths: list[str], sizes: dict[str, int]) -> int:
    own = phase_figures.get("text_bytes")
    return sum((own or sizes).get(path, 0) for path in paths)


def _rates(figures: dict, text_bytes: int) -> dict:
    if "failed" in figures:
        return figures
    seconds = figures["seconds"]
    rated = {key: value for key, value in figures.items() if key != "text_bytes"}
    cpu = figures["parent_cpu_seconds"] + figures["workers_cpu_seconds"]
    rated.update(docs_per_second=figures["docs"] / seconds if seconds else None,
                 cpu_ms_per_doc=cpu / figures["docs"] * 1000 if figures["docs"] else None,
                 text_mb=text_bytes / 1e6, text_mb_per_second=text_bytes / 1e6 / seconds if seconds else None)
    return rated


def measure(files: list[GeneratedFile], work: Path, jobs: int, pack_name: str | None,
            subsets: tuple[str, ...] = SUBSETS, log=print) -> dict:
    bench = Bench(files, work, jobs, pack_name)
    results: dict = {phase: {} for phase in PHASES}
    rerun = None
    sizes: dict[str, int] = {}
    for phase in PHASES:
        for subset in subsets:
            paths = bench.subset(subset)
            if not paths:
                continue
            log(f"  {PHASES[phase]} · {subset} · {len(paths)} documents …")
            store = work / f"store-{subset}-{len(paths)}.sqlite" if phase == "batch" else None
            figures = bench.phase(phase, paths, store)
            if phase == "extract" and subset == "mix" and "failed" not in figures:
                sizes = figures["text_bytes"]
            results[phase][subset] = cold = _rates(figures, _text_bytes(figures, paths, sizes))
            if phase == "batch" and subset == "mix":
                # straight after the cold run: a rule pack edited meanwhile would rightly void the cache
                log("  re-run of the unchanged set on the same store …")
                rerun = _rates(bench.phase("batch", paths, store), 0)
                if "failed" not in rerun and "failed" not in cold:
                    rerun["speedup"] = cold["seconds"] / rerun["seconds"]
    return {"phases": results, "rerun": rerun, "bench": bench}


def _ratio(phases: dict, subset: str) -> float | None:
    end_to_end, floor = phases["batch"].get(subset, {}), phases["segment"].get(subset, {})
    if "docs_per_second" not in end_to_end or "docs_per_second" not in floor:
        return None
    return end_to_end["docs_per_second"] / floor["docs_per_second"]


def _peak(phases: dict) -> dict:
    peaks = {}
    for phase, by_subset in phases.items():
        for subset, figures in by_subset.items():
            if "failed" not in figures:
                peaks[f"{phase}/{subset}"] = {"parent_mb": figures["parent_peak_mb"],
                                              "workers_mb": figures["workers_peak_mb"]}
    return peaks


def frozen_pack(pack_name: str | None, work: Path) -> str | None:
    """A built-in pack copied at the start, so that an edit of the pack during the run (its version
    is part of the cache key, rightly) cannot void the re-run measurement."""
    if not pack_name:
        return None
    try:
        from gongwen.validators.packs import PACK_DIR
    except ImportError:
        return pack_name
    if not (PACK_DIR / f"{pack_name}.yaml").is_file():
        return pack_name  # a user's pack file: used as given
    shutil.copytree(PACK_DIR, work / "packs")
    return str(work / "packs" / f"{pack_name}.yaml")


def run_bench(args: argparse.Namespace, log) -> dict:
    load_before = os.getloadavg()
    compare = sorted({int(value) for value in args.compare_n.split(",")}) if args.compare_n else []
    total = max([args.count, *compare])
    with tempfile.TemporaryDirectory(prefix="gongwen-bench-") as temporary:
        work = Path(temporary)
        corpus_dir = Path(args.dir).resolve() if args.dir else work / "corpus"
        log(f"generating {total} documents in {corpus_dir} …")
        started = time.perf_counter()
        all_files = generate_corpus(corpus_dir, total, args.seed, args.jobs)
        generation_seconds = time.perf_counter() - started
        files = all_files[:args.count]
        log(f"  {generation_seconds:.1f} s")

        pack = frozen_pack(args.pack, work)
        main = measure(files, work, args.jobs, pack, log=log)
        bench: Bench = main.pop("bench")
        one_docx = next((item.path for item in files if item.format == "docx"), None)
        cold = None
        if one_docx is not None:
            log(f"  cold start: gongwen check {one_docx.name} …")
            cold = bench.cold_check(one_docx, args.pack)
        log("OCR: the corpus's PDFs rendered to scans at 150 and 300 dpi …")
        ocr = _ocr_section(args.jobs)
        log(f"load test: gongwen serve against gongwen batch, {load_bench.DEFAULT_DOCUMENTS} uploads "
            f"from {load_bench.DEFAULT_CLIENTS} clients …")
        load = _load_section(args.jobs)
        log(f"scale: the same {len(files)} documents through the process pool and a Dask LocalCluster …")
        scale = _scale_section(len(files), corpus_dir, args.seed)

        scaling = []
        for count in compare:
            if count == args.count:
                phases = main["phases"]
            else:
                subset_work = work / f"n{count}"
                subset_work.mkdir()
                log(f"memory at N={count} …")
                phases = measure(all_files[:count], subset_work, args.jobs, pack, ("mix",), log)["phases"]
            scaling.append({"n": count, **{phase: phases[phase].get("mix") for phase in ("segment", "batch")}})

    corpus = {"documents": len(files), "seed": args.seed, "generation_seconds": generation_seconds,
              "by_format": dict(Counter(item.format for item in files)),
              "gbk_txt": sum(item.encoding == "gbk" for item in files),
              "median_chars": statistics.median(item.chars for item in files) if files else 0,
              "directory": str(corpus_dir) if args.dir else None}
    figures = {"machine": {"cpus": os.cpu_count(), "jobs": args.jobs, "python": platform.python_version(),
                           "load_before": load_before, "load_after": os.getloadavg()},
               "corpus": corpus, **main, "cold_check": cold, "memory": _peak(main["phases"]),
               "compare_n": scaling, "ocr": ocr, "load": load, "scale": scale}
    figures["targets"] = targets(figures)
    return figures


def targets(figures: dict) -> list[dict]:
    phases = figures["phases"]
    checks = []

    def check(name: str, value: float | None, target: float, higher_is_better: bool, unit: str = "") -> None:
        passed = None if value is None else (value >= target if higher_is_better else value <= target)
        checks.append({"name": name, "value": value, "target": target, "unit": unit,
                       "comparison": ">=" if higher_is_better else "<=", "pass": passed})

    check("end-to-end / floor throughput (mix)", _ratio(phases, "mix"), TARGET_RATIO, True)
    for fmt, target in TARGET_DOCS_PER_SECOND.items():
        check(f"end-to-end {fmt} docs/s", phases["batch"].get(fmt, {}).get("docs_per_second"), target, True, "docs/s")
    cold = figures["cold_check"]
    check("cold `gongwen check one.docx`", cold["seconds"] if cold and not cold["failed"] else None,
          TARGET_COLD_START_SECONDS, False, "s")
    rerun = figures["rerun"]
    check("re-run of unchanged set, speed-up", rerun.get("speedup") if rerun else None, TARGET_RERUN_SPEEDUP, True, "x")
    peaks = figures["memory"]
    worst = max((max(peak.values()) for peak in peaks.values()), default=None)
    check("peak memory per process", worst, TARGET_PEAK_MB, False, "MB")
    scaling = [entry for entry in figures["compare_n"] if entry.get("batch") and "failed" not in entry["batch"]]
    if len(scaling) >= 2:
        def peak_of(entry):
            return max(entry["batch"]["parent_peak_mb"], entry["batch"]["workers_peak_mb"])
        growth = peak_of(scaling[-1]) / peak_of(scaling[0]) - 1
        check(f"peak memory growth N={scaling[0]['n']}→{scaling[-1]['n']}", growth, TARGET_MEMORY_GROWTH, False, "")
    if "failed" not in figures["ocr"]:
        checks.extend(ocr_bench.targets(figures["ocr"]))
    load = figures["load"]
    failed = "failed" in load
    check("serve / batch throughput (load test)", None if failed else load["ratio"],
          load_bench.TARGET_THROUGHPUT_RATIO, True)
    check("load test: uploads not stored exactly once", None if failed else len(load["problems"]), 0, False)
    if "failed" in figures["scale"]:
        check("Dask LocalCluster / process pool", None, scale_bench.TARGET_RATIO, True)
    else:
        checks.extend(scale_bench.targets(figures["scale"]))
    return checks


def _load_section(jobs: int) -> dict:
    """The load test's figures, from a process of its own (its client threads and server apart); it
    exits non-zero when it found a problem, which its figures name."""
    return figures_from("corpus.bench.load", "--json", "--jobs", str(jobs), require_success=False)


def _scale_section(count: int, corpus_dir: Path, seed: int) -> dict:
    """The scale figures (process pool against Dask LocalCluster), from a process of their own."""
    return figures_from("corpus.bench.scale", "--json", "-n", str(count), "--dir", str(corpus_dir), "--seed", str(seed))


def _ocr_section(jobs: int) -> dict:
    """The OCR figures, from a process of their own (it sets pdfium up with a CJK font)."""
    return figures_from("corpus.bench.ocr", "--json", "--jobs", str(jobs))


# ---------------------------------------------------------------- the printed report

def _number(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


def _cold_line(cold: dict) -> str:
    return (f"cold start `{cold['command']}`: median {cold['seconds']:.2f} s of "
            + ", ".join(f"{s:.2f}" for s in cold["all_seconds"])
            + f" (bytecode cached, as installed; {cold['uncached_seconds']:.2f} s recompiling every module"
            + " under PYTHONDONTWRITEBYTECODE)"
            + (f" — FAILED: {cold['failed'][-1]}" if cold["failed"] else ""))


def render(figures: dict) -> str:
    out = []
    machine, corpus = figures["machine"], figures["corpus"]
    formats = ", ".join(f"{fmt} {corpus['by_format'].get(fmt, 0)}" for fmt in FORMATS)
    out.append(f"gongwen bench: {corpus['documents']} documents ({formats}; {corpus['gbk_txt']} txt in GBK; "
               f"median {corpus['median_chars']:.0f} 字), seed {corpus['seed']}, generated in "
               f"{corpus['generation_seconds']:.1f} s (not counted)")
    out.append(f"machine: {machine['cpus']} CPUs, {machine['jobs']} workers, Python {machine['python']}, "
               f"load average before {' '.join(f'{v:.2f}' for v in machine['load_before'])}, "
               f"after {' '.join(f'{v:.2f}' for v in machine['load_after'])}")
    batch_mix = figures["phases"]["batch"].get("mix", {})
    out.append(f"rule pack for (c): {batch_mix.get('pack_note', '—')}")
    out.append("")
    out.append("CPU ms/doc: CPU time of the parent and its workers per document (pool start and jieba/spaCy")
    out.append("loading included): less sensitive than docs/s to other load on the machine.")
    out.append(f"{'phase':<26}{'set':<6}{'docs':>6}{'seconds':>9}{'docs/s':>9}{'MB/s':>7}{'CPU ms/doc':>11}"
               f"{'errors':>8}{'peak MB parent/worker':>24}")
    for phase, label in PHASES.items():
        for subset, item in figures["phases"][phase].items():
            if "failed" in item:
                out.append(f"{label:<26}{subset:<6}{item['docs']:>6}  FAILED: {item['failed'][-1]}")
                continue
            errors = str(item["errors"]) + (f" {item['error_codes']}" if item["error_codes"] else "")
            out.append(f"{label:<26}{subset:<6}{item['docs']:>6}{item['seconds']:>9.2f}"
                       f"{_number(item['docs_per_second']):>9}{_number(item['text_mb_per_second'], 2):>7}"
                       f"{_number(item['cpu_ms_per_doc'], 0):>11}"
                       f"{errors:>8}{item['parent_peak_mb']:>15.0f} / {item['workers_peak_mb']:<6.0f}")
    for subset in SUBSETS:
        ratio = _ratio(figures["phases"], subset)
        if ratio is not None:
            floor_cpu = figures["phases"]["segment"][subset]["cpu_ms_per_doc"]
            end_to_end_cpu = figures["phases"]["batch"][subset]["cpu_ms_per_doc"]
            out.append(f"ratio c/b {subset:<5} {ratio:.2f} by docs/s, {floor_cpu / end_to_end_cpu:.2f} by CPU ms/doc")
    if batch_mix.get("stage_seconds"):
        stages = batch_mix["stage_seconds"]
        total = sum(stages.values())
        out.append("(c) mix, worker time by stage: " + ", ".join(
            f"{stage} {seconds / batch_mix['docs'] * 1000:.1f} ms/doc ({seconds / total:.0%})"
            for stage, seconds in stages.items()))
        workers_cpu = batch_mix["workers_cpu_seconds"]
        out.append(f"(c) mix, CPU: workers {workers_cpu:.1f} s, parent (store, results) "
                   f"{batch_mix['parent_cpu_seconds']:.1f} s over {batch_mix['seconds']:.1f} s wall")
    rerun = figures["rerun"]
    if rerun and "failed" not in rerun:
        out.append(f"re-run of the unchanged set: {rerun['seconds']:.2f} s "
                   f"({rerun['processed']} processed, {rerun['unchanged']} unchanged)")
        if rerun["pack_note"] != batch_mix.get("pack_note"):
            out.append(f"  the rule pack changed between the runs ({rerun['pack_note']}): "
                       "its cache was rightly discarded, the speed-up is not meaningful")
    elif rerun:
        out.append(f"re-run FAILED: {rerun['failed'][-1]}")
    cold = figures["cold_check"]
    if cold:
        out.append(_cold_line(cold))
    for entry in figures["compare_n"]:
        parts = []
        for phase in ("segment", "batch"):
            item = entry.get(phase)
            if item and "failed" not in item:
                parts.append(f"{phase} {item['docs_per_second']:.1f} docs/s, peak {item['parent_peak_mb']:.0f}"
                             f"/{item['workers_peak_mb']:.0f} MB")
        out.append(f"N={entry['n']}: " + "; ".join(parts))
    out.append("")
    if "failed" in figures["ocr"]:
        out.append(f"OCR of scans FAILED: {figures['ocr']['failed']}")
    else:
        out.append(ocr_bench.render(figures["ocr"]).rstrip())
    out.append("")
    if "failed" in figures["load"]:
        out.append(f"load test FAILED: {figures['load']['failed']}")
    else:
        out.append(load_bench.render(figures["load"]).rstrip())
    out.append("")
    if "failed" in figures["scale"]:
        out.append(f"scale section FAILED: {figures['scale']['failed']}")
    else:
        out.append(scale_bench.render(figures["scale"]).rstrip())
    out.append("")
    out.append("targets")
    for target in figures["targets"]:
        verdict = {True: "PASS", False: "MISS", None: "n/a "}[target["pass"]]
        value = target["value"]
        shown = "—" if value is None else (f"{value:+.0%}" if "growth" in target["name"] else f"{value:,.2f}")
        out.append(f"  {verdict}  {target['name']:<42} {shown:>10} {target['unit']:<7}"
                   f"(target {target['comparison']} {target['target']:g} {target['unit']})")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- profiling

def profile(count_per_format: int, seed: int, pack_name: str | None, top: int = 30) -> str:
    """Where (c) spends its time, single process, after a warm-up: the stage timings of an
    unprofiled pass next to the floor (read + jieba.lcut) on the same files, the parent's cost of
    storing a result, then cProfile's top functions over a second pass."""
    import jieba

    from gongwen.extractors.readers import read_document
    from gongwen.extractors.segment import get_segmenter
    from gongwen.pipeline.runner import process_path
    from gongwen.pipeline.store import Store

    pack = None
    if pack_name:
        from gongwen.validators.packs import load_pack

        pack = load_pack(pack_name)
    get_segmenter()
    out = []
    with tempfile.TemporaryDirectory(prefix="gongwen-profile-") as temporary:
        files = generate_corpus(Path(temporary) / "corpus", max(60, count_per_format * 8), seed, jobs=1)
        chosen = [item for fmt in FORMATS for item in [f for f in files if f.format == fmt][:count_per_format]]
        for item in chosen[:3]:
            process_path(item.path, pack=pack)  # warm lazy imports and caches
        results = [process_path(item.path, pack=pack) for item in chosen]
        out.append(f"{len(chosen)} documents, pack {getattr(pack, 'name', None)}; statuses "
                   f"{dict(Counter(result.status for result in results))}; ms per document, no profiler:")
        for fmt in FORMATS:
            picked = [(result, item) for result, item in zip(results, chosen) if item.format == fmt]
            stages = {stage: statistics.mean(result.timings.get(stage, 0.0) for result, _ in picked) * 1000
                      for stage in ("read", "normalize", "segment", "extract", "validate")}
            started = time.perf_counter()
            for _, item in picked:
                jieba.lcut("\n".join(block.text for block in read_document(item.path).blocks))
            floor = (time.perf_counter() - started) / len(picked) * 1000
            total = sum(stages.values())
            chars = statistics.mean(item.chars for _, item in picked)
            out.append(f"  {fmt:<5} {chars:5.0f} 字: " + ", ".join(f"{stage} {ms:.1f}" for stage, ms in stages.items())
                       + f" = {total:.1f}; floor (read + jieba.lcut) {floor:.1f}; floor/pipeline {floor / total:.2f}")
        store = Store(str(Path(temporary) / "profile.sqlite"))
        started = time.perf_counter()
        run_id = store.start_run(None, None, "bench", len(results))
        for result in results:
            store.save(result, run_id, "bench")
        out.append(f"  store.save in the parent: {(time.perf_counter() - started) / len(results) * 1000:.1f} ms/doc")
        profiler = cProfile.Profile()
        profiler.enable()
        for item in chosen:
            process_path(item.path, pack=pack)
        profiler.disable()
        for sort in ("tottime", "cumulative"):
            buffer = io.StringIO()
            pstats.Stats(profiler, stream=buffer).strip_dirs().sort_stats(sort).print_stats(top)
            out.append(f"\ntop {top} by {sort} (cProfile inflates Python-heavy code):\n"
                       + buffer.getvalue().split("\n\n", 1)[-1].rstrip())
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- command line

def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m corpus.bench.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--count", type=int, default=1000, help="documents to generate and process")
    parser.add_argument("--dir", help="generate into (or reuse the corpus in) this folder instead of a temp folder")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes (default: all cores)")
    parser.add_argument("--pack", default=DEFAULT_PACK, help="rule pack for (c) and the cold start ('' for none)")
    parser.add_argument("--compare-n", help="also measure the mix at these sizes, e.g. 1000,5000 (memory flatness)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON instead of the table")
    parser.add_argument("--profile", type=int, metavar="K",
                        help="instead: cProfile the pipeline on K documents per format (single process)")
    parser.add_argument("--cold-start", metavar="FILE",
                        help="instead: only the cold start of `gongwen check FILE --rules <pack>`")
    parser.add_argument("--phase", choices=tuple(PHASES), help=argparse.SUPPRESS)
    parser.add_argument("--files", help=argparse.SUPPRESS)
    parser.add_argument("--store", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    args.pack = args.pack or None
    if args.phase:
        paths = [line for line in Path(args.files).read_text(encoding="utf-8").splitlines() if line]
        print(json.dumps(run_phase(args.phase, paths, args.jobs, args.store, args.pack)))
        return 0
    if args.profile:
        sys.stdout.write(profile(args.profile, args.seed, args.pack))
        return 0
    if args.cold_start:
        with tempfile.TemporaryDirectory(prefix="gongwen-cold-") as temporary:
            cold = Bench([], Path(temporary), args.jobs, args.pack).cold_check(Path(args.cold_start).resolve(), args.pack)
        print(json.dumps(cold, indent=1) if args.json else _cold_line(cold))
        return 0

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    figures = run_bench(args, log)
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=1, default=str))
    else:
        sys.stdout.write(render(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
