"""The ``skspectra`` console script."""

import subprocess
import sys

from skspectra.cli import main
from skspectra.datasets import list_datasets


def test_datasets_lists_every_bundled_set(capsys):
    assert main(["datasets"]) == 0
    out = capsys.readouterr().out
    for info in list_datasets():
        assert info["name"] in out
    assert "meat" in out


def test_datasets_describes_one_set(capsys):
    assert main(["datasets", "meat"]) == 0
    out = capsys.readouterr().out
    assert "Dau" in out  # the UCR archive citation


def test_unknown_dataset_is_one_line_and_exit_code_2(capsys):
    assert main(["datasets", "no-such-set"]) == 2
    err = capsys.readouterr().err
    assert "unknown dataset 'no-such-set'" in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_no_command_prints_help(capsys):
    assert main([]) == 0
    assert "datasets" in capsys.readouterr().out


def test_console_script_entry_point_runs():
    result = subprocess.run(
        [sys.executable, "-m", "skspectra.cli", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout.startswith("skspectra ")
