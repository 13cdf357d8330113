"""Elasticsearch 8, Vietnamese-aware: SEARCH_ENGINE=elasticsearch8."""

from modelsearch.backends.elasticsearch8 import SearchBackend as Base

from search.backends import vietnamese_backend

SearchBackend = vietnamese_backend(Base)
