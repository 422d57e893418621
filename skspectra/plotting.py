"""Figures for spectra and their explanations (matplotlib is an optional dependency).

``plot_attribution`` colours one spectrum by its attribution, ``plot_class_attribution``
shows each class's mean spectrum with its mean attribution, and ``plot_feature_maps``
shows what each conv layer of a deep model computes, and ``plot_predicted_vs_measured``
draws a regressor's predictions against the measured values; ``plot_class_map`` draws the
class map of a hyperspectral image. matplotlib is imported only when a function is called.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import numpy as np
>>> from skspectra.plotting import plot_attribution
>>> x = np.linspace(0, 1, 50)
>>> ax = plot_attribution(np.sin(6 * x), np.cos(6 * x), x_axis=1000 + 1000 * x)
>>> ax.get_xlabel()
'Wavenumber (cm$^{-1}$)'
"""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = [
    "plot_attribution",
    "plot_class_attribution",
    "plot_class_map",
    "plot_feature_maps",
    "plot_predicted_vs_measured",
]

WAVENUMBER_LABEL = "Wavenumber (cm$^{-1}$)"


def _pyplot() -> Any:
    try:
        import matplotlib.pyplot as plt
    except ImportError:  # pragma: no cover - depends on the environment
        raise ImportError(
            "skspectra.plotting needs matplotlib: pip install 'skspectra[plot]' (or "
            "pip install matplotlib)."
        ) from None
    return plt


def _x_axis(x_axis: Any, n_features: int) -> np.ndarray:
    if x_axis is None:
        return np.arange(n_features, dtype=float)
    x_axis = np.asarray(x_axis, dtype=float)
    if x_axis.shape != (n_features,):
        raise ValueError(f"x_axis must have shape ({n_features},); got {x_axis.shape}.")
    return x_axis


def _xlabel(x_axis: Any, xlabel: str | None) -> str:
    if xlabel is not None:
        return xlabel
    return "Point" if x_axis is None else WAVENUMBER_LABEL


def plot_attribution(
    spectrum: Any,
    attribution: Any,
    x_axis: Any = None,
    *,
    ax: Any = None,
    cmap: str = "coolwarm",
    symmetric: bool = True,
    xlabel: str | None = None,
    ylabel: str = "Intensity",
    colorbar: bool = True,
) -> Any:
    """Draw a spectrum as a line coloured by its attribution.

    Parameters
    ----------
    spectrum : array-like of shape (n_features,)
        The spectrum.
    attribution : array-like of shape (n_features,)
        One relevance value per point (e.g. a row of ``model.explain(X)``).
    x_axis : array-like of shape (n_features,), default=None
        Wavenumbers (or wavelengths); ``None``: point indices.
    ax : matplotlib Axes, default=None
        Where to draw; ``None``: a new figure.
    cmap : str, default="coolwarm"
        Colour map.
    symmetric : bool, default=True
        Centre the colour scale on 0 (for signed attributions).
    xlabel : str, default=None
        x-axis label; ``None``: "Wavenumber (cm$^{-1}$)" with ``x_axis``, else "Point".
    ylabel : str, default="Intensity"
        y-axis label.
    colorbar : bool, default=True
        Add a colour bar labelled "Attribution".

    Returns
    -------
    matplotlib Axes
    """
    plt = _pyplot()
    from matplotlib.collections import LineCollection
    from matplotlib.colors import Normalize

    spectrum = np.asarray(spectrum, dtype=float).ravel()
    attribution = np.asarray(attribution, dtype=float).ravel()
    if spectrum.shape != attribution.shape:
        raise ValueError(
            f"spectrum and attribution must have the same length; got {spectrum.size} and "
            f"{attribution.size}."
        )
    x = _x_axis(x_axis, spectrum.size)
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 3))
    points = np.column_stack([x, spectrum])
    segments = np.stack([points[:-1], points[1:]], axis=1)
    values = (attribution[:-1] + attribution[1:]) / 2
    limit = np.abs(attribution).max() or 1.0
    norm = Normalize(-limit, limit) if symmetric else Normalize(attribution.min(),
                                                                attribution.max())
    lines = LineCollection(segments, cmap=cmap, norm=norm, linewidth=2)
    lines.set_array(values)
    ax.add_collection(lines)
    ax.set_xlim(x.min(), x.max())
    pad = 0.05 * (np.ptp(spectrum) or 1.0)
    ax.set_ylim(spectrum.min() - pad, spectrum.max() + pad)
    if x_axis is not None and x[0] > x[-1]:
        ax.invert_xaxis()
    ax.set_xlabel(_xlabel(x_axis, xlabel))
    ax.set_ylabel(ylabel)
    if colorbar:
        ax.figure.colorbar(lines, ax=ax, label="Attribution")
    return ax


