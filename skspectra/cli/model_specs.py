"""Model and preprocessing names of the command line, and ``--param`` parsing.

``--models pls-lda,pace`` and ``--preprocess savgol,snv`` name estimators (a deep model's
name gives its classifier or, for a numeric target, its regressor; ``pls`` is PLS
regression);
``--param [MODEL:]NAME=VALUE`` sets their parameters (values read as Python literals,
anything else as text). Nothing here imports torch: classes are resolved by name.
"""

from __future__ import annotations

import ast
import importlib
from dataclasses import dataclass
from typing import Any

from skspectra._registry import ARCHITECTURES, CLASSICAL_CLI_MODELS, CLASSICAL_CLI_REGRESSORS
from skspectra.cli.errors import CLIError

TASKS = ("classification", "regression")
# command-line name -> (module, class): PLS-LDA, then the registry's architectures
MODELS: dict[str, tuple[str, str]] = {
    **{name: ("skspectra.models", cls) for name, cls in CLASSICAL_CLI_MODELS.items()},
    **{a.name: ("skspectra.models", a.classifier) for a in ARCHITECTURES},
}
# the same for a numeric target: PLS regression, then the architectures' regressors
REGRESSION_MODELS: dict[str, tuple[str, str]] = {
    **{name: ("skspectra.models", cls) for name, cls in CLASSICAL_CLI_REGRESSORS.items()},
    **{a.name: ("skspectra.models", a.regressor) for a in ARCHITECTURES if a.regressor},
}
DEEP_MODELS = tuple(a.name for a in ARCHITECTURES)

PREPROCESSORS: dict[str, str] = {
    "savgol": "SavGol",
    "snv": "SNV",
    "msc": "MSC",
    "detrend": "Detrend",
    "asls": "AsLS",
    "normalize": "Normalize",
}

MODELS_HELP = ", ".join(
    ["pls-lda (PLSLDAClassifierCV: PLS-LDA with n_components chosen by 5-fold CV)",
     "pls (regression: PLSRegressorCV, n_components chosen by 5-fold CV)"]
    + [f"{a.name} ({a.classifier}" + (f" or {a.regressor})" if a.regressor else ")")
       for a in ARCHITECTURES]
)
TASK_HELP = (
    "classification or regression; auto (the default): regression for a bundled regression "
    "set, or a CSV target whose values are numbers that are not all whole; whole numbers "
    "are read as class labels"
)
PREPROCESS_HELP = (
    "savgol (SavGol(11, 2)), snv (SNV), msc (MSC), detrend (Detrend(1)), asls (AsLS), "
    "normalize (Normalize('l2')); applied in the order given, in a Pipeline before the model"
)
PARAM_HELP = (
    "set a parameter: NAME=VALUE for the model (e.g. patch_size=8, head=flatten, lr=3e-4), "
    "STEP__NAME=VALUE for a preprocessing step (e.g. savgol__window_length=21). VALUE is a "
    "Python literal (number, True, None, ...) or else text. Repeatable"
)


@dataclass(frozen=True)
class Param:
    """One ``--param``: ``model`` is None when it applies to every model that has it."""

    model: str | None
    name: str
    value: Any
    text: str


def parse_names(text: str, choices: dict[str, Any], what: str) -> list[str]:
    """Split a comma-separated list of names and check each against ``choices``."""
    names = [name.strip().lower() for name in text.split(",") if name.strip()]
    if not names:
        raise CLIError(f"no {what} given; choose from {', '.join(choices)}")
    for name in names:
        if name not in choices:
            raise CLIError(f"unknown {what} {name!r}; choose from {', '.join(choices)}")
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise CLIError(f"{what} {', '.join(duplicates)} given twice")
    return names


def parse_value(text: str) -> Any:
    """A Python literal (``8``, ``1e-3``, ``True``, ``None``, ``[1, 2]``), else the text."""
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return text


def parse_params(items: list[str] | None, *, option: str = "--param") -> list[Param]:
    """Parse ``[MODEL:]NAME=VALUE`` items; the model prefix must be a known model name."""
    params = []
    for item in items or []:
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or not key:
            raise CLIError(f"{option} {item!r}: expected NAME=VALUE")
        model, colon, name = key.rpartition(":")
        model = model.strip().lower() if colon else None
        name = name.strip()
        known = {**MODELS, **REGRESSION_MODELS}
        if model is not None and model not in known:
            raise CLIError(
                f"{option} {item!r}: unknown model {model!r}; choose from {', '.join(known)}"
            )
        if not name.isidentifier() and "__" not in name:
            raise CLIError(f"{option} {item!r}: {name!r} is not a parameter name")
        params.append(Param(model, name, parse_value(value.strip()), item))
    return params


