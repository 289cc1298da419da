"""The bench's scale section: `gongwen batch` through the local process pool against a Dask
LocalCluster (`gongwen batch --scheduler local:N`) on the same generated documents, and the store's
write rate, the figures docs/scale.md extrapolates from.

1. The process pool (``run_batch``) with 1 and with 2 worker processes, each run into a fresh SQLite
   store, in a fresh interpreter.
2. A LocalCluster of 1 and of 2 single-threaded workers (``cluster.connect("local:N")``, as the
   command starts it), started, with gongwen imported in its workers, before the clock starts (a
   cluster is long-lived; its start is reported apart), then ``run_batch_on_cluster`` into a fresh SQLite store. Throughput is compared
   at equal cores, LocalCluster N ÷ pool N (goal ≥ 0.85), each side the faster of two runs taken in
   turn, and the overhead per document of going
   through Dask is the core time it adds: N ÷ (cluster docs/s) − N ÷ (pool docs/s). Every run must
   store the same status, error code and number of findings for every document as the pool.
3. The store's write rate: the pool's results saved again with ``Store.save`` (one transaction a
   document, as a batch or a Dask worker saves them) into a fresh SQLite file and, when
   GONGWEN_BENCH_POSTGRES_URL names a PostgreSQL server, into a schema of its own there (dropped
   after), by 1 and by 4 writer processes at once.

Usage: python -m corpus.bench.scale [-n 1000] [--workers 1,2] [--json]
"""
from __future__ import annotations

import argparse
import importlib
import json
import os
import pickle
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path

from corpus.bench.child import figures_from
from corpus.bench.generate import DEFAULT_SEED, generate_corpus

PACK = "dongan"
DEFAULT_DOCUMENTS = 1000
DEFAULT_WORKERS = (1, 2)
WRITERS = (1, 4)
TARGET_RATIO = 0.85
REPEATS = 2  # each run twice, the faster counts: single runs on a shared machine vary by ±10 %
TIMEOUT = 120.0  # the command's default time limit per document
POSTGRES_ENV = "GONGWEN_BENCH_POSTGRES_URL"


# ---------------------------------------------------------------- one measured run (its own process)

def _options():
    from gongwen.pipeline.runner import RunOptions
    from gongwen.validators.packs import load_pack

    return RunOptions(pack=load_pack(PACK), timeout=TIMEOUT)


def _stored_outcomes(db: str) -> dict[str, list]:
    """path -> [status, error code, findings] as the store holds them."""
    from sqlalchemy import func, select
    from sqlalchemy.orm import Session

    from gongwen.pipeline.store import DocumentRow, FindingRow, Store

    with Session(Store(db).engine) as session:
        counts = dict(session.execute(select(FindingRow.document_id, func.count()).group_by(FindingRow.document_id)).all())
        return {row.path: [row.status, row.error_code, counts.get(row.id, 0)]
                for row in session.scalars(select(DocumentRow))}


def run_pool(paths: list[str], jobs: int, db: str, keep_results: str | None) -> dict:
    from gongwen.pipeline.batch import run_batch
    from gongwen.pipeline.store import Store

    results = []
    summary = run_batch(paths, _options(), Store(db), jobs,
                        on_result=results.append if keep_results else None)
    if keep_results:
        with open(keep_results, "wb") as kept:
            pickle.dump(results, kept)
    return {"seconds": summary.seconds, "processed": summary.processed, "errors": summary.errors,
            "status": summary.status, "stored": _stored_outcomes(db)}


def run_cluster(paths: list[str], workers: int, db: str) -> dict:
    from gongwen.pipeline.cluster import connect, run_batch_on_cluster

    scheduler = f"local:{workers}"
    started = time.perf_counter()
    client = connect(scheduler)
    client.wait_for_workers(workers)
    # a running cluster's workers have imported gongwen at their first run, as the pool's parent has
    # before its run starts: neither side's clock counts it
    client.run(importlib.import_module, "gongwen.pipeline.cluster")
    start_seconds = time.perf_counter() - started
    try:
        summary = run_batch_on_cluster(paths, _options(), db, scheduler, client=client)
    finally:
        cluster = client.cluster
        client.close()
        cluster.close()
    return {"seconds": summary.seconds, "start_seconds": start_seconds, "processed": summary.processed,
            "errors": summary.errors, "status": summary.status, "stored": _stored_outcomes(db)}


def store_rate(results_file: str, db: str, writers: int) -> dict:
    """Saves a second of the kept results into ``db`` by ``writers`` processes (as many machines'
    workers write), a Store each, every save its own transaction."""
    import multiprocessing

    from gongwen.pipeline.store import Store

    with open(results_file, "rb") as kept:
        results = pickle.load(kept)
    store = Store(db)  # tables made before the clock starts
    run_id = store.start_run(PACK, None, "bench", len(results))
    store.engine.dispose()  # no connection carried into the forked writers
    context = multiprocessing.get_context("fork")
    processes = [context.Process(target=_write, args=(db, run_id, results[index::writers])) for index in range(writers)]
    started = time.perf_counter()
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    seconds = time.perf_counter() - started
    if any(process.exitcode for process in processes):
        raise RuntimeError(f"a writer failed: exit codes {[process.exitcode for process in processes]}")
    findings = sum(len(result.findings) for result in results)
    return {"writers": writers, "documents": len(results), "findings": findings, "seconds": seconds,
            "saves_per_second": len(results) / seconds}


