"""dossierkit: publish dossiers and press kits to PDF and EPUB 3 from one source."""

__version__ = "0.1.0"
