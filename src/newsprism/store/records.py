"""Domain records to JSON and back: the store keeps articles and findings as plain JSON (no
pickles: a store file passed between colleagues must not be able to run code), and rebuilds
the dataclasses of newsprism.model from their type hints."""

from __future__ import annotations

import hashlib
import json
import types
from dataclasses import asdict, fields, is_dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, Literal, TypeVar, Union, get_args, get_origin, get_type_hints

if TYPE_CHECKING:
    from ..model import Article

T = TypeVar("T")


def content_key(article: Article) -> str:
    """What makes two documents the same article: its title and cleaned text."""
    return text_key(article.title, article.text)


def text_key(title: str | None, text: str) -> str:
    return hashlib.sha256(f"{title or ''}\n{text}".encode()).hexdigest()


def dumps(record: Any) -> str:
    return json.dumps(asdict(record), ensure_ascii=False, separators=(",", ":"))


def loads(cls: type[T], text: str) -> T:
    return load(cls, json.loads(text))


def load(cls: type[T], data: dict[str, Any]) -> T:
    """``cls`` from the dict ``asdict`` made of it; fields missing from ``data`` (a record
    written by an older version) take their defaults."""
    hints = _hints(cls)  # type: ignore[arg-type]
    values = {f.name: _value(hints[f.name], data[f.name]) for f in fields(cls) if f.name in data}  # type: ignore[arg-type]
    return cls(**values)


@cache
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)


def _value(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin, args = get_origin(hint), get_args(hint)
    if origin in (Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        dataclass_option = next((a for a in options if is_dataclass(a)), None)
        if dataclass_option is not None and isinstance(value, dict):
            return load(dataclass_option, value)  # type: ignore[arg-type]
        return _value(options[0], value) if len(options) == 1 else value
    if origin is list:
        return [_value(args[0], v) for v in value]
    if origin is dict:
        return {k: _value(args[1], v) for k, v in value.items()}
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_value(args[0], v) for v in value)
        return tuple(_value(a, v) for a, v in zip(args, value, strict=True))
    if origin is Literal:
        return value
    if is_dataclass(hint) and isinstance(value, dict):
        return load(hint, value)  # type: ignore[arg-type]
    return value
