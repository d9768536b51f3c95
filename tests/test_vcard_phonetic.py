"""Issue 17, phonetic names: read in every dialect, stored, sorted and searched by,
and written back per version. Fixture: tests/data/vcard/phonetic.vcf
(make_fixtures.py): Apple 3.0 X-PHONETIC-*, Android 2.1 quoted-printable
X-PHONETIC-*, SOUND;X-IRMC-N in Shift_JIS half-width katakana (DoCoMo's one
component, and one part per component), Android 3.0 SORT-STRING, 4.0 SORT-AS."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from entregent.io.vcard_lines import card_lines
from entregent.model.tables import Contact
from entregent.services.exports.vcard_export import export_contacts
from entregent.services.imports.dispatch import import_file
from entregent.services.people.listing import PeopleFilter, list_people
from entregent.services.people.search import search_contacts

from .test_cli import run_cli

DATA = Path(__file__).parent / "data" / "vcard"
FIXTURE = DATA / "phonetic.vcf"

# family, given, (phonetic family, middle, given, org), org
STORED = {
    "山田": ("太郎", ("やまだ", "", "たろう", "とうしば"), "東芝"),
    "Kelly": ("Siobhan", ("", "", "Shivawn", ""), ""),
    "鈴木": ("一郎", ("すずき", "ジョン", "いちろう", ""), ""),
    "佐藤": ("花子", ("ｻﾄｳ", "", "ﾊﾅｺ", ""), ""),
    "田中": ("健", ("ﾀﾅｶ", "", "ｹﾝ", ""), ""),
    "高橋": ("美紀", ("たかはし", "", "みき", ""), ""),
    "王": ("小明", ("Wang", "", "Xiaoming", "Beijing Daxue"), "北京大学"),
}


def _stored() -> dict[str, tuple]:
    return {
        c.family_name: (
            c.given_name,
            (c.phonetic_family, c.phonetic_middle, c.phonetic_given, c.phonetic_org),
            c.org,
        )
        for c in Contact.select()
    }


def test_every_dialect_of_reading_is_stored_exactly(db):
    report = import_file(FIXTURE)
    assert (report.new, report.rejected, report.skipped_lines) == (7, [], [])
    assert _stored() == STORED


def _card_lines(text: str, family: str) -> list[str]:
    [card] = [c for c in text.split("END:VCARD") if f"N:{family};" in c or f":{family};" in c]
    return [p.text_line() for p in card_lines(card, 1).props]


# What each version writes for 山田 太郎 (by his reading) and 王小明 (a pinyin).
WRITTEN = {
    "3.0": {
        "山田": [
            "N:山田;太郎;;;",
            "ORG:東芝",
            "X-PHONETIC-FIRST-NAME:たろう",
            "X-PHONETIC-LAST-NAME:やまだ",
            "X-PHONETIC-ORG:とうしば",
            "SORT-STRING:やまだ たろう",
        ],
        "鈴木": [
            "N:鈴木;一郎;;;",
            "X-PHONETIC-FIRST-NAME:いちろう",
            "X-PHONETIC-MIDDLE-NAME:ジョン",
            "X-PHONETIC-LAST-NAME:すずき",
            "SORT-STRING:すずき ジョン いちろう",
        ],
    },
    "4.0": {
        # a part with no reading is sorted as written; X-PHONETIC-* stays exact
        "Kelly": ['N;SORT-AS="Kelly,Shivawn":Kelly;Siobhan;;;', "X-PHONETIC-FIRST-NAME:Shivawn"],
        "山田": [
            'N;SORT-AS="やまだ,たろう":山田;太郎;;;',
            "ORG;SORT-AS=とうしば:東芝",
            "X-PHONETIC-FIRST-NAME:たろう",
            "X-PHONETIC-LAST-NAME:やまだ",
            "X-PHONETIC-ORG:とうしば",
        ],
        "鈴木": [
            'N;SORT-AS="すずき,いちろう":鈴木;一郎;;;',
            "X-PHONETIC-FIRST-NAME:いちろう",
            "X-PHONETIC-MIDDLE-NAME:ジョン",
            "X-PHONETIC-LAST-NAME:すずき",
        ],
    },
}
_PHONETIC = ("N", "ORG", "X-PHONETIC", "SORT-STRING", "SOUND")


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_readings_are_written_per_version_and_reimport_unchanged(db, tmp_path, version):
    import_file(FIXTURE)
    out = tmp_path / "out.vcf"
    assert export_contacts(out, vcard_version=version) == 7
    text = out.read_text(encoding="utf-8")
    for family, expected in WRITTEN[version].items():
        lines = [
            line
            for line in _card_lines(text, family)
            if line.split(":")[0].split(";")[0] in _PHONETIC
            or line.startswith(("X-PHONETIC", "SORT-STRING"))
        ]
        assert lines == expected
    assert "SOUND" not in text and "X-IRMC" not in text  # written from the fields
    again = import_file(out)
    assert (again.new, again.updated, again.unchanged) == (0, 0, 7)
    assert _stored() == STORED
    # and into an empty book: the same readings
    Contact.delete().execute()
    assert import_file(out).new == 7
    assert _stored() == STORED


def test_a_name_in_kanji_sorts_by_its_reading(db):
    import_file(FIXTURE)
    names = [row.name for row in list_people(PeopleFilter(), "name", limit=50)]
    # by code point the kanji would give 佐藤 山田 田中 鈴木 高橋; by reading
    # (さとう すずき たかはし たなか やまだ, half-width katakana as the kana it is)
    # they come in the order of the kana, after the Latin readings.
    assert names == [
        "Siobhan Kelly",
        "王小明",
        "佐藤 花子",
        "鈴木 一郎",
        "高橋 美紀",
        "健 田中",
        "山田 太郎",
    ]


@pytest.mark.parametrize(
    "typed, found",
    [
        ("やまだ", "山田 太郎"),
        ("ヤマダ", "山田 太郎"),
        ("yamada", "山田 太郎"),
        ("yama", "山田 太郎"),
        ("taro", "山田 太郎"),
        ("とうしば", "山田 太郎"),
        ("hanako", "佐藤 花子"),  # stored in half-width katakana (ﾊﾅｺ)
        ("はなこ", "佐藤 花子"),
        ("ｻﾄｳ", "佐藤 花子"),
        ("tanaka", "健 田中"),
        ("takahashi", "高橋 美紀"),
        ("suzuki", "鈴木 一郎"),
        ("xiaoming", "王小明"),
        ("shivawn", "Siobhan Kelly"),
        ("yamada 太郎", "山田 太郎"),  # a reading with variants and a word without
        ("Siobhan Kelly", "Siobhan Kelly"),
    ],
)
def test_search_finds_a_person_by_the_reading_however_typed(db, typed, found):
    import_file(FIXTURE)
    assert [hit.name for hit in search_contacts(typed)] == [found]
    listed = list_people(PeopleFilter(text=typed), "name", limit=50)
    assert [row.name for row in listed] == [found]


def test_entregent_search_finds_the_reading(tmp_path):
    db = tmp_path / "x.db"
    assert run_cli("--db", db, "import", FIXTURE).returncode == 0
    for typed in ("やまだ", "yamada", "ﾔﾏﾀﾞ"):
        result = run_cli("--db", db, "search", typed, "--json")
        assert result.returncode == 0, result.stderr
        assert [hit["name"] for hit in json.loads(result.stdout)["results"]] == ["山田 太郎"]
