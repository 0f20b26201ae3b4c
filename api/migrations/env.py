"""Alembic environment: runs migrations on the connection that api.db.migrate
passes in, or on $TRIAGE_DATABASE_URL when run as `alembic -c api/alembic.ini upgrade head`."""

from alembic import context

from api.db import database_url, make_engine, metadata

config = context.config
connection = config.attributes.get("connection")
if connection is not None:
    context.configure(connection=connection, target_metadata=metadata)
    with context.begin_transaction():
        context.run_migrations()
else:
    with make_engine(database_url()).begin() as conn:
        context.configure(connection=conn, target_metadata=metadata)
        with context.begin_transaction():
            context.run_migrations()
