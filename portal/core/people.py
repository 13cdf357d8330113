"""People's names in the Vietnamese order. A Vietnamese name is family name, middle names,
given name: "Nguyễn Thị Hoa". The account keeps the family and middle names in `last_name`
("Nguyễn Thị") and the given name in `first_name` ("Hoa"); Django's get_full_name() puts
first_name first ("Hoa Nguyễn Thị"). `full_name` is the one place that joins them, and
`use_vietnamese_order` (PortalConfig.ready) makes User.get_full_name use it, so every
screen that shows a person — Wagtail's user list, avatars, the system log, the workflow's
mails and the status panel, reports, royalties — reads the same, without a custom user
model (which Django cannot swap in on an existing database)."""

from django.contrib.auth import get_user_model


def full_name(user):
    """ "Nguyễn Thị Hoa": family and middle names, then the given name; "" if neither."""
    return " ".join(part for part in (user.last_name, user.first_name) if part).strip()


def display_name(user):
    """The full name, else the sign-in name."""
    return full_name(user) or user.get_username()


def use_vietnamese_order():
    User = get_user_model()

    def get_full_name(self):
        return full_name(self)

    get_full_name.__doc__ = full_name.__doc__
    User.get_full_name = get_full_name
