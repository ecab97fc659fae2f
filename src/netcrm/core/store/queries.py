"""Plain SQL shared by the SQLAlchemy and the stdlib read paths (no imports: it loads in no time)."""

_OPEN_NETWORKER = "(c.tag_names = 'Open networker' OR c.tag_names LIKE 'Open networker; %')"
_NEXT_DUE_JOINED = """LEFT JOIN (SELECT contact_id, MIN(due) AS next_due FROM follow_up
           WHERE status != 'done' GROUP BY contact_id) AS fu ON fu.contact_id = c.id
"""
_NEXT_DUE_PER_ROW = "(SELECT MIN(due) FROM follow_up WHERE contact_id = c.id AND status != 'done')"
_ALL_LIVE = "WHERE c.deleted_at IS NULL\nORDER BY c.id\n"


def _list_select(connected_on: str, open_networker: str, next_due: str) -> str:
    """The list's columns (LIST_COLUMNS) from `contact AS c`, with the three that differ by dialect or use."""
    return f"""
SELECT c.id, c.display_name, c.company, c.position, c.primary_email, c.location,
       {connected_on} AS connected_on, c.tag_names, {open_networker} AS open_networker,
       {next_due} AS next_due, c.search_key
FROM contact AS c
"""


def _text_day(expression: str) -> str:
    """A PostgreSQL date as SQLite returns it: 'YYYY-MM-DD' text."""
    return f"to_char({expression}, 'YYYY-MM-DD')"


# One query for the contact list: plain columns plus the one aggregate a list shows. It runs on every
# start-up at 100,000 rows, so it stays lean: open networker comes from the derived tag_names (the built-in
# tag always comes first there), and only the small follow-up table is aggregated, once for all rows.
LIST_ROWS_SQL = _list_select("c.connected_on", _OPEN_NETWORKER, "fu.next_due") + _NEXT_DUE_JOINED + _ALL_LIVE


# A few rows of the list: the next follow-up looked up per row (the whole list joins it in one pass).
_FEW_ROWS_SELECT = _list_select("c.connected_on", _OPEN_NETWORKER, _NEXT_DUE_PER_ROW)

# The first screenful of the list in name order (rules.sort_key, stored as sort_name and indexed), so the
# window paints before the other rows are read; `{direction}` is ASC or DESC, the limit a parameter.
FIRST_PAGE_SQL = (
    _FEW_ROWS_SELECT
    + """WHERE c.deleted_at IS NULL AND c.sort_name > ''
ORDER BY c.sort_name {direction}, c.id {direction}
LIMIT ?
"""
)

# One live contact's row, re-read after each edit (a millisecond, where the whole-list join takes five).
ONE_ROW_SQL = _FEW_ROWS_SELECT + "WHERE c.id = :id AND c.deleted_at IS NULL"

LIVE_COUNT_SQL = "SELECT COUNT(*) FROM contact WHERE deleted_at IS NULL"

# Live contacts with a name, in the order the list sorts names (the others sort last, by id).
NAME_ORDER_SQL = "SELECT id FROM contact WHERE deleted_at IS NULL AND sort_name > '' ORDER BY sort_name, id"

# PostgreSQL spellings of the list queries: the same columns with the same types (dates as 'YYYY-MM-DD'
# text and open networker as 0/1, as SQLite returns them), so the ui and --json never see the backend.
_PG_OPEN_NETWORKER = f"CAST({_OPEN_NETWORKER} AS INTEGER)"
PG_LIST_ROWS_SQL = (
    _list_select(_text_day("c.connected_on"), _PG_OPEN_NETWORKER, _text_day("fu.next_due"))
    + _NEXT_DUE_JOINED
    + _ALL_LIVE
)
PG_ONE_ROW_SQL = (
    _list_select(_text_day("c.connected_on"), _PG_OPEN_NETWORKER, _text_day(_NEXT_DUE_PER_ROW))
    + "WHERE c.id = :id AND c.deleted_at IS NULL"
)
