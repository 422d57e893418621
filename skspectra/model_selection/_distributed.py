"""Run scikit-learn searches and cross-validation on a Dask cluster through joblib.

scikit-learn's ``GridSearchCV``, ``cross_validate`` and skspectra's ``compare_models``
hand their fits to :mod:`joblib`; joblib's ``"dask"`` backend sends them to the
workers of a ``distributed.Client``. :func:`dask_backend` sets that up, with one
thing that deep models need on top: the number of torch threads of each worker, so
that workers sharing a machine do not oversubscribe its cores. Dask and torch are
imported inside the functions, never when this module is imported.
"""

from __future__ import annotations

import numbers
import uuid
import warnings
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from typing import Any

_INSTALL_HINT = (
    "running on a Dask cluster needs the optional dependency dask.distributed: "
    "pip install 'skspectra[distributed]'"
)


@contextmanager
def dask_backend(
    scheduler: Any = None,
    *,
    torch_threads: int | None = None,
    scatter_data: bool = False,
    timeout: float = 30.0,
) -> Iterator[Any]:
    """Run the joblib-parallel work inside the block on a Dask cluster.

    Inside the block, ``GridSearchCV``, ``RandomizedSearchCV``, ``cross_validate``,
    ``cross_val_score``, ``compare_models`` and anything else that uses joblib send
    their tasks (one fit and score each) to the cluster's workers through joblib's
    ``"dask"`` backend. Each worker's torch threads are set for the duration of the
    block; on exit they are restored, the backend is restored, and a client (and a
    local cluster) that this function created is closed.

    Parameters
    ----------
    scheduler : str, distributed.Client, cluster or None, default=None
        Where to run: the address of a running scheduler (``"tcp://10.0.0.5:8786"``),
        a connected ``distributed.Client`` (used as is, left open), a cluster object
        (``LocalCluster``, dask-cuda's ``LocalCUDACluster``, dask-jobqueue's
        ``SLURMCluster``...; a client is connected to it and closed on exit), or
        ``None``: the current default client if there is one, else a new
        ``LocalCluster`` on this machine with one single-threaded worker process per
        core, closed on exit.
    torch_threads : int or None, default=None
        Torch (and OpenMP/MKL/OpenBLAS) threads per worker. ``None``: each worker's
        share of its machine's cores, ``cores // task threads of all the workers on
        that machine``, at least 1.
    scatter_data : bool, default=False
        ``False``: each task carries its own data (spectra, split indices), so a task
        whose worker dies is rerun on another worker and the search completes.
        ``True``: joblib's default, arguments over 1 kB are sent once to one worker and
        fetched from there: less traffic for large data, but if the worker holding the
        only copy dies, the search fails with a ``RuntimeError``.
    timeout : float, default=30.0
        Seconds to wait for the scheduler to answer and for at least one worker.

    Yields
    ------
    distributed.Client
        The client the tasks are sent through.

    Notes
    -----
    Inside the block joblib uses every task thread of the cluster: the ``n_jobs`` of
    ``GridSearchCV(n_jobs=...)`` or ``cross_validate(n_jobs=...)`` does not limit it
    (joblib's dask backend ignores it). A search's refit on the best parameters runs
    in this process, not on the cluster. Models fitted on the workers (e.g.
    ``cross_validate(..., return_estimator=True)``) come back pickled and are usable
    here. ``device="auto"`` resolves on each worker: a worker that sees a GPU (dask-cuda
    gives each worker its own through ``CUDA_VISIBLE_DEVICES``) trains on it, the
    others on the CPU.

    With the same ``random_state``, the scores are those of a run on one machine with
    the same number of torch threads, provided each worker runs one task at a time
    (one thread per worker process): deep models trained at the same time in threads
    of one process share torch's random number generator, and a warning says so.

    A worker that dies is replaced (by its nanny) and its running task is rerun on
    another worker; a task whose workers die ``distributed.scheduler.allowed-failures``
    + 1 times (default 4) raises ``distributed.KilledWorker`` in the caller.

    Examples
    --------
    >>> from sklearn.model_selection import GridSearchCV
    >>> from skspectra.datasets import make_spectra
    >>> from skspectra.model_selection import dask_backend
    >>> from skspectra.models import PLSLDAClassifier
    >>> X, y, _ = make_spectra(n_samples=40, n_features=50, random_state=0)
    >>> search = GridSearchCV(PLSLDAClassifier(), {"n_components": [1, 2]}, cv=3)
    >>> from distributed import LocalCluster  # or dask_backend("tcp://host:8786")
    >>> local = dict(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None)
    >>> with LocalCluster(**local) as cluster:
    ...     with dask_backend(cluster, torch_threads=1):
    ...         search = search.fit(X, y)
    >>> search.best_params_
    {'n_components': 2}
    """
    _check_torch_threads(torch_threads)
    distributed = _import_distributed()
    from skspectra.model_selection._dask_worker import worker_facts

    with ExitStack() as stack:
        client = _connect(distributed, scheduler, timeout, stack)
        facts = client.run(worker_facts)
        _warn_if_workers_share_a_process(facts)
        plugin_name = _register_torch_threads(client, torch_threads, facts)
        stack.callback(_unregister_quietly, client, plugin_name)
        stack.enter_context(_joblib_config(client, scatter_data, timeout))
        try:
            yield client
        except distributed.client.FutureCancelledError as exc:
            raise RuntimeError(
                "Dask cancelled a task of the parallel work: its input data were lost, most "
                "often because a worker that held data scattered to it died "
                "(dask_backend(..., scatter_data=True)); with scatter_data=False the tasks "
                "carry their data and are rerun elsewhere. Original error: "
                f"{exc!r}"
            ) from exc