def plot_class_attribution(
    X: Any,
    attributions: Any,
    y: Any,
    x_axis: Any = None,
    *,
    classes: Any = None,
    xlabel: str | None = None,
    figsize: tuple[float, float] | None = None,
    group_label: str = "class",
) -> Any:
    """Per class: the mean spectrum and, on a second y-axis, the mean attribution.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        Spectra.
    attributions : array-like of shape (n_samples, n_features)
        Their explanations.
    y : array-like of shape (n_samples,)
        Class of each spectrum (true or predicted).
    x_axis : array-like of shape (n_features,), default=None
        Wavenumbers; ``None``: point indices. A descending axis is drawn descending,
        as spectroscopists plot infrared spectra.
    classes : array-like, default=None
        Classes to show, in order; ``None``: all, sorted.
    xlabel : str, default=None
        x-axis label; ``None``: "Wavenumber (cm$^{-1}$)" with ``x_axis``, else "Point".
    figsize : (float, float), default=None
        Figure size; ``None``: 8 wide, 2.5 per class.
    group_label : str, default="class"
        Word before each group's name in the panel titles ("class A (n=12)"); ``""``
        gives the name alone (e.g. a regressor's explanations grouped as one set).

    Returns
    -------
    matplotlib Figure
        One panel per class; ``fig.axes`` holds the spectrum axes then the
        attribution (twin) axes.
    """
    plt = _pyplot()
    X = np.asarray(X, dtype=float)
    attributions = np.asarray(attributions, dtype=float)
    y = np.asarray(y)
    if X.ndim != 2 or attributions.shape != X.shape or y.shape != (X.shape[0],):
        raise ValueError(
            "X and attributions must be (n_samples, n_features) arrays of the same shape "
            f"and y of shape (n_samples,); got {X.shape}, {attributions.shape}, {y.shape}."
        )
    classes = np.unique(y) if classes is None else np.asarray(classes)
    missing = [c for c in classes.tolist() if not np.any(y == c)]
    if missing:
        raise ValueError(f"classes {missing} have no samples in y.")
    x = _x_axis(x_axis, X.shape[1])
    fig, axes = plt.subplots(len(classes), 1, sharex=True, squeeze=False,
                             figsize=figsize or (8, 2.5 * len(classes)))
    twins = []
    for ax, label in zip(axes[:, 0], classes, strict=True):
        rows = y == label
        ax.plot(x, X[rows].mean(axis=0), color="black", linewidth=1, label="mean spectrum")
        ax.set_ylabel("Intensity")
        ax.set_title(f"{group_label + ' ' if group_label else ''}{label} (n={int(rows.sum())})")
        twin = ax.twinx()
        mean_attr = attributions[rows].mean(axis=0)
        twin.fill_between(x, 0, mean_attr, where=mean_attr >= 0, color="tab:red", alpha=0.4,
                          label="mean attribution > 0")
        twin.fill_between(x, 0, mean_attr, where=mean_attr < 0, color="tab:blue", alpha=0.4,
                          label="mean attribution < 0")
        twin.set_ylabel("Attribution")
        twins.append(twin)
    axes[-1, 0].set_xlabel(_xlabel(x_axis, xlabel))
    if x_axis is not None and x[0] > x[-1]:
        axes[0, 0].invert_xaxis()
    fig.tight_layout()
    return fig


