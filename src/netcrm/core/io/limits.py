"""Size caps for imported files: hostile or broken input must fail fast instead of eating memory."""

from __future__ import annotations

#: Largest input file read at all (a 100k-row LinkedIn export is about 14 MB).
MAX_FILE_BYTES = 200 * 1024 * 1024
#: Longest cell kept; a row holding a longer cell is skipped with a RowIssue (Excel itself stops at 32,767).
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
