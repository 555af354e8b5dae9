"""Releases build on a shared base of delegate links: a small republish links only the delegates
that changed, and a delegate who is gone is never served from an old base."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

import httpx
import pytest

from backend import layout, pruning
from backend.bases import base_of
from backend.publish import publish
from backend.releases import releases_of
from backend.tokens import token_for
from tests.backend.published import full_render, served
from tests.backend.servers import SECRET, backend_server, nginx_server
from tests.backend.sources import copy_example, edit, remove_maes

URL = "https://x/"


@pytest.mark.parametrize("server", [backend_server, nginx_server])
def test_release_small_change_links_only_the_changed_delegate_on_the_same_base(
    tmp_path: Path, server: Callable[[Path], AbstractContextManager[str]]
) -> None:
    source, out = copy_example(tmp_path), tmp_path / "feed"
    publish(source, out, SECRET, URL)
    first = out.resolve()
    assert os.listdir(first / "changed") == []
    edit(source / "activities.csv", "mon-lunch", room_nl="Tuinzaal")  # only demo attends
    publish(source, out, SECRET, URL)
    assert base_of(out.resolve()) == base_of(first) is not None
    demo = token_for("demo", SECRET)
    assert os.listdir(out.resolve() / "changed") == [demo]
    assert served(out) == full_render(source, first, out)
    with server(out) as url:  # the changed delegate's new files, the others' from the base
        for token in (demo, token_for("d-maes", SECRET)):
            reply = httpx.get(f"{url}delegates/{token}.ics")
            assert reply.content == layout.read(out, f"delegates/{token}.ics")
    assert b"Tuinzaal" in layout.read(out, f"delegates/{demo}.ics")


def test_release_delegate_gone_makes_a_new_base_that_does_not_serve_them(tmp_path: Path) -> None:
    source, out = copy_example(tmp_path), tmp_path / "feed"
    publish(source, out, SECRET, URL)
    first, maes = out.resolve(), token_for("d-maes", SECRET)
    remove_maes(source)
    publish(source, out, SECRET, URL)
    assert base_of(out.resolve()) != base_of(first)
    assert maes in layout.tokens(first) and maes not in layout.tokens(out.resolve())
    with backend_server(out) as url:
        assert httpx.get(f"{url}delegates/{maes}.json").status_code == 404


def test_release_most_delegates_changed_makes_a_new_base(tmp_path: Path) -> None:
    source, out = copy_example(tmp_path), tmp_path / "feed"
    publish(source, out, SECRET, URL)
    first = out.resolve()
    edit(source / "venues.csv", "moscone-center", address="1 Howard St, SF")  # every page
    publish(source, out, SECRET, URL)
    assert base_of(out.resolve()) != base_of(first)
    assert os.listdir(out.resolve() / "changed") == []
    assert served(out) == full_render(source, first, out)


def test_release_bases_no_kept_release_uses_are_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pruning, "KEEP_RELEASES", 2)
    source, out = copy_example(tmp_path), tmp_path / "feed"
    publish(source, out, SECRET, URL)
    for address in ("1 Howard St, SF", "2 Howard St, SF"):  # a new base each time
        edit(source / "venues.csv", "moscone-center", address=address)
        publish(source, out, SECRET, URL)
    kept = pruning.kept(releases_of(out))
    bases = {base_of(release) for release in kept}
    assert len(bases) == 2 and set(os.listdir(releases_of(out) / "bases")) == bases


def test_release_delegate_with_no_new_file_keeps_the_object_they_have(tmp_path: Path) -> None:
    """Their link is taken from the live release, not worked out again from the memo's list of
    their files (here made to disagree): no new object, and no lookup per delegate."""
    source, out = copy_example(tmp_path), tmp_path / "feed"
    publish(source, out, SECRET, URL)
    first, maes = out.resolve(), token_for("d-maes", SECRET)
    memo_path = releases_of(out) / f"{first.name}.memo.json"
    memo = json.loads(memo_path.read_text("utf-8"))
    memo["d-maes"]["files"][f"delegates/{maes}.json"] = "0" * 64
    memo_path.write_text(json.dumps(memo), "utf-8")
    edit(source / "activities.csv", "mon-lunch", room_nl="Tuinzaal")  # only demo attends
    publish(source, out, SECRET, URL)
    assert os.readlink(out.resolve() / "delegates" / maes) == os.readlink(
        first / "delegates" / maes
    )
    assert maes not in os.listdir(out.resolve() / "changed")


def test_release_a_link_removed_from_the_live_base_by_hand_is_served_again(
    tmp_path: Path,
) -> None:
    """The live base's links are read once per process while its folder stays as it is; a link
    removed by hand changes the folder, and the next publish serves that delegate again."""
    source, out = copy_example(tmp_path), tmp_path / "feed"
    publish(source, out, SECRET, URL)
    first = out.resolve()
    base = releases_of(out) / "bases" / str(base_of(first))
    (base / token_for("demo", SECRET)).unlink()
    edit(source / "delegates.csv", "d-maes", name="Jeroen Maes-Peeters")  # not demo
    publish(source, out, SECRET, URL)
    assert served(out) == full_render(source, first, out)
