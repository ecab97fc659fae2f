"""LinkedIn's whole archive (issue 17): messages, conversation participants, invitations, endorsements and
recommendations, target companies; interactions gain a direction, a stable key and their import batch.

The key columns make a re-import add only what is new; the batch columns let one undo take the whole
archive back. Interaction's kind check also admits 'endorsement' and 'recommendation' (the table is
rebuilt on SQLite, which cannot alter a CHECK).

Revision ID: 0009
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0007"
branch_labels = None
depends_on = None

_OLD_KINDS = "kind IN ('message', 'call', 'meeting', 'email', 'introduction', 'note')"
_NEW_KINDS = (
    "kind IN ('message', 'call', 'meeting', 'email', 'introduction', 'note', 'endorsement', 'recommendation')"
)


def _batch(table: str) -> list[sa.schema.SchemaItem]:
    return [
        sa.Column("batch_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["import_batch.id"],
            name=op.f(f"fk_{table}_batch_id_import_batch"),
            ondelete="SET NULL",
        ),
    ]


def _contact_fk(table: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["contact_id"], ["contact.id"], name=op.f(f"fk_{table}_contact_id_contact"), ondelete=ondelete
    )


def upgrade() -> None:
    with op.batch_alter_table("interaction", schema=None, recreate="always") as batch_op:
        batch_op.add_column(sa.Column("direction", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("source_key", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("batch_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            op.f("fk_interaction_batch_id_import_batch"),
            "import_batch",
            ["batch_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.drop_constraint(op.f("ck_interaction_kind"), type_="check")
        batch_op.create_check_constraint(op.f("ck_interaction_kind"), _NEW_KINDS)
        batch_op.create_index("ix_interaction_source_key", ["source_key"], unique=True)
        batch_op.create_index("ix_interaction_batch_id", ["batch_id"])
    op.create_table(
        "archive_message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("message_key", sa.Text(), nullable=False),
        sa.Column("conversation_id", sa.Text(), nullable=False),
        sa.Column("conversation_title", sa.Text(), nullable=True),
        sa.Column("sender_name", sa.Text(), nullable=True),
        sa.Column("sender_slug", sa.Text(), nullable=True),
        sa.Column("sent_at", sa.DateTime(), nullable=False),
        sa.Column("direction", sa.Text(), nullable=False),
        sa.Column("folder", sa.Text(), nullable=True),
        sa.Column("subject", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        *_batch("archive_message"),
        sa.CheckConstraint(
            "direction = 'sent' OR direction = 'received'", name=op.f("ck_archive_message_direction")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_archive_message")),
        sa.UniqueConstraint("message_key", name=op.f("uq_archive_message_message_key")),
    )
    op.create_index(
        "ix_archive_message_conversation_id_sent_at", "archive_message", ["conversation_id", "sent_at"]
    )
    op.create_index("ix_archive_message_batch_id", "archive_message", ["batch_id"])
    op.create_table(
        "archive_participant",
        sa.Column("conversation_id", sa.Text(), nullable=False),
        sa.Column("slug", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("profile_url", sa.Text(), nullable=True),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        _contact_fk("archive_participant", "SET NULL"),
        *_batch("archive_participant"),
        sa.PrimaryKeyConstraint("conversation_id", "slug", name=op.f("pk_archive_participant")),
    )
    op.create_index("ix_archive_participant_contact_id", "archive_participant", ["contact_id"])
    op.create_index("ix_archive_participant_slug", "archive_participant", ["slug"])
    op.create_index("ix_archive_participant_batch_id", "archive_participant", ["batch_id"])
    op.create_table(
        "invitation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("invitation_key", sa.Text(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("direction", sa.Text(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("message", sa.Text(), nullable=True),
        sa.Column("status", sa.Text(), server_default="pending", nullable=False),
        sa.Column("accepted_on", sa.Date(), nullable=True),
        _contact_fk("invitation", "CASCADE"),
        *_batch("invitation"),
        sa.CheckConstraint(
            "direction = 'outgoing' OR direction = 'incoming'", name=op.f("ck_invitation_direction")
        ),
        sa.CheckConstraint("status = 'pending' OR status = 'accepted'", name=op.f("ck_invitation_status")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invitation")),
        sa.UniqueConstraint("invitation_key", name=op.f("uq_invitation_invitation_key")),
    )
    op.create_index("ix_invitation_contact_id", "invitation", ["contact_id"])
    op.create_index("ix_invitation_batch_id", "invitation", ["batch_id"])
    op.create_table(
        "endorsement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_key", sa.Text(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("given", sa.Boolean(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("person_name", sa.Text(), nullable=False),
        sa.Column("company", sa.Text(), nullable=True),
        sa.Column("profile_url", sa.Text(), nullable=True),
        sa.Column("skill", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("occurred_on", sa.Date(), nullable=True),
        sa.Column("status", sa.Text(), nullable=True),
        _contact_fk("endorsement", "SET NULL"),
        *_batch("endorsement"),
        sa.CheckConstraint(
            "kind = 'endorsement' OR kind = 'recommendation'", name=op.f("ck_endorsement_kind")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_endorsement")),
        sa.UniqueConstraint("record_key", name=op.f("uq_endorsement_record_key")),
    )
    op.create_index("ix_endorsement_contact_id", "endorsement", ["contact_id"])
    op.create_index("ix_endorsement_batch_id", "endorsement", ["batch_id"])
    op.create_table(
        "target_company",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("name_key", sa.Text(), nullable=False),
        sa.Column("followed_on", sa.Date(), nullable=True),
        *_batch("target_company"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_target_company")),
        sa.UniqueConstraint("name_key", name=op.f("uq_target_company_name_key")),
    )
    op.create_index("ix_target_company_batch_id", "target_company", ["batch_id"])


def downgrade() -> None:
    for table in ("target_company", "endorsement", "invitation", "archive_participant", "archive_message"):
        op.drop_table(table)
    op.execute("DELETE FROM interaction WHERE kind IN ('endorsement', 'recommendation')")
    with op.batch_alter_table("interaction", schema=None, recreate="always") as batch_op:
        batch_op.drop_index("ix_interaction_batch_id")
        batch_op.drop_index("ix_interaction_source_key")
        batch_op.drop_constraint(op.f("ck_interaction_kind"), type_="check")
        batch_op.create_check_constraint(op.f("ck_interaction_kind"), _OLD_KINDS)
        batch_op.drop_constraint(op.f("fk_interaction_batch_id_import_batch"), type_="foreignkey")
        batch_op.drop_column("batch_id")
        batch_op.drop_column("source_key")
        batch_op.drop_column("direction")
