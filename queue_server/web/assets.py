"""What every page shares: its Jinja templates and its static files with ETags."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import jinja2

from queue_server.errors import NotFound


@cache
def templates(folder: Path) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder), autoescape=True,
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
    )


def static_file(folder: Path, name: str, suffixes: Iterable[str]) -> tuple[bytes, str]:
    """The bytes and ETag of a static file; only names that exist in ``folder`` are served."""
    return _static_file(folder, name, frozenset(suffixes))


@cache
def _static_file(folder: Path, name: str, suffixes: frozenset[str]) -> tuple[bytes, str]:
    allowed = {p.name: p for p in folder.iterdir() if p.suffix in suffixes}
    if name not in allowed:
        raise NotFound(f"no asset {name}", code="unknown_asset")
    data = allowed[name].read_bytes()
    return data, '"' + hashlib.sha256(data).hexdigest()[:16] + '"'
