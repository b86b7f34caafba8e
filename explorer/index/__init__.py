"""The library's SQLite index: database, refresh, rows, queries and full-text search (no Textual)."""
