"""OpenSearch 3, Vietnamese-aware: SEARCH_ENGINE=opensearch3."""

from modelsearch.backends.opensearch3 import SearchBackend as Base

from search.backends import vietnamese_backend

SearchBackend = vietnamese_backend(Base)
