"""Plain SQL shared by the SQLAlchemy and the stdlib read paths (no imports: it loads in no time)."""

# One query for the contact list: plain columns plus the few aggregates a list shows.
LIST_ROWS_SQL = """
SELECT c.id, c.display_name, c.first_name, c.last_name, c.company, c.position, c.primary_email,
       c.location, c.connected_on, c.tag_names, (ont.contact_id IS NOT NULL) AS open_networker,
       fu.next_due, ix.last_on, c.created_at, c.search_key
FROM contact AS c
LEFT JOIN contact_tag AS ont
       ON ont.contact_id = c.id AND ont.tag_id = (SELECT id FROM tag WHERE builtin = 'open_networker')
LEFT JOIN (SELECT contact_id, MIN(due) AS next_due FROM follow_up
           WHERE status != 'done' GROUP BY contact_id) AS fu ON fu.contact_id = c.id
LEFT JOIN (SELECT contact_id, MAX(occurred_on) AS last_on FROM interaction
           GROUP BY contact_id) AS ix ON ix.contact_id = c.id
WHERE c.deleted_at IS NULL
ORDER BY c.id
"""

#: The columns of LIST_ROWS_SQL, by name.
LIST_COLUMNS = (
    "id",
    "display_name",
    "first_name",
    "last_name",
    "company",
    "position",
    "primary_email",
    "location",
    "connected_on",
    "tag_names",
    "open_networker",
    "next_follow_up",
    "last_contacted",
    "created_at",
    "search_key",
)