def plot_feature_maps(
    maps: dict[str, Any],
    sample: int = 0,
    *,
    spectrum: Any = None,
    x_axis: Any = None,
    max_channels: int = 16,
    xlabel: str | None = None,
    cmap: str = "viridis",
) -> Any:
    """One panel per conv layer: the channels' activations of one spectrum as an image.

    Parameters
    ----------
    maps : dict of str to ndarray of shape (n_samples, n_channels, n_positions)
        Output of :func:`skspectra.explain.feature_maps`.
    sample : int, default=0
        Which spectrum to show.
    spectrum : array-like of shape (n_features,), default=None
        The input spectrum, drawn in a first panel for reference.
    x_axis : array-like of shape (n_features,), default=None
        Wavenumbers of the input (requires ``spectrum``); layer positions are
        stretched over the same range.
    max_channels : int, default=16
        Show at most this many channels per layer (the first ones).
    xlabel : str, default=None
        x-axis label.
    cmap : str, default="viridis"
        Colour map of the activations.

    Returns
    -------
    matplotlib Figure
    """
    plt = _pyplot()
    if not isinstance(maps, dict) or not maps:
        raise ValueError("maps must be a non-empty dict from feature_maps(estimator, X).")
    arrays = {name: np.asarray(m, dtype=float) for name, m in maps.items()}
    for name, m in arrays.items():
        if m.ndim != 3:
            raise ValueError(f"feature map {name!r} must be 3-D; got shape {m.shape}.")
        if not 0 <= sample < m.shape[0]:
            raise ValueError(f"sample must be in [0, {m.shape[0]}); got {sample}.")
    n_panels = len(arrays) + (spectrum is not None)
    fig, axes = plt.subplots(n_panels, 1, sharex=True, squeeze=False,
                             figsize=(8, 1.8 * n_panels + 0.5))
    axes = list(axes[:, 0])
    if spectrum is not None:
        spectrum = np.asarray(spectrum, dtype=float).ravel()
        x = _x_axis(x_axis, spectrum.size)
    else:
        if x_axis is not None:
            raise ValueError("x_axis needs spectrum (it gives the input's coordinates).")
        x = np.arange(next(iter(arrays.values())).shape[-1], dtype=float)
    extent_x = (x[0], x[-1])
    if spectrum is not None:
        ax = axes.pop(0)
        ax.plot(x, spectrum, color="black", linewidth=1)
        ax.set_ylabel("Input")
    for ax, (name, m) in zip(axes, arrays.items(), strict=True):
        channels = m[sample, :max_channels]
        image = ax.imshow(channels, aspect="auto", cmap=cmap, interpolation="nearest",
                          extent=(*extent_x, channels.shape[0] - 0.5, -0.5))
        ax.set_ylabel(f"{name}\nchannel")
        fig.colorbar(image, ax=ax, pad=0.01)
    fig.axes[n_panels - 1].set_xlabel(_xlabel(x_axis, xlabel))
    if x[0] > x[-1] and spectrum is not None:
        fig.axes[0].set_xlim(x[0], x[-1])
    fig.tight_layout()
    return fig


