"""Known-band spectra for the explanation benchmark, written apart from ``make_spectra``.

Issue 13 item 5 asks for ground truth that is not only the package's own generator, with
several band shapes and difficulties. Each :class:`Scenario` draws spectra on a 400-point
axis from the same recipe, changing one thing at a time:

- two *diagnostic* bands (near points 130 and 270) carry the class: class 0 has the first
  one higher, class 1 the second one, class 2 neither; their heights also vary within each
  class, so a single spectrum is not trivially separable;
- three *nuisance* bands (near 50, 200 and 340), larger and class-independent;
- a multiplicative scatter factor per spectrum, an additive baseline and white noise.

The truth of each spectrum is the footprint of its diagnostic bands: the points where a
unit-height diagnostic band is at least 10 % of its peak (``mask``, per spectrum, since
"shifted" moves the bands). For regression (:func:`make_regression_set`) one analyte band's
height is the target, beside an interferent band that overlaps it.

Nothing here imports skspectra.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

N_POINTS = 400
DIAGNOSTIC = (130.0, 270.0)
NUISANCE = (50.0, 200.0, 340.0)
FOOTPRINT = 0.1  # a band's footprint: where its unit-height profile is >= this


@dataclass(frozen=True)
class Scenario:
    """One way of drawing known-band spectra.

    ``width`` is the Gaussian standard deviation in points (a Lorentzian gets the same
    full width at half maximum); ``shift`` the largest per-band, per-spectrum move of every
    band centre, in points; ``overlap`` puts a large nuisance band on the shoulder of each
    diagnostic band; ``baseline`` is "flat", "sloped" or "curved".
    """

    name: str
    shape: str = "gaussian"
    width: float = 6.0
    shift: float = 0.0
    overlap: bool = False
    baseline: str = "flat"


SCENARIOS = (
    Scenario("gaussian"),
    Scenario("lorentzian", shape="lorentzian"),
    Scenario("narrow", width=2.0),
    Scenario("broad", width=14.0),
    Scenario("shifted", shift=10.0),
    Scenario("overlapping", overlap=True),
    Scenario("sloped baseline", baseline="sloped"),
    Scenario("curved baseline", baseline="curved"),
)


def band(axis: np.ndarray, centre: np.ndarray, width: float, shape: str) -> np.ndarray:
    """Unit-height bands, one row per centre (``centre`` of shape (n,))."""
    offset = axis[None, :] - np.asarray(centre, dtype=float)[:, None]
    if shape == "gaussian":
        return np.exp(-0.5 * (offset / width) ** 2)
    if shape == "lorentzian":
        hwhm = width * np.sqrt(2.0 * np.log(2.0))  # the Gaussian's half width at half maximum
        return 1.0 / (1.0 + (offset / hwhm) ** 2)
    raise ValueError(f"unknown band shape {shape!r}")


def baseline(axis: np.ndarray, kind: str, rng: np.random.Generator, n: int) -> np.ndarray:
    """Additive baselines: an offset, plus a slope ("sloped") or a curve ("curved")."""
    t = axis[None, :] / axis[-1]
    offset = rng.uniform(0.0, 0.2, size=(n, 1))
    if kind == "flat":
        return np.broadcast_to(offset, (n, axis.size)).copy()
    if kind == "sloped":
        return offset + rng.uniform(-1.0, 1.0, size=(n, 1)) * t
    if kind == "curved":
        quadratic = rng.uniform(-1.5, 1.5, size=(n, 1)) * (t - 0.5) ** 2
        hump_centre = rng.uniform(0.0, axis[-1], size=n)
        hump = rng.uniform(0.0, 0.8, size=(n, 1)) * band(axis, hump_centre, 80.0, "gaussian")
        return offset + rng.uniform(-0.5, 0.5, size=(n, 1)) * t + quadratic + hump
    raise ValueError(f"unknown baseline {kind!r}")


def _centres(base: float, shift: float, rng: np.random.Generator, n: int) -> np.ndarray:
    return base + (rng.uniform(-shift, shift, size=n) if shift else np.zeros(n))


def make_classification_set(scenario: Scenario, n_samples: int, random_state: int = 0,
                            separation: float = 0.35):
    """``X`` (n_samples, 400), ``y`` in {0, 1, 2} (balanced), ``mask`` (n_samples, 400)."""
    rng = np.random.default_rng(random_state)
    axis = np.arange(N_POINTS, dtype=float)
    y = np.arange(n_samples) % 3
    rng.shuffle(y)
    X = np.zeros((n_samples, N_POINTS))
    mask = np.zeros((n_samples, N_POINTS), dtype=bool)
    for j, centre in enumerate(DIAGNOSTIC):
        centres = _centres(centre, scenario.shift, rng, n_samples)
        profile = band(axis, centres, scenario.width, scenario.shape)
        height = rng.uniform(0.2, 0.6, size=n_samples) + separation * (y == j)
        X += height[:, None] * profile
        mask |= profile >= FOOTPRINT
    nuisance = list(NUISANCE)
    if scenario.overlap:  # a larger band 1.5 widths beside each diagnostic band
        nuisance += [DIAGNOSTIC[0] - 1.5 * scenario.width, DIAGNOSTIC[1] + 1.5 * scenario.width]
    for centre in nuisance:
        centres = _centres(centre, scenario.shift, rng, n_samples)
        height = rng.uniform(0.5, 1.5, size=n_samples)
        X += height[:, None] * band(axis, centres, 1.5 * scenario.width, scenario.shape)
    X *= rng.uniform(0.8, 1.2, size=(n_samples, 1))  # scatter / path length
    X += baseline(axis, scenario.baseline, rng, n_samples)
    X += rng.normal(0.0, 0.01, size=X.shape)
    return X, y, mask


def make_regression_set(n_samples: int, random_state: int = 0):
    """One analyte (target = its band height in [0, 1]) under an overlapping interferent.

    Gaussian analyte band at point 200 (width 6); an interferent of random height 1.2
    widths beside it and another at point 90; curved baselines, scatter and noise as in
    the "curved baseline" scenario. Returns ``X``, ``concentration`` and the analyte's
    footprint ``mask`` (shape (400,)).
    """
    rng = np.random.default_rng(random_state)
    axis = np.arange(N_POINTS, dtype=float)
    width = 6.0
    concentration = rng.uniform(0.0, 1.0, size=n_samples)
    analyte = band(axis, np.array([200.0]), width, "gaussian")[0]
    X = 0.5 * concentration[:, None] * analyte[None, :]
    for centre, scale in ((200.0 + 1.2 * width, 0.5), (90.0, 1.0), (320.0, 1.0)):
        height = rng.uniform(0.0, scale, size=(n_samples, 1))
        X += height * band(axis, np.array([centre]), 1.5 * width, "gaussian")
    X *= rng.uniform(0.9, 1.1, size=(n_samples, 1))
    X += baseline(axis, "curved", rng, n_samples)
    X += rng.normal(0.0, 0.005, size=X.shape)
    return X, concentration, analyte >= FOOTPRINT
