"""Normalized copies of phones and e-mails, used to spot the same person twice.

Phones become E.164 (``+33612345678``) with phonenumbers, reading numbers
written without a country code in the default region (the ``phone_region``
setting, else the country of the locale). What cannot be read as a number keeps
its digits. E-mails are trimmed and lower-cased.
"""

from __future__ import annotations

import locale
import os
import re
from functools import lru_cache

import phonenumbers

__all__ = ["normalize_phone", "normalize_email", "default_region"]

_NOT_DIGIT = re.compile(r"[^\d+]")
# "+33 6 12 34 56 78": already international, its digits are its E.164 form.
_INTERNATIONAL = re.compile(r"^\+[1-9][\d \-.]{6,20}$")


def default_region(setting: str = "") -> str | None:
    """The region to read local numbers in: the setting, else the locale's country."""
    if setting:
        return setting.upper()
    for name in ("LC_ALL", "LC_TELEPHONE", "LC_CTYPE", "LANG"):
        value = os.environ.get(name, "")
        match = re.match(r"^[a-z]{2,3}_([A-Z]{2})", value)
        if match:
            return match.group(1)
    try:
        code = locale.getlocale()[0] or ""
    except ValueError:
        code = ""
    match = re.match(r"^[a-z]{2,3}_([A-Z]{2})", code)
    return match.group(1) if match else None


@lru_cache(maxsize=65536)
def normalize_phone(value: str, region: str | None = None) -> str:
    """E.164 form of a phone number as written, or its bare digits if it is not one."""
    text = value.strip()
    if text.lower().startswith("tel:"):
        text = text[4:]
    text = text.split(";", 1)[0]
    if not text:
        return ""
    if _INTERNATIONAL.match(text):
        digits = _NOT_DIGIT.sub("", text)
        if 8 <= len(digits) <= 16:
            return digits
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        number = None
    if number is not None and phonenumbers.is_possible_number(number):
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    digits = _NOT_DIGIT.sub("", text)
    return digits if len(digits.lstrip("+")) >= 3 else ""


def normalize_email(value: str) -> str:
    text = value.strip()
    if text.lower().startswith("mailto:"):
        text = text[7:]
    return text.lower()
