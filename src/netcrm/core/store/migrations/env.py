"""Alembic environment: runs on the connection that netcrm's migrator hands over."""

from __future__ import annotations

from alembic import context

from netcrm.core.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=True,
    transaction_per_migration=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
