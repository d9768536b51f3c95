"""How the label of a phone number, an e-mail or an address reads in the user's
language: cards carry English TYPE values ("cell", "home,voice") or Apple labels
("mobile"); known ones are translated, anything else is shown as written."""

from __future__ import annotations

from entregent.i18n import N_, _

__all__ = ["method_label"]

_KINDS = {
    "tel": N_("phone"),
    "email": N_("e-mail"),
    "adr": N_("address"),
    "url": N_("website"),
    "impp": N_("chat"),
}
_TYPES = {
    "home": N_("home"),
    "work": N_("work"),
    "cell": N_("mobile"),
    "mobile": N_("mobile"),
    "iphone": "iPhone",
    "main": N_("main"),
    "other": N_("other"),
    "fax": N_("fax"),
    "homefax": N_("home fax"),
    "workfax": N_("work fax"),
    "pager": N_("pager"),
    "voice": N_("voice"),
    "text": N_("text messages"),
    "video": N_("video"),
    "homepage": N_("home page"),
    "school": N_("school"),
    "internet": N_("e-mail"),
    "personal": N_("personal"),
    "business": N_("work"),
    "car": N_("car"),
}


def method_label(kind: str, label: str) -> str:
    """``method_label("tel", "cell,voice")`` -> "mobile, voice" (or "portable, voix")."""
    parts = [p.strip() for p in (label or "").split(",") if p.strip()]
    if not parts:
        return _(_KINDS[kind]) if kind in _KINDS else kind
    return ", ".join(_(_TYPES[p.casefold()]) if p.casefold() in _TYPES else p for p in parts)
