"""What a chapter template sees: the manifest, every data kind, and the helpers that place
blocks (notes, stills, the gallery, the timeline, the press-kit sheets)."""

from __future__ import annotations

from markupsafe import Markup, escape

from dossierkit.i18n import Labels
from dossierkit.render import figures
from dossierkit.render.citations import Citations
from dossierkit.render.presskit import PressKit
from dossierkit.source.loader import Dossier


def _lookup(items, what: str):
    by_id = {item.id: item for item in items}

    def find(item_id: str):
        if item_id not in by_id:
            raise LookupError(f"{what}('{item_id}'): no such {what}")
        return by_id[item_id]

    return find


def _still_block(stills, prefix: str = "still"):
    """still("id"): a captioned, credited figure of one of the manifest's stills."""

    def still(still_id: str) -> Markup:
        if still_id not in stills:
            raise LookupError(f"still('{still_id}'): the manifest names no such still")
        image = stills[still_id]
        caption = " — ".join(escape(t) for t in (image.caption, image.credit) if t)
        figcaption = f"<figcaption>\n\n{caption}\n\n</figcaption>\n" if caption else ""
        return Markup(f'\n<figure class="still" id="{prefix}-{still_id}">\n\n'
                      f"![{escape(image.alt)}]({escape(image.path)})\n\n{figcaption}</figure>\n")

    return still


def _gallery_block(stills):
    """gallery(): the stills (all, or those named) as a grid of captioned, credited figures."""
    place = _still_block(stills, "gallery")

    def gallery(*names: str) -> Markup:
        figures_ = "".join(place(name) for name in (names or tuple(stills)))
        return Markup(f'\n<div class="gallery">\n{figures_}\n</div>\n')

    return gallery


def template_context(dossier: Dossier, citations: Citations) -> dict:
    """What a chapter template sees: the manifest, every data kind, and the helpers."""
    data = dossier.data
    labels = Labels(dossier.manifest.language)
    kit = PressKit(data, labels, citations)
    return {
        "dossier": dossier.manifest,
        **{name: getattr(data, name) for name in type(data).model_fields},
        "cite": citations.cite,
        "review": _lookup(data.reviews, "review"),
        "claim": _lookup(data.claims, "claim"),
        "person": _lookup(data.people, "person"),
        "timeline_figure": lambda: figures.timeline_block(data, citations, labels),
        "still": _still_block(dossier.manifest.stills),
        "gallery": _gallery_block(dossier.manifest.stills),
        "technical_sheet": kit.technical_sheet,
        "contacts_block": kit.contacts_block,
        "people_block": kit.people_block,
        "laurels_line": kit.laurels_line,
        "release_kind": kit.release_kind,
        "extra": dossier.extra,
    }
