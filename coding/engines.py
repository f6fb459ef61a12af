"""Where batches run: in this process, in a pool of local processes, or on a Dask cluster.

Every engine takes the batches lazily and yields their partial results **in batch order**, keeping at
most a few batches in flight, so the documents are read as the work goes and the merged outputs are the
same, byte for byte, whichever engine ran them. No engine has a scheduler of its own: the local pool is
``concurrent.futures.ProcessPoolExecutor``, the cluster is Dask's (``distributed.Client``).
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from coding.batches import Item, Job, Partial, code_batch
from coding.errors import InputError
from coding.i18n import _

EngineName = Literal["local", "dask"]
ENGINES: tuple[str, ...] = ("local", "dask")
# Batches in flight per worker: one being coded, one waiting, so no worker idles between batches.
IN_FLIGHT_PER_WORKER = 2
# How long to wait for a Dask scheduler before saying it cannot be reached.
CONNECT_TIMEOUT = "30s"


@dataclass(frozen=True)
class Engine:
    """How to run batches: ``local`` with ``jobs`` processes (1: in this process), or ``dask`` on the
    cluster at ``scheduler`` (a ``LocalCluster`` of ``jobs`` worker processes when it is None)."""

    name: EngineName = "local"
    jobs: int = 1
    scheduler: str | None = None

    def __post_init__(self) -> None:
        if self.name not in ENGINES:
            raise InputError(_("'{name}' is not an engine").format(name=self.name),
                             hint=_("use one of: {choices}").format(choices=', '.join(ENGINES)))
        if self.jobs < 1:
            raise InputError(_("--jobs must be a positive whole number, not {jobs}").format(jobs=self.jobs),
                             hint=_("e.g. --jobs 2"))


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class Running(Protocol):
    """A started engine: ``run(batches, job)`` yields the partial result of each batch, in batch order."""

    def run(self, batches: Iterable[list[Item]], job: Job) -> Iterator[Partial]: ...


@contextmanager
def start_engine(engine: Engine) -> Iterator[Running]:
    """Start the engine's processes (or reach its cluster) for the ``with`` block. A run starts it before
    it opens the corpus: forked worker processes then do not inherit the manifest, which for a corpus of a
    few hundred thousand documents is most of the parent's memory."""
    if engine.name == "dask":
        with _dask_client(engine) as client:
            yield _OnDask(client, engine.jobs)
    elif engine.jobs == 1:
        yield _Here()
    else:
        # fork starts workers at once and shares the loaded modules; elsewhere spawn (macOS, Windows).
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        with ProcessPoolExecutor(max_workers=engine.jobs, mp_context=multiprocessing.get_context(method)) as pool:
            for ready in [pool.submit(os.getpid) for _ in range(engine.jobs)]:  # every worker starts now
                ready.result()
            yield _InPool(pool, engine.jobs)


class _Here:
    def run(self, batches: Iterable[list[Item]], job: Job) -> Iterator[Partial]:
        for batch in batches:
            yield code_batch(batch, job)


@dataclass(frozen=True)
class _InPool:
    pool: ProcessPoolExecutor
    jobs: int

    def run(self, batches: Iterable[list[Item]], job: Job) -> Iterator[Partial]:
        def submit(batch: list[Item]) -> Future[Partial]:
            return self.pool.submit(code_batch, batch, job)

        yield from _in_order(submit, batches, self.jobs * IN_FLIGHT_PER_WORKER)


def _in_order(submit: Any, batches: Iterable[list[Item]], window: int) -> Iterator[Partial]:
    """Submit batches while fewer than ``window`` are in flight; yield results in submission order."""
    pending: deque[Any] = deque()
    for batch in batches:
        pending.append(submit(batch))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


@contextmanager
def _dask_client(engine: Engine) -> Iterator[Any]:
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise InputError(_("the dask engine needs the packages dask and distributed"),
                         hint=_('install them with: pip install "coding[dask]"')) from None
    cluster = None
    if engine.scheduler is None:
        cluster = LocalCluster(n_workers=engine.jobs, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        address: Any = cluster
    else:
        address = engine.scheduler
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as error:
        if cluster is not None:
            cluster.close()
        raise InputError(_("cannot reach the Dask scheduler at {scheduler} ({error})")
                         .format(scheduler=engine.scheduler, error=error),
                         hint=_("start it with 'dask scheduler' and give its tcp://HOST:8786 address")) from None
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


@dataclass(frozen=True)
class _OnDask:
    client: Any
    jobs: int

    def run(self, batches: Iterable[list[Item]], job: Job) -> Iterator[Partial]:
        workers = max(1, len(self.client.scheduler_info().get("workers", {})) or self.jobs)
        # The job (with the codebook) goes to the cluster once; batches refer to it.
        shared = self.client.scatter(job, broadcast=True)

        def submit(batch: list[Item]) -> Any:
            return self.client.submit(code_batch, batch, shared, pure=False)

        yield from _in_order(submit, batches, workers * IN_FLIGHT_PER_WORKER)
