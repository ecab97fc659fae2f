"""Identity beyond keys: fingerprints of keyless imported rows, and pairs dismissed as not duplicates.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "contact_fingerprint",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contact.id"],
            name=op.f("fk_contact_fingerprint_contact_id_contact"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_fingerprint")),
    )
    op.create_index("ix_contact_fingerprint_contact_id", "contact_fingerprint", ["contact_id"])
    op.create_index("ix_contact_fingerprint_fingerprint", "contact_fingerprint", ["fingerprint"])
    op.create_table(
        "duplicate_dismissal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("low_id", sa.Integer(), nullable=False),
        sa.Column("high_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["low_id"], ["contact.id"], name=op.f("fk_duplicate_dismissal_low_id_contact"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["high_id"],
            ["contact.id"],
            name=op.f("fk_duplicate_dismissal_high_id_contact"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_duplicate_dismissal")),
        sa.UniqueConstraint("low_id", "high_id", name=op.f("uq_duplicate_dismissal_low_id_high_id")),
    )
    op.create_index("ix_duplicate_dismissal_high_id", "duplicate_dismissal", ["high_id"])


def downgrade() -> None:
    op.drop_index("ix_duplicate_dismissal_high_id", table_name="duplicate_dismissal")
    op.drop_table("duplicate_dismissal")
    op.drop_index("ix_contact_fingerprint_fingerprint", table_name="contact_fingerprint")
    op.drop_index("ix_contact_fingerprint_contact_id", table_name="contact_fingerprint")
    op.drop_table("contact_fingerprint")
