"""Roles by code (portal/core/roles.py, portal.Role): the group's name is the agency's own, so
renaming it changes no one's rights, and installs from before the codes keep their groups."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.test import override_settings

from portal import two_factor
from portal.core import profile, roles
from portal.core.models import Role
from tests.helpers import setup_portal

attach_groups = importlib.import_module("portal.migrations.0009_attach_existing_groups_to_roles")


def test_each_role_has_its_group_named_by_the_profile(portal):
    for code in roles.ALL_GROUPS:
        assert roles.group(code).name == profile.current().roles[code]


def test_user_has_role(make_user):
    member = make_user(roles.BOARD)
    assert roles.user_has_role(member, roles.BOARD)
    assert roles.user_has_role(member, roles.OPERATORS, roles.BOARD)
    assert not roles.user_has_role(member, roles.CONTRIBUTORS)
    assert roles.codes_of(member) == {roles.BOARD}


def test_users_with_role(make_user):
    board = make_user(roles.BOARD)
    director = make_user(roles.DIRECTORS)
    director.groups.add(roles.group(roles.BOARD))  # in two groups, listed once
    make_user(roles.CONTRIBUTORS)
    assert set(roles.users_with_role(roles.BOARD)) == {board, director}
    assert list(roles.users_with_role(roles.BOARD, roles.DIRECTORS)).count(director) == 1


def test_a_renamed_group_keeps_its_role(make_user):
    member = make_user(roles.BOARD)
    board = roles.group(roles.BOARD)
    board.name = "Ban Biên tập Trang thông tin"
    board.save()
    assert roles.user_has_role(member, roles.BOARD)
    with override_settings(TWO_FACTOR_GROUPS=[roles.BOARD]):
        assert two_factor.required(member)
    # setup_portal finds the role's group by its code: no second group under the old name.
    setup_portal()
    assert roles.group(roles.BOARD) == board
    assert not Group.objects.filter(name=profile.current().roles["board"]).exists()


def test_a_group_without_its_role_gives_no_rights(make_user):
    """A group that only carries a role's name is not that role."""
    impostor = Group.objects.create(name="Ban Biên tập (cũ)")
    user = make_user(roles.CONTRIBUTORS)
    user.groups.add(impostor)
    assert not roles.user_has_role(user, roles.BOARD)


def test_the_migration_attaches_the_groups_of_an_install_from_before(portal):
    # An install from before the codes: the five groups by name, no roles.
    Role.objects.all().delete()
    attach_groups.attach(apps, None)
    assert dict(Role.objects.values_list("code", "group__name")) == attach_groups.NAMES
    # Run again (or on a role already attached): nothing changes.
    attach_groups.attach(apps, None)
    assert Role.objects.count() == 5


def test_the_migration_skips_a_missing_group(portal):
    Role.objects.all().delete()
    Group.objects.filter(name=attach_groups.NAMES["office"]).delete()
    attach_groups.attach(apps, None)
    # The migration knows the roles of its time (the drafting role came later).
    assert set(Role.objects.values_list("code", flat=True)) == set(attach_groups.NAMES) - {
        roles.OFFICE
    }
    # setup_portal then creates the missing group under the profile's name.
    setup_portal()
    assert roles.group(roles.OFFICE).name == profile.current().roles["office"]


@pytest.mark.parametrize("code", roles.ALL_GROUPS)
def test_the_group_of_each_role_holds_its_permissions(portal, code):
    assert roles.group(code).permissions.filter(codename="access_admin").exists()
