"""The header a benchmark prints first: machine, device, date and command line."""

from __future__ import annotations

import datetime
import os
import platform
import shlex
import sys


def cpu_name() -> str:
    """The CPU model from ``/proc/cpuinfo`` (Linux), else what ``platform`` knows."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def describe_device(device: str) -> str:
    """``device`` (already resolved: "cpu", "cuda", "cuda:1") with its GPU's name."""
    if not device.startswith("cuda"):
        return f"{device} (no GPU used)"
    import torch

    index = torch.device(device).index or 0
    return f"{device} ({torch.cuda.get_device_name(index)})"


def print_header(title: str, device: str) -> None:
    """Print the title, the command, the date, the machine and the versions, flushed."""
    import sklearn
    import torch

    command = " ".join(shlex.quote(arg) for arg in [os.path.basename(sys.executable), *sys.argv])
    print(f"# {title}\n")
    print(f"command: {command}")
    print(f"date: {datetime.datetime.now().astimezone().isoformat(timespec='seconds')}")
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPU cores ({cpu_name()}); "
          f"device: {describe_device(device)}")
    print(f"python {platform.python_version()}, torch {torch.__version__} "
          f"({torch.get_num_threads()} threads), scikit-learn {sklearn.__version__}\n", flush=True)
