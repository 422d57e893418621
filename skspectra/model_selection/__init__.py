"""Model selection for spectra: compare models under Monte-Carlo cross-validation.

:func:`compare_models` fits every model on every split through joblib (local processes,
or a Dask cluster through ``joblib.parallel_config(backend="dask")``) and returns a
:class:`ComparisonResult`, whose ``paired()`` compares models split by split with
:func:`corrected_resampled_ttest`; :func:`monte_carlo_cv` builds the random splits of the
GAP-CNN paper's protocol. Importing this package imports neither torch nor dask.

Examples
--------
>>> from skspectra.model_selection import compare_models, monte_carlo_cv
"""

from skspectra.model_selection._compare import ComparisonResult, compare_models
from skspectra.model_selection._distributed import dask_backend, dask_worker_info
from skspectra.model_selection._paired import PairedComparison, corrected_resampled_ttest
from skspectra.model_selection._splits import monte_carlo_cv

__all__ = [
    "ComparisonResult",
    "PairedComparison",
    "compare_models",
    "corrected_resampled_ttest",
    "dask_backend",
    "dask_worker_info",
    "monte_carlo_cv",
]
