"""Reading a dossier project: manifest, structured data and chapter sources, all validated."""
