"""PostgreSQL full-text search, Vietnamese-aware.

The text search configuration `portal_vi` (search/migrations) runs every word through
`unaccent`, so "quyet dinh" finds "Quyết định" and đ counts as d, in search and autocomplete
alike. Folding alone cannot tell the two apart, so a query typed with marks gets a rank bonus
for each of its words found as typed in the title, and the exact text comes first."""

import unicodedata

from django.db.models import Case, FloatField, Value, When
from modelsearch.backends.database.postgres.postgres import (
    PostgresAutocompleteQueryCompiler,
    PostgresSearchQueryCompiler,
)
from modelsearch.backends.database.postgres.postgres import (
    PostgresSearchBackend as Base,
)
from modelsearch.query import PlainText

CONFIG = "portal_vi"
EXACT_WORD_BONUS = 0.5


def marked_words(query):
    """The words of a plain-text query that carry Vietnamese marks (or đ)."""
    if not isinstance(query, PlainText):
        return []
    text = unicodedata.normalize("NFC", query.query_string)
    return [
        word
        for word in text.split()
        if unicodedata.normalize("NFD", word) != word or "đ" in word.lower()
    ]


class ExactMarksRankMixin:
    def _build_rank_expression(self, vectors, config):
        rank = super()._build_rank_expression(vectors, config)
        for word in marked_words(self.query)[:8]:
            rank += Case(
                When(index_entries__title_text__icontains=word, then=Value(EXACT_WORD_BONUS)),
                default=Value(0.0),
                output_field=FloatField(),
            )
        return rank


class SearchQueryCompiler(ExactMarksRankMixin, PostgresSearchQueryCompiler):
    pass


class AutocompleteQueryCompiler(ExactMarksRankMixin, PostgresAutocompleteQueryCompiler):
    pass


class PostgresSearchBackend(Base):
    query_compiler_class = SearchQueryCompiler
    autocomplete_query_compiler_class = AutocompleteQueryCompiler

    def __init__(self, params):
        params.setdefault("SEARCH_CONFIG", CONFIG)
        super().__init__(params)
        self.autocomplete_config = self.config  # no stemming either way; folds marks


SearchBackend = PostgresSearchBackend
