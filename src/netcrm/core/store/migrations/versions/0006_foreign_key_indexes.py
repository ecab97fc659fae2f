"""An index for every foreign key that had none: contact.introduced_by_id and contact_history.batch_id.

Deleting a contact makes SQLite find the contacts it introduced (ON DELETE SET NULL) and deleting a batch
the history rows that name it; without an index each of those is a scan of the whole table, once per
deleted row, so undoing an import cost the square of its size (30,000 contacts: over three minutes).

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

#: (index, table, column) this revision adds.
_INDEXES = (
    ("ix_contact_introduced_by_id", "contact", "introduced_by_id"),
    ("ix_contact_history_batch_id", "contact_history", "batch_id"),
)


def upgrade() -> None:
    for name, table, column in _INDEXES:
        op.create_index(name, table, [column])


def downgrade() -> None:
    for name, table, _column in _INDEXES:
        op.drop_index(name, table_name=table)
