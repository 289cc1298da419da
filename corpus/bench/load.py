"""A bounded load test of `gongwen serve` on loopback, against `gongwen batch` on the same files.

On one set of generated documents (the bench's generator: distinct documents, the bench's mix of
.docx, .pdf and .txt):

1. ``gongwen batch DIR --jobs J`` into a fresh SQLite store, as a subprocess: its wall time, and its
   own run time from the store's ``runs`` row (the command less interpreter start and imports);
2. ``gongwen serve --jobs J`` on a free 127.0.0.1 port with another fresh store (a user and an API
   token made through ``gongwen users``), then C client threads upload every document through
   ``POST /api/v1/reviews?wait=…`` and poll ``GET /api/v1/reviews/{id}`` when the answer is 202. A
   document's latency runs from the start of its POST to the answer that says it is done;
   throughput is the documents over the wall time from the first POST to the last answer;
3. the checks: through the API list and directly in the store, every document is stored exactly
   once (one review, one ``documents`` row) with a status, no review is left queued or running, and
   uploading a few of them again returns their review (``duplicate``) without storing anything new.

Both sides get the same number of worker processes. The server is started, and its workers and
models loaded, before the clock starts: a service is long-lived. Everything is bounded: the
documents, the clients, each request's timeout and the whole run's deadline; traffic goes only to
127.0.0.1.

Usage: python -m corpus.bench.load [-n 200] [--clients 20] [--jobs 2] [--json]
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text

from corpus.bench.generate import DEFAULT_SEED, GeneratedFile, generate_corpus

REPO_ROOT = Path(__file__).resolve().parents[2]
PACK = "yangquan-chengqu"
ROSTER = REPO_ROOT / "corpus" / "roster.yaml"
DEFAULT_DOCUMENTS = 200
DEFAULT_CLIENTS = 20
DEFAULT_JOBS = 2
DEFAULT_DEADLINE_SECONDS = 600.0
WAIT_SECONDS = 120  # the API's longest wait: one POST usually covers the whole review
POLL_SECONDS = 0.5
REQUEST_TIMEOUT = httpx.Timeout(WAIT_SECONDS + 30.0, connect=10.0)
STARTUP_SECONDS = 90.0
STOP_SECONDS = 30.0
DUPLICATE_SAMPLE = 5
PENDING = ("queued", "running")
FINISHED = ("done", "error")
TARGET_THROUGHPUT_RATIO = 0.8
USER, PASSWORD = "load-test", "load-test-password-9"


class LoadTestError(RuntimeError):
    """The load test could not run to its end (a command failed, the deadline passed)."""


class Deadline:
    def __init__(self, seconds: float) -> None:
        self.ends = time.monotonic() + seconds

    def left(self, at_most: float | None = None) -> float:
        remaining = self.ends - time.monotonic()
        if remaining <= 0:
            raise LoadTestError("the load test went over its deadline")
        return remaining if at_most is None else min(remaining, at_most)


@dataclass
class Upload:
    """One document's trip through the API."""

    file: GeneratedFile
    review_id: int | None = None
    status: str | None = None
    duplicate: bool | None = None
    latency: float | None = None
    polls: int = 0
    failure: str | None = None


@dataclass
class Figures:
    documents: int
    clients: int
    jobs: int
    by_format: dict
    batch: dict = field(default_factory=dict)
    serve: dict = field(default_factory=dict)
    checks: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)

    @property
    def ratio(self) -> float | None:
        """Serve throughput over the batch's, the batch timed by its own run (the stricter figure)."""
        serve, batch = self.serve.get("docs_per_second"), self.batch.get("run_docs_per_second")
        return serve / batch if serve and batch else None

    @property
    def ratio_command(self) -> float | None:
        serve, batch = self.serve.get("docs_per_second"), self.batch.get("command_docs_per_second")
        return serve / batch if serve and batch else None

    def as_dict(self) -> dict:
        return {"documents": self.documents, "clients": self.clients, "jobs": self.jobs, "by_format": self.by_format,
                "batch": self.batch, "serve": self.serve, "checks": self.checks, "problems": self.problems,
                "ratio": self.ratio, "ratio_command": self.ratio_command,
                "target_ratio": TARGET_THROUGHPUT_RATIO}


