"""A guard against a PySide6 6.12.0 reference-count bug that kills CPython 3.11 processes.

On CPython 3.11 every call of a PySide6 6.12.0 method that returns nothing takes one reference from
`None` that it never gave (`sys.getrefcount(None)` drops by one per call; `QLineEdit.setText` in a loop
shows it). `None` starts with a few thousand references, so after a few thousand such calls CPython
aborts with "Fatal Python error: none_dealloc". From CPython 3.12 `None` is immortal and nothing happens.
Until PySide6 is fixed, the guard gives `None` a reserve of references that no program can use up; it
never frees them, so `None` can never be deallocated (which it never is in a healthy process anyway).
"""

from __future__ import annotations

import ctypes
import sys

RESERVE = 1 << 40
_applied = False


def guard_none() -> None:
    """Give `None` its reserve of references, once, on CPython before 3.12 (a no-op elsewhere)."""
    global _applied
    if _applied or sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return
    refcount = ctypes.c_ssize_t.from_address(id(None))
    refcount.value += RESERVE
    _applied = True
