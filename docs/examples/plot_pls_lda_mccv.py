"""
PLS-LDA under Monte-Carlo cross-validation
==========================================

The GAP-CNN paper compares its CNN with PLS-LDA over many random train/test
partitions (Monte-Carlo cross-validation). This is the PLS-LDA side of that
comparison on the Meat FTIR spectra: 50 random 70/30 splits of the 120 spectra
(3 classes), with the number of components chosen once by 5-fold CV on the whole set
for brevity; a strictly nested choice runs :class:`~skspectra.models.PLSLDAClassifierCV`
inside every split (last section). Runs in a few seconds.

Run: ``python docs/examples/plot_pls_lda_mccv.py``
"""

# %%
# Choose the number of components
# -------------------------------
# One PLS fit per fold scores every k = 1..20 (the components are nested).
import matplotlib.pyplot as plt
import numpy as np
from sklearn.model_selection import ShuffleSplit, cross_val_score

from skspectra.datasets import load_meat
from skspectra.models import PLSLDAClassifier, PLSLDAClassifierCV

X, y = load_meat(return_X_y=True)

search = PLSLDAClassifierCV(max_components=20, cv=5).fit(X, y)
print(
    f"n_components chosen by 5-fold CV: {search.n_components_} "
    f"(CV accuracy {search.best_score_:.3f})"
)

# %%
# Monte-Carlo cross-validation
# ----------------------------
# 50 random partitions, 70 % training, 30 % test.
mccv = ShuffleSplit(n_splits=50, test_size=0.3, random_state=0)
scores = cross_val_score(PLSLDAClassifier(n_components=search.n_components_), X, y, cv=mccv)
print(
    f"PLS-LDA, 50 x (70/30) Monte-Carlo CV: accuracy {scores.mean():.3f} "
    f"+/- {scores.std():.3f} (min {scores.min():.3f})"
)

# %%
# Nested variant
# --------------
# The number of components is re-chosen inside every partition.
nested = cross_val_score(PLSLDAClassifierCV(max_components=20, cv=5), X, y, cv=mccv)
print(f"with k chosen inside each split:      accuracy {nested.mean():.3f} +/- {nested.std():.3f}")
top = np.argsort(search.best_estimator_.vip_)[::-1][:3]
print(f"points with the highest VIP: {top.tolist()}")

# %%
# The two score distributions over the 50 partitions, and the VIP profile of the model
# chosen above (points with VIP > 1 count as important by the usual rule of thumb).
fig, (ax_scores, ax_vip) = plt.subplots(1, 2, figsize=(9, 3.5), width_ratios=(1, 2))
ax_scores.boxplot([scores, nested])
ax_scores.set_xticks([1, 2], [f"k = {search.n_components_}", "nested"])
ax_scores.set_ylabel("test accuracy")
ax_scores.set_title("50 x (70/30) Monte-Carlo CV")
ax_vip.plot(search.best_estimator_.vip_)
ax_vip.axhline(1.0, color="0.5", linestyle="--")
ax_vip.set_xlabel("point")
ax_vip.set_ylabel("VIP")
ax_vip.set_title("variable importance in projection")
fig.tight_layout()
plt.show()
