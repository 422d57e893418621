"""Grid searches and cross-validation on a Dask cluster (``dask_backend``).

Every cluster here is a ``LocalCluster`` of worker processes on loopback, started and
stopped by the test. What these tests do not cover: several machines, and GPUs on the
workers (``test_workers_without_a_visible_gpu_train_on_cpu`` runs only where CUDA is).
"""

import collections
import os
import signal
import subprocess
import sys
import time

import numpy as np
import pytest

distributed = pytest.importorskip("distributed")
torch = pytest.importorskip("torch")
Callback = pytest.importorskip("skorch.callbacks").Callback

from sklearn.model_selection import (  # noqa: E402
    GridSearchCV,
    StratifiedKFold,
    cross_validate,
)

from skspectra.datasets import make_spectra  # noqa: E402
from skspectra.model_selection import dask_backend, dask_worker_info  # noqa: E402
from skspectra.model_selection._dask_worker import (  # noqa: E402
    share_of_cores,
    torch_threads_in_task,
)
from skspectra.models import PACEClassifier  # noqa: E402
from skspectra.models.deep._training import resolve_device  # noqa: E402

SCORING = {"accuracy": "accuracy", "log_loss": "neg_log_loss"}  # log loss: any change shows
GRID = {"patch_size": [4, 8]}


def tiny_pace():
    return PACEClassifier(patch_size=8, dim=8, depth=1, pool_dim=64, max_epochs=2,
                          random_state=0)


def start_cluster(**kwargs):
    return distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
        dashboard_address=None, **kwargs,
    )


def score_columns(cv_results):
    return {key: value for key, value in cv_results.items() if "test_" in key}


def executed_counts(client):
    return client.run(lambda dask_worker: dask_worker.state.executed_count)


@pytest.fixture(scope="module")
def data():
    X, y, _ = make_spectra(n_samples=60, n_features=64, n_classes=3, random_state=0)
    return X, y


@pytest.fixture(scope="module")
def cluster():
    with start_cluster() as cluster:
        yield cluster


@pytest.fixture(scope="module")
def client(cluster):
    with distributed.Client(cluster) as client:
        yield client


@pytest.fixture(autouse=True)
def one_torch_thread():
    """The local runs use one torch thread, as the workers do: results then match bitwise."""
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


def test_grid_search_gives_the_scores_of_the_default_backend(client, data):
    X, y = data
    cv = StratifiedKFold(3, shuffle=True, random_state=0)
    local = GridSearchCV(tiny_pace(), GRID, cv=cv, scoring=SCORING, refit="log_loss").fit(X, y)
    before = executed_counts(client)
    with dask_backend(client, torch_threads=1):
        # n_jobs=1 does not keep the search local: joblib's dask backend ignores n_jobs.
        remote = GridSearchCV(tiny_pace(), GRID, cv=cv, scoring=SCORING, refit="log_loss",
                              n_jobs=1).fit(X, y)
    after = executed_counts(client)
    assert sum(after.values()) - sum(before.values()) >= 6  # the 6 fits ran on the workers
    local_scores = score_columns(local.cv_results_)
    remote_scores = score_columns(remote.cv_results_)
    assert local_scores.keys() == remote_scores.keys()
    for key, value in local_scores.items():
        np.testing.assert_array_equal(remote_scores[key], value, err_msg=key)
    assert len(set(local.cv_results_["mean_test_log_loss"])) == 2  # the grid points differ
    assert remote.best_params_ == local.best_params_
    np.testing.assert_array_equal(remote.predict_proba(X), local.predict_proba(X))


def test_models_fitted_on_workers_are_usable_here(client, data):
    X, y = data
    cv = StratifiedKFold(2, shuffle=True, random_state=1)
    local = cross_validate(tiny_pace(), X, y, cv=cv, return_estimator=True)
    with dask_backend(client, torch_threads=1):
        remote = cross_validate(tiny_pace(), X, y, cv=cv, return_estimator=True)
    for local_model, remote_model in zip(local["estimator"], remote["estimator"], strict=True):
        assert remote_model.device_ == "cpu"
        np.testing.assert_array_equal(remote_model.predict_proba(X), local_model.predict_proba(X))


def threads_in_tasks(client):
    """torch threads seen by a task on each worker."""
    return {
        address: client.submit(torch_threads_in_task, workers=[address], pure=False).result()
        for address in client.scheduler_info()["workers"]
    }


def test_torch_threads_are_set_in_the_tasks_and_restored(client):
    before = threads_in_tasks(client)  # also starts torch in each worker's task thread
    assert set(before.values()) == {1}  # the nanny's OMP_NUM_THREADS=1
    with dask_backend(client, torch_threads=2):
        assert set(threads_in_tasks(client).values()) == {2}
        environ = client.run(lambda: os.environ["OMP_NUM_THREADS"])
        assert set(environ.values()) == {"2"}
    assert threads_in_tasks(client) == before
    with dask_backend(client) as same_client:  # default: the share of the host's cores
        assert same_client is client
        workers = dask_worker_info(client)
        expected = {w["address"]: share_of_cores(w["cpus"], 2) for w in workers}  # 2 workers
        assert threads_in_tasks(client) == expected
        assert {w["torch_threads"] for w in workers} == set(expected.values())
        assert {w["device"] for w in workers} == {resolve_device("auto")}


