"""Synthetic spectra whose discriminative bands are known (ground truth for explanations)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from sklearn.utils import check_random_state

from skspectra._validation import check_int, check_real

BAND_SHAPES = ("gaussian", "lorentzian", "mixed")

# Within-class variability of every band's amplitude (standard deviation of its log).
_AMPLITUDE_SD = 0.1
# The mask covers this many half-widths on each side of an informative band's centre.
_MASK_HALF_WIDTHS = 2.0


def _check_band_width(band_width: Any) -> tuple[float, float]:
    if (
        not isinstance(band_width, Sequence)
        or isinstance(band_width, str)
        or len(band_width) != 2
    ):
        raise TypeError(f"band_width must be a (min, max) pair, got {band_width!r}.")
    low, high = (check_real("band_width", value, 0.0, closed="left") for value in band_width)
    if low <= 0 or low > high:
        raise ValueError(f"band_width must satisfy 0 < min <= max, got {band_width!r}.")
    return low, high


def _profile(offset: np.ndarray, width: float, lorentz_fraction: float) -> np.ndarray:
    """Pseudo-Voigt band of height 1 and half width at half maximum ``width``."""
    z = (offset / width) ** 2
    profile = np.zeros_like(z)
    if lorentz_fraction < 1.0:
        profile += (1.0 - lorentz_fraction) * np.exp(-np.log(2.0) * z)
    if lorentz_fraction > 0.0:
        profile += lorentz_fraction / (1.0 + z)
    return profile


def make_spectra(
    n_samples: int = 200,
    n_features: int = 500,
    n_classes: int = 2,
    *,
    n_bands: int = 10,
    n_informative: int = 3,
    band_shape: str = "gaussian",
    band_width: tuple[float, float] = (4.0, 12.0),
    class_sep: float = 1.0,
    noise: float = 0.01,
    shift: float = 1.0,
    scatter: float = 0.05,
    baseline: float = 0.2,
    random_state: int | np.random.RandomState | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Generate synthetic spectra in which only known bands tell the classes apart.

    Each spectrum is a sum of ``n_bands`` bands on a smooth baseline, with
    multiplicative and additive scatter and white noise. The band positions,
    widths and typical heights are drawn once and shared by all spectra. In
    every spectrum each band's height varies by about 10 % and all bands shift
    together by a random amount. Only the heights of the ``n_informative`` bands
    depend on the class, so the class means differ only around those bands:
    ``mask`` marks these points and is the ground truth for judging
    explanations (e.g. ``skspectra.explain`` localisation).

    Parameters
    ----------
    n_samples : int, default=200
        Number of spectra; the classes are balanced (sizes differ by at most 1).
    n_features : int, default=500
        Number of points per spectrum.
    n_classes : int, default=2
        Number of classes (at least 2).
    n_bands : int, default=10
        Number of bands in every spectrum.
    n_informative : int, default=3
        Number of bands, among ``n_bands``, whose height depends on the class.
    band_shape : {"gaussian", "lorentzian", "mixed"}, default="gaussian"
        Band profile; "mixed" gives each band a pseudo-Voigt profile with a random
        Lorentzian fraction in [0, 1].
    band_width : (float, float), default=(4.0, 12.0)
        Range, in points, of the bands' half width at half maximum.
    class_sep : float, default=1.0
        Distance between the classes. For every informative band the class means
        of the log band height are spread over ``[-class_sep, class_sep]`` times
        the within-class standard deviation (0.1, i.e. about 10 %); for two classes
        the class means differ by a factor ``exp(0.2 * class_sep)``. 0 makes the
        classes indistinguishable.
    noise : float, default=0.01
        Standard deviation of the white noise added to every point (bands are
        0.5 to 1.5 high).
    shift : float, default=1.0
        Standard deviation, in points, of the random shift of all bands of a
        spectrum (e.g. calibration drift).
    scatter : float, default=0.05
        Scatter strength: each spectrum is multiplied by ``exp(scatter * N(0, 1))``
        and offset by ``scatter * N(0, 1)`` (the effects that SNV/MSC remove).
    baseline : float, default=0.2
        Scale of each spectrum's random quadratic baseline.
    random_state : int, RandomState instance or None, default=None
        Seed for reproducible output.

    Returns
    -------
    X : ndarray of shape (n_samples, n_features), float64
        The spectra.
    y : ndarray of shape (n_samples,), int64
        The class of each spectrum, 0 to ``n_classes - 1``.
    mask : ndarray of shape (n_features,), bool
        True within two half widths of the centre of an informative band: the
        points where the class means differ.

    Raises
    ------
    TypeError
        For a parameter of the wrong type.
    ValueError
        For a parameter out of range, e.g. ``n_informative > n_bands`` or an
        unknown ``band_shape``.

    Examples
    --------
    >>> from skspectra.datasets import make_spectra
    >>> X, y, mask = make_spectra(n_samples=100, n_features=300, random_state=0)
    >>> X.shape, y.shape, mask.shape, mask.dtype
    ((100, 300), (100,), (300,), dtype('bool'))
    >>> from sklearn.discriminant_analysis import LinearDiscriminantAnalysis
    >>> from sklearn.model_selection import cross_val_score
    >>> X, y, mask = make_spectra(class_sep=4, scatter=0, random_state=0)
    >>> lda = LinearDiscriminantAnalysis(solver="lsqr", shrinkage="auto")
    >>> bool(cross_val_score(lda, X[:, mask], y).mean() > 0.9)
    True
    """
    n_samples = check_int("n_samples", n_samples, 1)
    n_features = check_int("n_features", n_features, 2)
    n_classes = check_int("n_classes", n_classes, 2)
    n_bands = check_int("n_bands", n_bands, 1)
    n_informative = check_int("n_informative", n_informative, 1)
    if n_informative > n_bands:
        raise ValueError(f"n_informative={n_informative} must be <= n_bands={n_bands}.")
    if n_samples < n_classes:
        raise ValueError(f"n_samples={n_samples} must be >= n_classes={n_classes}.")
    if not isinstance(band_shape, str) or band_shape not in BAND_SHAPES:
        raise ValueError(f"band_shape must be one of {BAND_SHAPES}, got {band_shape!r}.")
    low_width, high_width = _check_band_width(band_width)
    class_sep = check_real("class_sep", class_sep, 0.0, closed="left")
    noise = check_real("noise", noise, 0.0, closed="left")
    shift = check_real("shift", shift, 0.0, closed="left")
    scatter = check_real("scatter", scatter, 0.0, closed="left")
    baseline = check_real("baseline", baseline, 0.0, closed="left")
    rng = check_random_state(random_state)

    # The bands, shared by all spectra.
    points = np.arange(n_features, dtype=np.float64)
    margin = min(2.0 * high_width, (n_features - 1) / 4.0)
    centres = rng.uniform(margin, n_features - 1 - margin, n_bands)
    widths = rng.uniform(low_width, high_width, n_bands)
    heights = rng.uniform(0.5, 1.5, n_bands)
    lorentz_fraction = {
        "gaussian": np.zeros(n_bands),
        "lorentzian": np.ones(n_bands),
        "mixed": rng.uniform(0.0, 1.0, n_bands),
    }[band_shape]
    informative = rng.choice(n_bands, n_informative, replace=False)
    class_effect = np.zeros((n_classes, n_bands))
    for band in informative:
        class_effect[:, band] = rng.permutation(np.linspace(-1.0, 1.0, n_classes))

    # The spectra.
    y = rng.permutation(np.arange(n_samples) % n_classes).astype(np.int64)
    log_height = rng.standard_normal((n_samples, n_bands)) + class_sep * class_effect[y]
    sample_heights = heights * np.exp(_AMPLITUDE_SD * log_height)
    band_offsets = shift * rng.standard_normal(n_samples)
    X = np.zeros((n_samples, n_features))
    for band in range(n_bands):
        offset = points[None, :] - centres[band] - band_offsets[:, None]
        profile = _profile(offset, widths[band], lorentz_fraction[band])
        X += sample_heights[:, band, None] * profile
    u = np.linspace(-1.0, 1.0, n_features)
    coefficients = baseline * rng.standard_normal((n_samples, 3))
    X += coefficients @ np.vstack([np.ones_like(u), u, u**2])
    X *= np.exp(scatter * rng.standard_normal(n_samples))[:, None]
    X += scatter * rng.standard_normal(n_samples)[:, None]
    X += noise * rng.standard_normal((n_samples, n_features))

    mask = np.zeros(n_features, dtype=bool)
    for band in informative:
        mask |= np.abs(points - centres[band]) <= _MASK_HALF_WIDTHS * widths[band]
    return X, y, mask
