"""joblib's Dask backend with two changes that make it survive, or fail cleanly on, lost workers.

1. Data travel with the tasks. By default joblib's ``"dask"`` backend scatters every
   argument over 1 kB (the spectra, the split indices) once to one worker and lets the
   tasks fetch it from there. Scattered data have no lineage: if that worker dies they
   are lost, and every task that needs them is cancelled. With ``scatter_data=False``
   the arguments are sent with each task, so the scheduler can rerun a task whose
   worker died on another worker.
2. A task that Dask gives up on (``KilledWorker``: its workers died too often) raises in
   the caller. joblib (1.6) sets that error on a future that nothing waits on and never
   calls the completion callback, so ``Parallel`` waits forever; here the callback
   receives the error, as it does for a cancelled task, and joblib raises it.

This module imports dask: only :func:`skspectra.model_selection.dask_backend` imports it.
"""

from __future__ import annotations

import asyncio
from typing import Any

from joblib._dask import DaskDistributedBackend


class DaskBackend(DaskDistributedBackend):
    """joblib's dask backend; ``scatter_data=False`` keeps each task's data in the task.

    Parameters
    ----------
    scatter_data : bool
        ``True``: joblib's automatic scattering of arguments over 1 kB.
    **kwargs
        Passed to joblib's ``DaskDistributedBackend`` (``client``,
        ``wait_for_workers_timeout``...).
    """

    def __init__(self, scatter_data: bool = False, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.scatter_data = scatter_data

    def start_call(self) -> None:
        super().start_call()
        if not self.scatter_data:
            # joblib scatters an argument only while this per-call cache exists.
            self.call_data_futures = None

    def stop_call(self) -> None:
        if self.call_data_futures is None:
            self.call_data_futures = {}  # joblib clears it here
        super().stop_call()

    async def _collect(self) -> None:
        while self._continue:
            async for future, result in self.waiting_futures:
                cf_future = self._results.pop(future)
                callback = self._callbacks.pop(future)
                if future.status == "error":
                    _, error, _ = result  # (type, exception, traceback)
                    cf_future.set_exception(error)
                    callback(error)  # joblib's callback raises it in the caller
                else:
                    cf_future.set_result(result)
                    callback(result)
            await asyncio.sleep(0.01)
