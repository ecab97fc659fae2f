"""The schema revisions this netcrm knows, without importing Alembic (a test keeps this in step)."""

KNOWN_REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0009", "0010")
HEAD_REVISION = KNOWN_REVISIONS[-1]
