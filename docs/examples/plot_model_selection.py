"""
Monte-Carlo CV and grid search over PACE's patch size
=====================================================

A grid search over :class:`~skspectra.models.PACEClassifier`'s ``patch_size`` and
``pool_dim`` inside a preprocessing :class:`~sklearn.pipeline.Pipeline`, scored by
Monte-Carlo cross-validation (random stratified 70/30 partitions), next to PLS-LDA on
the very same partitions. The network is made tiny (``dim=32``, ``depth=1``, 30 epochs,
3 partitions) so that the example runs in about 20 seconds on one CPU core: the
mechanics are the point, not the accuracies, which are far below those of the default
settings (``benchmarks/RESULTS.md``). For real use, take the defaults, 10 or more
partitions and a GPU if you have one.

Run: ``python docs/examples/plot_model_selection.py``
"""

# %%
# The search
# ----------
# Every candidate is refitted on each training partition, preprocessing included, and
# ``refit=True`` (the default) then fits the best one on all the data.
import matplotlib.pyplot as plt
import numpy as np
from sklearn.model_selection import GridSearchCV, StratifiedShuffleSplit, cross_val_score
from sklearn.pipeline import Pipeline

from skspectra.datasets import load_meat
from skspectra.models import PACEClassifier, PLSLDAClassifierCV
from skspectra.preprocessing import SavGol

X, y = load_meat(return_X_y=True)
mccv = StratifiedShuffleSplit(n_splits=3, test_size=0.3, random_state=0)

pipe = Pipeline([
    ("smooth", SavGol(11, 2)),
    ("clf", PACEClassifier(dim=32, depth=1, max_epochs=30, lr=3e-3, random_state=0,
                           device="cpu")),
])
grid = {"clf__patch_size": [8, 16], "clf__pool_dim": [64, 128]}
search = GridSearchCV(pipe, grid, cv=mccv).fit(X, y)

results = search.cv_results_
print("patch_size  pool_dim  accuracy (mean +/- std)  rank")
for params, mean, std, rank in zip(results["params"], results["mean_test_score"],
                                   results["std_test_score"], results["rank_test_score"],
                                   strict=True):
    print(f"{params['clf__patch_size']:10d}  {params['clf__pool_dim']:8d}  "
          f"{mean:.3f} +/- {std:.3f}            {rank}")
print(f"best: {search.best_params_} (mean accuracy {search.best_score_:.3f})")

# %%
# The baseline on the same partitions
# -----------------------------------
# ``StratifiedShuffleSplit`` with a fixed ``random_state`` yields the same partitions
# every time, so the scores are paired with those of the grid search.
pls = cross_val_score(PLSLDAClassifierCV(max_components=15, cv=5), X, y, cv=mccv)
print(f"PLS-LDA on the same partitions: {pls.mean():.3f} +/- {pls.std():.3f}")

# %%
# Test accuracy of every candidate on every partition, and of PLS-LDA.
split_scores = np.column_stack(
    [results[f"split{i}_test_score"] for i in range(mccv.get_n_splits())])
labels = [f"patch {p['clf__patch_size']}\npool {p['clf__pool_dim']}" for p in results["params"]]
fig, ax = plt.subplots(figsize=(7, 3.5))
ax.boxplot([*split_scores, pls])
ax.set_xticks(np.arange(1, len(labels) + 2), [*labels, "PLS-LDA"])
ax.set_ylabel("test accuracy")
ax.set_title("3 x (70/30) Monte-Carlo CV on Meat (tiny PACE)")
fig.tight_layout()
plt.show()
