"""Contact's CHECK constraints as comparisons, and its LinkedIn-slug key as an index an import can rebuild.

SQLite evaluates `x IN (a, b, c)` in a CHECK by building a small table of the list, and builds it again
for every row an `executemany` inserts: the two on `contact` cost a quarter of a second at 100,000
imported contacts, more than the rows' own B-tree work. `x = a OR x = b` is the same rule (NULL still
passes) at no cost. The unique constraint on `linkedin_slug` becomes a unique index: a table's own
constraint cannot be dropped, an index can, so a large import builds it once from the finished rows
instead of inserting 100,000 random keys into it one by one.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

#: The contact table's enumerations: (constraint, column, allowed values). Only `contact` is rebuilt: the
#: other tables' checks run once per row a person types, never 100,000 times in one import.
_CHECKS = (
    ("ck_contact_degree", "degree", ("1", "2", "3")),
    ("ck_contact_verdict", "open_networker_verdict", ("'yes'", "'no'")),
)


def _rule(column: str, values: tuple[str, ...], *, as_in: bool) -> str:
    if as_in:
        return f"{column} IN ({', '.join(values)})"
    return " OR ".join(f"{column} = {value}" for value in values)


def upgrade() -> None:
    with op.batch_alter_table("contact", schema=None) as batch_op:
        for name, column, values in _CHECKS:
            batch_op.drop_constraint(op.f(name), type_="check")
            batch_op.create_check_constraint(op.f(name), _rule(column, values, as_in=False))
        batch_op.drop_constraint(op.f("uq_contact_linkedin_slug"), type_="unique")
        batch_op.create_index("ix_contact_linkedin_slug", ["linkedin_slug"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("contact", schema=None) as batch_op:
        for name, column, values in _CHECKS:
            batch_op.drop_constraint(op.f(name), type_="check")
            batch_op.create_check_constraint(op.f(name), _rule(column, values, as_in=True))
        batch_op.drop_index("ix_contact_linkedin_slug")
        batch_op.create_unique_constraint(op.f("uq_contact_linkedin_slug"), ["linkedin_slug"])
