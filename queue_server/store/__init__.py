"""Persistence: SQLAlchemy models, repositories and Alembic migrations.

Only the queue server touches the database; everything else talks to the server.
"""
