"""The contact list's columns, as the ui's one import point for them.

They are the core's model (`core/model.py`, beside the records), not the store's: every ui module imports them
from here.
"""

from __future__ import annotations

from netcrm.core.model import LIST_COLUMNS

__all__ = ["LIST_COLUMNS"]
