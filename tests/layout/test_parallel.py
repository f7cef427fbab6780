"""The book laid out in parts, in worker processes, and joined: the same book as one
document laid out whole, and the same with one worker as with two."""

from __future__ import annotations

import pikepdf

from dossierkit.render.printparts import CROSS_PART
from dossierkit.verify.reading import read_epub
from helpers import epubcheck_findings, page_texts


def _links(path) -> list[tuple[int, str]]:
    """Each link annotation as (page, where it goes: a page index or a URI), in page order."""
    with pikepdf.open(path) as pdf:
        index = {page.objgen: n for n, page in enumerate(pdf.pages)}
        flat = list(pdf.Root.Names.Dests.Names)
        dests = {str(name): index[dest[0].objgen] for name, dest in zip(flat[::2], flat[1::2])}
        links = []
        for n, page in enumerate(pdf.pages):
            for annot in page.obj.get("/Annots", ()):
                if annot.get("/Subtype") == "/Link":
                    target = dests[str(annot.Dest)] if "/Dest" in annot else str(annot.A.URI)
                    links.append((n, str(target)))
        return links


def _structure(path) -> list[str]:
    """The structure tree's element types in reading order, with the page each one is on."""
    with pikepdf.open(path) as pdf:
        index = {page.objgen: n for n, page in enumerate(pdf.pages)}
        found = []

        def walk(element, depth):
            kids = element.get("/K")
            page = element.get("/Pg")
            found.append(f"{depth}:{element.S}@{index.get(page.objgen) if page is not None else '-'}")
            for kid in (kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []):
                if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    walk(kid, depth + 1)

        [document] = pdf.Root.StructTreeRoot.K
        walk(document, 0)
        return found


def _outline(path) -> list[tuple[str, int]]:
    with pikepdf.open(path) as pdf, pdf.open_outline() as outline:
        index = {page.objgen: n for n, page in enumerate(pdf.pages)}
        items = []

        def walk(children):
            for item in children:
                items.append((item.title, index[item.destination[0].objgen]))
                walk(item.children)

        walk(outline.root)
        return items


def test_the_parts_make_the_same_pages_as_the_book_laid_out_whole(default_build, bare_weasyprint_pdf):
    # Folios, running heads, chapter numbers and the contents' page numbers included.
    assert page_texts(default_build["pdf"]) == page_texts(bare_weasyprint_pdf)
    assert _outline(default_build["pdf"]) == _outline(bare_weasyprint_pdf)


def test_links_between_parts_are_internal_and_land_where_the_whole_book_has_them(default_build,
                                                                                bare_weasyprint_pdf):
    joined = _links(default_build["pdf"])
    assert not [link for link in joined if link[1].startswith(CROSS_PART)]
    # Bare WeasyPrint makes the same internal links; its addresses are file URLs.
    whole = _links(bare_weasyprint_pdf)
    assert len(joined) == len(whole) > 1000
    assert [link for link in joined if link[1].isdigit()] == [link for link in whole if link[1].isdigit()]


def test_one_worker_and_two_give_the_same_pdf(default_build, one_worker_build):
    two, one = default_build["pdf"], one_worker_build["pdf"]
    assert page_texts(two) == page_texts(one)
    assert _links(two) == _links(one)
    assert _structure(two) == _structure(one)
    assert _outline(two) == _outline(one)


def test_one_worker_and_two_give_the_same_epub_page_list(default_build, one_worker_build):
    assert read_epub(default_build["epub"]).page_list() == read_epub(one_worker_build["epub"]).page_list()
    assert read_epub(default_build["epub"]).page_list()
    assert epubcheck_findings(one_worker_build["epub"]) == []


def test_the_joined_structure_tree_is_one_tree_with_one_parent_tree(default_build):
    with pikepdf.open(default_build["pdf"]) as pdf:
        root = pdf.Root.StructTreeRoot
        nums = root.ParentTree.Nums
        keys = [int(nums[i]) for i in range(0, len(nums), 2)]
        assert keys == sorted(set(keys))  # no key twice: each part's were renumbered
        used = {int(page.obj.StructParents) for page in pdf.pages}
        used |= {int(a.StructParent) for page in pdf.pages for a in page.obj.get("/Annots", ())
                 if "/StructParent" in a}
        assert used == set(keys)
        [document] = root.K
        assert document.S == "/Document"
        assert all(kid.P.objgen == document.objgen for kid in document.K if isinstance(kid, pikepdf.Dictionary))
        # Each part's font subsets keep names of their own.
        by_name = {}
        for page in pdf.pages:
            for font in page.Resources.Font.values():
                by_name.setdefault(str(font.BaseFont), set()).add(font.objgen)
        assert by_name and all(len(objects) == 1 for objects in by_name.values())
