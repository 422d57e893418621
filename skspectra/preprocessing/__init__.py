"""Spectral preprocessing as scikit-learn transformers (numpy and scipy only).

Every transformer works row-wise on spectra of shape ``(n_samples, n_features)``,
validates its input at ``fit`` and ``transform``, keeps float32 input as
float32, supports ``get_feature_names_out`` and ``set_output(transform="pandas")``.

- :class:`SavGol` — Savitzky-Golay smoothing and derivatives.
- :class:`SNV` — standard normal variate.
- :class:`MSC` — multiplicative scatter correction.
- :class:`Detrend` — polynomial detrending.
- :class:`AsLS` — asymmetric least squares baseline correction.
- :class:`Normalize` — l2, area, max or min-max normalisation of each spectrum.
- :class:`RangeCut` — keeps an x-axis window (wavenumber range).
- :class:`EPO` — removes the directions of within-class variation (needs ``y``).
- :class:`Resample` — linear interpolation onto a given x-axis grid; :func:`align_spectra`
  puts tables measured on different grids onto one.
- :class:`ToAbsorbance` — transmittance or reflectance to absorbance;
  :func:`convert_axis` converts x-axis values between nm, um and cm^-1.

Examples
--------
>>> import numpy as np
>>> from sklearn.pipeline import make_pipeline
>>> from skspectra.preprocessing import SavGol, SNV
>>> X = np.random.default_rng(0).normal(size=(5, 50)).cumsum(axis=1)
>>> make_pipeline(SavGol(15, 2, deriv=1), SNV()).fit_transform(X).shape
(5, 50)
"""

from ._absorbance import ToAbsorbance
from ._asls import AsLS
from ._axis import convert_axis
from ._detrend import Detrend
from ._epo import EPO
from ._msc import MSC
from ._normalize import Normalize
from ._rangecut import RangeCut
from ._resample import Resample, align_spectra
from ._savgol import SavGol
from ._snv import SNV

__all__ = [
    "EPO",
    "MSC",
    "SNV",
    "AsLS",
    "Detrend",
    "Normalize",
    "RangeCut",
    "Resample",
    "SavGol",
    "ToAbsorbance",
    "align_spectra",
    "convert_axis",
]
