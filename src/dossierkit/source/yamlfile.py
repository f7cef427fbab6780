"""Safe YAML loading that remembers the line of every value, for error messages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from dossierkit.errors import fail

MAX_DEPTH = 32
# Counted after aliases are expanded, so a "billion laughs" file stops here; 10,000
# credits of ten fields each are about 150,000 values.
MAX_VALUES = 1_000_000


# libyaml parses 10,000 credits in a second; the pure-Python parser takes ten times longer.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):
    """SafeLoader that keeps dates as text: the models decide what a date is."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class Locator:
    """Maps a key path such as ("cast", 3, "character") to its line in the file."""

    lines: dict[tuple, int] = field(default_factory=dict)

    def line(self, path: tuple) -> int | None:
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get(())


def _index(node: yaml.Node, rel: str) -> Locator:
    locator = Locator()
    budget = MAX_VALUES
    stack: list[tuple[yaml.Node, tuple, int]] = [(node, (), 0)]
    while stack:
        current, path, depth = stack.pop()
        budget -= 1
        if budget < 0:
            # The top-level entry that expands too far, not the scalar where counting stopped.
            raise fail(rel, f"more than {MAX_VALUES} values once aliases are expanded",
                       line=locator.lines.get(path[:1], current.start_mark.line + 1),
                       hint="remove the repeated aliases (&name / *name)")
        if depth > MAX_DEPTH:
            raise fail(rel, f"nested deeper than {MAX_DEPTH} levels",
                       line=current.start_mark.line + 1, hint="flatten the structure")
        locator.lines.setdefault(path, current.start_mark.line + 1)
        if isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                key_path = path + (key.value,)
                locator.lines.setdefault(key_path, key.start_mark.line + 1)
                stack.append((value, key_path, depth + 1))
        elif isinstance(current, yaml.SequenceNode):
            for index, item in enumerate(current.value):
                stack.append((item, path + (index,), depth + 1))
    return locator


def parse_yaml(text: str, rel: str) -> tuple[Any, Locator]:
    """Parse one YAML document; return its data and a locator for its keys."""
    try:
        # The reader refuses control characters as soon as it is built.
        loader = _Loader(text)
    except yaml.reader.ReaderError as exc:
        raise _unreadable(exc, text, rel) from None
    try:
        node = loader.get_single_node()
        if node is None:
            return None, Locator()
        locator = _index(node, rel)
        data = loader.construct_document(node)
    except yaml.reader.ReaderError as exc:
        raise _unreadable(exc, text, rel) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        raise fail(rel, f"invalid YAML: {problem}", line=line,
                   hint="check indentation, colons and quotes") from None
    except yaml.YAMLError as exc:
        raise fail(rel, f"invalid YAML: {exc}") from None
    except RecursionError:
        raise fail(rel, f"nested deeper than {MAX_DEPTH} levels",
                   hint="flatten the structure") from None
    finally:
        loader.dispose()
    return data, locator


def _unreadable(exc: yaml.reader.ReaderError, text: str, rel: str):
    """A character YAML does not allow (a control character), with its line."""
    position = getattr(exc, "position", None)
    character = getattr(exc, "character", None)
    if isinstance(position, int) and isinstance(character, int):
        line = text.count("\n", 0, position) + 1
        return fail(rel, f"invalid YAML: character 0x{character:02x} is not allowed",
                    line=line, hint="remove the control character")
    return fail(rel, "invalid YAML: a character that is not allowed",
                hint="remove control characters")
