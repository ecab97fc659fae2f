"""Crash points for fault tests: NETCRM_CRASHPOINT=name makes netcrm die there, like a kill -9."""

from __future__ import annotations

import os


def crashpoint(name: str) -> None:
    """Exit at once, skipping every cleanup, when the test environment names this point."""
    if os.environ.get("NETCRM_CRASHPOINT") == name:
        os._exit(137)
