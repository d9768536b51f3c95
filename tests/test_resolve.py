"""Naming a person on the command line: by id, full name, or a few words."""

from __future__ import annotations

import pytest

from entregent.errors import Ambiguous, NotFound
from entregent.model.tables import Contact
from entregent.services.people.resolve import resolve_person


def _person(name, **fields):
    given, _, family = name.partition(" ")
    return Contact.create(display_name=name, given_name=given, family_name=family, **fields).id


def test_resolves_by_id_exact_name_and_words(db):
    helene = _person("Hélène Dupont")
    marc = _person("Marc Dupont")
    assert resolve_person(str(helene)) == helene
    assert resolve_person(f"#{marc}") == marc
    assert resolve_person("helene dupont") == helene
    assert resolve_person("hél") == helene


def test_exact_name_wins_over_longer_names(db):
    anne = _person("Anne Martin")
    _person("Anne Martin-Leroy")
    assert resolve_person("Anne Martin") == anne


def test_ambiguous_lists_candidates(db):
    a = _person("Paul Girard", org="Mairie")
    b = _person("Paul Lemoine")
    with pytest.raises(Ambiguous) as info:
        resolve_person("paul")
    assert info.value.exit_code == 2
    assert f"Paul Girard (Mairie) #{a}" in info.value.candidates
    assert f"Paul Lemoine #{b}" in info.value.candidates


def test_nobody_and_archived_are_not_found(db):
    gone = _person("Zoé Archivée", archived=True)
    with pytest.raises(NotFound):
        resolve_person("nobody here")
    with pytest.raises(NotFound):
        resolve_person(str(gone))
    with pytest.raises(NotFound):
        resolve_person("zoe archivee")
    with pytest.raises(NotFound):
        resolve_person("  ")
