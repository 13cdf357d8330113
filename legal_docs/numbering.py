"""Number/symbol (số ký hiệu) of Vietnamese legal documents: validation and the normalised
key that makes `2975/qd-ubnd`, `2975/QĐ-UBND` and NFD-typed input find the same document."""

import re
import unicodedata

from django.utils.text import slugify

from portal.core.text import fold  # noqa: F401 (re-exported: callers import it from here)

# 2975/QĐ-UBND, 60/2014/QH13, 123/2015/NĐ-CP, 22/2023/TT-BTTTT, 01/2016/TTLT-BTP-BTC
NUMBER_SYMBOL = re.compile(r"^\d{1,5}(/\d{4})?/[A-ZĐ][A-ZĐ0-9]*(-[A-ZĐ][A-ZĐ0-9]*)*$")


def clean_number_symbol(value):
    """NFC, upper case, no spaces: the way the document itself writes it."""
    value = unicodedata.normalize("NFC", value or "").strip().upper()
    return re.sub(r"\s+", "", value)


def is_valid_number_symbol(value):
    return bool(NUMBER_SYMBOL.match(clean_number_symbol(value)))


def number_key(value):
    return fold(clean_number_symbol(value)).upper()


def document_slug(number_symbol, issue_year):
    """`2975/QĐ-UBND` of 2024 -> `2975-qd-ubnd-2024`; `60/2014/QH13` -> `60-2014-qh13`."""
    slug = slugify(number_key(number_symbol).replace("/", "-"))
    if issue_year and f"/{issue_year}/" not in clean_number_symbol(number_symbol):
        slug = f"{slug}-{issue_year}"
    return slug
