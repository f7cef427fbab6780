"""The recipients file (CSV or YAML): who gets a copy, in which language, under which embargo."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import yaml

from dossierkit.errors import DossierError, Problem, fail
from dossierkit.i18n import LANGUAGES
from dossierkit.source.embargo import OVERRIDE_HINT, Embargo, parse_embargo

COLUMNS = ("name", "outlet", "email", "language")
OPTIONAL = ("embargo",)
COLUMNS_HINT = "the columns are name, outlet, email, language and, optionally, embargo"


@dataclass(frozen=True)
class Recipient:
    name: str
    outlet: str
    email: str
    language: str
    embargo_text: str  # the file's own embargo, checked; '' for the manifest's
    row: int  # where it stands in the file, for messages

    def embargo(self, default: Embargo | None) -> Embargo | None:
        """The embargo of this recipient's edition: its own, completed by the manifest's."""
        return parse_embargo(self.embargo_text, default) if self.embargo_text else default

    @property
    def label(self) -> str:
        return f"{self.name}, {self.outlet}"


def load_recipients(path: Path, shown: str) -> list[Recipient]:
    """Every recipient of the file, or a DossierError with one line per mistake."""
    try:
        text = path.read_text("utf-8-sig")  # a spreadsheet may start it with a byte-order mark
    except FileNotFoundError:
        raise fail(shown, "no such recipients file", hint="give the path of a .csv or .yaml file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise fail(shown, f"cannot read the recipients file: {exc}", hint="save it as UTF-8 text") from None
    rows = _yaml_rows(text, shown) if path.suffix in (".yaml", ".yml") else _csv_rows(text, shown)
    if not rows:
        raise fail(shown, "no recipients", hint="add one row per recipient under the header")
    problems: list[Problem] = []
    recipients: list[Recipient] = []
    first_row: dict[tuple[str, str], int] = {}
    for row, values in rows:
        recipient = _recipient(values, row, shown, problems)
        if recipient is None:
            continue
        key = (recipient.name.casefold(), recipient.outlet.casefold())
        if key in first_row:
            problems.append(Problem(shown, f"duplicate recipient '{recipient.label}' (first on line "
                                    f"{first_row[key]})", row, hint="list each recipient once"))
            continue
        first_row[key] = row
        recipients.append(recipient)
    if problems:
        raise DossierError(*problems)
    return recipients


def _csv_rows(text: str, shown: str) -> list[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text))
    header = [name.strip().lower() for name in reader.fieldnames or []]
    _check_columns(header, shown)
    reader.fieldnames = header
    # A row's line: the header is line 1 (rows with line breaks inside quotes are rare here).
    return [(reader.line_num, {k: (v or "").strip() for k, v in row.items() if k})
            for row in reader if any((v or "").strip() for v in row.values() if isinstance(v, str))]


def _yaml_rows(text: str, shown: str) -> list[tuple[int, dict[str, str]]]:
    try:
        nodes = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise fail(shown, f"invalid YAML: {getattr(exc, 'problem', exc)}",
                   hint="write a list of mappings with name, outlet, email and language") from None
    if nodes is None or not isinstance(nodes, yaml.SequenceNode):
        raise fail(shown, "not a list of recipients", hint="write a list of mappings with "
                   "name, outlet, email and language")
    rows = []
    for node in nodes.value:
        if not isinstance(node, yaml.MappingNode):
            raise fail(shown, "a recipient is not a mapping", line=node.start_mark.line + 1,
                       hint="give name, outlet, email and language")
        values = {str(k.value).strip().lower(): str(v.value).strip() for k, v in node.value}
        _check_columns(list(values), shown, node.start_mark.line + 1)
        rows.append((node.start_mark.line + 1, values))
    return rows


def _check_columns(header: list[str], shown: str, line: int = 1) -> None:
    for column in COLUMNS:
        if column not in header:
            raise fail(shown, "missing column", line=line, key=column, hint=COLUMNS_HINT)


def _recipient(values: dict[str, str], row: int, shown: str, problems: list[Problem]) -> Recipient | None:
    empty = [column for column in COLUMNS if not values.get(column)]
    if empty:
        problems.append(Problem(shown, "empty value", row, empty[0], hint=f"give the recipient's {empty[0]}"))
        return None
    language = values["language"]
    if language.split("-")[0].lower() not in LANGUAGES:
        problems.append(Problem(shown, f"unknown language '{language}'", row, "language",
                                hint="use one of " + ", ".join(LANGUAGES)))
        return None
    embargo = values.get("embargo", "")
    if embargo:
        try:
            parse_embargo(embargo, None)
        except ValueError as error:
            problems.append(Problem(shown, str(error), row, "embargo", hint=OVERRIDE_HINT))
            return None
    return Recipient(values["name"], values["outlet"], values["email"], language, embargo, row)
