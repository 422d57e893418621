"""The deep estimators: skorch-trained torch networks as scikit-learn estimators.

:class:`~skspectra.models.SpectralNetClassifier` and
:class:`~skspectra.models.SpectralNetRegressor` train any
:class:`skspectra.nn.SpectralNet` (``module=``); each architecture of the registry
(``skspectra/_registry.py``) adds a classifier preset and a regressor preset of them, in
a file of its own. The shared parts live beside them:

- ``_base.py``: the estimator that owns a skorch net (fit, devices, persistence hooks);
- ``_classifier.py`` and ``_regressor.py``: labels and probabilities, target scaling;
- ``_training.py``: validation split, callbacks, optimizer, seeding;
- ``_early_stopping.py``: the best-weights early stopping;
- ``_persistence.py``: pickles that load on any device;
- ``_docs.py``: the docstring fragments that every preset shares.

The public names are exported by :mod:`skspectra.models` (and :mod:`skspectra`); import
them from there.

Examples
--------
>>> from skspectra.models import ResNet1DClassifier
>>> ResNet1DClassifier.__module__
'skspectra.models.deep._resnet1d'
"""