def plot_predicted_vs_measured(
    y_true: Any,
    y_pred: Any,
    *,
    units: str | None = None,
    figsize: tuple[float, float] | None = None,
) -> Any:
    """Predicted against measured values, one panel per model, with RMSEP and R^2.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        Measured values (e.g. reference analyses).
    y_pred : array-like of shape (n_samples,), or dict of str to such arrays
        Predictions of one model, or of several models by name (one panel each), all
        for the same ``y_true``.
    units : str, default=None
        Units of the target, shown in the axis labels (e.g. ``"fat %"``).
    figsize : (float, float), default=None
        Figure size; ``None``: 3.6 wide per panel, 3.6 high.

    Returns
    -------
    matplotlib Figure
        ``fig.axes`` holds one axis per model, with the identity line; each title gives
        the model's RMSEP (root mean squared error of prediction) and R^2.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import numpy as np
    >>> from skspectra.plotting import plot_predicted_vs_measured
    >>> y = np.array([1.0, 2.0, 3.0, 4.0])
    >>> fig = plot_predicted_vs_measured(y, {"pls": y + 0.1, "pace": y - 0.2})
    >>> [ax.get_title() for ax in fig.axes]
    ['pls: RMSEP 0.1, R$^2$ 0.992', 'pace: RMSEP 0.2, R$^2$ 0.968']
    """
    plt = _pyplot()
    y_true = np.asarray(y_true, dtype=float).ravel()
    predictions = dict(y_pred) if isinstance(y_pred, dict) else {"": y_pred}
    if not predictions:
        raise ValueError("y_pred holds no model.")
    for name, values in predictions.items():
        values = np.asarray(values, dtype=float).ravel()
        if values.shape != y_true.shape:
            raise ValueError(f"y_pred{f'[{name!r}]' if name else ''} has {values.size} values "
                             f"for {y_true.size} measured ones.")
        predictions[name] = values
    n = len(predictions)
    fig, axes = plt.subplots(1, n, figsize=figsize or (3.6 * n, 3.6), squeeze=False)
    everything = np.concatenate([y_true, *predictions.values()])
    low, high = float(everything.min()), float(everything.max())
    margin = 0.05 * (high - low or 1.0)
    limits = (low - margin, high + margin)
    suffix = f" ({units})" if units else ""
    for ax, (name, values) in zip(axes[0], predictions.items(), strict=True):
        rmsep = float(np.sqrt(np.mean((values - y_true) ** 2)))
        total = float(np.sum((y_true - y_true.mean()) ** 2))
        r2 = 1.0 - float(np.sum((values - y_true) ** 2)) / total if total > 0 else float("nan")
        ax.plot(limits, limits, color="tab:gray", lw=1, zorder=1)
        ax.scatter(y_true, values, s=12, alpha=0.7, zorder=2)
        ax.set(xlim=limits, ylim=limits, aspect="equal", xlabel=f"measured{suffix}",
               ylabel=f"predicted{suffix}")
        ax.set_title(f"{name + ': ' if name else ''}RMSEP {rmsep:.3g}, R$^2$ {r2:.3f}",
                     fontsize=10)
        ax.grid(alpha=0.3)
    fig.tight_layout()
    return fig


def plot_class_map(
    prediction: Any,
    *,
    classes: Any = None,
    ax: Any = None,
    title: str | None = None,
    cmap: str = "tab10",
) -> Any:
    """A hyperspectral image's class map: one colour per class, with a legend.

    Parameters
    ----------
    prediction : array-like of shape (rows, cols), or a SpectralMap
        The class of each pixel (``SpectralMap.prediction`` of
        :func:`skspectra.maps.predict_map`); a :class:`~skspectra.maps.SpectralMap` is
        accepted as it is.
    classes : array-like, default=None
        The classes, in legend order; ``None``: the map's ``classes`` when a SpectralMap is
        given, else the sorted labels present.
    ax : matplotlib Axes, default=None
        Where to draw; ``None``: a new figure.
    title : str, default=None
        Axes title.
    cmap : str, default="tab10"
        A qualitative matplotlib colormap.

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import numpy as np
    >>> from skspectra.plotting import plot_class_map
    >>> ax = plot_class_map(np.array([["a", "b"], ["b", "b"]]))
    >>> [text.get_text() for text in ax.get_legend().get_texts()]
    ['a', 'b']
    """
    plt = _pyplot()
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    if hasattr(prediction, "prediction") and hasattr(prediction, "classes"):
        classes = prediction.classes if classes is None else classes
        prediction = prediction.prediction
    labels = np.asarray(prediction)
    if labels.ndim != 2:
        raise ValueError(f"prediction must be a (rows, cols) map; got shape {labels.shape}.")
    classes = np.unique(labels) if classes is None else np.asarray(classes)
    index = {label: i for i, label in enumerate(classes.tolist())}
    missing = sorted({str(v) for v in np.unique(labels).tolist() if v not in index})
    if missing:
        raise ValueError(f"the map holds labels that are not in classes: {missing[:5]}.")
    codes = np.vectorize(index.__getitem__, otypes=[int])(labels)
    colours = plt.get_cmap(cmap)(np.arange(len(classes)) % plt.get_cmap(cmap).N)
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 6 * labels.shape[0] / max(labels.shape[1], 1) + 0.5))
    ax.imshow(codes, cmap=ListedColormap(colours), vmin=-0.5, vmax=len(classes) - 0.5,
              interpolation="nearest")
    ax.legend(handles=[Patch(color=colours[i], label=str(c)) for i, c in enumerate(classes)],
              loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    ax.set_xlabel("column")
    ax.set_ylabel("row")
    if title is not None:
        ax.set_title(title)
    return ax
