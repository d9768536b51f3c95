"""The contact columns a vCard carries: one list for the import, the export,
an import's snapshot and a merge, so that a field added to the card is added
to all of them at once.

The reader (``io.vcard_reader``) gives a parsed card attributes of the same
names. The photo's bytes are not in ``CARD_FIELDS``: each user reads them
apart (the export writes them, a snapshot only compares their digest).
"""

from __future__ import annotations

__all__ = ["NAME_PARTS", "PHONETIC_FIELDS", "PERSON_FIELDS", "CARD_FIELDS"]

# The parts of a structured name (vCard N, in the columns' order).
NAME_PARTS = ("given_name", "family_name", "additional_names", "prefix", "suffix")
# How the name and the organisation are read aloud (X-PHONETIC-*, SORT-AS …).
PHONETIC_FIELDS = ("phonetic_given", "phonetic_middle", "phonetic_family", "phonetic_org")
# What a card says about the person: the name's parts and the other text fields.
PERSON_FIELDS = (
    *NAME_PARTS,
    "nickname",
    "org",
    "title",
    *PHONETIC_FIELDS,
    "birthday",
    "anniversary",
    "note",
)
# Every column a card fills, photo bytes apart, in the order they are selected.
CARD_FIELDS = ("uid", "display_name", *PERSON_FIELDS, "photo_url", "rev")