def parse_options(items: list[str] | None, option: str) -> dict[str, Any]:
    """Parse ``NAME=VALUE`` items into keyword arguments (no model prefix)."""
    options = {}
    for param in parse_params(items, option=option):
        if param.model is not None or not param.name.isidentifier():
            raise CLIError(f"{option} {param.text!r}: expected NAME=VALUE")
        options[param.name] = param.value
    return options


def models_for(task: str) -> dict[str, tuple[str, str]]:
    """The command-line model table of a task: ``"classification"`` or ``"regression"``."""
    return REGRESSION_MODELS if task == "regression" else MODELS


def parse_models(text: str, task: str) -> list[str]:
    """``--models`` for ``task``; a model of the other task gets a hint."""
    table = models_for(task)
    other = MODELS if task == "regression" else REGRESSION_MODELS
    kind, target = ("classifier", "numeric (regression)") if task == "regression" else \
        ("regressor", "class labels (classification)")
    for name in (n.strip().lower() for n in text.split(",")):
        if name in other and name not in table:
            raise CLIError(f"{name!r} is a {kind}, but the target is {target}; choose from "
                           f"{', '.join(table)}")
    return parse_names(text, table, "model")


def model_class(name: str, task: str = "classification") -> type:
    """The estimator class of a command-line model name, for ``task``."""
    module, cls = models_for(task)[name]
    return getattr(importlib.import_module(module), cls)


def build_estimator(
    name: str,
    *,
    preprocess: list[str],
    params: list[Param],
    max_epochs: int | None = None,
    seed: int | None = None,
    device: str | None = None,
    task: str = "classification",
) -> Any:
    """The estimator (a Pipeline when ``preprocess`` is not empty) for one model name.

    ``max_epochs`` and ``device`` apply to the deep models, ``seed`` to every estimator
    with a ``random_state``; then ``params`` (those for this model or for all) override.
    Raises a CLIError for a parameter this model (or pipeline) does not have, unless it
    is an unprefixed one that another model may use (see :func:`check_params_used`).
    """
    model = model_class(name, task)()
    own = model.get_params(deep=False)
    settings: dict[str, Any] = {}
    if max_epochs is not None and "max_epochs" in own:
        settings["max_epochs"] = max_epochs
    if device is not None and "device" in own:
        settings["device"] = device
    if seed is not None and "random_state" in own:
        settings["random_state"] = seed
    step_params = {}
    for param in params:
        if param.model not in (None, name):
            continue
        if "__" in param.name:
            step_params[param.name] = param
        elif param.name in own:
            settings[param.name] = param.value
        elif param.model is not None:
            raise CLIError(
                f"--param {param.text!r}: {type(model).__name__} has no parameter "
                f"{param.name!r}; its parameters: {', '.join(sorted(own))}"
            )
    model.set_params(**settings)
    if not preprocess:
        if step_params:
            first = next(iter(step_params.values()))
            raise CLIError(f"--param {first.text!r}: no --preprocess step to set it on")
        return model
    from sklearn.pipeline import Pipeline

    import skspectra.preprocessing as preprocessing

    steps = [(step, getattr(preprocessing, PREPROCESSORS[step])()) for step in preprocess]
    pipeline = Pipeline([*steps, ("model", model)])
    valid = pipeline.get_params(deep=True)
    for key, param in step_params.items():
        if key not in valid or key.startswith("model__"):
            choices = sorted(k for k in valid if "__" in k and not k.startswith("model__"))
            raise CLIError(
                f"--param {param.text!r}: no preprocessing parameter {key!r}; "
                f"valid: {', '.join(choices)}"
            )
        pipeline.set_params(**{key: param.value})
    return pipeline


def check_params_used(params: list[Param], models: list[str], preprocess: list[str],
                      task: str = "classification") -> None:
    """Fail for a parameter that no chosen model (nor preprocessing step) has."""
    for param in params:
        if param.model is not None:
            if param.model not in models:
                raise CLIError(
                    f"--param {param.text!r}: model {param.model!r} is not among the chosen "
                    f"models ({', '.join(models)})"
                )
            continue
        if "__" in param.name:
            continue  # checked against the pipeline by build_estimator
        owners = [m for m in models
                  if param.name in model_class(m, task)().get_params(deep=False)]
        if not owners:
            known = sorted({p for m in models
                            for p in model_class(m, task)().get_params(deep=False)})
            raise CLIError(
                f"--param {param.text!r}: none of the models ({', '.join(models)}) has a "
                f"parameter {param.name!r}; their parameters: {', '.join(known)}"
            )
