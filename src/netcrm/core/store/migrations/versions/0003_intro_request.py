"""Track introduction requests: whom the user wants to meet, who introduces them, and how far it got.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "intro_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("via_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.Text(), server_default="asked", nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "status IN ('asked', 'made', 'met', 'declined')", name=op.f("ck_intro_request_status")
        ),
        sa.ForeignKeyConstraint(
            ["target_id"], ["contact.id"], name=op.f("fk_intro_request_target_id_contact"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["via_id"], ["contact.id"], name=op.f("fk_intro_request_via_id_contact"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intro_request")),
    )
    with op.batch_alter_table("intro_request", schema=None) as batch_op:
        batch_op.create_index("ix_intro_request_target_id", ["target_id"], unique=False)
        batch_op.create_index("ix_intro_request_via_id", ["via_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("intro_request", schema=None) as batch_op:
        batch_op.drop_index("ix_intro_request_via_id")
        batch_op.drop_index("ix_intro_request_target_id")
    op.drop_table("intro_request")
