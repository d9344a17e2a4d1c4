"""Backup archives of the database and stored files (management commands)."""
