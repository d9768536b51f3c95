"""model/kana: the spellings a typed word may have as a stored Japanese reading."""

from __future__ import annotations

import pytest

from entregent.model.kana import romaji_to_hiragana, spellings, to_hiragana


@pytest.mark.parametrize(
    "romaji, hiragana",
    [
        ("yamada", "やまだ"),
        ("Tarou", "たろう"),
        ("tarō", "たろう"),
        ("shimbun", "しんぶ"),  # Hepburn m before b; the last n left out, as below
        ("shinbun", "しんぶ"),  # the last n may be on its way to な: left out
        ("kitte", "きって"),
        ("matcha", "まっちゃ"),
        ("kyouko", "きょうこ"),
        ("sinbun", "しんぶ"),  # Kunrei si
        ("tuki", "つき"),
        ("jun'ichi", "じゅんいち"),
        ("satoh", "さと"),  # an incomplete last syllable left out
    ],
)
def test_romaji_to_hiragana(romaji, hiragana):
    assert romaji_to_hiragana(romaji) == hiragana


@pytest.mark.parametrize("word", ["xyz", "smith", "q", ""])
def test_words_that_are_not_romaji(word):
    assert romaji_to_hiragana(word) is None


def test_spellings_of_a_reading():
    assert spellings("yamada") == ["yamada", "やまだ", "ヤマダ", "ﾔﾏﾀﾞ"]
    assert spellings("ヤマダ") == ["ヤマダ", "やまだ", "ﾔﾏﾀﾞ"]
    assert spellings("ﾊﾅｺ") == ["ﾊﾅｺ", "はなこ", "ハナコ"]
    assert spellings("Smith") == ["Smith"]
    assert spellings("shimbun")[-2:] == ["しんぶん", "シンブン"]  # the n that ends it
    assert spellings("山田") == ["山田"]
    assert to_hiragana("ﾀﾞｲｽｹ") == "だいすけ"
