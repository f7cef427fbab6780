"""Notes at the foot of the page for print: each chapter's notes list becomes page-foot notes.

A note is set at the foot of the page of each of its calls, so a reader never turns back
for it; a call that shares its page with an earlier call of the same note links to that
note instead of repeating it. Which calls share is decided by the caller (from a first
layout) or, before any layout, by the rule that calls in one block share a page.
"""

from __future__ import annotations

import copy
from collections.abc import Collection

from lxml import etree

from dossierkit.render.xhtml import BLOCK_TAGS

BLOCKS = BLOCK_TAGS | {"td", "th"}


def _block_of(element: etree._Element) -> etree._Element:
    for ancestor in element.iterancestors():
        if ancestor.tag in BLOCKS:
            return ancestor
    return element.getparent()


def calls_sharing_a_block(section: etree._Element) -> set[str]:
    """Ids of the calls whose note an earlier call in the same block already carries."""
    # Blocks kept by reference: lxml's proxies of one element compare by identity only
    # while one is alive.
    seen: dict[str, list[etree._Element]] = {}
    shared = set()
    for call in _calls(section):
        block, blocks = _block_of(call), seen.setdefault(call.get("href"), [])
        if any(block is other for other in blocks):
            shared.add(call.get("id"))
        blocks.append(block)
    return shared


def _calls(section: etree._Element) -> list[etree._Element]:
    return [a for a in section.iter("a") if a.get("class") == "noteref"]


def notes_to_footnotes(section: etree._Element, shared: Collection[str] | None = None,
                       rescued: Collection[str] = ()) -> None:
    """Replace the chapter's notes list by page-foot notes (CSS `float: footnote`) after
    their calls. `shared`: ids of calls that link to the previous copy of their note;
    `rescued`: ids of notes to mark `rescued` (see copyfit.Adjustments)."""
    notes = section.find("section[@class='notes']")
    if notes is None:
        return
    if shared is None:
        shared = calls_sharing_a_block(section)
    items = {li.get("id"): li for li in notes.iter("li")}
    latest: dict[str, str] = {}  # note id -> id of its latest page-foot copy
    copies: dict[str, int] = {}
    for call in _calls(section):
        note_id = call.get("href")[1:]
        item = items.get(note_id)
        if item is None:
            continue
        if call.get("id") in shared and note_id in latest:
            call.set("href", f"#{latest[note_id]}")
            continue
        copies[note_id] = copies.get(note_id, 0) + 1
        footnote_id = note_id if copies[note_id] == 1 else f"{note_id}-{copies[note_id]}"
        latest[note_id] = footnote_id
        call.set("href", f"#{footnote_id}")
        footnote = _footnote(item, footnote_id, call.get("id"))
        if footnote_id in rescued:
            footnote.set("class", "footnote rescued")
        _place(call, footnote)
    notes.getparent().remove(notes)


def _footnote(item: etree._Element, footnote_id: str, call_id: str) -> etree._Element:
    footnote = etree.Element("span", {"class": "footnote", "id": footnote_id})
    paragraph = copy.deepcopy(item.find("p"))
    footnote.text = paragraph.text
    for child in paragraph:
        footnote.append(child)
    back = footnote.find(".//a[@class='note-back']")
    if back is not None:
        back.set("href", f"#{call_id}")
    return footnote


def _place(call: etree._Element, footnote: etree._Element) -> None:
    """Right after the call, inside the unbreakable group that holds the call and its word:
    a note at a line-break opportunity can be lost when WeasyPrint moves the line."""
    footnote.tail, call.tail = call.tail, None
    call.addnext(footnote)
