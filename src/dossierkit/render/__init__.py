"""Rendering a loaded dossier once, into the well-formed XHTML chapters every writer reads."""
