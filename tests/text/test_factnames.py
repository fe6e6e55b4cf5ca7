"""Names between a claim and a fact-check (text.factnames): what a post adds about itself, and swaps."""

from __future__ import annotations

import pytest

from claimtrack.text import factnames


def test_a_tweet_signature_handles_and_hashtags_are_no_part_of_its_own_names():
    tweet = "@BarackObama banned Fox News. #cesarsayoc #MAGA — Donald J. Trump (@realDonaldTrump) July 5, 2016"
    assert factnames.body(tweet).split() == ["banned", "Fox", "News."]
    spelled = factnames.mentions(tweet)
    assert "barack obama" in spelled and "cesarsayoc" in spelled and "donald j. trump" in spelled


def test_what_tags_spell_covers_the_other_sides_names():
    assert factnames.missing(frozenset({"cesar sayoc", "fbi"}), frozenset(), "stickers on #cesarsayoc's van") == ["fbi"]
    assert not factnames.missing(frozenset({"barack obama"}), frozenset(), "@BarackObama banned Fox News")


def test_headline_case_marks_no_names():
    assert factnames.headline_case("BREAKING: Trump Just Declare To Ban Full-Face Veils In Public Places.")
    assert not factnames.headline_case("Education Secretary Betsy DeVos ordered that all globes be flattened.")


def test_abbreviated_words_and_acronyms_are_alike_and_offices_share_a_head():
    assert factnames.alike("natl science foundation", "national science foundation")
    assert factnames.alike("cbo", "congressional budget office")
    assert not factnames.alike("national academy of sciences", "natl science foundation")
    assert factnames.same_head("congressional budget office", "government accountability office")
    assert not factnames.same_head("fox news", "white house")


@pytest.mark.parametrize(("own", "other", "swapped"), [
    ("the average plan in canada costs 5,800", "the average plan in america today is 5,800", True),
    ("the fbi found that stickers on the van changed", "stickers on the van changed, anons on 8chan say", False),
])
def test_a_name_is_replaced_only_where_the_other_side_names_another_in_its_slot(own, other, swapped):
    name = own.split()[4] if swapped else "fbi"
    other_missing = ["us"] if swapped else ["anons"]
    assert factnames.replaced(name, own, other, other_missing) is swapped


def test_a_chinese_name_is_replaced_where_the_other_has_two_characters_or_more_in_its_slot():
    assert factnames.replaced("瓜地马拉", "网传蔡英文到瓜地马拉才四小时", "蔡英文到海地才四小时", [])
    assert not factnames.replaced("日本", "网传入境日本没有登机检疫", "入境没有登机检疫", [])  # merely added
