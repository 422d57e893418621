"""``python -m skspectra.cli``: the ``skspectra`` command."""

import sys

from skspectra.cli.main import main

sys.exit(main())
