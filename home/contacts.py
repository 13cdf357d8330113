"""The contact a citizen leaves on the feedback form: an email address the office can write
to, or a Vietnamese phone number it can call. Both are checked and kept in one form, so
"hoa.nguyen@gmail" or "xyz" never reach the office's inbox as an answerable contact."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

# After +84/84/0 is read as the leading 0: mobiles have 10 digits and start 03, 05, 07, 08
# or 09; landlines have 11 and start 02 (an area code and the number: 024 then eight
# digits, 0236 then seven).
MOBILE = re.compile(r"0[35789]\d{8}")
LANDLINE = re.compile(r"02\d{9}")
SEPARATORS = re.compile(r"[\s.\-()]")
INVALID = _(
    "Enter an email address (such as ten@gmail.com) or a Vietnamese phone number "
    "(such as 0912 345 678 or 024 3852 1234) so the office can answer you."
)


def is_email(contact):
    return "@" in contact


def normalise_phone(text):
    """The number with its leading 0 and no separators, or None if it is none of ours."""
    digits = SEPARATORS.sub("", text)
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    if MOBILE.fullmatch(digits) or LANDLINE.fullmatch(digits):
        return digits
    return None


def clean_contact(text):
    """The contact as kept: an email (domain in lower case) or a normalised phone number."""
    text = (text or "").strip()
    if is_email(text):
        local, _at, domain = text.rpartition("@")
        email = f"{local}@{domain.lower()}"
        try:
            validate_email(email)  # Django's: the domain needs a dot and a proper ending
        except ValidationError:
            raise ValidationError(INVALID, code="invalid") from None
        return email
    phone = normalise_phone(text)
    if phone is None:
        raise ValidationError(INVALID, code="invalid")
    return phone
