"""Every public estimator's docstring documents exactly its signature, with its defaults."""

import ast
import inspect
import re

import pytest

import skspectra

ESTIMATORS = [name for name in skspectra.__all__ if name[0].isupper()]


def _parameters_section(doc: str) -> str:
    match = re.search(r"\n\s*Parameters\n\s*-+\n(.*?)(?:\n\s*\n\s*[A-Z][a-z ]+\n\s*-+\n|\Z)",
                      doc, re.S)
    assert match, "no Parameters section"
    return match.group(1)


@pytest.mark.parametrize("name", ESTIMATORS)
def test_docstring_documents_the_signature_and_its_defaults(name):
    cls = getattr(skspectra, name)
    section = _parameters_section(cls.__doc__)
    documented = dict(re.findall(r"^ {4}(?:\*\*)?(\w+) : ([^\n]*)$", section, re.M))
    parameters = inspect.signature(cls.__init__).parameters
    signature = {k: v.default for k, v in parameters.items() if k != "self"}
    assert list(documented) == list(signature)
    for parameter, default in signature.items():
        if parameters[parameter].kind is inspect.Parameter.VAR_KEYWORD:
            continue  # **kwargs: no default to write
        if default is inspect.Parameter.empty:
            assert "default=" not in documented[parameter], parameter
            continue  # required (e.g. Resample's grid): no default to write
        written = re.search(r"default=(.+)$", documented[parameter])
        assert written, f"{parameter}: no default written"
        try:
            value = ast.literal_eval(written.group(1).strip())
        except (ValueError, SyntaxError):
            value = written.group(1).strip()
        assert value == default or value == str(default), (parameter, value, default)
