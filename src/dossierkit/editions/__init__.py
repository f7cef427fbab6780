"""Editions: one press kit laid out once, stamped for each recipient with whom it was
prepared for and when it may be published."""

from __future__ import annotations


def stamp_job(template, epub: bytes, stamp, font) -> tuple[bytes, bytes]:
    """One recipient's PDF and EPUB from the group's laid-out book: a job of the executor."""
    from dossierkit.editions.epubstamp import stamp_epub
    from dossierkit.editions.pdfstamp import stamp_pdf

    return stamp_pdf(template, stamp, font), stamp_epub(epub, stamp)