def test_backend_and_client_are_restored_on_exit(client):
    import joblib
    from joblib._dask import DaskDistributedBackend

    with dask_backend(client, torch_threads=1):
        inside = joblib.parallel.get_active_backend()[0]
    assert isinstance(inside, DaskDistributedBackend) and inside.client is client
    assert not isinstance(joblib.parallel.get_active_backend()[0], DaskDistributedBackend)
    assert client.status == "running"  # a client given by the caller stays open


@pytest.mark.parametrize(
    "bad, error, match",
    [
        (0, ValueError, "torch_threads must be >= 1"),
        (1.5, TypeError, "torch_threads must be a positive integer"),
    ],
)
def test_bad_torch_threads(bad, error, match):
    with pytest.raises(error, match=match), dask_backend("tcp://127.0.0.1:1", torch_threads=bad):
        pass


def test_bad_scheduler():
    with pytest.raises(TypeError, match="scheduler must be"), dask_backend(8786):
        pass
    with pytest.raises(ConnectionError, match="could not connect to the Dask scheduler"), \
            dask_backend("tcp://127.0.0.1:1", timeout=1):
        pass


def test_workers_sharing_this_process_restore_its_settings(monkeypatch):
    """In-process workers share the settings of one process: the last one out restores them."""
    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=":0") as cluster, \
            distributed.Client(cluster) as client:
        with dask_backend(client, torch_threads=2):
            assert os.environ["OMP_NUM_THREADS"] == "2"
            assert set(threads_in_tasks(client).values()) == {2}
        assert os.environ["OMP_NUM_THREADS"] == "1"
        assert set(threads_in_tasks(client).values()) == {1}


def test_workers_with_several_threads_are_warned_about():
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=":0") as cluster, \
            pytest.warns(UserWarning, match="share torch's random number generator"), \
            dask_backend(cluster, torch_threads=1):
        pass


def test_compare_cli_on_a_scheduler_gives_the_local_scores(cluster, client, tmp_path, capsys,
                                                           monkeypatch):
    """``skspectra compare --scheduler ADDRESS`` fits on the cluster, with the same results."""
    import functools

    import skspectra.model_selection
    from skspectra.cli import main

    # The workers' torch threads as in this process, whatever the machine's core count.
    monkeypatch.setattr(skspectra.model_selection, "dask_backend",
                        functools.partial(dask_backend, torch_threads=1))
    argv = ["compare", "--dataset", "coffee", "--models", "pls-lda,pace", "--n-splits", "2",
            "--max-epochs", "20", "--param", "pace:patch_size=8", "--param", "pace:dim=8",
            "--param", "pace:depth=1", "--param", "pace:pool_dim=64", "--quiet"]
    assert main([*argv, "--n-jobs", "1", "--out", str(tmp_path / "local")]) == 0
    before = executed_counts(client)
    assert main([*argv, "--scheduler", cluster.scheduler_address,
                 "--out", str(tmp_path / "dask")]) == 0
    assert sum(executed_counts(client).values()) - sum(before.values()) >= 4  # 2 models x 2
    capsys.readouterr()

    local = read_rows(tmp_path / "local" / "scores.csv")
    remote = read_rows(tmp_path / "dask" / "scores.csv")
    keep = [i for i, name in enumerate(local[0]) if not name.endswith("_time")]
    assert [[row[i] for i in keep] for row in remote] == [[row[i] for i in keep] for row in local]
    # The explanation figure pools the PACE models fitted on the workers: same pixels.
    figure = "explanation_pace.png"
    if (tmp_path / "local" / figure).exists():
        assert (tmp_path / "dask" / figure).read_bytes() == \
            (tmp_path / "local" / figure).read_bytes()


def read_rows(path):
    import csv

    with open(path, newline="") as handle:
        return list(csv.reader(handle))


# -- a worker killed in the middle of a search ----------------------------------------------
# The first fit to finish an epoch kills its own worker process (SIGKILL), so the kill falls
# in the middle of a running fit without any timing. These tests share the module's cluster:
# the nanny restarts the killed worker, and each test waits until both workers are back.

class KillWorkerOnce(Callback):
    """skorch callback: the first fit (over all processes) to end an epoch kills its process."""

    def __init__(self, marker):
        self.marker = marker

    def on_epoch_end(self, net, **kwargs):
        try:  # O_EXCL: exactly one fit creates the marker
            os.close(os.open(self.marker, os.O_CREAT | os.O_EXCL))
        except FileExistsError:
            return
        os.kill(os.getpid(), signal.SIGKILL)


