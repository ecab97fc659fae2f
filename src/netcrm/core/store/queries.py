"""Plain SQL shared by the SQLAlchemy and the stdlib read paths (no imports: it loads in no time)."""

# One query for the contact list: plain columns plus the one aggregate a list shows. It runs on every
# start-up at 100,000 rows, so it stays lean: open networker comes from the derived tag_names (the built-in
# tag always comes first there), and only the small follow-up table is aggregated.
LIST_ROWS_SQL = """
SELECT c.id, c.display_name, c.company, c.position, c.primary_email, c.location, c.connected_on, c.tag_names,
       (c.tag_names = 'Open networker' OR c.tag_names LIKE 'Open networker; %') AS open_networker,
       fu.next_due, c.search_key
FROM contact AS c
LEFT JOIN (SELECT contact_id, MIN(due) AS next_due FROM follow_up
           WHERE status != 'done' GROUP BY contact_id) AS fu ON fu.contact_id = c.id
WHERE c.deleted_at IS NULL
ORDER BY c.id
"""

#: The columns of LIST_ROWS_SQL, by name.
LIST_COLUMNS = (
    "id",
    "display_name",
    "company",
    "position",
    "primary_email",
    "location",
    "connected_on",
    "tag_names",
    "open_networker",
    "next_follow_up",
    "search_key",
)

# A few rows of the list: the next follow-up looked up per row (the whole list joins it in one pass).
_FEW_ROWS_SELECT = """
SELECT c.id, c.display_name, c.company, c.position, c.primary_email, c.location, c.connected_on, c.tag_names,
       (c.tag_names = 'Open networker' OR c.tag_names LIKE 'Open networker; %') AS open_networker,
       (SELECT MIN(due) FROM follow_up WHERE contact_id = c.id AND status != 'done') AS next_due, c.search_key
FROM contact AS c
"""

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

# PostgreSQL spellings of the list queries above (SQLite's text stays as it is: it is benchmarked). The
# columns are the same and so are their types: dates as 'YYYY-MM-DD' text and open networker as 0/1, as
# SQLite returns them, so the ui and --json never see which backend they run on.
_PG_OPEN_NETWORKER = (
    "CAST((c.tag_names = 'Open networker' OR c.tag_names LIKE 'Open networker; %') AS INTEGER)"
    " AS open_networker"
)

PG_LIST_ROWS_SQL = f"""
SELECT c.id, c.display_name, c.company, c.position, c.primary_email, c.location,
       to_char(c.connected_on, 'YYYY-MM-DD') AS connected_on, c.tag_names,
       {_PG_OPEN_NETWORKER},
       to_char(fu.next_due, 'YYYY-MM-DD') AS next_due, c.search_key
FROM contact AS c
LEFT JOIN (SELECT contact_id, MIN(due) AS next_due FROM follow_up
           WHERE status != 'done' GROUP BY contact_id) AS fu ON fu.contact_id = c.id
WHERE c.deleted_at IS NULL
ORDER BY c.id
"""

PG_ONE_ROW_SQL = f"""
SELECT c.id, c.display_name, c.company, c.position, c.primary_email, c.location,
       to_char(c.connected_on, 'YYYY-MM-DD') AS connected_on, c.tag_names,
       {_PG_OPEN_NETWORKER},
       to_char((SELECT MIN(due) FROM follow_up WHERE contact_id = c.id AND status != 'done'), 'YYYY-MM-DD')
         AS next_due, c.search_key
FROM contact AS c
WHERE c.id = :id AND c.deleted_at IS NULL"""
