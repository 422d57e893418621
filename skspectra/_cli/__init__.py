"""The sub-commands of the ``skspectra`` console script (private; see :mod:`skspectra.cli`)."""
