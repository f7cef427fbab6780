"""The EPUB's text agrees with the PDF's: every word of the e-book is in the print edition.

The PDF may hold more (contents page, running heads, figure labels, pull quotes), so only
what the EPUB says and the PDF lacks is an error.
"""

from __future__ import annotations

from pathlib import Path

from dossierkit.verify import Result
from dossierkit.verify.reading import pdf_page_texts, read_epub, words

SHOWN = 8


def _split_across_pages(word: str, known: set[str]) -> bool:
    """A word hyphenated over a page break reads as two words with the notes between."""
    return any(word[:k] in known and word[k:] in known for k in range(2, len(word) - 1))


def check(pdf: Path, epub: Path) -> Result:
    result = Result()
    texts = pdf_page_texts(pdf)
    pdf_words = set()
    for text in texts:
        pdf_words.update(words(text))
    pdf_compact = "".join("".join(words(t)) for t in texts)
    epub_words: set[str] = set()
    for document in read_epub(epub).spine:
        # The heading over a chapter's notes has no place in print, where notes sit at the
        # page foot.
        for heading in document.root.xpath("//*[contains(concat(' ', @class, ' '), ' notes-title ')]"):
            heading.getparent().remove(heading)
        epub_words.update(words(document.body_text()))
    # A word missing as a word may still stand inside a longer run: an address broken
    # over lines comes out as one run of letters.
    missing = sorted(w for w in epub_words - pdf_words
                     if w not in pdf_compact and not _split_across_pages(w, pdf_words))
    if missing:
        shown = ", ".join(missing[:SHOWN]) + (f" and {len(missing) - SHOWN} more" if len(missing) > SHOWN else "")
        result.error(f"{len(missing)} words of the EPUB are not in the PDF: {shown}")
    extra = len(pdf_words - epub_words)
    result.summary = (f"{len(epub_words)} distinct EPUB words, {len(missing)} missing from the PDF; "
                      f"{extra} PDF-only words (contents, running heads, figures)")
    return result