# ---------------------------------------------------------------- commands

def gongwen_command() -> list[str]:
    executable = Path(sys.executable).with_name("gongwen")
    return [str(executable)] if executable.exists() else [sys.executable, "-c",
                                                          "from gongwen.pipeline.cli import main; main()"]


def _children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _self_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _run(command: list[str], deadline: Deadline, at_most: float | None = None, **kwargs) -> subprocess.CompletedProcess:
    try:
        done = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True,
                              timeout=deadline.left(at_most), **kwargs)
    except subprocess.TimeoutExpired as error:
        raise LoadTestError(f"{' '.join(command[1:3])} did not end in time") from error
    return done


def run_batch(folder: Path, db: Path, jobs: int, deadline: Deadline) -> dict:
    """`gongwen batch` on the folder into a fresh store: the command's wall time and the run's own."""
    command = gongwen_command() + ["batch", str(folder), "--db", str(db), "--rules", PACK, "--roster", str(ROSTER),
                                   "--jobs", str(jobs)]
    cpu_before = _children_cpu_seconds()
    started = time.perf_counter()
    done = _run(command, deadline)
    seconds = time.perf_counter() - started
    cpu = _children_cpu_seconds() - cpu_before
    if done.returncode not in (0, 1):
        raise LoadTestError(f"gongwen batch exited {done.returncode}: {done.stderr.strip()[-800:]}")
    engine = create_engine(f"sqlite:///{db}")
    try:
        with engine.connect() as connection:
            run = connection.execute(text("SELECT started_at, finished_at, status, processed, errors FROM runs "
                                          "ORDER BY id DESC LIMIT 1")).one()
            stored = connection.execute(text("SELECT count(*) FROM documents")).scalar_one()
    finally:
        engine.dispose()
    run_seconds = (_moment(run.finished_at) - _moment(run.started_at))
    return {"command_seconds": seconds, "run_seconds": run_seconds, "status": run.status,
            "processed": run.processed, "errors": run.errors, "stored": stored,
            "command_docs_per_second": run.processed / seconds, "run_docs_per_second": run.processed / run_seconds,
            "cpu_ms_per_doc": cpu / run.processed * 1000 if run.processed else None}


def _moment(value) -> float:
    from datetime import datetime

    return (value if isinstance(value, datetime) else datetime.fromisoformat(str(value))).timestamp()


