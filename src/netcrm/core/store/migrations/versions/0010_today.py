"""Relationship intelligence (issue 19): who started an interaction, where an imported one came from, and
the dates worth a word on a contact (birthdays, anniversaries).

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # `direction` came with 0009 (the archive's messages have one too).
    op.add_column("interaction", sa.Column("external_id", sa.Text(), nullable=True))
    # Relationship strength reads kind and direction from the index (no look-up in the table per row).
    op.drop_index("ix_interaction_contact_id_occurred_on", table_name="interaction")
    op.create_index(
        "ix_interaction_contact_id_occurred_on_kind_direction",
        "interaction",
        ["contact_id", "occurred_on", "kind", "direction"],
    )
    op.create_index("ix_interaction_external_id", "interaction", ["contact_id", "external_id"], unique=True)
    op.create_table(
        "contact_date",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("day", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "month >= 1 AND month <= 12 AND day >= 1 AND day <= 31", name=op.f("ck_contact_date_day")
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contact.id"],
            name=op.f("fk_contact_date_contact_id_contact"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_date")),
    )
    op.create_index("ix_contact_date_contact_id", "contact_date", ["contact_id"])
    op.create_index("ix_contact_date_month_day", "contact_date", ["month", "day"])


def downgrade() -> None:
    op.drop_index("ix_contact_date_month_day", table_name="contact_date")
    op.drop_index("ix_contact_date_contact_id", table_name="contact_date")
    op.drop_table("contact_date")
    op.drop_index("ix_interaction_external_id", table_name="interaction")
    op.drop_index("ix_interaction_contact_id_occurred_on_kind_direction", table_name="interaction")
    op.create_index("ix_interaction_contact_id_occurred_on", "interaction", ["contact_id", "occurred_on"])
    with op.batch_alter_table("interaction") as batch:
        batch.drop_column("external_id")
