"""One spelling per feed origin: the same server however a link spells it, never another."""

from __future__ import annotations

import pytest

from services.origin import normalise_origin
from services.store import namespace_for

SAME = [
    ("HTTPS://Feed.Example.org:443", "https://feed.example.org/"),
    ("https://feed.example.org./", "https://feed.example.org/"),  # the DNS root's dot
    ("https://feed.example.org//", "https://feed.example.org/"),
    ("https://user:pw@feed.example.org/", "https://feed.example.org/"),  # never carried
    ("https://feed.example.org/%6Fk/", "https://feed.example.org/ok/"),
    ("https://feed.example.org/%7euser/", "https://feed.example.org/~user/"),
    ("https://fëed.example.org/", "https://xn--fed-jma.example.org/"),
    ("https://FËED.example.org/", "https://xn--fed-jma.example.org/"),
    ("http://[::1]:8787/x/", "http://[::1]:8787/x/"),
    ("https://feed.example.org/x/../ok/", "https://feed.example.org/ok/"),  # as a browser
    ("https://feed.example.org/x/%2E%2E/ok/./", "https://feed.example.org/ok/"),
    ("https://feed.example.org/../../ok/..", "https://feed.example.org/"),  # never above /
    ("https://feed.example.org/../ok/", "https://feed.example.org/ok/"),
]


@pytest.mark.parametrize(("spelling", "origin"), SAME)
def test_normalise_origin_spells_one_server_one_way(spelling: str, origin: str) -> None:
    assert normalise_origin(spelling) == origin
    assert namespace_for(spelling) == namespace_for(origin)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("https://feed.example.org/", "http://feed.example.org/"),
        ("https://feed.example.org/", "https://feed.example.org:8443/"),
        ("https://feed.example.org/ok/", "https://feed.example.org/OK/"),
        ("https://feed.example.org/a%2Fb/", "https://feed.example.org/a/b/"),  # an escaped /
        ("https://feed.example.org@evil.example/", "https://feed.example.org/"),
        ("https://feed.example.org/ok/../other/", "https://feed.example.org/ok/"),
        ("https://feed.example.org/a%2F..%2Fb/", "https://feed.example.org/b/"),  # one segment
    ],
)
def test_normalise_origin_keeps_different_servers_and_paths_apart(one: str, other: str) -> None:
    assert normalise_origin(one) != normalise_origin(other)


def test_normalise_origin_keeps_an_escape_that_matters_in_one_case() -> None:
    assert normalise_origin("https://f.example/a%2fb%20c/") == "https://f.example/a%2Fb%20c/"


@pytest.mark.parametrize(
    "url", ["https://f.example:99999/", "https://[::1/", "https://a\u200db.example/"]
)
def test_normalise_origin_refuses_what_cannot_be_read(url: str) -> None:
    with pytest.raises(ValueError):
        normalise_origin(url)
