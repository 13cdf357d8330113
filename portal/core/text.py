"""Vietnamese text: the one folding every search path agrees on, and NFC."""

import unicodedata

from django.utils.text import slugify


def fold(text):
    """Lower case without diacritics, đ as d: what citizens type when they skip accents.
    Every combining mark goes, so stacked marks (ệ, ậ) and NFD input fold alike."""
    text = unicodedata.normalize("NFD", text or "").replace("đ", "d").replace("Đ", "D")
    text = "".join(char for char in text if unicodedata.category(char) != "Mn")
    return unicodedata.normalize("NFC", text).lower()


def ascii_slug(text):
    """A page address in plain letters: "Hội thảo đánh giá" gives "hoi-thao-danh-gia". Typed
    without accents it is the same address, and a citation prints it as it reads."""
    return slugify(fold(text))


def nfc(value):
    """NFC-normalise every string inside a value (dicts, lists, strings)."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [nfc(item) for item in value]
    if isinstance(value, dict):
        return {key: nfc(item) for key, item in value.items()}
    return value
