"""SQLite full-text search (FTS5), Vietnamese-aware: the embedded default of `make run`.

FTS5's own tokenizer folds one mark per letter at most, never đ, and reads quotes, `*`,
`:`, `^`, AND/OR/NOT in a query as its syntax. So the index holds the text folded by
portal.core.text.fold (đ as d, every mark gone, stacked ones too), and a query is folded the
same way and cut into words as the engine's standard tokenizer cuts it (letters and digits),
each word quoted: "quyet dinh" finds "Quyết định", and no input reaches FTS5 as syntax."""

import functools
import re

from modelsearch.backends.database.fallback import DatabaseSearchBackend
from modelsearch.backends.database.sqlite.query import Lexeme, SearchQueryExpression
from modelsearch.backends.database.sqlite.sqlite import (
    ObjectIndexer,
    SQLiteAutocompleteQueryCompiler,
    SQLiteIndex,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
)
from modelsearch.backends.database.sqlite.utils import fts5_available, fts_table_exists
from modelsearch.query import Phrase, PlainText
from modelsearch.utils import get_content_type_pk

from portal.core.text import fold

# What FTS5's unicode61 tokenizer keeps as a token: letters and digits (not "_").
WORD = re.compile(r"[^\W_]+")


def words(text):
    return WORD.findall(fold(text))


class FoldedIndexer(ObjectIndexer):
    def prepare_value(self, value):
        return fold(super().prepare_value(value))


class FoldedIndex(SQLiteIndex):
    def add_items(self, model, objs):
        # modelsearch's add_items with the folding indexer: one UPDATE per entry already
        # indexed, one bulk INSERT for the new ones.
        if not model.get_search_fields():
            return
        indexers = [FoldedIndexer(obj, self.backend) for obj in objs]
        if not indexers:
            return
        content_type_pk = get_content_type_pk(model)
        data = {
            i.id: {"title": i.title, "autocomplete": i.autocomplete, "body": i.body}
            for i in indexers
        }
        entries = self.entries.filter(content_type_id=content_type_pk)
        indexed = set(entries.filter(object_id__in=data).values_list("object_id", flat=True))
        for object_id in indexed:
            entries.filter(object_id=object_id).update(**data[object_id])
        self.entries.bulk_create(
            self.entries.model(content_type_id=content_type_pk, object_id=object_id, **fields)
            for object_id, fields in data.items()
            if object_id not in indexed
        )
        self._refresh_title_norms()


class FoldedQueryMixin:
    def build_search_query_content(self, query, config=None):
        if isinstance(query, PlainText):
            terms = [Lexeme(word) for word in words(query.query_string)]
            if self.LAST_TERM_IS_PREFIX:
                terms[-1] = Lexeme(terms[-1].value, prefix=True)
            combined = terms[0]
            for term in terms[1:]:
                combined = combined & term if query.operator.upper() == "AND" else combined | term
            return SearchQueryExpression(combined)
        if isinstance(query, Phrase):
            return SearchQueryExpression(" ".join(words(query.query_string)))
        return super().build_search_query_content(query, config)

    def search(self, config, start, stop, score_field=None):
        # A query without a word (only punctuation, emoji) matches nothing, as on the engine.
        if isinstance(self.query, (PlainText, Phrase)) and not words(self.query.query_string):
            return self.queryset.none()
        return super().search(config, start, stop, score_field)


class SearchQueryCompiler(FoldedQueryMixin, SQLiteSearchQueryCompiler):
    pass


class AutocompleteQueryCompiler(FoldedQueryMixin, SQLiteAutocompleteQueryCompiler):
    pass


class FoldedSQLiteSearchBackend(SQLiteSearchBackend):
    index_class = FoldedIndex
    query_compiler_class = SearchQueryCompiler
    autocomplete_query_compiler_class = AutocompleteQueryCompiler


@functools.cache
def fts5_ready():
    return fts5_available() and fts_table_exists()


def SearchBackend(params):  # noqa: N802 (Wagtail looks up this name)
    """The folding FTS5 backend; an SQLite without FTS5 searches as Wagtail does without it."""
    if fts5_ready():
        return FoldedSQLiteSearchBackend(params)
    return DatabaseSearchBackend(params)
