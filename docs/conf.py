"""Sphinx configuration of the skspectra documentation.

Build (warnings are errors, as in CI)::

    python -m sphinx -W --keep-going -b html docs docs/_build/html

The pages are Markdown (MyST), the API reference is generated from the numpydoc
docstrings (autodoc + autosummary) and the examples under ``docs/examples`` are run by
sphinx-gallery, which embeds the figures they draw.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import skspectra

sys.path.insert(0, str(Path(__file__).parent))
from _api_lists import PREFIX, write_api_lists

DOCS = Path(__file__).parent

# The examples train small torch models: one thread each keeps the build predictable on
# shared CI machines (set before torch is imported by the examples or by autodoc).
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

project = "skspectra"
author = "The skspectra developers"
copyright = "the skspectra developers"
release = skspectra.__version__
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.mathjax",
    "numpydoc",
    "sphinx_gallery.gen_gallery",
]

source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
root_doc = "index"
templates_path = ["_templates"]
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store", "examples/GALLERY_HEADER.rst",
                    f"{PREFIX}*.rst"]

# -- MyST ---------------------------------------------------------------------------------
myst_enable_extensions = ["colon_fence", "dollarmath"]
myst_heading_anchors = 3

# -- API reference ------------------------------------------------------------------------
# The lists of models and networks are the modules' exports (derived from the registry),
# written here and included by api.md; autosummary scans them and the pages.
autosummary_generate = [*write_api_lists(DOCS), *(p.name for p in sorted(DOCS.glob("*.md")))]
autosummary_imported_members = False
autodoc_default_options = {"members": True}
autodoc_typehints = "none"  # numpydoc's Parameters sections already give the types
autodoc_member_order = "groupwise"

# Class pages list their methods through autodoc (see _templates/autosummary/class.rst);
# numpydoc's own member tables would repeat them.
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
numpydoc_xref_param_type = False

# -- Examples gallery ---------------------------------------------------------------------
sphinx_gallery_conf = {
    "examples_dirs": "examples",
    "gallery_dirs": "auto_examples",
    # every example runs (the test suite runs them too: tests/test_docs_examples.py)
    "filename_pattern": r"\.py$",
    "ignore_pattern": r"__init__\.py",
    "download_all_examples": False,
    "remove_config_comments": True,
    "within_subsection_order": "FileNameSortKey",
    "abort_on_example_error": True,
    "show_memory": False,
    "image_scrapers": ("matplotlib",),
    "matplotlib_animations": False,
    "min_reported_time": 5,
}

# -- HTML ---------------------------------------------------------------------------------
html_theme = "pydata_sphinx_theme"
html_title = f"skspectra {release}"
html_theme_options = {
    "navigation_with_keys": False,
    "show_toc_level": 2,
    "secondary_sidebar_items": ["page-toc"],
}
html_static_path: list[str] = []
html_show_sourcelink = False


def _skip_foreign_member(app, what, name, obj, skip, options):
    """Document the members skspectra defines, not those inherited from sklearn or torch.

    scikit-learn's and torch's own docstrings refer to labels of their documentation
    sites (they would be broken references here); their methods are documented there.
    """
    if what != "class":
        return None
    function = getattr(obj, "fget", None) or getattr(obj, "__func__", None) or obj
    module = getattr(function, "__module__", None) or ""
    if module and not module.startswith("skspectra"):
        return True
    return None


def setup(app):
    """Register the member filter above."""
    app.connect("autodoc-skip-member", _skip_foreign_member)