def _process_cpu_seconds(pid: int) -> tuple[float, float]:
    """CPU seconds of a live process itself and of its live and finished children (Linux /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")

    def own_and_reaped(process: int) -> tuple[float, float]:
        fields = Path(f"/proc/{process}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / ticks, (int(fields[13]) + int(fields[14])) / ticks

    own, reaped = own_and_reaped(pid)
    children = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        children |= set((task / "children").read_text().split())
    live = 0.0
    for child in children:
        try:
            live += sum(own_and_reaped(int(child)))
        except (OSError, ValueError):  # a worker that ended meanwhile is counted among the reaped
            pass
    return own, reaped + live


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """`gongwen serve` as a subprocess on a free loopback port, with a user and an API token."""

    def __init__(self, work: Path, jobs: int, deadline: Deadline) -> None:
        self.db = work / "serve.sqlite"
        self.data_dir = work / "serve-uploads"
        self.log_path = work / "serve.log"
        self.jobs = jobs
        self.deadline = deadline
        self.port = _free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None
        self.token = ""
        self.cpu_seconds: float | None = None

    def __enter__(self) -> Server:
        command = gongwen_command()
        added = _run(command + ["users", "add", USER, "--role", "clerk", "--password", PASSWORD, "--db", str(self.db)],
                     self.deadline, 60)
        issued = _run(command + ["users", "token", USER, "--db", str(self.db)], self.deadline, 60)
        if added.returncode or issued.returncode or not issued.stdout.strip():
            raise LoadTestError(f"cannot create the load test's user and token: {added.stderr}{issued.stderr}")
        self.token = issued.stdout.strip().splitlines()[-1]
        self._cpu_before = _children_cpu_seconds()
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(
                command + ["serve", "--host", "127.0.0.1", "--port", str(self.port), "--db", str(self.db),
                           "--rules", PACK, "--roster", str(ROSTER), "--data-dir", str(self.data_dir),
                           "--jobs", str(self.jobs)],
                cwd=REPO_ROOT, stdout=log, stderr=subprocess.STDOUT)
        try:
            self._wait_healthy()
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_healthy(self) -> None:
        ends = time.monotonic() + self.deadline.left(STARTUP_SECONDS)
        with httpx.Client(base_url=self.base_url, timeout=5.0, trust_env=False) as client:
            while time.monotonic() < ends:
                if self.process.poll() is not None:
                    raise LoadTestError(f"gongwen serve exited {self.process.returncode}: {self.log_tail()}")
                try:
                    if client.get("/healthz").status_code == 200:
                        return
                except httpx.TransportError:
                    pass
                time.sleep(0.2)
        raise LoadTestError(f"gongwen serve did not answer /healthz in time: {self.log_tail()}")

    def log_tail(self, lines: int = 15) -> str:
        try:
            return "\n".join(self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)  # uvicorn's graceful stop: the desk closes its run
        try:
            self.process.wait(STOP_SECONDS)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(STOP_SECONDS)
        self.cpu_seconds = _children_cpu_seconds() - self._cpu_before

    def __exit__(self, *exc_info) -> None:
        self.stop()


# ---------------------------------------------------------------- the clients

def _upload_one(client: httpx.Client, upload: Upload, deadline: Deadline) -> None:
    started = time.perf_counter()
    try:
        with open(upload.file.path, "rb") as handle:
            response = client.post("/api/v1/reviews", params={"wait": WAIT_SECONDS},
                                   files={"file": (upload.file.path.name, handle)},
                                   timeout=httpx.Timeout(deadline.left(REQUEST_TIMEOUT.read), connect=10.0))
        while True:
            if response.status_code not in (200, 202):
                upload.failure = f"HTTP {response.status_code}: {response.text[:200]}"
                return
            review = response.json()["review"]
            upload.review_id, upload.status = review["id"], review["status"]
            upload.duplicate = upload.duplicate if upload.duplicate is not None else review["duplicate"]
            if upload.status not in PENDING:
                upload.latency = time.perf_counter() - started
                return
            time.sleep(POLL_SECONDS)
            upload.polls += 1
            response = client.get(f"/api/v1/reviews/{upload.review_id}",
                                  timeout=httpx.Timeout(deadline.left(30.0), connect=10.0))
    except (httpx.HTTPError, LoadTestError, ValueError, KeyError) as error:
        upload.failure = f"{type(error).__name__}: {error}"


def upload_all(server: Server, uploads: list[Upload], clients: int, deadline: Deadline) -> dict:
    """C client threads, each with its own connection, take the next document until none is left."""
    queue = list(reversed(uploads))
    lock = threading.Lock()

    def client_loop() -> None:
        with httpx.Client(base_url=server.base_url, headers={"Authorization": f"Bearer {server.token}"},
                          timeout=REQUEST_TIMEOUT, trust_env=False) as client:
            while True:
                with lock:
                    if not queue:
                        return
                    upload = queue.pop()
                if time.monotonic() >= deadline.ends:
                    upload.failure = "not sent: the load test's deadline passed"
                    continue
                _upload_one(client, upload, deadline)

    cpu_before = _self_cpu_seconds()
    server_before = _process_cpu_seconds(server.process.pid)
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients, thread_name_prefix="load-client") as pool:
        for future in [pool.submit(client_loop) for _ in range(clients)]:
            future.result()
    seconds = time.perf_counter() - started
    server_cpu, workers_cpu = (after - before for after, before in
                               zip(_process_cpu_seconds(server.process.pid), server_before))
    latencies = sorted(item.latency for item in uploads if item.latency is not None)
    done = len(latencies)
    return {"seconds": seconds, "finished": done, "docs_per_second": done / seconds if seconds else None,
            "latency_p50": _percentile(latencies, 50), "latency_p95": _percentile(latencies, 95),
            "latency_max": latencies[-1] if latencies else None,
            "statuses": dict(Counter(item.status for item in uploads)),
            "polled": sum(item.polls > 0 for item in uploads),
            "client_cpu_ms_per_doc": (_self_cpu_seconds() - cpu_before) / len(uploads) * 1000 if uploads else None,
            "server_cpu_ms_per_doc": server_cpu / len(uploads) * 1000 if uploads else None,
            "workers_cpu_ms_per_doc": workers_cpu / len(uploads) * 1000 if uploads else None,
            "failures": [f"{item.file.path.name}: {item.failure}" for item in uploads if item.failure][:10]}


def _percentile(ordered: list[float], percent: float) -> float | None:
    if not ordered:
        return None
    if len(ordered) == 1:
        return ordered[0]
    return statistics.quantiles(ordered, n=100, method="inclusive")[int(percent) - 1]


# ---------------------------------------------------------------- the checks

def check_store(server: Server, uploads: list[Upload], deadline: Deadline) -> tuple[dict, list[str]]:
    """Every upload stored exactly once with a status, through the API and in the store itself."""
    problems = []
    names = Counter(item.file.path.name for item in uploads)
    with httpx.Client(base_url=server.base_url, headers={"Authorization": f"Bearer {server.token}"},
                      timeout=httpx.Timeout(deadline.left(60.0)), trust_env=False) as client:
        listed = client.get("/api/v1/reviews", params={"limit": 1000})
        if listed.status_code != 200:
            raise LoadTestError(f"GET /api/v1/reviews answered {listed.status_code}")
        reviews = listed.json()["reviews"]
        api_names = Counter(review["name"] for review in reviews)
        api_pending = [review["id"] for review in reviews if review["status"] not in FINISHED]
        if api_names != names:
            problems.append(f"the API lists {sum(api_names.values())} reviews of {len(api_names)} names "
                            f"for {len(uploads)} uploads: not each exactly once")
        if api_pending:
            problems.append(f"the API lists {len(api_pending)} reviews without a final status: {api_pending[:10]}")
        again = _upload_again(client, [item for item in uploads if item.review_id][:DUPLICATE_SAMPLE], deadline)
    problems += again["problems"]

    engine = create_engine(f"sqlite:///{server.db}")
    try:
        with engine.connect() as connection:
            reviews_by_status = dict(connection.execute(
                text("SELECT status, count(*) FROM reviews GROUP BY status")).all())
            review_rows = connection.execute(
                text("SELECT id, original_name, content_key, document_id FROM reviews")).all()
            document_rows = connection.execute(text("SELECT id, path, status FROM documents")).all()
    finally:
        engine.dispose()
    stored_names = Counter(row.original_name for row in review_rows)
    if stored_names != names:
        problems.append(f"the reviews table holds {len(review_rows)} rows for {len(uploads)} uploads: "
                        f"{sum(count > 1 for count in stored_names.values())} names more than once, "
                        f"{len(set(names) - set(stored_names))} missing")
    if len({row.content_key for row in review_rows}) != len(review_rows):
        problems.append("two reviews share a content key")
    pending = {status: count for status, count in reviews_by_status.items() if status not in FINISHED}
    if pending:
        problems.append(f"reviews left without a final status: {pending}")
    document_ids = [row.document_id for row in review_rows]
    if None in document_ids or len(set(document_ids)) != len(document_ids):
        problems.append(f"{document_ids.count(None)} reviews without a stored document, "
                        f"{len(document_ids) - len(set(document_ids))} sharing one")
    by_document_name = Counter(row.path.rsplit("/", 1)[-1] for row in document_rows)
    if by_document_name != names:
        problems.append(f"the documents table holds {len(document_rows)} rows for {len(uploads)} uploads: "
                        "not each exactly once")
    document_statuses = Counter(row.status for row in document_rows)
    if set(document_statuses) - {"ok", "error"}:
        problems.append(f"documents without an ok/error status: {dict(document_statuses)}")
    checks = {"api_reviews": len(reviews), "reviews": len(review_rows), "reviews_by_status": reviews_by_status,
              "documents": len(document_rows), "documents_by_status": dict(document_statuses),
              "uploaded_again": again["count"], "duplicates_recognised": again["recognised"]}
    return checks, problems


def _upload_again(client: httpx.Client, uploads: list[Upload], deadline: Deadline) -> dict:
    """The same contents again: each must come back as its existing review, marked duplicate."""
    problems, recognised = [], 0
    for upload in uploads:
        with open(upload.file.path, "rb") as handle:
            response = client.post("/api/v1/reviews", params={"wait": 0},
                                   files={"file": (upload.file.path.name, handle)},
                                   timeout=httpx.Timeout(deadline.left(60.0)))
        review = response.json().get("review", {}) if response.status_code in (200, 202) else {}
        if review.get("duplicate") and review.get("id") == upload.review_id:
            recognised += 1
        else:
            problems.append(f"{upload.file.path.name} uploaded again: HTTP {response.status_code}, review "
                            f"{review.get('id')} (first {upload.review_id}), duplicate {review.get('duplicate')}")
    return {"count": len(uploads), "recognised": recognised, "problems": problems}


# ---------------------------------------------------------------- the whole test

def run_load_test(documents: int = DEFAULT_DOCUMENTS, clients: int = DEFAULT_CLIENTS, jobs: int = DEFAULT_JOBS,
                  deadline_seconds: float = DEFAULT_DEADLINE_SECONDS, seed: int = DEFAULT_SEED,
                  work: Path | None = None, log=lambda message: None, against_batch: bool = True) -> Figures:
    """Generate, batch, serve, upload, check; the figures and any problem found (never raised:
    a broken store is a finding). ``LoadTestError`` when the test itself cannot run. Without
    ``against_batch`` the batch is not run (no throughput ratio): the test suite checks the service
    and leaves the ratio to the bench."""
    deadline = Deadline(deadline_seconds)
    with tempfile.TemporaryDirectory(prefix="gongwen-load-", dir=work) as temporary:
        root = Path(temporary)
        folder = root / "documents"
        log(f"generating {documents} documents …")
        files = generate_corpus(folder, documents, seed, jobs)
        figures = Figures(documents, clients, jobs, dict(Counter(item.format for item in files)))
        deadline.left()

        if against_batch:
            log(f"gongwen batch --jobs {jobs} …")
            figures.batch = run_batch(folder, root / "batch.sqlite", jobs, deadline)
            if figures.batch["stored"] != documents:
                figures.problems.append(f"the batch stored {figures.batch['stored']} of {documents} documents")

        uploads = [Upload(item) for item in files]
        log(f"gongwen serve --jobs {jobs}, {clients} clients …")
        with Server(root, jobs, deadline) as server:
            figures.serve = upload_all(server, uploads, clients, deadline)
            log("checking the store …")
            figures.checks, problems = check_store(server, uploads, deadline)
            figures.problems += problems
        figures.serve["cpu_ms_per_doc"] = server.cpu_seconds / documents * 1000 if server.cpu_seconds else None
        if figures.serve["failures"]:
            figures.problems.append(f"{len([u for u in uploads if u.failure])} uploads failed, e.g. "
                                    f"{figures.serve['failures'][0]}; server log: {server.log_tail(5)}")
        duplicates = [item.file.path.name for item in uploads if item.duplicate]
        if duplicates:
            figures.problems.append(f"{len(duplicates)} distinct documents were taken for duplicates: {duplicates[:5]}")
        shutil.rmtree(folder, ignore_errors=True)
    return figures


# ---------------------------------------------------------------- the printed report

def _seconds(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f} s"


def render(figures: dict) -> str:
    """The figures of ``Figures.as_dict()`` as lines of text."""
    batch, serve, checks = figures["batch"], figures["serve"], figures["checks"]
    formats = ", ".join(f"{name} {count}" for name, count in sorted(figures["by_format"].items()))
    lines = [
        f"load test: {figures['documents']} documents ({formats}), {figures['clients']} clients through the API, "
        f"{figures['jobs']} worker processes on each side",
        f"  gongwen batch: {batch['run_seconds']:.2f} s run ({batch['run_docs_per_second']:.2f} docs/s), "
        f"{batch['command_seconds']:.2f} s command ({batch['command_docs_per_second']:.2f} docs/s), "
        f"CPU {_number(batch['cpu_ms_per_doc'])} ms/doc, {batch['errors']} errors" if batch else
        "  gongwen batch: not run (no throughput ratio)",
        f"  gongwen serve: {serve['seconds']:.2f} s first POST to last answer ({serve['docs_per_second']:.2f} docs/s), "
        f"CPU {_number(serve.get('cpu_ms_per_doc'))} ms/doc (server and workers, start included)",
        f"  while uploading, CPU per document: server process {_number(serve.get('server_cpu_ms_per_doc'))} ms "
        f"(HTTP, accounts, store), its workers {_number(serve.get('workers_cpu_ms_per_doc'))} ms "
        f"(review and rendering), the {figures['clients']} clients {_number(serve.get('client_cpu_ms_per_doc'))} ms",
        f"  latency per document: p50 {_seconds(serve['latency_p50'])}, p95 {_seconds(serve['latency_p95'])}, "
        f"max {_seconds(serve['latency_max'])}; {serve['polled']} answered after polling",
        f"  serve / batch throughput: {_number(figures['ratio'], 2)} (batch timed by its run), "
        f"{_number(figures['ratio_command'], 2)} (by the whole command); target >= {figures['target_ratio']}",
    ]
    if checks:
        lines.append(f"  store: {checks['reviews']} reviews {checks['reviews_by_status']}, {checks['documents']} "
                     f"documents {checks['documents_by_status']}, API lists {checks['api_reviews']}; "
                     f"{checks['duplicates_recognised']}/{checks['uploaded_again']} uploaded again recognised")
    lines += [f"  PROBLEM: {problem}" for problem in figures["problems"]] or \
        ["  every document stored exactly once with a status"]
    return "\n".join(lines) + "\n"


def _number(value: float | None, digits: int = 0) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m corpus.bench.load", description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--documents", type=int, default=DEFAULT_DOCUMENTS)
    parser.add_argument("--clients", type=int, default=DEFAULT_CLIENTS)
    parser.add_argument("--jobs", type=int, default=DEFAULT_JOBS, help="worker processes on each side")
    parser.add_argument("--deadline", type=float, default=DEFAULT_DEADLINE_SECONDS, help="seconds for the whole test")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    figures = run_load_test(args.documents, args.clients, args.jobs, args.deadline, args.seed,
                            log=lambda message: print(message, file=sys.stderr, flush=True))
    print(json.dumps(figures.as_dict(), indent=1) if args.json else render(figures.as_dict()), end="")
    return 1 if figures.problems else 0


if __name__ == "__main__":
    sys.exit(main())
