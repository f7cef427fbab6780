"""Joining the parts' PDFs into the book's: pages in order, one structure tree in reading
order (the parts' ParentTree keys renumbered), one outline, one name tree of destinations,
links between parts made internal again, and the front part's catalogue (metadata, PDF/A
output intent, language) kept for the whole.

Why written PDFs and pikepdf, not WeasyPrint's Document.copy: the parts are laid out in
other processes, and laid-out pages cannot leave the process that made them.
"""

from __future__ import annotations

import hashlib
import io
import re
import warnings

from dossierkit.errors import fail
from dossierkit.render.printparts import CROSS_PART

_SUBSET = re.compile(r"^/([A-Z]{6})\+")


def join_parts(layout) -> bytes:
    import pikepdf

    parts = layout.parts
    book = _open(parts[0].pdf, parts[0].padded, 0)
    tree = _Tree(book)
    outline = _outline_items(book)
    dests = _dests(book)
    for index, part in enumerate(parts[1:], start=1):
        source = _open(part.pdf, part.padded, index)
        tree.prepare(source)
        with warnings.catch_warnings():
            # pikepdf warns that named destinations do not follow the pages: they are
            # joined here, below.
            warnings.simplefilter("ignore", pikepdf.PageCopyWarning)
            book.pages.extend(source.pages)
        tree.take(book, source)
        outline += [book.copy_foreign(item) for item in _outline_items(source)]
        dests += [(name, book.copy_foreign(source.make_indirect(dest))) for name, dest in _dests(source)]
    _set_dests(book, dests)
    _set_outline(book, outline)
    _internal_links(book, {str(name) for name, _ in dests})
    out = io.BytesIO()
    book.save(out, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue()


def _open(data: bytes, padded: bool, index: int):
    import pikepdf

    pdf = pikepdf.open(io.BytesIO(data))
    if padded:
        _drop_first_page(pdf)
    if index:
        _rename_subsets(pdf, index)
    return pdf


def _drop_first_page(pdf) -> None:
    """Remove a part's padding page (and the nothing the structure tree holds of it)."""
    page = pdf.pages[0].obj
    root = pdf.Root.get("/StructTreeRoot")
    if root is not None:
        key = page.get("/StructParents")
        nums = root.ParentTree.Nums
        for i in range(0, len(nums), 2):
            if key is not None and int(nums[i]) == int(key):
                del nums[i:i + 2]
                break
        _prune(root, page.objgen)
    del pdf.pages[0]


def _prune(element, objgen) -> None:
    """Take out the structure elements that only mark content of the page `objgen`."""
    import pikepdf

    kids = element.get("/K")
    if not isinstance(kids, pikepdf.Array):
        return
    keep = []
    for kid in kids:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            _prune(kid, objgen)
            page = kid.get("/Pg")
            if page is not None and page.objgen == objgen and not _has_kids(kid):
                continue
        keep.append(kid)
    element.K = pikepdf.Array(keep)


def _has_kids(element) -> bool:
    import pikepdf

    kids = element.get("/K")
    return kids is not None and not (isinstance(kids, pikepdf.Array) and len(kids) == 0)


def _rename_subsets(pdf, index: int) -> None:
    """Give each part's font subsets their own tag: WeasyPrint derives the tag from the font
    alone, so two parts' different subsets of one font would otherwise share a name."""
    import pikepdf

    def tagged(name) -> pikepdf.Name:
        text = str(name)
        match = _SUBSET.match(text)
        if not match:
            return name
        digest = hashlib.sha256(f"{match[1]}:{index}".encode()).digest()
        tag = "".join(chr(65 + byte % 26) for byte in digest[:6])
        return pikepdf.Name(f"/{tag}+{text[8:]}")

    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary):
            if obj.get("/Type") == "/Font" and "/BaseFont" in obj:
                obj.BaseFont = tagged(obj.BaseFont)
            elif obj.get("/Type") == "/FontDescriptor" and "/FontName" in obj:
                obj.FontName = tagged(obj.FontName)


