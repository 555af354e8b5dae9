"""Controls made when first read: the cards of a long list that the first part of a new screen
does not send are made only when its rest is drawn (views/components/panes.py first_part)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import overload

import flet as ft

Make = Callable[[], ft.Control]


class Later(Sequence[ft.Control]):
    """A sequence of controls, each made by its `Make` the first time it is read, in order."""

    def __init__(self, makers: Sequence[Make]) -> None:
        self._makers = makers
        self._made: list[ft.Control] = []

    def __len__(self) -> int:
        return len(self._makers)

    @overload
    def __getitem__(self, index: int) -> ft.Control: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[ft.Control]: ...

    def __getitem__(self, index: int | slice) -> ft.Control | Sequence[ft.Control]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        while len(self._made) <= index:  # in order: what a screen makes may count its drawings
            self._made.append(self._makers[len(self._made)]())
        return self._made[index]
