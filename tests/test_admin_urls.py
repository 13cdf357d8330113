"""The project's admin screens live under English paths, as Wagtail's own do (/admin/pages/,
/admin/snippets/); the Vietnamese paths they had first still lead there."""

import pytest

from portal.core import roles

OLD_TO_NEW = {
    "/admin/nhat-ky-he-thong/": "/admin/audit-log/",
    "/admin/nhat-ky-he-thong/results/": "/admin/audit-log/results/",
    "/admin/bao-cao/": "/admin/activity-report/",
    "/admin/bao-cao/ban-in/": "/admin/activity-report/print/",
    "/admin/bao-cao/xlsx/": "/admin/activity-report/xlsx/",
    "/admin/xac-thuc/": "/admin/second-factor/",
    "/admin/xac-thuc/thiet-lap/": "/admin/second-factor/setup/",
}


@pytest.mark.parametrize("old,new", OLD_TO_NEW.items())
def test_old_vietnamese_admin_paths_lead_to_the_english_ones(client, portal, login, old, new):
    login(roles.OFFICE)
    response = client.get(f"{old}?nam=2025")
    assert response.status_code == 301
    assert response["Location"] == f"{new}?nam=2025"


def test_the_office_opens_the_audit_log_and_reports_at_their_paths(portal, client, login):
    login(roles.OFFICE)
    for path in ("/admin/audit-log/", "/admin/activity-report/"):
        assert client.get(path).status_code == 200, path
