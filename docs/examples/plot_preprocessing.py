"""
Preprocessing spectra: Savitzky-Golay, SNV, MSC and AsLS
========================================================

What the chemometrician's preprocessing does to the 120 Meat FTIR spectra (chicken,
pork, turkey; UCR labels 1-3), and what it does to a PLS-LDA classifier's accuracy under
Monte-Carlo cross-validation. Every transformer is a scikit-learn transformer, so each
one is a step of a :class:`~sklearn.pipeline.Pipeline` and is refitted inside every
training split. A few seconds.

Note that the UCR archive stores every spectrum z-normalised (mean 0, standard deviation
1), so SNV, which does exactly that, leaves this data set practically unchanged; on raw spectra it
removes multiplicative and additive scatter.

Run: ``python docs/examples/plot_preprocessing.py``
"""

# %%
# Transform the spectra
# ---------------------
import matplotlib.pyplot as plt
import numpy as np
from sklearn.model_selection import ShuffleSplit, cross_val_score
from sklearn.pipeline import make_pipeline

from skspectra.datasets import load_meat
from skspectra.models import PLSLDAClassifierCV
from skspectra.preprocessing import MSC, SNV, AsLS, SavGol

X, y = load_meat(return_X_y=True)
steps = {
    "raw": None,
    "SavGol(15, 2, deriv=1)": SavGol(15, 2, deriv=1),
    "SNV()": SNV(),
    "MSC()": MSC(),
    "AsLS(lam=1e5, p=0.01)": AsLS(lam=1e5, p=0.01),
}
transformed = {name: X if step is None else step.fit_transform(X) for name, step in steps.items()}
print(f"{X.shape[0]} spectra of {X.shape[1]} points; "
      f"largest change made by SNV: {np.abs(transformed['SNV()'] - X).max():.1e}")

# %%
# Class-mean spectra after each transformation, one colour per class.
classes = np.unique(y)
fig, axes = plt.subplots(len(steps), 1, figsize=(8, 10), sharex=True)
for ax, (name, Xt) in zip(axes, transformed.items(), strict=True):
    for label in classes:
        ax.plot(Xt[y == label].mean(axis=0), label=f"class {label}")
    ax.set_title(name, fontsize=10)
axes[0].legend(ncol=len(classes), fontsize=8)
axes[-1].set_xlabel("point")
fig.tight_layout()

# %%
# The AsLS baseline
# -----------------
# ``return_baseline=True`` gives the baseline itself: a smooth curve that the asymmetric
# weights push under the peaks. The corrected spectrum is the difference.
baseline = AsLS(lam=1e5, p=0.01, return_baseline=True).fit_transform(X[:1])[0]
fig, ax = plt.subplots(figsize=(8, 3))
ax.plot(X[0], label="spectrum")
ax.plot(baseline, label="AsLS baseline")
ax.plot(X[0] - baseline, label="corrected", alpha=0.7)
ax.set_xlabel("point")
ax.legend(fontsize=8)
fig.tight_layout()

# %%
# Effect on PLS-LDA
# -----------------
# The same 20 random 70/30 partitions for every pipeline; the number of components
# (1-15) is chosen by 5-fold CV inside each training split by
# :class:`~skspectra.models.PLSLDAClassifierCV`.
mccv = ShuffleSplit(n_splits=20, test_size=0.3, random_state=0)
for name, step in steps.items():
    model = PLSLDAClassifierCV(max_components=15, cv=5)
    pipe = model if step is None else make_pipeline(step, model)
    scores = cross_val_score(pipe, X, y, cv=mccv)
    print(f"{name:24s} accuracy {scores.mean():.3f} +/- {scores.std():.3f}")

plt.show()
