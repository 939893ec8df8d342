"""Alembic environment: runs on the connection handed over by `mlcoach.storage.db.migrate`."""

from alembic import context

import mlcoach.storage.submissions  # noqa: F401 - registers the judge's table on Base.metadata
from mlcoach.storage.tables import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through mlcoach.storage.db.migrate()")
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