@pytest.fixture
def killing_pace(tmp_path):
    """A tiny PACE whose first fit to end an epoch on a worker kills that worker."""
    import cloudpickle

    module = sys.modules[__name__]
    cloudpickle.register_pickle_by_value(module)  # the workers cannot import this file
    marker = tmp_path / "killed"
    estimator = tiny_pace()
    estimator.set_params(callbacks=[KillWorkerOnce(str(marker))])
    yield estimator, marker
    cloudpickle.unregister_pickle_by_value(module)


def heal(client):
    """Wait until the nanny has restarted the killed worker and the cluster is idle."""
    client.wait_for_workers(2, timeout=60)
    deadline = time.monotonic() + 60
    while any(client.processing().values()) and time.monotonic() < deadline:
        time.sleep(0.05)


def most_starts_of_a_fit(scheduler, since):
    """How often the most restarted joblib batch was sent to a worker after ``since``."""
    starts = collections.Counter(
        t[0] for t in scheduler.transition_log
        if t[5] >= since and t[2] == "processing" and str(t[0]).startswith("batch_of"))
    return max(starts.values())


def test_search_survives_a_killed_worker(cluster, client, data, killing_pace):
    """Dask reruns the killed worker's fit elsewhere; the scores are those of a local run."""
    X, y = data
    estimator, marker = killing_pace
    cv = StratifiedKFold(2, shuffle=True, random_state=0)
    local = GridSearchCV(tiny_pace(), GRID, cv=cv, scoring="neg_log_loss").fit(X, y)
    since = time.time()
    try:
        with dask_backend(client, torch_threads=1):
            remote = GridSearchCV(estimator, GRID, cv=cv, scoring="neg_log_loss",
                                  refit=False).fit(X, y)  # no refit here with the callback
    finally:
        heal(client)
    assert marker.exists()  # a worker was killed during a fit ...
    assert most_starts_of_a_fit(cluster.scheduler, since) == 2  # ... and that fit ran again
    for key, value in score_columns(local.cv_results_).items():
        np.testing.assert_array_equal(remote.cv_results_[key], value, err_msg=key)


def test_search_fails_clearly_when_no_retry_is_allowed(cluster, client, data, killing_pace,
                                                       monkeypatch):
    """With ``distributed.scheduler.allowed-failures: 0`` the first lost fit ends the search."""
    monkeypatch.setattr(cluster.scheduler, "allowed_failures", 0)
    X, y = data
    estimator, marker = killing_pace
    cv = StratifiedKFold(2, shuffle=True, random_state=0)
    try:
        with pytest.raises(distributed.KilledWorker, match="workers died while running it"), \
                dask_backend(client, torch_threads=1):
            GridSearchCV(estimator, GRID, cv=cv, scoring="neg_log_loss", refit=False).fit(X, y)
    finally:
        heal(client)
    assert marker.exists()


def test_lost_data_are_reported_clearly(client):
    """With ``scatter_data=True`` the spectra may live on one worker only: if it dies, Dask
    cancels the tasks that need them. (Whether a search then fails depends on whether
    another worker already fetched a copy, so this checks the error message only.)"""
    with pytest.raises(RuntimeError, match="input data were lost"), \
            dask_backend(client, torch_threads=1, scatter_data=True):
        raise distributed.client.FutureCancelledError("batch_of__fit_and_score", "lost")


# -- device placement -------------------------------------------------------------------------

def test_auto_device_follows_cuda_availability(monkeypatch):
    """``"auto"`` asks ``torch.cuda.is_available()``, which is what CUDA_VISIBLE_DEVICES sets."""
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    assert resolve_device("auto") == "cuda"
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    assert resolve_device("auto") == "cpu"


def visible_gpus():
    """The GPUs this process sees, as a CUDA_VISIBLE_DEVICES value."""
    return os.environ.get("CUDA_VISIBLE_DEVICES") or "0"


def auto_device_in_subprocess(cuda_visible_devices):
    env = {**os.environ, "CUDA_VISIBLE_DEVICES": cuda_visible_devices}
    code = ("from skspectra.models.deep._training import resolve_device; "
            "print(resolve_device('auto'))")
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                            text=True, check=True, timeout=120)
    return result.stdout.strip()


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU")
def test_auto_device_respects_cuda_visible_devices():
    assert auto_device_in_subprocess("") == "cpu"
    assert auto_device_in_subprocess(visible_gpus()) == "cuda"


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU")
def test_workers_without_a_visible_gpu_train_on_cpu(data):
    X, y = data
    cv = StratifiedKFold(2, shuffle=True, random_state=1)
    for visible, device in (("", "cpu"), (visible_gpus(), "cuda")):
        with distributed.LocalCluster(
            n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1",
            dashboard_address=None, env={"CUDA_VISIBLE_DEVICES": visible},
        ) as cluster, dask_backend(cluster, torch_threads=1) as client:
            assert [w["device"] for w in dask_worker_info(client)] == [device]
            fitted = cross_validate(tiny_pace(), X, y, cv=cv, return_estimator=True)
        assert {model.device_ for model in fitted["estimator"]} == {device}
        assert fitted["estimator"][0].predict(X).shape == (len(X),)
