"""Information dossiers: the plural information of a process (documents, viewpoints,
suggested sources)."""
