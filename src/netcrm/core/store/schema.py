"""Table definitions; Alembic migrations must produce exactly these (a test checks for drift)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

contact = sa.Table(
    "contact",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("first_name", sa.Text),
    sa.Column("last_name", sa.Text),
    sa.Column("display_name", sa.Text, nullable=False, server_default=""),
    sa.Column("company", sa.Text),
    sa.Column("position", sa.Text),
    sa.Column("location", sa.Text),
    sa.Column("linkedin_url", sa.Text),
    sa.Column("linkedin_slug", sa.Text),
    sa.Column("degree", sa.Integer, nullable=False, server_default="1"),
    sa.Column("connected_on", sa.Date),
    sa.Column("notes", sa.Text),
    sa.Column("source", sa.Text),
    sa.Column("cadence_days", sa.Integer),
    sa.Column("introduced_by_id", sa.Integer, sa.ForeignKey("contact.id", ondelete="SET NULL")),
    # The user's final word on open networking: 'yes', 'no' or NULL (never asked).
    sa.Column("open_networker_verdict", sa.Text),
    # Derived from the child tables on every write, so the list loads with one plain query.
    sa.Column("primary_email", sa.Text),
    sa.Column("tag_names", sa.Text),
    sa.Column("search_key", sa.Text, nullable=False, server_default=""),
    sa.Column("sort_name", sa.Text, nullable=False, server_default=""),  # rules.sort_key(display_name)
    # The values the last import set (JSON), so a re-import can tell a job change from a user's edit.
    sa.Column("imported_values", sa.Text),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("updated_at", sa.DateTime, nullable=False),
    sa.Column("deleted_at", sa.DateTime),
    sa.Column("version", sa.Integer, nullable=False, server_default="1"),
    # Comparisons, not `IN (...)`: SQLite builds a table of an IN list again for every row an executemany
    # inserts (a quarter of a second in a 100,000-row import).
    sa.CheckConstraint("degree = 1 OR degree = 2 OR degree = 3", name="degree"),
    sa.CheckConstraint("open_networker_verdict = 'yes' OR open_networker_verdict = 'no'", name="verdict"),
)
sa.Index("ix_contact_company", contact.c.company)
# An index, not a constraint, so that a large import can drop it and build it from the finished rows.
sa.Index("ix_contact_linkedin_slug", contact.c.linkedin_slug, unique=True)
# Every foreign key has an index (a test reads them from the live schema): without this one, deleting a
# contact scans the whole table for the people it introduced (ON DELETE SET NULL), so an import's undo grew
# with the square of its size.
sa.Index("ix_contact_introduced_by_id", contact.c.introduced_by_id)


def _partial_index(name: str, *columns: sa.Column[Any], where: sa.ColumnElement[bool]) -> sa.Index:
    """An index of some rows only (the same on SQLite and PostgreSQL)."""
    return sa.Index(name, *columns, sqlite_where=where, postgresql_where=where)


_live = contact.c.deleted_at.is_(None)
# Only the trash is indexed by deleted_at: nearly every contact is live, and a full index on it misled
# SQLite into looking up every live row through it (slower than a scan) instead of using the name index.
_partial_index("ix_contact_deleted_at", contact.c.deleted_at, where=contact.c.deleted_at.is_not(None))
# Live contacts by creation: "Recently added" and its count read the index, not the wide table (10x);
# deleted_at makes it covering (the live test needs no look-up in the table).
_partial_index("ix_contact_created_at", contact.c.created_at, contact.c.deleted_at, where=_live)
# The few contacts with a keep-in-touch cadence of their own ("Keep-in-touch lapsed" at start-up).
_partial_index("ix_contact_cadence_days", contact.c.cadence_days, where=contact.c.cadence_days.is_not(None))
# Live contacts by name: the list's first page and its name order come from this index alone.
_partial_index("ix_contact_sort_name", contact.c.sort_name, where=_live)

contact_email = sa.Table(
    "contact_email",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("contact_id", sa.Integer, sa.ForeignKey("contact.id", ondelete="CASCADE"), nullable=False),
    sa.Column("email", sa.Text, nullable=False),
    sa.Column("email_key", sa.Text, nullable=False),
    sa.Column("position", sa.Integer, nullable=False, server_default="0"),
)
sa.Index("ix_contact_email_contact_id", contact_email.c.contact_id)
sa.Index("ix_contact_email_email_key", contact_email.c.email_key)

contact_phone = sa.Table(
    "contact_phone",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("contact_id", sa.Integer, sa.ForeignKey("contact.id", ondelete="CASCADE"), nullable=False),
    sa.Column("phone", sa.Text, nullable=False),
    sa.Column("position", sa.Integer, nullable=False, server_default="0"),
)
sa.Index("ix_contact_phone_contact_id", contact_phone.c.contact_id)

tag = sa.Table(
    "tag",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("name_key", sa.Text, nullable=False, unique=True),
    # 'open_networker' for the built-in tag, NULL for the user's own.
    sa.Column("builtin", sa.Text, unique=True),
    sa.Column("cadence_days", sa.Integer),
)

contact_tag = sa.Table(
    "contact_tag",
    metadata,
    sa.Column("contact_id", sa.Integer, sa.ForeignKey("contact.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("tag_id", sa.Integer, sa.ForeignKey("tag.id", ondelete="CASCADE"), primary_key=True),
    # Who put the tag there: 'user', 'import' or 'detector'; the detector also says why.
    sa.Column("decided_by", sa.Text, nullable=False, server_default="user"),
    sa.Column("reason", sa.Text),
    sa.Column("created_at", sa.DateTime, nullable=False),
)
sa.Index("ix_contact_tag_tag_id", contact_tag.c.tag_id)

follow_up = sa.Table(
    "follow_up",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("contact_id", sa.Integer, sa.ForeignKey("contact.id", ondelete="CASCADE"), nullable=False),
    sa.Column("due", sa.Date, nullable=False),
    sa.Column("due_time", sa.Time),
    sa.Column("note", sa.Text),
    sa.Column("recurrence", sa.Text),
    sa.Column("status", sa.Text, nullable=False, server_default="open"),
    sa.Column("completed_at", sa.DateTime),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.CheckConstraint("status IN ('open', 'done', 'snoozed')", name="status"),
)
sa.Index("ix_follow_up_status_due", follow_up.c.status, follow_up.c.due)
sa.Index("ix_follow_up_contact_id", follow_up.c.contact_id)

interaction = sa.Table(
    "interaction",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("contact_id", sa.Integer, sa.ForeignKey("contact.id", ondelete="CASCADE"), nullable=False),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("occurred_on", sa.Date, nullable=False),
    sa.Column("summary", sa.Text),
    sa.Column("created_at", sa.DateTime, nullable=False),
    # Who started it: 'out' the user, 'in' the contact, NULL unknown (relationship strength's reciprocity,
    # issue 19; archive imports set it too). For archive imports (issue 17), the record's stable identity
    # (a re-import adds nothing twice) and the batch that made it (one undo takes the whole archive back).
    sa.Column("direction", sa.Text),
    sa.Column("source_key", sa.Text),
    sa.Column("batch_id", sa.Integer, sa.ForeignKey("import_batch.id", ondelete="SET NULL")),
    # Where an imported interaction came from (an e-mail's Message-ID, a calendar event's UID), so that
    # importing the same file again logs nothing new.
    sa.Column("external_id", sa.Text),
    sa.CheckConstraint(
        "kind IN ('message', 'call', 'meeting', 'email', 'introduction', 'note', 'endorsement', "
        "'recommendation')",
        name="kind",
    ),
)
sa.Index("ix_interaction_source_key", interaction.c.source_key, unique=True)
sa.Index("ix_interaction_batch_id", interaction.c.batch_id)
# Covering for relationship strength: every contact's sums are read from this index alone, in its order.
sa.Index(
    "ix_interaction_contact_id_occurred_on_kind_direction",
    interaction.c.contact_id,
    interaction.c.occurred_on,
    interaction.c.kind,
    interaction.c.direction,
)
sa.Index("ix_interaction_external_id", interaction.c.contact_id, interaction.c.external_id, unique=True)

# A date worth a word on a contact (issue 19): a birthday (label 'birthday'), a work anniversary, "met at",
# or a label of the user's. The year is optional (a birthday without one); Feb 29 is kept as given.
contact_date = sa.Table(
    "contact_date",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("contact_id", sa.Integer, sa.ForeignKey("contact.id", ondelete="CASCADE"), nullable=False),
    sa.Column("label", sa.Text, nullable=False),
    sa.Column("month", sa.Integer, nullable=False),
    sa.Column("day", sa.Integer, nullable=False),
    sa.Column("year", sa.Integer),
    sa.CheckConstraint("month >= 1 AND month <= 12 AND day >= 1 AND day <= 31", name="day"),
)
sa.Index("ix_contact_date_contact_id", contact_date.c.contact_id)
sa.Index("ix_contact_date_month_day", contact_date.c.month, contact_date.c.day)

contact_history = sa.Table(
    "contact_history",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("contact_id", sa.Integer, sa.ForeignKey("contact.id", ondelete="CASCADE"), nullable=False),
    sa.Column("field", sa.Text, nullable=False),
    sa.Column("old_value", sa.Text),
    sa.Column("new_value", sa.Text),
    sa.Column("changed_at", sa.DateTime, nullable=False),
    sa.Column("batch_id", sa.Integer, sa.ForeignKey("import_batch.id", ondelete="SET NULL")),
)
sa.Index("ix_contact_history_contact_id", contact_history.c.contact_id)
sa.Index("ix_contact_history_batch_id", contact_history.c.batch_id)

import_batch = sa.Table(
    "import_batch",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("file_name", sa.Text, nullable=False),
    sa.Column("sha256", sa.Text, nullable=False),
    sa.Column("format", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("created", sa.Integer, nullable=False, server_default="0"),
    sa.Column("updated", sa.Integer, nullable=False, server_default="0"),
    sa.Column("unchanged", sa.Integer, nullable=False, server_default="0"),
    sa.Column("skipped", sa.Integer, nullable=False, server_default="0"),
    sa.Column("status", sa.Text, nullable=False, server_default="applied"),
)

# What each batch did to each contact, so that a whole import can be undone:
# action 'created', or 'updated' with the fields' values before the import (JSON).
import_change = sa.Table(
    "import_change",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("batch_id", sa.Integer, sa.ForeignKey("import_batch.id", ondelete="CASCADE"), nullable=False),
    sa.Column("contact_id", sa.Integer, sa.ForeignKey("contact.id", ondelete="CASCADE"), nullable=False),
    sa.Column("action", sa.Text, nullable=False),
    sa.Column("before", sa.Text),
    sa.Column("after", sa.Text),
)
sa.Index("ix_import_change_batch_id", import_change.c.batch_id)
sa.Index("ix_import_change_contact_id", import_change.c.contact_id)

# An introduction the user asked for: to meet `target`, through `via` (networking, issue 6).
intro_request = sa.Table(
    "intro_request",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("target_id", sa.Integer, sa.ForeignKey("contact.id", ondelete="CASCADE"), nullable=False),
    sa.Column("via_id", sa.Integer, sa.ForeignKey("contact.id", ondelete="CASCADE"), nullable=False),
    sa.Column("status", sa.Text, nullable=False, server_default="asked"),
    sa.Column("notes", sa.Text),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("updated_at", sa.DateTime, nullable=False),
    sa.CheckConstraint("status IN ('asked', 'made', 'met', 'declined')", name="status"),
)
sa.Index("ix_intro_request_target_id", intro_request.c.target_id)
sa.Index("ix_intro_request_via_id", intro_request.c.via_id)

setting = sa.Table(
    "setting",
    metadata,
    sa.Column("key", sa.Text, primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

# What an import knew of a row that carried no key (no LinkedIn slug, no e-mail): a fingerprint of its
# identity fields (core/identity.py), so that importing the file again finds the contact it created.
contact_fingerprint = sa.Table(
    "contact_fingerprint",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("contact_id", sa.Integer, sa.ForeignKey("contact.id", ondelete="CASCADE"), nullable=False),
    sa.Column("fingerprint", sa.Text, nullable=False),
)
sa.Index("ix_contact_fingerprint_contact_id", contact_fingerprint.c.contact_id)
sa.Index("ix_contact_fingerprint_fingerprint", contact_fingerprint.c.fingerprint)

# "Not the same person": a pair of contacts the user said are two people, never suggested again.
# low_id < high_id, so a pair has one row whichever way it was found.
duplicate_dismissal = sa.Table(
    "duplicate_dismissal",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("low_id", sa.Integer, sa.ForeignKey("contact.id", ondelete="CASCADE"), nullable=False),
    sa.Column("high_id", sa.Integer, sa.ForeignKey("contact.id", ondelete="CASCADE"), nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.UniqueConstraint("low_id", "high_id"),
)
sa.Index("ix_duplicate_dismissal_high_id", duplicate_dismissal.c.high_id)


# LinkedIn's archive (issue 17). Every row keeps the stable key a re-import recognises and its batch.
def _batch_column() -> sa.Column[Any]:
    return sa.Column("batch_id", sa.Integer, sa.ForeignKey("import_batch.id", ondelete="SET NULL"))


# One message of messages.csv; `text` is NULL when the user keeps no message text on disk.
archive_message = sa.Table(
    "archive_message",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("message_key", sa.Text, nullable=False, unique=True),
    sa.Column("conversation_id", sa.Text, nullable=False),
    sa.Column("conversation_title", sa.Text),
    sa.Column("sender_name", sa.Text),
    sa.Column("sender_slug", sa.Text),
    sa.Column("sent_at", sa.DateTime, nullable=False),
    sa.Column("direction", sa.Text, nullable=False),
    sa.Column("folder", sa.Text),
    sa.Column("subject", sa.Text),
    sa.Column("text", sa.Text),
    _batch_column(),
    sa.CheckConstraint("direction = 'sent' OR direction = 'received'", name="direction"),
)
sa.Index(
    "ix_archive_message_conversation_id_sent_at", archive_message.c.conversation_id, archive_message.c.sent_at
)
sa.Index("ix_archive_message_batch_id", archive_message.c.batch_id)

# Who (besides the owner) is in a conversation: a contact, or a person listed until the user adds them.
archive_participant = sa.Table(
    "archive_participant",
    metadata,
    sa.Column("conversation_id", sa.Text, primary_key=True),
    sa.Column("slug", sa.Text, primary_key=True),
    sa.Column("name", sa.Text),
    sa.Column("profile_url", sa.Text),
    sa.Column("contact_id", sa.Integer, sa.ForeignKey("contact.id", ondelete="SET NULL")),
    _batch_column(),
)
sa.Index("ix_archive_participant_contact_id", archive_participant.c.contact_id)
sa.Index("ix_archive_participant_slug", archive_participant.c.slug)
sa.Index("ix_archive_participant_batch_id", archive_participant.c.batch_id)

# A pending invitation (Invitations.csv): 'pending' until a later Connections.csv holds the person.
invitation = sa.Table(
    "invitation",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("invitation_key", sa.Text, nullable=False, unique=True),
    sa.Column("contact_id", sa.Integer, sa.ForeignKey("contact.id", ondelete="CASCADE"), nullable=False),
    sa.Column("direction", sa.Text, nullable=False),
    sa.Column("sent_at", sa.DateTime),
    sa.Column("message", sa.Text),
    sa.Column("status", sa.Text, nullable=False, server_default="pending"),
    sa.Column("accepted_on", sa.Date),
    _batch_column(),
    sa.CheckConstraint("direction = 'outgoing' OR direction = 'incoming'", name="direction"),
    sa.CheckConstraint("status = 'pending' OR status = 'accepted'", name="status"),
)
sa.Index("ix_invitation_contact_id", invitation.c.contact_id)
sa.Index("ix_invitation_batch_id", invitation.c.batch_id)

# An endorsement or a recommendation, given or received; contact_id NULL when it matched nobody.
endorsement = sa.Table(
    "endorsement",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("record_key", sa.Text, nullable=False, unique=True),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("given", sa.Boolean, nullable=False),
    sa.Column("contact_id", sa.Integer, sa.ForeignKey("contact.id", ondelete="SET NULL")),
    sa.Column("person_name", sa.Text, nullable=False),
    sa.Column("company", sa.Text),
    sa.Column("profile_url", sa.Text),
    sa.Column("skill", sa.Text),
    sa.Column("text", sa.Text),
    sa.Column("occurred_on", sa.Date),
    sa.Column("status", sa.Text),
    _batch_column(),
    sa.CheckConstraint("kind = 'endorsement' OR kind = 'recommendation'", name="kind"),
)
sa.Index("ix_endorsement_contact_id", endorsement.c.contact_id)
sa.Index("ix_endorsement_batch_id", endorsement.c.batch_id)

# A company the owner follows (Company Follows.csv): a target company.
target_company = sa.Table(
    "target_company",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("name_key", sa.Text, nullable=False, unique=True),
    sa.Column("followed_on", sa.Date),
    _batch_column(),
)
sa.Index("ix_target_company_batch_id", target_company.c.batch_id)
