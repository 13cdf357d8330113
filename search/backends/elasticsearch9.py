"""Elasticsearch 9, Vietnamese-aware: SEARCH_ENGINE=elasticsearch9."""

from modelsearch.backends.elasticsearch9 import SearchBackend as Base

from search.backends import vietnamese_backend

SearchBackend = vietnamese_backend(Base)
