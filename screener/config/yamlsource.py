"""YAML loading that remembers where every value came from, for line-numbered messages."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from screener.errors import Problem

try:  # the C loader is several times faster on the large taxonomy
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Loc = tuple[str | int, ...]
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class YamlSource:
    """A parsed YAML document; its node tree is built only when a line number is asked for."""

    path: str
    data: Any
    text: str

    @cached_property
    def root(self) -> yaml.Node | None:
        """The document's node tree, which knows the line of every value."""
        return yaml.compose(self.text, Loader=_Loader)

    def line_of(self, loc: Loc) -> int | None:
        """Return the 1-based line of the value at ``loc`` (or of its nearest parent)."""
        node = self.root
        if node is None:
            return None
        line = node.start_mark.line + 1
        for part in loc:
            child = _child(node, part)
            if child is None:
                break
            key_node, node = child
            line = (key_node or node).start_mark.line + 1
            if isinstance(node, yaml.ScalarNode):
                break
        return line


def _child(node: yaml.Node, part: str | int) -> tuple[yaml.Node | None, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == part:
                return key, value
    elif (
        isinstance(node, yaml.SequenceNode)
        and isinstance(part, int)
        and 0 <= part < len(node.value)
    ):
        return None, node.value[part]
    return None


def read_yaml(path: Path, display: str) -> tuple[YamlSource | None, list[Problem]]:
    """Parse ``path``; on a syntax error return the problem instead of raising."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(display, None, "file", f"cannot read: {exc}")]
    try:
        # Plain loading keeps no node tree: on the large taxonomy that halves the time.
        data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        reason = getattr(exc, "problem", None) or str(exc)
        return None, [Problem(display, line, "yaml", f"invalid YAML: {reason}")]
    return YamlSource(display, data, text), []


def format_loc(loc: Sequence[str | int]) -> str:
    """Render a location as ``requirements[2].any[0]``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out or "(top level)"


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """Return a ``; did you mean 'x'?`` suffix, or an empty string when nothing is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def _model_fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """Field names of the nested model that ``loc`` points into."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if _is_model(current) else None
        if field is None:
            return []
        current = _inner_model(field.annotation)
        if current is None:
            return []
    return list(current.model_fields) if _is_model(current) else []


def _is_model(obj: Any) -> bool:
    return isinstance(obj, type) and issubclass(obj, BaseModel)


def _inner_model(annotation: Any) -> Any:
    if _is_model(annotation):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def validate_model(model: type[M], source: YamlSource) -> tuple[M | None, list[Problem]]:
    """Validate ``source.data`` against ``model``, turning errors into located problems."""
    try:
        return model.model_validate(source.data), []
    except ValidationError as exc:
        problems = []
        for err in exc.errors(include_url=False):
            loc = tuple(err["loc"])
            message = err["msg"]
            if err["type"] == "extra_forbidden":
                key = str(loc[-1])
                message = "unknown key" + did_you_mean(key, _model_fields_at(model, loc[:-1]))
            elif err["type"] == "missing":
                message = "required key is missing"
            elif message.startswith("Value error, "):
                message = message.removeprefix("Value error, ")
            problems.append(Problem(source.path, source.line_of(loc), format_loc(loc), message))
        return None, problems
