"""Short lines the command line prints in place of one line per item."""

from __future__ import annotations


def duplicates_summary(count: int) -> str:
    """One line for an import's possible duplicates, and where to see them."""
    noun = "possible duplicate" if count == 1 else "possible duplicates"
    return f"{count:,} {noun}: `netcrm-cli duplicates` lists them"
