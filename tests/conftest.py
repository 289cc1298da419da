"""Fixtures shared by every test folder."""
from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable

import pytest

# Linear work on 8x the input may take this many times as long (noise on shared cores, caches,
# GC) before the test calls it super-linear: quadratic work takes 64x.
_SCALE = 8
_GROWTH_ALLOWED = 20.0
_NOISE_SECONDS = 0.05


def _best_of(run: Callable, argument: object, repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        run(argument)
        best = min(best, time.perf_counter() - started)
    return best


def _measure(run: Callable, small: object, large: object, results) -> None:
    results.put((_best_of(run, small, 3), _best_of(run, large, 3)))


@pytest.fixture
def assert_linear():
    """``assert_linear(run, make_input, n)``: ``run(make_input(8n))`` must take at most a few times
    as long as ``run(make_input(n))``. Both run in a forked child that is killed after
    ``limit_seconds``, so super-linear code fails the test instead of hanging it."""

    def check(run: Callable, make_input: Callable[[int], object], n: int, limit_seconds: float = 20.0) -> None:
        small, large = make_input(n), make_input(_SCALE * n)
        context = multiprocessing.get_context("fork")
        results = context.Queue()
        child = context.Process(target=_measure, args=(run, small, large, results), daemon=True)
        child.start()
        child.join(limit_seconds)
        if child.is_alive():
            child.kill()
            child.join()
            pytest.fail(f"still running after {limit_seconds} s on inputs of size {n} and {_SCALE * n}")
        assert child.exitcode == 0, f"the measured code failed in the child (exit code {child.exitcode})"
        small_seconds, large_seconds = results.get(timeout=5)
        assert large_seconds <= _GROWTH_ALLOWED * small_seconds + _NOISE_SECONDS, (
            f"size {n}: {small_seconds:.4f} s, size {_SCALE * n}: {large_seconds:.4f} s")

    return check


@pytest.fixture(scope="session")
def empty_postgres() -> Callable[[], str]:
    """``empty_postgres()``: the URL of the test PostgreSQL server (GONGWEN_TEST_POSTGRES_URL, which
    .ci/run starts), emptied of every table another test left, whether or not this process has
    imported the models that made them; skips the test when there is no server."""
    import os

    def empty() -> str:
        url = os.environ.get("GONGWEN_TEST_POSTGRES_URL")
        if not url:
            pytest.skip("no PostgreSQL server: set GONGWEN_TEST_POSTGRES_URL (.ci/run starts one when it can)")
        from sqlalchemy import MetaData, create_engine

        engine = create_engine(url)
        tables = MetaData()
        tables.reflect(engine)
        tables.drop_all(engine)
        engine.dispose()
        return url
    return empty
