"""The one exception type of the command line."""


class CLIError(Exception):
    """A problem with the user's input: reported as one line, exit code 2."""
