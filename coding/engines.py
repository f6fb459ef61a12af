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
from dataclasses import dataclass
from typing import Any, Literal

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


def run_batches(batches: Iterable[list[Item]], job: Job, engine: Engine) -> Iterator[Partial]:
    """The partial result of each batch, in batch order."""
    if engine.name == "dask":
        yield from _dask(batches, job, engine)
    elif engine.jobs == 1:
        for batch in batches:
            yield code_batch(batch, job)
    else:
        yield from _pool(batches, job, engine.jobs)


def _in_order(submit: Any, batches: Iterable[list[Item]], window: int) -> Iterator[Partial]:
    """Submit batches while fewer than ``window`` are in flight; yield results in submission order."""
    pending: deque[Any] = deque()
    for batch in batches:
        pending.append(submit(batch))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def _pool(batches: Iterable[list[Item]], job: Job, jobs: int) -> Iterator[Partial]:
    # fork starts workers at once and shares the loaded modules; elsewhere spawn (macOS, Windows).
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context(method)) as pool:
        def submit(batch: list[Item]) -> Future[Partial]:
            return pool.submit(code_batch, batch, job)

        yield from _in_order(submit, batches, jobs * IN_FLIGHT_PER_WORKER)


def _dask(batches: Iterable[list[Item]], job: Job, engine: Engine) -> Iterator[Partial]:
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
        workers = max(1, len(client.scheduler_info().get("workers", {})) or engine.jobs)
        # The job (with the codebook) goes to the cluster once; batches refer to it.
        shared = client.scatter(job, broadcast=True)

        def submit(batch: list[Item]) -> Any:
            return client.submit(code_batch, batch, shared, pure=False)

        yield from _in_order(submit, batches, workers * IN_FLIGHT_PER_WORKER)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
