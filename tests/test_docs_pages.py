"""The code of the guide pages that promise to run (adding_a_network, deployment, ...) runs."""

import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[1] / "docs"
# page -> what its printed output must contain
PAGES = {"adding_a_network.md": ["test accuracy:", "R^2"],
         "deployment.md": ["(120, 276)", "test accuracy:", "(4, 5) (4, 5, 2)",
                           "map accuracy:", "largest difference"],
         "instrument_files.md": ["(3, 880)", "differs from", "(4, 825) 550.0 3846.0",
                                 "transmittance (1, 3951)", "(11, 8, 575) 957 to 53 cm^-1",
                                 "(88, 575) Si-map.wdf#0"]}


@pytest.mark.parametrize("page", PAGES)
def test_the_python_blocks_of_a_page_run_in_order(page, capsys):
    blocks = re.findall(r"```python\n(.*?)```", (DOCS / page).read_text(), re.S)
    assert blocks, f"{page} has no python block"
    namespace = {"__name__": "__docs__"}
    for block in blocks:
        exec(compile(block, f"{page}", "exec"), namespace)
    out = capsys.readouterr().out
    for expected in PAGES[page]:
        assert expected in out, (expected, out)
