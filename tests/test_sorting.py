"""People sort as a reader expects, in French and English, through SQL ORDER BY sort_key."""

from __future__ import annotations

import hypothesis
import pytest
from hypothesis import strategies as st

from entregent.errors import UserError
from entregent.model.tables import Contact
from entregent.model.text_folding import PARTICLES, fold, sort_key, split_particles
from entregent.services.settings import get_setting, set_sort_order, sort_order


def _add(given: str = "", family: str = "", display: str | None = None) -> Contact:
    if display is None:
        display = " ".join(p for p in (given, family) if p)
    return Contact.create(given_name=given, family_name=family, display_name=display)


def _ordered() -> list[str]:
    return [c.display_name for c in Contact.select().order_by(Contact.sort_key, Contact.id)]


def test_fold_strips_case_and_accents():
    assert fold("Hélène ÇA Œuvre Straße Łódź") == "helene ca oeuvre strasse lodz"


@pytest.mark.parametrize(
    ("family", "expected"),
    [
        ("de Gaulle", ("de", "Gaulle")),
        ("van der Berg", ("van der", "Berg")),
        ("von Neumann", ("von", "Neumann")),
        ("d'Ormesson", ("d'", "Ormesson")),
        ("d’Alembert", ("d’", "Alembert")),
        ("de La Fontaine", ("de", "La Fontaine")),
        ("DE GAULLE", ("DE", "GAULLE")),
        ("Van Damme", ("", "Van Damme")),
        ("De Niro", ("", "De Niro")),
        ("D'Artagnan", ("", "D'Artagnan")),
        ("Giscard d'Estaing", ("", "Giscard d'Estaing")),
        ("de", ("", "de")),
        ("Martin", ("", "Martin")),
    ],
)
def test_particles(family, expected):
    assert split_particles(family) == expected


def test_french_names_by_family_name(db):
    for given, family in [
        ("Zoé", "Zola"),
        ("Élodie", "Martin"),
        ("Charles", "de Gaulle"),
        ("Elodie", "Martin"),
        ("émile", "durand"),
        ("Jean", "de La Fontaine"),
        ("Anne", "Martin-Dupont"),
        ("Zacharie", "Martin"),
        ("Jean", "d'Ormesson"),
        ("Paul", "Œillet"),
        ("Agnès", "Écuyer"),
        ("Valéry", "Giscard d'Estaing"),
        ("Charles", "D'Artagnan"),
    ]:
        _add(given, family)
    assert _ordered() == [
        "Charles D'Artagnan",  # capital D': part of the name, filed as Dartagnan
        "émile durand",  # lower case sorts with upper case
        "Agnès Écuyer",  # É beside E
        "Charles de Gaulle",  # under G
        "Valéry Giscard d'Estaing",
        "Jean de La Fontaine",  # "de" drops, the article "La" stays: under L
        "Elodie Martin",  # Elodie and Élodie side by side, unaccented first
        "Élodie Martin",
        "Zacharie Martin",  # every Martin before Martin-Dupont
        "Anne Martin-Dupont",
        "Paul Œillet",  # Œ as OE
        "Jean d'Ormesson",  # under O
        "Zoé Zola",
    ]


def test_english_and_dutch_names_by_family_name(db):
    for given, family in [
        ("Marc", "van der Berg"),
        ("Vincent", "van Gogh"),
        ("Jean-Claude", "Van Damme"),
        ("Robert", "De Niro"),
        ("Seán", "O'Brien"),
        ("Ann", "Oakley"),
        ("john", "smith"),
        ("Jane", "Smith"),
        ("John", "von Neumann"),
        ("Amy", "Berg"),
    ]:
        _add(given, family)
    assert _ordered() == [
        "Amy Berg",
        "Marc van der Berg",
        "Robert De Niro",
        "Vincent van Gogh",
        "John von Neumann",
        "Ann Oakley",
        "Seán O'Brien",
        "Jane Smith",
        "john smith",
        "Jean-Claude Van Damme",
    ]


def test_by_given_name_then_back_to_family_name_in_one_call(db):
    for given, family in [
        ("Zoé", "Abel"),
        ("Élodie", "Zola"),
        ("Elodie", "Martin"),
        ("Marc", "van der Berg"),
        ("Marc", "Antoine"),
    ]:
        _add(given, family)
    assert sort_order() == "family"
    assert set_sort_order("given") == 5
    assert get_setting("sort_by") == "given"
    assert _ordered() == [
        "Elodie Martin",
        "Élodie Zola",
        "Marc Antoine",
        "Marc van der Berg",
        "Zoé Abel",
    ]
    # a person added or edited afterwards takes the new order too
    _add("Adèle", "Zimmer")
    assert _ordered()[0] == "Adèle Zimmer"
    set_sort_order("family")
    assert _ordered() == [
        "Zoé Abel",
        "Marc Antoine",
        "Marc van der Berg",
        "Elodie Martin",
        "Adèle Zimmer",
        "Élodie Zola",
    ]


