"""portal/core/prepared.py: a query planned once per database connection."""

import pytest
from django.db import connection, transaction
from wagtail.models import Page

from portal.core import prepared

pytestmark = pytest.mark.postgres

SQL = prepared.numbered('SELECT * FROM "wagtailcore_page" WHERE "id" = %s')


def statements():
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM pg_prepared_statements")
        return {row[0] for row in cursor.fetchall()}


def test_the_placeholders_are_numbered_and_percent_signs_kept():
    sql = "SELECT 1 WHERE a LIKE '%%x' AND b = %s AND c = %s"
    assert prepared.numbered(sql) == "SELECT 1 WHERE a LIKE '%x' AND b = $1 AND c = $2"


@pytest.mark.django_db
def test_a_statement_is_prepared_once_and_outlives_a_rollback(portal):
    with transaction.atomic():
        sid = transaction.savepoint()
        assert [p.pk for p in prepared.raw(Page, "test_page", SQL, [portal.pk])] == [portal.pk]
        transaction.savepoint_rollback(sid)
    assert "test_page" in statements()
    assert [p.title for p in prepared.raw(Page, "test_page", SQL, [portal.pk])] == [portal.title]


@pytest.mark.django_db(transaction=True)
def test_a_new_connection_prepares_it_again():
    # After a restart of the database, or when CONN_MAX_AGE ends a connection.
    assert list(prepared.raw(Page, "test_page", SQL, [0])) == []
    connection.close()
    assert "test_page" not in statements()
    assert list(prepared.raw(Page, "test_page", SQL, [0])) == []
    assert "test_page" in statements()
