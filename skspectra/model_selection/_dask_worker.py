"""What runs inside the Dask workers: torch threads per worker, and a worker's description.

This module is imported by the workers (the plugin is pickled by reference), and on
the client only by :func:`skspectra.model_selection.dask_backend`; it imports torch
only inside the functions that need it. ``distributed`` is an optional dependency:
without it the module still imports (so that ``--doctest-modules`` can collect it),
but the plugin cannot be used.
"""

from __future__ import annotations

import asyncio
import os
import socket
import threading
from typing import Any

try:
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError:  # pragma: no cover - only reached without the `distributed` extra
    WorkerPlugin = object  # type: ignore[assignment,misc]

THREAD_ENV_VARS = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")

# How long setup/teardown wait for the worker's busy task threads before giving up on them.
_THREAD_SYNC_TIMEOUT_S = 5.0


def available_cpus() -> int:
    """CPU cores this process may run on (its affinity mask, else ``os.cpu_count()``)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS and Windows have no affinity mask
        return os.cpu_count() or 1


def worker_facts(dask_worker: Any) -> dict[str, Any]:
    """Host name, usable cores and task threads of the worker (run by ``Client.run``)."""
    return {
        "host": socket.gethostname(),
        "cpus": available_cpus(),
        "nthreads": dask_worker.state.nthreads,
    }


def describe_worker(dask_worker: Any) -> dict[str, Any]:
    """Where the worker's deep models will run: the facts, torch threads and ``"auto"``."""
    import torch

    from skspectra.models.deep._training import resolve_device

    device = resolve_device("auto")
    return {
        **worker_facts(dask_worker),
        "torch_threads": torch.get_num_threads(),
        "device": device,
        "gpu": torch.cuda.get_device_name(0) if device == "cuda" else None,
        "cuda_visible_devices": os.environ.get("CUDA_VISIBLE_DEVICES"),
    }


def torch_threads_in_task() -> int:
    """``torch.get_num_threads()`` as a task sees it, in one of the worker's task threads."""
    import torch

    return torch.get_num_threads()


def share_of_cores(cpus: int, task_slots: int) -> int:
    """Torch threads per task when ``task_slots`` tasks share ``cpus`` cores (at least 1)."""
    return max(1, cpus // max(1, task_slots))


class TorchThreadsPlugin(WorkerPlugin):
    """Set the torch (and OpenMP/MKL/OpenBLAS) threads of each worker; undo it on removal.

    Parameters
    ----------
    n_threads : int or None
        Threads per task. ``None``: the worker's share of its host's cores,
        ``cpus // task_slots`` (at least 1), where ``task_slots`` is the number of task
        threads of all workers on that host when the plugin was registered
        (``slots_by_host``), or the worker's own ``nthreads`` on a host not seen then.
    slots_by_host : dict
        Host name -> task threads of all the workers on that host.
    name : str
        The name the plugin is registered under.

    Notes
    -----
    PyTorch applies ``torch.set_num_threads`` to a thread that has already run torch
    code only when that thread calls it itself, so the setting is made in the
    worker's event-loop thread and in each of its task threads; task threads busy
    with a task for longer than a few seconds are left as they are.
    """

    def __init__(self, n_threads: int | None, slots_by_host: dict[str, int], name: str) -> None:
        self.n_threads = n_threads
        self.slots_by_host = dict(slots_by_host)
        self.name = name

    def threads_for(self, dask_worker: Any) -> int:
        """The number of torch threads this worker's tasks get."""
        if self.n_threads is not None:
            return self.n_threads
        slots = self.slots_by_host.get(socket.gethostname(), dask_worker.state.nthreads)
        return share_of_cores(available_cpus(), slots)

    async def setup(self, worker: Any) -> None:
        import torch

        # Workers of an in-process cluster share one process: the first one saves the
        # process's settings, the last one to be torn down restores them.
        users = _saved_settings.setdefault(
            self.name,
            [0, torch.get_num_threads(), {var: os.environ.get(var) for var in THREAD_ENV_VARS}],
        )
        users[0] += 1
        n_threads = self.threads_for(worker)
        for var in THREAD_ENV_VARS:  # inherited by processes the tasks start
            os.environ[var] = str(n_threads)
        await _set_torch_threads_everywhere(worker, n_threads)

    async def teardown(self, worker: Any) -> None:
        users = _saved_settings.get(self.name)
        if users is None:
            return
        users[0] -= 1
        _, n_threads, environ = users
        if users[0] == 0:  # the last worker of this process using the plugin
            del _saved_settings[self.name]
            for var, value in environ.items():
                if value is None:
                    os.environ.pop(var, None)
                else:
                    os.environ[var] = value
        await _set_torch_threads_everywhere(worker, n_threads)  # this worker's threads


# plugin name -> [workers of this process using it, torch threads and environment before it]
_saved_settings: dict[str, list[Any]] = {}


async def _set_torch_threads_everywhere(worker: Any, n_threads: int) -> None:
    """``torch.set_num_threads`` in this thread and in each task thread of ``worker``."""
    _set_torch_threads(n_threads)
    n_task_threads = worker.state.nthreads
    # The barrier holds each job until all have started, so every job has its own thread.
    barrier = threading.Barrier(n_task_threads)
    loop = asyncio.get_running_loop()
    jobs = [
        loop.run_in_executor(worker.executor, _set_torch_threads, n_threads, barrier)
        for _ in range(n_task_threads)
    ]
    await asyncio.wait(jobs, timeout=_THREAD_SYNC_TIMEOUT_S + 1)


def _set_torch_threads(n_threads: int, barrier: threading.Barrier | None = None) -> None:
    import torch

    torch.set_num_threads(n_threads)
    if barrier is not None:
        try:
            barrier.wait(timeout=_THREAD_SYNC_TIMEOUT_S)
        except threading.BrokenBarrierError:
            pass  # some task threads are busy; they keep their setting
