"""A reader that closes the pipe early (`netcrm-cli contacts | head -1`) ends the command quietly."""

from __future__ import annotations

import os
import sys


def quiet_broken_pipe() -> int:
    """Point stdout at /dev/null so the interpreter's last flush cannot fail again; exit 0.

    The reader asked for no more: that is not an error (Python's documentation, "Note on SIGPIPE").
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # stdout already closed or not a real file
        pass
    return 0
