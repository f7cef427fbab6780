"""Blocks of a press kit drawn from the data, with labels in the dossier's language:
the technical sheet, the contacts, the release dates, the people and the laurels."""

from __future__ import annotations

from markupsafe import Markup, escape

from dossierkit.i18n import Labels
from dossierkit.render.citations import Citations
from dossierkit.source.models import Data

CONTACT_KINDS = {"press": "Press", "sales": "Sales", "distributor": "Distribution",
                 "festival": "Festivals", "production": "Production"}
RELEASE_KINDS = {"festival": "Festival", "market": "Market", "premiere": "Premiere",
                 "theatrical": "Theatrical release", "streaming": "Streaming",
                 "television": "Television", "home-video": "Home video"}


class PressKit:
    """The blocks a chapter template places by calling them (`technical_sheet()` …)."""

    def __init__(self, data: Data, labels: Labels, citations: Citations):
        self.data, self.labels, self.cite = data, labels, citations.cite
        _ = labels.gettext
        # Listed here so that the catalogues' extraction finds them.
        self._names = {"Running time": _("Running time"), "Aspect ratio": _("Aspect ratio"),
                       "Picture format": _("Picture format"), "Colour": _("Colour"),
                       "Sound": _("Sound"), "Languages": _("Languages"),
                       "Subtitles": _("Subtitles"), "Rating": _("Rating"), "Genre": _("Genre"),
                       "Countries": _("Countries"),
                       "Production companies": _("Production companies")}

    def technical_sheet(self) -> Markup:
        """The technical sheet as a definition list: a label, then what the data states."""
        sheet = self.data.technical
        if sheet is None:
            raise LookupError("technical_sheet(): the data has no technical.yaml")
        # Markup throughout: a note call is HTML, which a plain string joined to Markup
        # would have escaped into visible text.
        minutes = [escape(self.labels.ngettext("%(num)s minute", "%(num)s minutes", t.minutes))
                   + (Markup(" ({})").format(t.version) if t.version else "") + self._cited(t.sources)
                   for t in sheet.running_times]
        ratings = [Markup("{} ({})").format(r.rating, r.territory) + self._cited(r.sources)
                   for r in sheet.ratings]
        listed = lambda values: ", ".join(str(escape(v)) for v in values)  # noqa: E731
        rows = [("Running time", Markup("; ").join(minutes)), ("Aspect ratio", escape(sheet.aspect_ratio or "")),
                ("Picture format", escape(sheet.picture_format or "")),
                ("Colour", escape(sheet.colour or "")), ("Sound", escape(sheet.sound or "")),
                ("Languages", listed(sheet.languages)), ("Subtitles", listed(sheet.subtitles)),
                ("Rating", Markup("; ").join(ratings)), ("Genre", escape(sheet.genre or "")),
                ("Countries", listed(sheet.countries)),
                ("Production companies", listed(sheet.production_companies))]
        lines = [f"{self._names[name]}\n: {value}" for name, value in rows if value]
        # The sheet's own sources close its last line.
        return Markup("\n{.technical}\n" + "\n\n".join(lines) + f"{self.cite(sheet.sources)}\n")

    def _cited(self, sources) -> Markup:
        return self.cite(sources) if sources else Markup("")

    def contacts_block(self) -> Markup:
        _ = self.labels.gettext
        titles = {"press": _("Press"), "sales": _("Sales"), "distributor": _("Distribution"),
                  "festival": _("Festivals"), "production": _("Production")}
        fields = (("email", _("E-mail")), ("phone", _("Phone")), ("web", _("Web")))
        out = ['\n<div class="contacts">\n']
        for kind in CONTACT_KINDS:
            entries = [c for c in self.data.contacts if c.kind == kind]
            if not entries:
                continue
            out.append(f'<section class="contact-group">\n\n**{escape(titles[kind])}**\n')
            for c in entries:
                who = ", ".join(escape(t) for t in (c.organisation, c.person, c.role, c.territory) if t)
                reach = [f"{label}: " + (f"<{getattr(c, name)}>" if name != "phone"
                                         else str(escape(getattr(c, name))))
                         for name, label in fields if getattr(c, name)]
                line = who + (f" — {'; '.join(reach)}" if reach else "")
                out.append(f"- {line}{self.cite(c.sources) if c.sources else ''}")
            out.append("\n</section>\n")
        out.append("</div>\n")
        return Markup("\n".join(out))

    def release_kind(self, kind: str) -> str:
        _ = self.labels.gettext
        names = {"festival": _("Festival"), "market": _("Market"), "premiere": _("Premiere"),
                 "theatrical": _("Theatrical release"), "streaming": _("Streaming"),
                 "television": _("Television"), "home-video": _("Home video")}
        return names[kind]

    def people_block(self, *ids: str) -> Markup:
        _ = self.labels.gettext
        chosen = [p for p in self.data.people if not ids or p.id in ids]
        out = []
        for person in chosen:
            out.append(f'\n<section class="person" id="person-{person.id}">\n')
            original = f" ({escape(person.name_original)})" if person.name_original else ""
            out.append(f"### {escape(person.name)}{original}\n")
            if person.portrait:
                out.append(f"![{escape(person.portrait.alt)}]({escape(person.portrait.path)})"
                           "{.portrait}\n")
            if person.bio:
                out.append(f"{escape(person.bio)}{self.cite(person.sources)}\n")
            if person.filmography:
                out.append(f"**{escape(_('Filmography'))}**\n")
                out += [f"- *{escape(w.title)}*" + (f" ({w.year})" if w.year else "")
                        + (f", {escape(w.role)}" if w.role else "") for w in person.filmography]
            out.append("\n</section>\n")
        return Markup("\n".join(out))

    def laurels_line(self) -> Markup:
        items = [f"{escape(laurel.label)} · {escape(laurel.event)}"
                 + (f" {laurel.year}" if laurel.year else "") for laurel in self.data.laurels]
        return Markup('\n<p class="laurels">' + " • ".join(items) + "</p>\n") if items else Markup("")
