"""Per-person bookmarks and contact cards on a shared device (services.settings)."""

from __future__ import annotations

from services.mycard import MyCard
from services.notes import owner_of
from services.settings import Settings, bookmarks_after_switch, card_after_switch


def test_bookmarks_after_switch_sign_out_shelves_them_for_their_owner() -> None:
    code = "k" * 26
    mine, shelf = bookmarks_after_switch(Settings(personal_code=code, bookmarks=["x"]), None)
    assert mine == [] and shelf == {owner_of(code): ["x"]}
    assert code not in str(shelf), "the code itself is never stored as a key"


def test_bookmarks_after_switch_another_person_gets_their_own_and_the_first_is_kept() -> None:
    shelved = {owner_of("b"): ["y"]}
    settings = Settings(personal_code="a", bookmarks=["x"], shelved_bookmarks=shelved)
    mine, shelf = bookmarks_after_switch(settings, "b")
    assert mine == ["y"] and shelf == {owner_of("a"): ["x"]}


def test_bookmarks_after_switch_visitor_marks_join_the_person_signing_in() -> None:
    shelved = {owner_of("a"): ["x"]}
    mine, shelf = bookmarks_after_switch(
        Settings(bookmarks=["z", "x"], shelved_bookmarks=shelved), "a"
    )
    assert mine == ["x", "z"] and shelf == {}


def test_bookmarks_after_switch_same_person_keeps_everything() -> None:
    settings = Settings(personal_code="a", bookmarks=["x"], shelved_bookmarks={"o": ["y"]})
    assert bookmarks_after_switch(settings, "a") == (["x"], {"o": ["y"]})


def test_card_after_switch_sign_out_shelves_it_and_the_next_person_never_gets_it() -> None:
    card = MyCard(given="Lotte", family="Vermeulen", phone="+32471123456")
    settings = Settings(personal_code="a", my_card=card)
    gone, shelf = card_after_switch(settings, None)
    assert gone is None and shelf == {owner_of("a"): card}
    assert "a" * 26 not in str(shelf)
    other, shelf_b = card_after_switch(Settings(shelved_cards=shelf), "b")
    assert other is None and shelf_b == shelf  # Camille does not get Lotte's card
    back, shelf_a = card_after_switch(Settings(personal_code="b", shelved_cards=shelf), "a")
    assert back == card and shelf_a == {}


def test_card_after_switch_a_visitors_card_becomes_theirs_same_person_keeps_it() -> None:
    card = MyCard(given="Visitor")
    assert card_after_switch(Settings(my_card=card), "a") == (card, {})
    assert card_after_switch(Settings(personal_code="a", my_card=card), "a") == (card, {})