def test_refuses_an_unknown_order_and_keeps_the_keys(db):
    _add("Zoé", "Abel")
    before = Contact.get().sort_key
    with pytest.raises(UserError):
        set_sort_order("nickname")
    assert Contact.get().sort_key == before
    assert sort_order() == "family"


def test_people_with_part_of_a_name_or_none(db):
    _add("Maman", "")  # a given name only
    _add("", "Bernard")  # a family name only
    _add(display="Boulangerie Dupain")  # an organisation card
    _add(display="zelie@example.org")  # only an e-mail
    _add(display="")  # nothing to show
    _add("Claire", "Bernard")
    assert _ordered() == [
        "Bernard",
        "Claire Bernard",
        "Boulangerie Dupain",
        "Maman",
        "zelie@example.org",
        "",
    ]


def test_hyphens_and_apostrophes():
    assert sort_key("Jean-Pierre", "Lévêque", "x").startswith("leveque\x02jean pierre\x01")
    assert sort_key("", "", "O’Neil & Co").startswith("oneil co\x01")
    assert sort_key("Jean", "d'Ormesson", "x", "given").startswith("jean\x02dormesson\x01")


# Letters Unicode does not decompose, written as a directory would sort them.
_LIGATURES_AND_STROKES = str.maketrans(
    {
        "œ": "oe",
        "Œ": "oe",
        "æ": "ae",
        "Æ": "ae",
        "ß": "ss",
        "ø": "o",
        "Ø": "o",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "ı": "i",
    }
)


def _reference_fold(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES_AND_STROKES))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@hypothesis.settings(max_examples=300, deadline=None)
@hypothesis.given(st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30))
def test_fold_fast_paths_agree_with_the_full_rule(text):
    assert fold(text) == _reference_fold(text)


@hypothesis.settings(max_examples=200, deadline=None)
@hypothesis.given(
    st.from_regex(r"[A-Za-zÀ-ÿ' -]{1,20}", fullmatch=True),
    st.from_regex(r"[A-Za-zÀ-ÿ' -]{1,20}", fullmatch=True),
)
def test_case_never_changes_the_place(given_name, family_name):
    def base(g, f):
        return sort_key(g, f, "x").partition("\x01")[0]

    assert base(given_name.swapcase(), family_name) == base(given_name, family_name)
    first = family_name.split()[0].casefold() if family_name.split() else ""
    if first not in PARTICLES and not first.startswith(("d'", "d’")):
        assert base(given_name, family_name.upper()) == base(given_name, family_name.lower())


def test_the_settings_dialog_service_re_keys_too(db):
    from entregent.services.settings import write_setting

    _add("Zoé", "Abel")
    _add("Adèle", "Zimmer")
    write_setting("sort_by", "given")
    assert _ordered() == ["Adèle Zimmer", "Zoé Abel"]


def test_the_people_list_pages_in_the_same_order(db):
    from entregent.services.people.listing import PeopleFilter, list_people

    for given, family in [
        ("Zoé", "Zola"),
        ("Élodie", "Martin"),
        ("Charles", "de Gaulle"),
        ("Elodie", "Martin"),
        ("émile", "durand"),
    ]:
        _add(given, family)
    first = list_people(PeopleFilter("all"), limit=3)
    rest = list_people(PeopleFilter("all"), offset=3, limit=3)
    assert [p.name for p in first + rest] == [
        "émile durand",
        "Charles de Gaulle",
        "Elodie Martin",
        "Élodie Martin",
        "Zoé Zola",
    ]
    z_to_a = list_people(PeopleFilter("all"), descending=True, limit=2)
    assert [p.name for p in z_to_a] == ["Zoé Zola", "Élodie Martin"]


def test_re_keying_reports_progress_and_a_cancel_changes_nothing(db, monkeypatch):
    import pytest

    from entregent.errors import Cancelled
    from entregent.services import settings as preferences

    names = [
        ("Zoé", "Abel"),
        ("Adèle", "Zimmer"),
        ("Bruno", "Martin"),
        ("Yves", "Blanc"),
        ("Camille", "Roy"),
    ]
    for given, family in names:
        _add(given, family)
    by_family = _ordered()
    monkeypatch.setattr(preferences, "RESORT_BATCH", 2)  # several batches on five people
    reports: list[tuple[int, int]] = []
    asked = []

    def cancel_on_second_ask() -> bool:
        asked.append(1)
        return len(asked) == 2

    with pytest.raises(Cancelled):
        set_sort_order(
            "given", progress=lambda *a: reports.append(a), cancelled=cancel_on_second_ask
        )
    assert reports == [(2, 5)]  # one batch done, then the cancel: all of it undone
    assert sort_order() == "family" and _ordered() == by_family
    reports.clear()
    assert set_sort_order("given", progress=lambda *a: reports.append(a)) == 5
    assert reports == [(2, 5), (4, 5), (5, 5)]
    assert _ordered() == sorted(_ordered()) and _ordered()[0] == "Adèle Zimmer"
