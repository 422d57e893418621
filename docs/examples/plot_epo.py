"""
Removing within-class variation: EPO on Beef
============================================

The 30 training spectra of UCR Beef (FTIR, pure beef and beef adulterated with four kinds of
offal, 6 spectra per class) vary more within each class than between the classes. A
1-nearest-neighbour classifier, which sees all that variation, is not much better than
chance; LDA-type models, which whiten it, do well. :class:`~skspectra.preprocessing.EPO`
estimates the within-class directions from the training labels and projects them out, so
that a model which does not whiten sees the spectra as LDA does. The deep classifiers apply
the same projection inside their network (``epo_components``). Cross-validation on the
training split only; a few seconds.

Run: ``python docs/examples/plot_epo.py``
"""

# %%
# How many directions to remove
# -----------------------------
# ``EPO()`` (``n_components="auto"``) picks the count by a cross-validated 1-NN inside the
# training spectra; ``cv_scores_`` is that curve, at 0 the spectra unchanged.
import matplotlib.pyplot as plt
import numpy as np
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline

from skspectra.datasets import load_beef
from skspectra.models import PLSLDAClassifierCV
from skspectra.preprocessing import EPO

X, y = load_beef(split="train", return_X_y=True)
epo = EPO().fit(X, y)
print(f"EPO chose {epo.n_components_} directions; 1-NN CV accuracy by count: "
      f"{np.round(epo.cv_scores_, 2)}")

fig, (ax_curve, ax_dirs) = plt.subplots(1, 2, figsize=(10, 3.2))
ax_curve.plot(epo.cv_scores_, marker="o")
ax_curve.axvline(epo.n_components_, color="grey", linestyle=":")
ax_curve.set(xlabel="within-class directions removed", ylabel="1-NN CV accuracy")
for i, direction in enumerate(epo.components_[:3]):
    ax_dirs.plot(direction, label=f"direction {i + 1}")
ax_dirs.set(xlabel="point", title="leading within-class directions")
ax_dirs.legend(fontsize=8)
fig.tight_layout()

# %%
# Cross-validated accuracy with and without EPO
# ---------------------------------------------
# EPO is refitted on each training fold, as every step of a pipeline is.
cv = StratifiedKFold(3, shuffle=True, random_state=0)
models = {
    "1-NN": KNeighborsClassifier(1),
    "EPO + 1-NN": make_pipeline(EPO(), KNeighborsClassifier(1)),
    "PLS-LDA-CV": PLSLDAClassifierCV(max_components=10, cv=4),
}
for name, model in models.items():
    scores = cross_val_score(model, X, y, cv=cv)
    print(f"{name:>11}: {scores.mean():.3f} +/- {scores.std():.3f}")
plt.show()
