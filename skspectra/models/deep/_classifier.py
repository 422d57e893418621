"""Classification on top of :class:`BaseDeepEstimator`: labels, class weights, probabilities."""

from __future__ import annotations

import warnings
from typing import Any, ClassVar

import numpy as np
from sklearn.base import ClassifierMixin
from sklearn.exceptions import ConvergenceWarning
from sklearn.preprocessing import LabelEncoder
from sklearn.utils.class_weight import compute_class_weight
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted, validate_data

from skspectra._validation import Interval, IntOrAuto, Options
from skspectra.explain import ExplainMixin
from skspectra.explain._deep_methods import deep_explanation_methods
from skspectra.models.deep._base import BaseDeepEstimator, _standardized

# epo_components="auto" removes within-class directions only when they cost a 1-NN at least
# 20 points of CV accuracy: in the selection (benchmarks/RESULTS.md) removal helped the
# networks on Beef (1-NN gains 0.20-0.50) and hurt them on Ham (gains 0.03-0.19).
EPO_MIN_GAIN = 0.2
# distill_weight > 0 trains with mixup; at mixup_alpha=0 with this alpha (rounds AD-AE)
DISTILL_MIXUP_ALPHA = 0.4
# where augment_within_class draws each spectrum's deviation from: any class's training
# spectra (SpectralAugmenter, in the network) or its own class's (OwnClassDeviations)
WITHIN_CLASS_SOURCES = ("pooled", "own_class")
# A fit whose epochs max_steps cut, and that then classifies less than this share of its
# own training spectra, is reported as under-trained (round AQ of benchmarks/RESULTS.md:
# ResNet1D at 0.700 after the 50 epochs that max_steps=1600 leaves 504 EthanolLevel
# spectra, 0.992 after 200).
UNDER_TRAINED_ACCURACY = 0.9


