"""A password validator for what Django's own lists miss here: a repeated pattern
("aaaaaaaaaaaa", "abcabcabcabc"), a run of digits at the end ("...123456"), and the agency's
name (its profile's [passwords], its site name and domain) or a common Vietnamese word with
digits or signs added ("sogiaoduc1234", "Tinh@2024"): the first guesses of anyone who targets
this portal."""

import re
import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from portal.core import profile

# Lower case, without diacritics, spaces or signs.
COMMON_WORDS = {
    "ubnd", "ubndtinh", "congthongtin", "trangthongtin",
    "quantri", "quantrivien", "admin", "administrator", "matkhau", "password", "pass",
    "vietnam", "hanoi", "hochiminh", "saigon", "anhyeuem", "emyeuanh", "yeuem",
    "iloveyou", "qwerty", "qwertyuiop", "asdfgh", "asdfghjkl", "abc", "abcd", "abcdef",
    "bientap", "banbientap", "vanphong", "lanhdao", "canbo", "congchuc", "thanhvien",
}  # fmt: skip
DIGITS = "01234567890"


def plain(text):
    """Lower case letters and digits only, without Vietnamese diacritics (đ becomes d)."""
    text = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(c for c in text if c.isascii() and c.isalnum())


def agency_words():
    domain = settings.PORTAL_DOMAIN.split(".")
    own = {plain(word) for word in profile.current().password_words}
    return COMMON_WORDS | own | {plain(settings.WAGTAIL_SITE_NAME)} | {plain(p) for p in domain}


def ends_in_a_run(password, length=4):
    tail = re.search(r"\d+$", password)
    if tail is None or len(tail.group()) < length:
        return False
    digits = tail.group()[-length:]
    return digits in DIGITS or digits[::-1] in DIGITS


class VietnamesePatternValidator:
    def validate(self, password, user=None):
        if re.fullmatch(r"(.{1,4}?)\1+", password, re.S):
            raise ValidationError(
                _("This password only repeats a few characters: choose one harder to guess."),
                code="password_repeated",
            )
        if plain(password).strip(DIGITS) in agency_words():
            raise ValidationError(
                _(
                    "This password is the agency's name or a common word with digits added: "
                    "choose a phrase of several words that others cannot guess."
                ),
                code="password_common_pattern",
            )
        if ends_in_a_run(password):
            raise ValidationError(
                _(
                    "This password ends in a run of digits such as 123456: choose one harder to guess."
                ),
                code="password_digit_run",
            )

    def get_help_text(self):
        return _(
            "Your password cannot be a repeated pattern, end in a run of digits such as 123456, "
            "or be the agency's name or a common word with digits added."
        )