def _write(db: str, run_id: int, share: list) -> None:
    from gongwen.pipeline.store import Store

    store = Store(db, create=False)
    for result in share:
        store.save(result, run_id, "bench")


# ---------------------------------------------------------------- orchestration

def _in_fresh_process(*arguments: str) -> dict:
    return figures_from("corpus.bench.scale", "--one", *arguments)


def _postgres_schema_url(url: str, schema: str) -> str:
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}options=-csearch_path%3D{schema}"


def _with_postgres_schema(url: str, measure) -> dict:
    """``measure(schema_url)`` in a schema made for it on the server, dropped after."""
    from sqlalchemy import create_engine, text

    schema = f"gongwen_bench_{uuid.uuid4().hex[:8]}"
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text(f"CREATE SCHEMA {schema}"))
        return measure(_postgres_schema_url(url, schema))
    except Exception as error:  # the bench reports what works: a server that refuses is a figure
        return {"failed": f"{type(error).__name__}: {str(error).splitlines()[0]}"}
    finally:
        try:
            with engine.begin() as connection:
                connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        finally:
            engine.dispose()


def _mismatches(stored: dict, reference: dict) -> list[str]:
    """Documents stored otherwise than the pool stored them (at most five named)."""
    differing = sorted(path for path in reference.keys() | stored.keys() if stored.get(path) != reference.get(path))
    return [f"{Path(path).name}: {stored.get(path)} (pool: {reference.get(path)})" for path in differing]


