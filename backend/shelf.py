"""The build cache's delegates' documents, each kept pickled on its own and read when first asked
for: a republish after one change reads the ~150 documents it renders, and knows the other
thousands by their outline (what the bookkeeping reads of them: registrations, name, company,
language, whether they have a hotel stay)."""

from __future__ import annotations

import pickle
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import NamedTuple, overload

from backend.stamps import Stamp, stamped
from services.models import DelegateDoc


class Outline(NamedTuple):
    """What a publish reads of every delegate, changed or not."""

    id: str
    registered: tuple[str, ...]
    name: str
    company: str
    language: str
    stays: bool
    meetings: int = 0  # B2B meetings


def outline(doc: DelegateDoc) -> Outline:
    d = doc.delegate
    return Outline(
        d.id, tuple(doc.registered), d.name, d.company, d.language, bool(doc.stays),
        len(doc.meetings),
    )  # fmt: skip


class Shelf(Sequence[DelegateDoc]):
    """Documents in order, from their pickles (`blobs`, already checked as a whole: the build
    cache's seal), each unpickled by `load` when first read."""

    def __init__(
        self,
        blobs: Sequence[bytes],
        outlines: Sequence[Outline],
        load: Callable[[bytes], DelegateDoc] = pickle.loads,
    ) -> None:
        self.outlines = outlines
        self._blobs, self._load = blobs, load
        self._read: dict[int, DelegateDoc] = {}

    def __len__(self) -> int:
        return len(self._blobs)

    @overload
    def __getitem__(self, k: int) -> DelegateDoc: ...
    @overload
    def __getitem__(self, k: slice) -> list[DelegateDoc]: ...
    def __getitem__(self, k: int | slice) -> DelegateDoc | list[DelegateDoc]:
        if isinstance(k, slice):
            return [self[i] for i in range(len(self))[k]]
        k = range(len(self))[k]  # negative indexes, and IndexError past the end
        doc = self._read.get(k)
        if doc is None:
            doc = self._read[k] = self._load(self._blobs[k])
        return doc


class Docs(Mapping[str, DelegateDoc]):
    """A shelf's documents by delegate id, as published under `stamp` (revision and time):
    each read from the shelf when first asked for."""

    def __init__(self, shelf: Shelf, stamp: Stamp) -> None:
        self._shelf, self._stamp = shelf, stamp
        self._at = {o.id: k for k, o in enumerate(shelf.outlines)}
        self._read: dict[str, DelegateDoc] = {}

    def __getitem__(self, delegate_id: str) -> DelegateDoc:
        doc = self._read.get(delegate_id)
        if doc is None:
            doc = stamped(self._shelf[self._at[delegate_id]], self._stamp)
            self._read[delegate_id] = doc
        return doc

    def __contains__(self, delegate_id: object) -> bool:
        return delegate_id in self._at

    def __iter__(self) -> Iterator[str]:
        return iter(self._at)

    def __len__(self) -> int:
        return len(self._at)

    def outline(self, delegate_id: str) -> Outline:
        return self._shelf.outlines[self._at[delegate_id]]

    def restamped(self, stamp: Stamp) -> Docs:
        """The same documents as published under `stamp`."""
        return Docs(self._shelf, stamp)


def outline_of(docs: Mapping[str, DelegateDoc], delegate_id: str) -> Outline:
    """The outline of a delegate of `docs`, without reading their document when it is shelved."""
    return docs.outline(delegate_id) if isinstance(docs, Docs) else outline(docs[delegate_id])


def restamped(docs: Mapping[str, DelegateDoc], stamp: Stamp) -> Mapping[str, DelegateDoc]:
    """`docs` as published under `stamp`; shelved ones each stamped when they are read."""
    if isinstance(docs, Docs):
        return docs.restamped(stamp)
    return {i: stamped(doc, stamp) for i, doc in docs.items()}
