"""PLS-LDA on the Meat FTIR spectra under Monte-Carlo cross-validation.

The GAP-CNN paper compares its CNN with PLS-LDA over many random train/test
partitions (Monte-Carlo cross-validation). This is the PLS-LDA side of that
comparison: 50 random 70/30 splits of the 120 Meat spectra (3 classes), with the
number of components chosen once by 5-fold CV on the whole set for brevity (a
strictly nested choice would run PLSLDAClassifierCV inside every split, see the
last lines). Runs in a few seconds on a laptop.

Run: ``python docs/examples/pls_lda_mccv.py``
"""

import numpy as np
from sklearn.model_selection import ShuffleSplit, cross_val_score

from skspectra.datasets import load_meat
from skspectra.models import PLSLDAClassifier, PLSLDAClassifierCV

X, y = load_meat(return_X_y=True)

# Choose the number of components: one PLS fit per fold scores k = 1..20.
search = PLSLDAClassifierCV(max_components=20, cv=5).fit(X, y)
print(
    f"n_components chosen by 5-fold CV: {search.n_components_} "
    f"(CV accuracy {search.best_score_:.3f})"
)

mccv = ShuffleSplit(n_splits=50, test_size=0.3, random_state=0)
scores = cross_val_score(PLSLDAClassifier(n_components=search.n_components_), X, y, cv=mccv)
print(
    f"PLS-LDA, 50 x (70/30) Monte-Carlo CV: accuracy {scores.mean():.3f} "
    f"+/- {scores.std():.3f} (min {scores.min():.3f})"
)

# Nested variant: the number of components is re-chosen inside every partition.
nested = cross_val_score(PLSLDAClassifierCV(max_components=20, cv=5), X, y, cv=mccv)
print(f"with k chosen inside each split:      accuracy {nested.mean():.3f} +/- {nested.std():.3f}")
top = np.argsort(search.best_estimator_.vip_)[::-1][:3]
print(f"points with the highest VIP: {top.tolist()}")