def run_scale(count: int, workers: tuple[int, ...], seed: int, corpus_dir: str | None, repeats: int = REPEATS,
              log=print) -> dict:
    with tempfile.TemporaryDirectory(prefix="gongwen-scale-") as temporary:
        work = Path(temporary)
        folder = Path(corpus_dir) if corpus_dir else work / "corpus"
        log(f"scale: generating {count} documents …")
        files = generate_corpus(folder, count, seed)
        listing = work / "files.txt"
        listing.write_text("\n".join(str(item.path) for item in files), encoding="utf-8")
        kept = work / "results.pickle"
        attempts: dict[str, list[dict]] = {}
        for repeat in range(repeats):  # alternating, so that a slow spell of the machine hits both sides
            for n in workers:
                log(f"scale: process pool, {n} worker(s), run {repeat + 1} of {repeats} …")
                attempts.setdefault(f"pool-{n}", []).append(_in_fresh_process(
                    "pool", str(n), str(listing), str(work / f"pool-{n}-{repeat}.sqlite"),
                    str(kept) if n == max(workers) and repeat == 0 else ""))
                log(f"scale: Dask LocalCluster, {n} worker(s), run {repeat + 1} of {repeats} …")
                attempts.setdefault(f"cluster-{n}", []).append(_in_fresh_process(
                    "cluster", str(n), str(listing), str(work / f"cluster-{n}-{repeat}.sqlite")))
        reference = attempts[f"pool-{max(workers)}"][0].get("stored", {})
        runs: dict[str, dict] = {}
        for name, tries in attempts.items():
            mismatches = []
            for figures in tries:
                stored = figures.pop("stored", None)
                if stored is not None:
                    mismatches += _mismatches(stored, reference)
            done = [figures for figures in tries if "failed" not in figures]
            if len(done) < len(tries):
                runs[name] = next(figures for figures in tries if "failed" in figures)
                continue
            runs[name] = best = dict(min(done, key=lambda figures: figures["seconds"]))
            best.update(docs_per_second=len(files) / best["seconds"], mismatches=mismatches,
                        all_seconds=[figures["seconds"] for figures in tries])
        comparisons = []
        for n in workers:
            pool, cluster = runs[f"pool-{n}"], runs[f"cluster-{n}"]
            if "failed" in pool or "failed" in cluster:
                comparisons.append({"workers": n, "ratio": None, "overhead_ms": None})
                continue
            comparisons.append({"workers": n, "ratio": cluster["docs_per_second"] / pool["docs_per_second"],
                                "overhead_ms": (n / cluster["docs_per_second"] - n / pool["docs_per_second"]) * 1000,
                                "pool_core_ms": n / pool["docs_per_second"] * 1000})
        writes: dict[str, list] = {"sqlite": [], "postgresql": []}
        postgres = os.environ.get(POSTGRES_ENV)
        if kept.exists():
            for writers in WRITERS:
                log(f"scale: store write rate, {writers} writer(s) …")
                writes["sqlite"].append(_in_fresh_process("store", str(writers), str(kept),
                                                          str(work / f"rate-{writers}.sqlite")))
                if postgres:
                    writes["postgresql"].append(_with_postgres_schema(
                        postgres, lambda url: _in_fresh_process("store", str(writers), str(kept), url)))
    return {"documents": len(files), "by_format": dict(Counter(item.format for item in files)),
            "cpus": os.cpu_count(), "runs": runs, "comparisons": comparisons, "writes": writes,
            "postgres": bool(postgres), "target_ratio": TARGET_RATIO,
            "median_bytes": sorted(item.path.stat().st_size for item in files)[len(files) // 2] if files else 0}


def targets(figures: dict) -> list[dict]:
    checks = []
    for comparison in figures["comparisons"]:
        value = comparison["ratio"]
        checks.append({"name": f"Dask LocalCluster / process pool, {comparison['workers']} worker(s)",
                       "value": value, "target": figures["target_ratio"], "unit": "", "comparison": ">=",
                       "pass": None if value is None else value >= figures["target_ratio"]})
    mismatched = sum(len(run.get("mismatches", [])) for run in figures["runs"].values())
    failed = any("failed" in run for run in figures["runs"].values())
    checks.append({"name": "scale: documents stored otherwise than the pool", "value": None if failed else mismatched,
                   "target": 0, "unit": "", "comparison": "<=", "pass": None if failed else mismatched == 0})
    return checks


# ---------------------------------------------------------------- the printed report

def _number(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


def render(figures: dict) -> str:
    formats = ", ".join(f"{name} {count}" for name, count in sorted(figures["by_format"].items()))
    lines = [f"scale: the same {figures['documents']} documents ({formats}; median {figures['median_bytes'] / 1024:.0f} KB) "
             f"through the process pool and a Dask LocalCluster, {figures['cpus']} CPUs",
             f"  {'run':<30}{'seconds':>9}{'docs/s':>9}{'errors':>8}  notes"]
    for name, run in figures["runs"].items():
        kind, n = name.split("-")
        label = f"{'process pool' if kind == 'pool' else 'Dask LocalCluster'}, {n} worker{'s' if n != '1' else ''}"
        if "failed" in run:
            lines.append(f"  {label:<30}FAILED: {run['failed']}")
            continue
        notes = [f"faster of {', '.join(f'{seconds:.1f}' for seconds in run['all_seconds'])} s"]
        if "start_seconds" in run:
            notes.append(f"cluster started in {run['start_seconds']:.1f} s (not counted)")
        if run["mismatches"]:
            notes.append(f"{len(run['mismatches'])} stored otherwise than the pool, e.g. {run['mismatches'][0]}")
        lines.append(f"  {label:<30}{run['seconds']:>9.2f}{run['docs_per_second']:>9.1f}{run['errors']:>8}  "
                     + "; ".join(notes))
    for comparison in figures["comparisons"]:
        lines.append(f"  {comparison['workers']} worker(s): LocalCluster / pool {_number(comparison['ratio'], 2)}; "
                     f"Dask adds {_number(comparison['overhead_ms'])} ms of core time a document "
                     f"(the pool spends {_number(comparison.get('pool_core_ms'))})")
    for backend, rows in figures["writes"].items():
        for row in rows:
            if "failed" in row:
                lines.append(f"  store write rate, {backend}: FAILED: {row['failed']}")
            else:
                lines.append(f"  store write rate, {backend}, {row['writers']} writer(s): {row['saves_per_second']:,.0f} "
                             f"documents/s ({row['documents']} documents with {row['findings']} findings, "
                             "a transaction each)")
    if not figures["postgres"]:
        lines.append(f"  store write rate, postgresql: not measured (set {POSTGRES_ENV} to a server's URL)")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m corpus.bench.scale", description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--documents", type=int, default=DEFAULT_DOCUMENTS)
    parser.add_argument("--workers", default=",".join(map(str, DEFAULT_WORKERS)), help="worker counts, e.g. 1,2")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--repeats", type=int, default=REPEATS, help="runs of each configuration; the fastest counts")
    parser.add_argument("--dir", help="generate into (or reuse the corpus in) this folder")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--one", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        kind, number, *rest = args.one
        if kind == "store":
            figures = store_rate(rest[0], rest[1], int(number))
        else:
            paths = Path(rest[0]).read_text(encoding="utf-8").splitlines()
            figures = (run_pool(paths, int(number), rest[1], rest[2] if len(rest) > 2 and rest[2] else None)
                       if kind == "pool" else run_cluster(paths, int(number), rest[1]))
        print(json.dumps(figures))
        return 0
    workers = tuple(sorted({int(value) for value in args.workers.split(",")}))
    figures = run_scale(args.documents, workers, args.seed, args.dir, args.repeats,
                        log=lambda message: print(message, file=sys.stderr, flush=True))
    figures["targets"] = targets(figures)
    print(json.dumps(figures, indent=1) if args.json else render(figures), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
