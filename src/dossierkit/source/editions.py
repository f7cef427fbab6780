"""One source, several languages: a language's files laid over the default ones, and old keys."""

from __future__ import annotations

from collections.abc import Callable

from dossierkit.errors import Problem


def overlay(base, over):
    """`over` laid on `base`: mappings merge key by key; lists of entries with an `id` merge by
    id, other lists entry by entry; anything else is replaced. A translation then holds only
    the text it translates."""
    if isinstance(base, dict) and isinstance(over, dict):
        merged = dict(base)
        for key, value in over.items():
            merged[key] = overlay(base[key], value) if key in base else value
        return merged
    if isinstance(base, list) and isinstance(over, list):
        if all(isinstance(item, dict) and "id" in item for item in base + over):
            by_id = {item["id"]: item for item in over}
            merged = [overlay(item, by_id.pop(item["id"])) if item["id"] in by_id else item
                      for item in base]
            return merged + list(by_id.values())
        return [overlay(b, o) for b, o in zip(base, over)] + base[len(over):] + over[len(base):]
    return over


def _as_list(value):
    return [value] if isinstance(value, str) else value


# Keys of a data file that changed their name: old -> (new, how the old value becomes the new).
RENAMED: dict[str, dict[str, tuple[str, Callable]]] = {
    "film": {"director": ("directors", _as_list)},
}


def rename_keys(stem: str, raw, rel: str, line_of: Callable[[tuple], int | None]):
    """The file's value with renamed keys under their new names, and a warning for each."""
    renames = RENAMED.get(stem, {})
    if not isinstance(raw, dict) or not renames.keys() & raw.keys():
        return raw, []
    raw = dict(raw)
    warnings = []
    for old, (new, convert) in renames.items():
        if old not in raw:
            continue
        value = raw.pop(old)
        if new not in raw:
            raw[new] = convert(value)
        warnings.append(Problem(rel, f"'{old}' is now spelt '{new}'", line_of((old,)), old,
                                f"rename the key to '{new}'", severity="warning"))
    return raw, warnings
