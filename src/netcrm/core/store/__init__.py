"""The store: the only place that knows SQL (SQLAlchemy Core over SQLite or PostgreSQL)."""
