"""Japanese readings as people type them: romaji, hiragana, katakana, half-width.

A reading (yomigana) is stored as the phone wrote it: hiragana (iPhone), katakana
or half-width katakana (feature phones, Android), or romaji. Someone searching
types it whichever way their keyboard gives. ``spellings`` turns one typed word
into the forms a stored reading may have, for the search to look for all of
them. No dependency beyond unicodedata.
"""

from __future__ import annotations

import unicodedata

__all__ = ["spellings", "to_hiragana", "to_katakana", "romaji_to_hiragana"]

# Katakana ァ..ヶ and hiragana ぁ..ゖ are the same kana 0x60 apart.
_TO_HIRAGANA = {code: code - 0x60 for code in range(0x30A1, 0x30F7)}
_TO_KATAKANA = {code - 0x60: code for code in range(0x30A1, 0x30F7)}

_VOWELS = {"a": "あ", "i": "い", "u": "う", "e": "え", "o": "お"}
_ROWS = {
    "k": "かきくけこ",
    "s": "さしすせそ",
    "t": "たちつてと",
    "n": "なにぬねの",
    "h": "はひふへほ",
    "m": "まみむめも",
    "r": "らりるれろ",
    "g": "がぎぐげご",
    "z": "ざじずぜぞ",
    "d": "だぢづでど",
    "b": "ばびぶべぼ",
    "p": "ぱぴぷぺぽ",
}
_SYLLABLES: dict[str, str] = {}
for _consonant, _kana in _ROWS.items():
    for _vowel, _char in zip("aiueo", _kana, strict=True):
        _SYLLABLES[_consonant + _vowel] = _char
_SYLLABLES.update(
    {
        "ya": "や",
        "yu": "ゆ",
        "yo": "よ",
        "wa": "わ",
        "wo": "を",
        "shi": "し",
        "chi": "ち",
        "tsu": "つ",
        "fu": "ふ",
        "ji": "じ",
        "jya": "じゃ",
        "ja": "じゃ",
        "ju": "じゅ",
        "jo": "じょ",
        "je": "じぇ",
        "sha": "しゃ",
        "shu": "しゅ",
        "sho": "しょ",
        "she": "しぇ",
        "cha": "ちゃ",
        "chu": "ちゅ",
        "cho": "ちょ",
        "che": "ちぇ",
        "fa": "ふぁ",
        "fi": "ふぃ",
        "fe": "ふぇ",
        "fo": "ふぉ",
        "nn": "ん",
        "n'": "ん",
    }
)
for _consonant, _kana in {**_ROWS, "s": "し", "t": "ち", "z": "じ"}.items():
    _i = _kana[1] if len(_kana) == 5 else _kana
    for _vowel, _small in zip("auo", "ゃゅょ", strict=True):
        _SYLLABLES.setdefault(_consonant + "y" + _vowel, _i + _small)
_LONGEST = max(len(s) for s in _SYLLABLES)
_MACRONS = {"ā": "aa", "ī": "ii", "ū": "uu", "ē": "ee", "ō": "ou", "â": "aa", "ô": "ou", "û": "uu"}


def _half_width() -> dict[str, str]:
    """Full-width katakana (voiced ones too) → its half-width spelling."""
    found: dict[str, str] = {}
    halves = [chr(c) for c in range(0xFF66, 0xFF9E)]
    for half in halves:
        found.setdefault(unicodedata.normalize("NFKC", half), half)
        for mark in ("\uff9e", "\uff9f"):  # ﾞ ﾟ
            joined = unicodedata.normalize("NFKC", half + mark)
            if len(joined) == 1:
                found.setdefault(joined, half + mark)
    found["ー"] = "\uff70"
    return found


_HALF = _half_width()


def to_hiragana(text: str) -> str:
    """Katakana (full or half width) as hiragana; everything else as it is."""
    return unicodedata.normalize("NFKC", text).translate(_TO_HIRAGANA)


def to_katakana(text: str) -> str:
    return to_hiragana(text).translate(_TO_KATAKANA)


def _to_half_width(text: str) -> str:
    return "".join(_HALF.get(c, c) for c in to_katakana(text))


def romaji_to_hiragana(word: str) -> str | None:
    """The hiragana of a romaji word (Hepburn, Kunrei or as typed on a keyboard),
    a trailing incomplete syllable left out (a word being typed); None when
    ``word`` is not romaji."""
    text = "".join(_MACRONS.get(c, c) for c in word.lower())
    if not text or not all("a" <= c <= "z" or c in "'-" for c in text):
        return None
    out: list[str] = []
    index = 0
    while index < len(text):
        step = _next_kana(text, index)
        if step is None:
            if text[index + 1 :].strip("'-") == "":
                break  # an incomplete last syllable
            return None
        kana, index = step
        out.append(kana)
    return "".join(out) or None


def _next_kana(text: str, index: int) -> tuple[str, int] | None:
    """The kana romaji ``text`` spells at ``index`` and where the next one starts."""
    char = text[index]
    following = text[index + 1 : index + 2]
    if char in _VOWELS:
        return _VOWELS[char], index + 1
    if char == "-":
        return "ー", index + 1
    if (char == following and char not in "n'") or (char == "t" and following == "c"):
        return "っ", index + 1  # a doubled consonant: a small tsu
    for size in range(min(_LONGEST, len(text) - index), 1, -1):
        kana = _SYLLABLES.get(text[index : index + size])
        if kana:
            return kana, index + size
    if (char == "n" and following and following not in "aiueoy") or (
        char == "m" and following in ("b", "p", "m")
    ):  # ん before a consonant (Hepburn writes it m before b, p, m)
        return "ん", index + 1
    return None


def spellings(word: str) -> list[str]:
    """``word`` and the other ways a stored reading may spell it, ``word`` first."""
    forms = [word]
    latin = "".join(_MACRONS.get(c, c) for c in word.lower()).isascii()
    hiragana = romaji_to_hiragana(word) if latin else to_hiragana(word)
    if not hiragana or not any("\u3041" <= c <= "\u3096" for c in hiragana):
        return forms
    for form in (hiragana, to_katakana(hiragana), _to_half_width(hiragana)):
        if form not in forms:
            forms.append(form)
    if latin and word.lower().endswith("n") and not hiragana.endswith("ん"):
        # "yaman" may be on its way to やまな: the ん form as well
        with_n = hiragana + "ん"
        forms.extend(f for f in (with_n, to_katakana(with_n)) if f not in forms)
    return forms
