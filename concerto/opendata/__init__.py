"""Open data: datasets with their TableSchema, published files, Atom feeds, and offline
imports."""
