"""The shape every statistics view answers in: key figures and tables.

A table is defined once and serves three readers: the page renders it as an HTML table, draws
its chart from the same columns, and the CSV export writes it as it is. Values stay raw (shares
as fractions, durations in seconds); the page formats them for people.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Literal

from pydantic import Field

from eenloket_i18n import translate
from eenloket_wire.messages import Model
from queue_server.distribution import Distribution

Kind = Literal["text", "count", "number", "share", "seconds"]
Value = str | int | float | None
TEXT_PREFIX = "web_dashboard."


class ColumnOut(Model):
    key: str
    label: str
    kind: Kind


class TableOut(Model):
    name: str
    title: str
    columns: list[ColumnOut]
    rows: list[list[Value]]
    note: str = ""


class FigureOut(Model):
    key: str
    label: str
    value: float | int | None
    kind: Kind


class ViewOut(Model):
    view: str
    first_day: str
    last_day: str
    figures: list[FigureOut] = Field(default_factory=list)
    tables: list[TableOut] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)

    def table(self, name: str) -> TableOut:
        for table in self.tables:
            if table.name == name:
                return table
        raise KeyError(name)


def text(key: str, language: str, **params: object) -> str:
    return translate(TEXT_PREFIX + key, language, **params)


def table(
    name: str, language: str, columns: Iterable[tuple[str, Kind]], rows: Iterable[list[Value]],
    note: str = "",
) -> TableOut:
    """A table whose title and column labels come from the catalogue (``table.<name>``,
    ``col.<key>``)."""
    return TableOut(
        name=name,
        title=text(f"table.{name}", language),
        columns=[ColumnOut(key=k, label=text(f"col.{k}", language), kind=kind)
                 for k, kind in columns],
        rows=list(rows),
        note=note,
    )


def figure(key: str, language: str, value: float | int | None, kind: Kind) -> FigureOut:
    return FigureOut(key=key, label=text(f"figure.{key}", language), value=value, kind=kind)


DISTRIBUTION_COLUMNS: tuple[tuple[str, Kind], ...] = (
    ("mean", "seconds"), ("median", "seconds"), ("p90", "seconds"),
)


def spread(d: Distribution) -> list[Value]:
    return [_round(d.mean), _round(d.median), _round(d.p90)]


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def csv_text(table: TableOut) -> Iterator[str]:
    """The table as CSV lines (header with the labels, then raw values); a byte-order mark
    first, so that spreadsheet programs read the accents right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([c.label for c in table.columns])
    yield "\ufeff" + buffer.getvalue()
    for row in table.rows:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(["" if v is None else v for v in row])
        yield buffer.getvalue()
