"""The contact list's columns, as the ui's one import point for them.

The columns are the store's today (`core/store/queries.py`); issue #13 moves them to `core/model.py`. Every
ui module imports them from here, so that move changes one line, and the ui's direct imports of
`netcrm.core.store` shrink to none outside the first-paint path of `app.py`.
"""

from __future__ import annotations

from netcrm.core.store.queries import LIST_COLUMNS

__all__ = ["LIST_COLUMNS"]
