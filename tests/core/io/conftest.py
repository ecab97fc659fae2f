"""Shared helpers for the import-parser tests: fixture paths and a reader shortcut."""

from __future__ import annotations

from pathlib import Path

import pytest

from netcrm.core.io.readers import read_file
from netcrm.core.model import ParsedContact, ParseResult

DATA = Path(__file__).parents[2] / "data" / "import"
SHARED_SAMPLES = Path(__file__).parents[3] / ".." / "shared" / "samples"


def read(name: str, **options: object) -> ParseResult:
    """Parse the fixture `name` (relative to tests/data/import)."""
    return read_file(DATA / name, **options)  # type: ignore[arg-type]


def by_last(result: ParseResult) -> dict[str, ParsedContact]:
    """The parsed contacts keyed by last name."""
    return {contact.last_name: contact for contact in result.rows}


@pytest.fixture
def data_dir() -> Path:
    return DATA
