"""Distillation from PLS-LDA in the deep classifiers' training steps (``distill_weight``).

A :class:`~skspectra.models.PLSLDAClassifierCV` is fitted on the training spectra. Its
class logits are affine in the spectrum, ``x @ A + b``, so they are evaluated in torch on
every batch. Each training step is a mixup step (Zhang et al., ICLR 2018) whose target is
``(1 - w) * mixed one-hot labels + w * softmax(teacher logits of the mixed spectra)``:
between the training spectra, where the labels say nothing, the network is taught the
linear model's decision (knowledge distillation, Hinton et al., 2015). Prediction is the
network's alone. The teacher's coefficients stay on the net (``teacher_A``, ``teacher_b``,
on the CPU), so that ``net_.partial_fit`` continues the same training.

This module imports skorch and torch; the estimators import it only when
``distill_weight > 0``.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import torch

from skspectra.models.deep._mixup import MixupNeuralNetClassifier

__all__ = ["DistillingNeuralNetClassifier", "pls_lda_teacher"]

# The teacher is the resampling benchmark's PLS-LDA-CV reference (benchmarks/resamples.py).
TEACHER_MAX_COMPONENTS = 20


def pls_lda_teacher(X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A PLS-LDA-CV fitted on ``(X, y)`` as ``(A, b)``: its class logits are ``X @ A + b``.

    The number of components (at most 20) is chosen by the classifier's own stratified
    CV, with as many folds as the rarest class has spectra (2 to 5). Two classes give one
    decision value ``d``, returned as the logits ``(0, d)``. A ``ValueError`` says when no
    teacher can be fitted (e.g. one spectrum per class).

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        Training spectra.
    y : ndarray of shape (n_samples,)
        Encoded class labels ``0 .. n_classes - 1``.

    Returns
    -------
    A : ndarray of shape (n_features, n_classes)
    b : ndarray of shape (n_classes,)

    Examples
    --------
    >>> import numpy as np
    >>> from skspectra.models.deep._distillation import pls_lda_teacher
    >>> rng = np.random.default_rng(0)
    >>> X, y = rng.normal(size=(20, 8)), np.repeat([0, 1], 10)
    >>> A, b = pls_lda_teacher(X, y)
    >>> A.shape, b.shape
    ((8, 2), (2,))
    """
    from skspectra.models import PLSLDAClassifierCV

    X = np.asarray(X, dtype=np.float64)
    with warnings.catch_warnings():
        # rank-clipped folds and small classes are expected on a few dozen spectra; the
        # classifier itself caps its 5 folds at the rarest class's count (at least 2)
        warnings.simplefilter("ignore", UserWarning)
        try:
            teacher = PLSLDAClassifierCV(max_components=TEACHER_MAX_COMPONENTS, cv=5).fit(X, y)
        except ValueError as exc:
            raise ValueError(f"no PLS-LDA teacher can be fitted on these training spectra "
                             f"({exc})") from None
    fitted = teacher.best_estimator_
    A, b = fitted.coef_.T, np.asarray(fitted.intercept_, dtype=np.float64)
    if A.shape[1] == 1:  # binary: the decision value scores class 1 against class 0
        A, b = np.column_stack([np.zeros(len(A)), A]), np.array([0.0, b[0]])
    return A, b


class DistillingNeuralNetClassifier(MixupNeuralNetClassifier):
    """Mixup net whose targets blend the mixed labels with a linear teacher's probabilities.

    Parameters
    ----------
    *args, **kwargs
        Passed to :class:`~skspectra.models.deep._mixup.MixupNeuralNetClassifier`
        (``mixup_alpha`` included).
    teacher_A : torch.Tensor of shape (n_features, n_classes)
    teacher_b : torch.Tensor of shape (n_classes,)
        The teacher's logits of spectra ``x`` are ``x @ teacher_A + teacher_b``.
    teacher_weight : float
        Weight of the teacher's probabilities in the target, in (0, 1].

    Examples
    --------
    >>> import torch
    >>> from skspectra.models.deep._distillation import DistillingNeuralNetClassifier
    >>> net = DistillingNeuralNetClassifier(
    ...     torch.nn.Linear(4, 2), mixup_alpha=0.4, teacher_A=torch.zeros(4, 2),
    ...     teacher_b=torch.zeros(2), teacher_weight=0.5, max_epochs=1, train_split=None)
    >>> net.mixed_target(torch.ones(1, 4), torch.tensor([[1.0, 0.0]]))
    tensor([[0.7500, 0.2500]])
    """

    def __init__(self, *args: Any, teacher_A: torch.Tensor, teacher_b: torch.Tensor,
                 teacher_weight: float, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.teacher_A, self.teacher_b = teacher_A, teacher_b
        self.teacher_weight = teacher_weight

    def mixed_target(self, X_mixed: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
        """``(1 - w) * labels + w * softmax(X_mixed @ A + b)``."""
        # the teacher stays on the CPU, so that a net trained on a GPU pickles without
        # CUDA tensors (skorch's map_location covers module_, optimizer_ and criterion_ only)
        with torch.no_grad():
            A, b = self.teacher_A.to(X_mixed.device), self.teacher_b.to(X_mixed.device)
            logits = X_mixed.flatten(1) @ A + b
            taught = torch.softmax(logits, dim=1).to(labels.device)
        return (1 - self.teacher_weight) * labels + self.teacher_weight * taught
