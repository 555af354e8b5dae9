"""Typed values read the way they were meant: a listed choice in capitals (`FR` is `fr`, from
the contract's lists: kind, state, registration, category, language, role) and a list of ids
separated by commas (`media, ai` is `media ai`)."""

from __future__ import annotations

from functools import cache
from typing import Literal, get_args, get_origin

from backend.tables import Table
from backend.template_help import OWN_CHOICES
from services import models


@cache
def choices(name: str) -> dict[str, tuple[str, ...]]:
    """Columns of table `name` whose values the contract lists: a company's kind is not an
    activity's."""
    if name in OWN_CHOICES:
        return {column: tuple(values) for column, values in OWN_CHOICES[name].items()}
    out: dict[str, tuple[str, ...]] = {}
    for model in (models.Activity, models.Contact, models.Delegate, models.Participant):
        for field, info in model.model_fields.items():
            if get_origin(info.annotation) is Literal:
                out[field] = tuple(str(v) for v in get_args(info.annotation))
    return out


def as_listed(table: Table) -> None:
    """`FR`, ` Open `, `Seminar` as `fr`, `open`, `seminar`: capitals and spaces change
    nothing a choice means; anything else is left for the contract to refuse."""
    for column, values in choices(table.name).items():
        for row in table.rows:
            value = row.cells.get(column, "")
            if value and value not in values:
                plain = " ".join(value.split()).lower()
                if plain in values:
                    row.cells[column] = plain


LIST_COLUMNS = ("sectors", "delegates", "cities", "hosts")  # several ids in one cell


def as_spaced(table: Table) -> None:
    """`media, ai` or `media;ai` as `media ai`: spaces are what the help row asks for, and a
    comma is what a person types in a list."""
    for column in LIST_COLUMNS:
        for row in table.rows:
            value = row.cells.get(column, "")
            if "," in value or ";" in value:
                row.cells[column] = " ".join(value.replace(";", " ").replace(",", " ").split())
