"""Labels of phone numbers and addresses read in the user's language."""

from __future__ import annotations

from entregent import i18n
from entregent.contact_labels import method_label


def test_contact_method_labels_in_both_languages():
    try:
        i18n.set_language("fr")
        assert method_label("tel", "cell,voice") == "portable, voix"
        assert method_label("email", "home") == "domicile"
        assert method_label("tel", "") == "téléphone"
        assert method_label("tel", "Chez Mamie") == "Chez Mamie"  # one's own label stays
    finally:
        i18n.set_language("en")
    assert method_label("tel", "CELL") == "mobile"
    assert method_label("adr", "") == "address"
