"""What a legal document's page lists (its fields, its relations both ways and its files),
brought in the page's own query as JSON and turned back into model instances, where the
ORM would send and compile a query for each list. Issue #27 measured those queries at a
third of a never-opened document's CPU, most of it the ORM compiling them. The SQL is
written once per process; the columns each list carries come from the models' own field
lists (`linked()`, every field of a file and its document), the joins and orders are
written here.

On PostgreSQL (JSON functions), `LegalDocumentIndexPage.route` annotates the page with
`with_lists` and sets its `field_list`, `relation_list`, `incoming_relations` and
`file_list` with `attach`; elsewhere (the SQLite of `make run`), a preview and the admin,
those cached properties query as before."""

from functools import cache

from django.db import connection
from django.db.models.expressions import RawSQL
from wagtail.documents import get_document_model

from portal.core import prepared


def supported():
    return connection.vendor == "postgresql"


def document(parent, slug):
    """The live-or-not document `slug` under the registry `parent`, with its views and
    downloads and, on PostgreSQL, its lists (`attach`); None if there is none. On PostgreSQL
    the query is compiled once per registry and planned once per connection
    (portal/core/prepared.py): the slug is its only value that changes."""
    if not supported():
        return next(iter(_documents(parent, slug)), None)
    key = (parent.pk, parent.path, parent.depth)
    if key not in _compiled:
        sql, params = _documents(parent, SLUG).query.sql_with_params()
        _compiled[key] = (prepared.numbered(sql), list(params), params.index(SLUG))
    sql, params, at = _compiled[key]
    from legal_docs.models import LegalDocumentPage

    params = [*params[:at], slug, *params[at + 1 :]]
    return next(iter(prepared.raw(LegalDocumentPage, "legal_document_page", sql, params)), None)


SLUG = "\x00slug"  # no slug holds a NUL: the place of the slug among the parameters
_compiled = {}


def _documents(parent, slug):
    from legal_docs.models import LegalDocumentPage
    from legal_docs.usage import with_usage

    documents = with_usage(LegalDocumentPage.objects.child_of(parent).filter(slug=slug))
    if supported():
        documents = with_lists(documents)
    # Slugs are unique among siblings: no ORDER BY, which first() would add.
    return documents.order_by()[:1]


def outer_column():
    """The page's key in the outer query, for SQL subqueries written by hand (here and in
    legal_docs/usage.py)."""
    from legal_docs.models import LegalDocumentPage

    return f'"{LegalDocumentPage._meta.db_table}"."page_ptr_id"'


def _column(field, aliases):
    return f'{aliases[field.model._meta.db_table]}."{field.column}"'


def _json_object(model, names, aliases):
    """json_build_object of `model`'s fields `names` (attnames), each column read from the
    alias of the table that holds it (a page's fields live in two tables)."""
    fields = [field for field in model._meta.concrete_fields if field.attname in names]
    return "json_build_object({})".format(
        ", ".join(f"'{field.attname}', {_column(field, aliases)}" for field in fields)
    )


def _attnames(model, names):
    """The attnames of `model`'s concrete fields among `names` (field names or attnames)."""
    return {
        field.attname
        for field in model._meta.concrete_fields
        if field.name in names or field.attname in names
    }


def _page_tables(alias):
    """{table: alias} for a legal document's two tables, `alias` for wagtailcore_page and
    `alias`l for its own."""
    from legal_docs.models import LegalDocumentPage

    page = LegalDocumentPage._meta.get_field("page_ptr").related_model
    return {page._meta.db_table: alias, LegalDocumentPage._meta.db_table: f"{alias}l"}


def _agg(item, tables, where, order):
    return f"SELECT COALESCE(json_agg({item} ORDER BY {order}), '[]') FROM {tables} WHERE {where}"


