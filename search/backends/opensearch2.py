"""OpenSearch 2, Vietnamese-aware: SEARCH_ENGINE=opensearch2."""

from modelsearch.backends.opensearch2 import SearchBackend as Base

from search.backends import vietnamese_backend

SearchBackend = vietnamese_backend(Base)