class _Tree:
    """The book's structure tree, growing by each part's."""

    def __init__(self, book):
        root = book.Root.get("/StructTreeRoot")
        self.root = root
        self.document = root.K[0] if root is not None else None
        self.next_key = _next_key(root) if root is not None else 0
        self.offset = 0

    def prepare(self, source) -> None:
        """Renumber the source's keys after the book's; detach its top elements."""
        root = source.Root.get("/StructTreeRoot")
        if self.root is None or root is None:
            return
        self.offset = self.next_key
        for page in source.pages:
            if "/StructParents" in page.obj:
                page.obj.StructParents = int(page.obj.StructParents) + self.offset
            for annot in page.obj.get("/Annots", ()):
                if "/StructParent" in annot:
                    annot.StructParent = int(annot.StructParent) + self.offset
        nums = root.ParentTree.Nums
        for i in range(0, len(nums), 2):
            nums[i] = int(nums[i]) + self.offset
        self.next_key = _next_key(root)
        for kid in root.K[0].K:
            if hasattr(kid, "keys") and "/P" in kid:
                del kid["/P"]  # else copying it would bring the source's whole tree along

    def take(self, book, source) -> None:
        import pikepdf

        root = source.Root.get("/StructTreeRoot")
        if self.root is None or root is None:
            return
        kids = book.copy_foreign(source.make_indirect(root.K[0].K))
        for kid in kids:
            if isinstance(kid, pikepdf.Dictionary):
                kid.P = self.document
            self.document.K.append(kid)
        nums = book.copy_foreign(source.make_indirect(root.ParentTree.Nums))
        self.root.ParentTree.Nums.extend(nums)
        if "/ParentTreeNextKey" in self.root:
            self.root.ParentTreeNextKey = self.next_key


def _next_key(root) -> int:
    nums = root.ParentTree.Nums
    keys = [int(nums[i]) for i in range(0, len(nums), 2)]
    return max(keys, default=-1) + 1


def _outline_items(pdf) -> list:
    outlines = pdf.Root.get("/Outlines")
    items, item = [], outlines.get("/First") if outlines is not None else None
    while item is not None:
        items.append(item)
        item = item.get("/Next")
    return items


def _set_outline(book, items) -> None:
    import pikepdf

    if not items:
        return
    outlines = book.Root.get("/Outlines")
    if outlines is None:
        outlines = book.Root.Outlines = book.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Outlines))
    for previous, item in zip(items, items[1:]):
        previous.Next, item.Prev = item, previous
    for item in items:
        item.Parent = outlines
    for item, key in ((items[0], "/Prev"), (items[-1], "/Next")):
        if key in item:
            del item[key]
    outlines.First, outlines.Last = items[0], items[-1]
    outlines.Count = sum(1 + max(0, int(item.get("/Count", 0))) for item in items)


def _dests(pdf) -> list:
    import pikepdf

    names = pdf.Root.get("/Names")
    dests = names.get("/Dests") if names is not None else None
    flat = list(dests.get("/Names", ())) if dests is not None else []
    return [(pikepdf.String(str(name)), dest) for name, dest in zip(flat[::2], flat[1::2])]


def _set_dests(book, pairs) -> None:
    import pikepdf

    if not pairs:
        return
    seen, flat = set(), []
    for name, dest in sorted(pairs, key=lambda pair: bytes(pair[0])):
        if str(name) in seen:
            continue  # the first anchor of a name wins, as in WeasyPrint
        seen.add(str(name))
        flat += [name, dest]
    if "/Names" not in book.Root:
        book.Root.Names = pikepdf.Dictionary()
    book.Root.Names.Dests = book.make_indirect(pikepdf.Dictionary(Names=pikepdf.Array(flat)))


def _internal_links(book, names: set[str]) -> None:
    """Links that left their part as CROSS_PART URIs go to the book's destination again."""
    import pikepdf

    for page in book.pages:
        for annot in page.obj.get("/Annots", ()):
            action = annot.get("/A")
            uri = str(action.get("/URI", "")) if action is not None else ""
            if not uri.startswith(CROSS_PART):
                continue
            name = uri[len(CROSS_PART):]
            if name not in names:
                raise fail("the print layout", f"a link to #{name} has no target in the book",
                           hint="rerun with --debug and report the traceback", code="B607")
            del annot["/A"]
            annot.Dest = pikepdf.String(name)
            annot.Contents = pikepdf.String(name)
