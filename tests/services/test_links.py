"""What a delegate pastes to sign in: the code, grouped or not, or any link that carries it."""

from __future__ import annotations

import pytest

from services.links import feed_url_from_link, normalise_code, typed_code

CODE = "abcdefghijklmnopqrstuvwxyz"
FEED = "https://feed.example.org/"


@pytest.mark.parametrize(
    "pasted",
    [
        CODE,
        " ABCD-EFGH ijkl-mnop-qrst-uvwx-yz ",
        f"{FEED}delegates/{CODE}.json",
        f"{FEED}delegates/{CODE}.ics",
        f"webcal://feed.example.org/delegates/{CODE}.ics",
        f"{FEED}delegates/{CODE}.html",  # the pocket agenda
        f"{FEED}delegates/{CODE}.fr.html",
        f"{FEED}delegates/{CODE}.json?utm_source=mail/welcome",  # a slash in the query
        f"{FEED}delegates/{CODE}.json#top",
        f"https://app.example.org/join/{CODE}",
        f"https://app.example.org/join/{CODE}/",
        "abcd-efgh-ijkl-mn0p-qrst-uvwx-yz",  # read off paper: a zero for the letter o
    ],
)
def test_normalise_code_finds_the_code_in_what_is_pasted(pasted: str) -> None:
    assert normalise_code(pasted) == CODE


@pytest.mark.parametrize(
    "pasted",
    ["", "hello there", CODE[:-1], CODE + "a", f"{FEED}delegates/{CODE}.pdf", f"{FEED}?c={CODE}"],
)
def test_normalise_code_refuses_what_carries_no_code(pasted: str) -> None:
    assert normalise_code(pasted) is None


def test_feed_url_from_link_is_the_part_before_delegates() -> None:
    assert feed_url_from_link(f"{FEED}x/delegates/{CODE}.json") == f"{FEED}x/"
    assert feed_url_from_link(f"webcal://feed.example.org/delegates/{CODE}.ics") is None
    assert feed_url_from_link(CODE) is None


@pytest.mark.parametrize(
    "pasted",
    [
        f"{CODE}.",  # the end of 'Your code is …. '
        f"({CODE})",
        f'"{CODE}"',
        f"«\u00a0{CODE}\u00a0»",
        f"Code: {CODE}",
        f"Votre code personnel\u00a0: {CODE}",
        f"<https://app.example.org/join/{CODE}>",  # a plain-text mail's link
        f"https://app.example.org/join/{CODE}.",
        f"{CODE[:9]}\u200b{CODE[9:]}",  # a zero-width space from an HTML mail
        f"{CODE[:5]}\u00ad{CODE[5:]}",  # a soft hyphen
        f"\ufeff{CODE}",
        f"*{CODE}*",  # a plain-text mail's bold
        f"Code: _{CODE}_",  # and its underline
        "abcd\u2011efgh\u2011ijkl\u2011mnop\u2011qrst\u2011uvwx\u2011yz",  # non-breaking hyphens
        "abcd\u2013efgh\u2010ijkl\u2212mnop-qrst-uvwx-yz",  # en dash, hyphen, minus sign
    ],
)
def test_normalise_code_sees_past_what_a_mail_puts_around_the_code(pasted: str) -> None:
    """A code copied out of the welcome e-mail with its full stop, its quotes, a 'Code:' label
    or a zero-width space was refused as 'not a personal code' although all of it was there."""
    assert normalise_code(pasted) == CODE


def test_feed_url_from_link_in_angle_brackets_is_found() -> None:
    assert feed_url_from_link(f"<{FEED}delegates/{CODE}.json>") == FEED


@pytest.mark.parametrize(
    "pasted",
    [
        f"Link: {FEED}delegates/{CODE}.json",
        f"Votre lien personnel\u00a0: <{FEED}delegates/{CODE}.json>.",
        f"Uw link: {FEED}delegates/{CODE}.json",
    ],
)
def test_feed_url_from_a_labelled_link_is_the_links_server(pasted: str) -> None:
    """The code of a link copied with its label was taken, but not its server: the sign-in
    went to the app's own feed, never asking about the link's."""
    assert feed_url_from_link(pasted) == FEED and normalise_code(pasted) == CODE


@pytest.mark.parametrize("pasted", ["Code:", f"Code: {CODE[:-1]}", f"{CODE}x.", "...", "<>"])
def test_normalise_code_still_refuses_a_wrapped_non_code(pasted: str) -> None:
    assert normalise_code(pasted) is None


def test_typed_code_is_what_was_held_up_against_a_code() -> None:
    assert typed_code(" ABCD-efgh 1JKL. ") == "abcdefgh1jkl"
    assert typed_code(f"{FEED}delegates/{CODE[:-1]}.json") == CODE[:-1]
