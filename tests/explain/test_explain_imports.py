"""skspectra.explain and skspectra.plotting import neither torch nor matplotlib."""

import subprocess
import sys


def test_imports_are_light():
    code = (
        "import sys, skspectra.explain, skspectra.plotting, skspectra.explain._deep_methods; "
        "heavy = [m for m in ('torch', 'matplotlib', 'skspectra.models') if m in sys.modules]; "
        "assert not heavy, heavy"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
