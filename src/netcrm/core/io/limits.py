"""Size caps for imported files: hostile or broken input must fail fast instead of eating memory."""

from __future__ import annotations

import unicodedata

#: Largest input file read at all (a 100k-row LinkedIn export is about 14 MB).
MAX_FILE_BYTES = 200 * 1024 * 1024
#: Longest value kept, one limit for import, add, edit and export (so netcrm's own exports import again): a
#: longer cell is cut to it with a warning, and its row kept (Excel itself stops at 32,767).
MAX_CELL_CHARS = 100_000
#: Widest table read; wider headers are refused (no contact export comes near it).
MAX_COLUMNS = 1_000
#: How many leading records are searched for the header row.
HEADER_SEARCH_ROWS = 50

#: Sum of the declared uncompressed sizes of the zip members netcrm inflates.
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
#: Highest uncompressed/compressed ratio accepted for a member (Apache POI's default is 100).
MAX_COMPRESSION_RATIO = 100
#: Members smaller than this are exempt from the ratio check (tiny XML compresses very well).
RATIO_GRACE_BYTES = 1024 * 1024
#: Most members a zip may list.
MAX_ZIP_MEMBERS = 10_000
#: Most cells a worksheet may span (rows x columns); the reader allocates the whole rectangle.
MAX_SHEET_CELLS = 10_000_000


def extends(char: str) -> bool:
    """Whether a character belongs to the one before it (combining mark, joiner, variation selector,
    emoji modifier or tag): a cut must not fall before it."""
    code = ord(char)
    return (
        unicodedata.combining(char) != 0
        or code in (0x200C, 0x200D)
        or 0xFE00 <= code <= 0xFE0F
        or 0x1F3FB <= code <= 0x1F3FF
        or 0xE0020 <= code <= 0xE007F
        or unicodedata.category(char) == "Mn"
    )


def cut(text: str, limit: int = MAX_CELL_CHARS) -> str:
    """`text` cut to at most `limit` characters on a character boundary: a letter keeps its accents, an
    emoji its joiners and modifiers (the whole cluster goes rather than half of it)."""
    if len(text) <= limit:
        return text
    end = limit
    while end > 0 and (extends(text[end]) or text[end - 1] == "\u200d"):
        end -= 1
    return text[:end] if end else text[:limit]


def cut_message(length: int, unit: str = "characters") -> str:
    """The warning for a cut cell: its original length and what was kept."""
    return f"cell of {length:,} {unit} cut to the first {MAX_CELL_CHARS:,} characters; the row is kept"
