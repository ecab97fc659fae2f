"""How netcrm-cli writes: data to stdout (text or JSON), notes to stderr, so pipes carry only data."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from typing import Any


def print_json(data: Any) -> None:
    """The JSON every `--json` prints: UTF-8 as it is, one space of indent, a final newline."""
    json.dump(data, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


def note(message: str) -> None:
    """A line for the person at the terminal, not for the pipe."""
    print(message, file=sys.stderr)


def iso(value: date | datetime | None) -> str | None:
    """A day or a moment as ISO text, None as None."""
    return value.isoformat() if value else None