def dask_worker_info(client: Any) -> list[dict[str, Any]]:
    """Describe where each worker of ``client``'s cluster trains the deep models.

    Parameters
    ----------
    client : distributed.Client
        A connected client.

    Returns
    -------
    list of dict
        One dict per worker, sorted by address: ``address``, ``host``, ``cpus``
        (cores the worker may use), ``nthreads`` (task threads), ``torch_threads``,
        ``device`` (what ``device="auto"`` resolves to there), ``gpu`` (its name, or
        None) and ``cuda_visible_devices``.

    Examples
    --------
    >>> from distributed import LocalCluster
    >>> from skspectra.model_selection import dask_backend, dask_worker_info
    >>> local = dict(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None)
    >>> with LocalCluster(**local) as cluster:
    ...     with dask_backend(cluster, torch_threads=1) as client:
    ...         workers = dask_worker_info(client)
    >>> [(worker["nthreads"], worker["torch_threads"]) for worker in workers]
    [(1, 1)]
    >>> workers[0]["device"] in ("cpu", "cuda")
    True
    """
    from skspectra.model_selection._dask_worker import describe_worker

    described = client.run(describe_worker)
    return [{"address": address, **described[address]} for address in sorted(described)]


def _joblib_config(client: Any, scatter_data: bool, timeout: float) -> Any:
    """``joblib.parallel_config`` that sends the work to ``client``'s cluster."""
    import joblib

    from skspectra.model_selection._dask_joblib import DaskBackend

    return joblib.parallel_config(
        backend=DaskBackend(scatter_data, client=client, wait_for_workers_timeout=timeout)
    )


def _check_torch_threads(torch_threads: Any) -> None:
    if torch_threads is None:
        return
    if isinstance(torch_threads, bool) or not isinstance(torch_threads, numbers.Integral):
        raise TypeError(f"torch_threads must be a positive integer or None, got {torch_threads!r}.")
    if torch_threads < 1:
        raise ValueError(f"torch_threads must be >= 1, got {torch_threads!r}.")


def _import_distributed() -> Any:
    try:
        import distributed
    except ImportError as exc:
        raise ImportError(_INSTALL_HINT) from exc
    return distributed


def _connect(distributed: Any, scheduler: Any, timeout: float, stack: ExitStack) -> Any:
    """The client to use; one this function creates is closed when ``stack`` closes."""
    if isinstance(scheduler, distributed.Client):
        return scheduler
    if scheduler is None:
        try:
            return distributed.default_client()
        except ValueError:  # no client yet: start a cluster on this machine
            from skspectra.model_selection._dask_worker import available_cpus

            scheduler = stack.enter_context(
                distributed.LocalCluster(
                    n_workers=available_cpus(), threads_per_worker=1, processes=True
                )
            )
    elif not isinstance(scheduler, str) and not hasattr(scheduler, "scheduler_address"):
        raise TypeError(
            "scheduler must be a scheduler address (str), a distributed.Client, a Dask "
            f"cluster object or None, got {type(scheduler).__name__}."
        )
    try:
        client = distributed.Client(scheduler, timeout=timeout, set_as_default=False)
    except OSError as exc:
        where = scheduler if isinstance(scheduler, str) else type(scheduler).__name__
        raise ConnectionError(
            f"could not connect to the Dask scheduler at {where!r} within {timeout} s: {exc}"
        ) from None
    stack.callback(client.close)
    return client


def _warn_if_workers_share_a_process(facts: dict[str, dict[str, Any]]) -> None:
    """Deep fits that run at once in threads of one process are not reproducible."""
    threaded = sorted(address for address, fact in facts.items() if fact["nthreads"] > 1)
    if threaded:
        warnings.warn(
            f"{len(threaded)} Dask worker(s) run several tasks at once in threads of one "
            f"process (e.g. {threaded[0]}: {facts[threaded[0]]['nthreads']} threads). Deep "
            "models trained at the same time in one process share torch's random number "
            "generator, so a fixed random_state no longer gives reproducible results; start "
            "workers with one thread each (`dask worker --nthreads 1 --nworkers N`, "
            "LocalCluster(threads_per_worker=1)).",
            UserWarning,
            stacklevel=4,
        )


def _register_torch_threads(
    client: Any, torch_threads: int | None, facts: dict[str, dict[str, Any]]
) -> str:
    """Register a :class:`TorchThreadsPlugin` on every worker; return its name."""
    from skspectra.model_selection._dask_worker import TorchThreadsPlugin

    slots_by_host: dict[str, int] = {}
    for fact in facts.values():
        slots_by_host[fact["host"]] = slots_by_host.get(fact["host"], 0) + fact["nthreads"]
    name = f"skspectra-torch-threads-{uuid.uuid4().hex}"
    client.register_plugin(TorchThreadsPlugin(torch_threads, slots_by_host, name), name=name)
    return name


def _unregister_quietly(client: Any, name: str) -> None:
    """Undo the threads plugin; a cluster that has gone away needs no undoing."""
    if client.status != "running":
        return
    try:
        client.unregister_worker_plugin(name)
    except (OSError, ValueError, RuntimeError):
        pass