@cache
def _sql():
    from legal_docs.models import LegalDocumentFile, LegalDocumentPage, LegalDocumentRelation
    from legal_docs.models.pages import linked

    relation = LegalDocumentRelation
    outer = outer_column()
    own_names = _attnames(relation, linked("x")) | {"id"}
    own = _json_object(relation, own_names, {relation._meta.db_table: "r"})
    page_names = {"id", "page_ptr_id"} | _attnames(
        LegalDocumentPage, [name.split("__", 1)[1] for name in linked("x") if "__" in name]
    )
    relation_table = f'"{relation._meta.db_table}" r'

    def joined(alias, column, join):
        page_table, own_table = (f'"{table}"' for table in _page_tables(alias))
        return (
            f"{relation_table} {join} {own_table} {alias}l ON {alias}l.page_ptr_id = r.{column}"
            f" {join} {page_table} {alias} ON {alias}.id = {alias}l.page_ptr_id"
        )

    target = _json_object(LegalDocumentPage, page_names, _page_tables("t"))
    source = _json_object(LegalDocumentPage, page_names, _page_tables("s"))
    document = get_document_model()
    file_names = {f.attname for f in LegalDocumentFile._meta.concrete_fields} - {"extracted_text"}
    file_item = "json_build_object('file', {}, 'document', {})".format(
        _json_object(LegalDocumentFile, file_names, {LegalDocumentFile._meta.db_table: "f"}),
        _json_object(
            document,
            {f.attname for f in document._meta.concrete_fields},
            {document._meta.db_table: "d"},
        ),
    )
    field = LegalDocumentPage._meta.get_field("fields")
    through, taxonomy = field.remote_field.through._meta, field.related_model._meta
    return {
        # The fields' pks in the registry's order (the taxonomy's, by the database's
        # collation, as the ORM orders them); their names come from memory.
        "field_pks": (
            f'SELECT ARRAY(SELECT t."{through.get_field("legalfield").column}" '
            f'FROM "{through.db_table}" t JOIN "{taxonomy.db_table}" x ON x.id = t.'
            f'"{through.get_field("legalfield").column}" '
            f'WHERE t."{through.get_field("legaldocumentpage").column}" = {outer} '
            f"ORDER BY {', '.join(f'x.{name}' for name in taxonomy.ordering)})"
        ),
        "relations_json": _agg(
            f"json_build_object('relation', {own}, 'page', "
            f"CASE WHEN t.id IS NULL THEN NULL ELSE {target} END)",
            joined("t", "target_id", "LEFT JOIN"),
            f"r.page_id = {outer}",
            "r.sort_order, r.id",
        ),
        # Only from published documents, oldest effect first, as the ORM query orders them.
        "incoming_json": _agg(
            f"json_build_object('relation', {own}, 'page', {source})",
            joined("s", "page_id", "JOIN"),
            f"r.target_id = {outer} AND s.live",
            "sl.effective_date, sl.issue_date, r.id",
        ),
        "files_json": _agg(
            file_item,
            f'"{LegalDocumentFile._meta.db_table}" f '
            f'JOIN "{document._meta.db_table}" d ON d.id = f.document_id',
            f"f.page_id = {outer}",
            "f.sort_order, f.id",
        ),
    }


def with_lists(documents):
    """`documents` with their fields' pks, their relations both ways and their files as
    JSON, in the same query (no value in this SQL comes from a request)."""
    return documents.annotate(**{name: RawSQL(sql, ()) for name, sql in _sql().items()})


def attach(document, fields):
    """Sets `document`'s lists from `with_lists`' columns; `fields` is {pk: LegalField} of the
    process's memory (a field created since this request's generation is left out)."""
    from legal_docs.models.pages import visible

    document.field_list = [(pk, fields[pk].name) for pk in document.field_pks if pk in fields]
    document.relation_list = visible(relations(document.relations_json, "target"), "target")
    document.incoming_relations = visible(relations(document.incoming_json, "page"), "page")
    document.file_list = files(document.files_json)


def instance(model, values):
    """`model` as loaded from the database with `values` ({attname: JSON value}), the fields
    left out deferred as `.only()` leaves them."""
    names = [f.attname for f in model._meta.concrete_fields if f.attname in values]
    return model.from_db(
        connection.alias,
        names,
        [
            field.to_python(values[field.attname])
            for field in model._meta.concrete_fields
            if field.attname in values
        ],
    )


def relations(rows, side):
    """LegalDocumentRelation instances from `relations_json` or `incoming_json` rows, with the
    document at `side` ("target" or "page") attached (or none, for an outside document)."""
    from legal_docs.models import LegalDocumentPage, LegalDocumentRelation

    result = []
    for row in rows:
        relation = instance(LegalDocumentRelation, row["relation"])
        if row["page"] is not None:
            setattr(relation, side, instance(LegalDocumentPage, row["page"]))
        result.append(relation)
    return result


def files(rows):
    from legal_docs.models import LegalDocumentFile

    document = get_document_model()
    result = []
    for row in rows:
        file = instance(LegalDocumentFile, row["file"])
        file.document = instance(document, row["document"])
        result.append(file)
    return result