class BaseDeepClassifier(ExplainMixin, ClassifierMixin, BaseDeepEstimator):
    """Deep classifier base: encodes labels, trains with cross-entropy (not for direct use).

    ``explain(X, method=..., target=None)`` (from :class:`~skspectra.explain.ExplainMixin`)
    supports ``"occlusion"``, ``"cam"`` (networks with a global-average-pooling head),
    ``"grad_cam"``, ``"grad_cam_1d"``, ``"grad_cam_occlusion"`` (networks that name their
    ``feature_layers()``), ``"saliency"``, ``"smoothgrad"``, ``"integrated_gradients"``
    and ``"lime"``; gradient methods differentiate the class logit. The default,
    ``_default_explanation``, is chosen per network by measurement (benchmarks/RESULTS.md):
    ``"occlusion"`` here, ``"grad_cam_occlusion"`` for PACE and GAP-CNN.
    """

    _default_explanation: ClassVar[str] = "occlusion"
    # the feature layer that Grad-CAM and 1D Grad-CAM read by default (None: the last)
    _grad_cam_layer: ClassVar[str | None] = None
    # the width(s) that "occlusion" / "grad_cam_occlusion" occlude by default (several:
    # multi-scale occlusion; a method left out: 5 points)
    _occlusion_windows: ClassVar[dict[str, int | tuple[int, ...]]] = {}
    _parameter_checks: ClassVar[dict[str, Any]] = {
        **BaseDeepEstimator._parameter_checks, "epo_components": IntOrAuto(0),
        "mixup_alpha": Interval(float, 0), "augment_within_class": Interval(float, 0),
        "augment_within_class_source": Options(WITHIN_CLASS_SOURCES),
        "distill_weight": Interval(float, 0, 1)}

    def _input_projection(self, X: np.ndarray, y: np.ndarray | None) -> np.ndarray | None:
        """The within-class directions of the standardised ``X`` to remove (``epo_components``)."""
        from skspectra.preprocessing._epo import EPO

        count = self.epo_components  # validated in fit (_parameter_checks)
        if count == 0:
            self.epo_components_ = 0
            return None
        epo = EPO(n_components=count, min_gain=EPO_MIN_GAIN).fit(
            _standardized(X, self.standardize), y)
        self.epo_components_ = epo.n_components_
        return epo.components_.astype(np.float32) if epo.n_components_ else None

    def _within_class_augmentation(self, X: np.ndarray, y: np.ndarray | None) -> dict[str, Any]:
        """The training spectra's deviations from their class means, when augmenting with them."""
        if not self.augment_within_class or self.augment_within_class_source == "own_class":
            return {}
        from skspectra.nn import within_class_deviations

        return {"within_class": float(self.augment_within_class),
                "deviations": within_class_deviations(X, y)}

    def _explanation_methods(self) -> dict[str, Any]:
        return deep_explanation_methods(self, default=self._default_explanation,
                                        grad_cam_layer=self._grad_cam_layer,
                                        occlusion_windows=self._occlusion_windows)

    def _skorch_class(self, net_kwargs: dict[str, Any]) -> Any:
        if "teacher_A" in net_kwargs:
            from skspectra.models.deep._distillation import DistillingNeuralNetClassifier

            return DistillingNeuralNetClassifier
        if "mixup_alpha" in net_kwargs:
            from skspectra.models.deep._mixup import MixupNeuralNetClassifier

            return MixupNeuralNetClassifier
        from skorch import NeuralNetClassifier

        return NeuralNetClassifier

    def _net_kwargs(self, X: np.ndarray, y: np.ndarray) -> dict[str, Any]:
        kwargs = self._training_step_kwargs(X, y)
        if self.augment_within_class and self.augment_within_class_source == "own_class":
            from skspectra.models.deep._own_class_deviations import OwnClassDeviations

            kwargs["iterator_train__collate_fn"] = OwnClassDeviations(
                X, y, self.augment_within_class)
        return kwargs

    def _training_step_kwargs(self, X: np.ndarray, y: np.ndarray) -> dict[str, Any]:
        """The skorch net's distillation or mixup arguments (they choose its class)."""
        if self.distill_weight > 0:
            import torch

            from skspectra.models.deep._distillation import pls_lda_teacher

            try:
                A, b = pls_lda_teacher(X, y)
            except ValueError as exc:
                warnings.warn(f"{type(self).__name__}: {exc}; training without "
                              "distillation.", UserWarning, stacklevel=4)
                return self._mixup_kwargs()
            return {"teacher_A": torch.as_tensor(A, dtype=torch.float32),
                    "teacher_b": torch.as_tensor(b, dtype=torch.float32),
                    "teacher_weight": float(self.distill_weight),
                    "mixup_alpha": float(self.mixup_alpha or DISTILL_MIXUP_ALPHA)}
        return self._mixup_kwargs()

    def _mixup_kwargs(self) -> dict[str, Any]:
        return {"mixup_alpha": float(self.mixup_alpha)} if self.mixup_alpha > 0 else {}

    def fit(self, X: Any, y: Any) -> BaseDeepClassifier:
        """Train the network on spectra ``X`` and class labels ``y``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Spectra (numpy array or pandas DataFrame, float32 or float64).
        y : array-like of shape (n_samples,)
            Class labels: integers or strings.

        Returns
        -------
        self
            The fitted estimator.
        """
        X, y = validate_data(self, X, y, dtype=(np.float64, np.float32))
        check_classification_targets(y)
        encoder = LabelEncoder().fit(y)
        self.classes_ = encoder.classes_
        if len(self.classes_) < 2:
            raise ValueError(
                f"{type(self).__name__} needs samples of at least 2 classes; got 1 class "
                f"({self.classes_[0]!r})."
            )
        y_encoded = encoder.transform(y).astype(np.int64)
        X = np.ascontiguousarray(X, dtype=np.float32)
        epochs = self._fit_net(
            X,
            y_encoded,
            n_outputs=len(self.classes_),
            stratify=True,
            loss=_cross_entropy()(**self._criterion_kwargs(y_encoded)),
        )
        if epochs < self.max_epochs:
            self._warn_if_under_trained(X, y_encoded, epochs)
        return self

    def _warn_if_under_trained(self, X: np.ndarray, y_encoded: np.ndarray, epochs: int) -> None:
        """A ``ConvergenceWarning`` when a fit cut short by ``max_steps`` misclassifies
        more than ``1 - UNDER_TRAINED_ACCURACY`` of its own training spectra."""
        accuracy = float(np.mean(self._forward(X).argmax(axis=1) == y_encoded))
        if accuracy < UNDER_TRAINED_ACCURACY:
            warnings.warn(
                f"{type(self).__name__}: max_steps={self.max_steps} stopped training after "
                f"{epochs} of max_epochs={self.max_epochs} epochs, and the model classifies "
                f"only {accuracy:.1%} of its own training spectra: it is probably "
                "under-trained. Set max_steps=None to train all max_epochs epochs, or a "
                "larger budget.",
                ConvergenceWarning,
                stacklevel=3,  # the caller of fit
            )

    def _criterion_kwargs(self, y_encoded: np.ndarray) -> dict[str, Any]:
        if self.class_weight is None:
            return {}
        import torch

        classes = np.arange(len(self.classes_))
        if isinstance(self.class_weight, dict):
            unknown = set(self.class_weight) - set(self.classes_)
            if unknown:
                raise ValueError(
                    f"class_weight has labels {sorted(unknown, key=str)} that are not in "
                    f"the classes {list(self.classes_)}."
                )
            weights = np.array([self.class_weight.get(c, 1.0) for c in self.classes_], float)
        elif self.class_weight == "balanced":
            weights = compute_class_weight("balanced", classes=classes, y=y_encoded)
        else:
            raise ValueError(
                f"class_weight must be None, 'balanced' or a dict, got {self.class_weight!r}."
            )
        return {"weight": torch.as_tensor(weights, dtype=torch.float32)}

    def decision_function(self, X: Any) -> np.ndarray:
        """Class logits of the network, shape (n_samples, n_classes).

        For two classes the logit difference (class 1 minus class 0), shape
        (n_samples,), as scikit-learn expects.
        """
        check_is_fitted(self)
        logits = self._forward(self._validate_X(X, reset=False))
        return logits[:, 1] - logits[:, 0] if logits.shape[1] == 2 else logits

    def predict_proba(self, X: Any) -> np.ndarray:
        """Class probabilities (softmax of the logits); rows sum to 1.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples, n_classes)
            Columns in the order of ``classes_``.
        """
        check_is_fitted(self)
        logits = self._forward(self._validate_X(X, reset=False))
        logits -= logits.max(axis=1, keepdims=True)
        proba = np.exp(logits)
        return proba / proba.sum(axis=1, keepdims=True)

    def predict(self, X: Any) -> np.ndarray:
        """Most probable class of each spectrum, in the original labels."""
        check_is_fitted(self)
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]


def _cross_entropy() -> Any:
    import torch

    return torch.nn.CrossEntropyLoss
