"""Vietnamese-aware search backends (docs/features.md, "Search").

The engine backends fold diacritics while indexing (asciifolding keeps the original token
too, so "quyết" is indexed as both "quyết" and "quyet": a query typed with marks matches both
and ranks exact text first; a query without marks matches the folded form; đ folds to d), and
autocomplete is searched with the same analyzer, not Wagtail's "standard" one that misses
accented prefixes (wagtail/wagtail#13005). Every value is NFC-normalised before indexing, as
every query is before searching."""

import json
import urllib.request

from portal.core.text import nfc

VIETNAMESE_ANALYSIS = {
    "settings": {
        "analysis": {
            "filter": {
                "vi_folding": {"type": "asciifolding", "preserve_original": True},
                "edgengram": {"type": "edge_ngram", "min_gram": 1, "max_gram": 15},
            },
            "analyzer": {
                # Applies to every text field without an analyzer of its own.
                "default": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["lowercase", "vi_folding"],
                },
                "vi_text": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["lowercase", "vi_folding"],
                },
                "edgengram_analyzer": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["lowercase", "vi_folding", "edgengram"],
                },
            },
        }
    }
}


class VietnameseMappingMixin:
    edgengram_analyzer_config = {"analyzer": "edgengram_analyzer", "search_analyzer": "vi_text"}

    def get_document(self, obj):
        return nfc(super().get_document(obj))


def vietnamese_backend(base_backend):
    """The engine backend `base_backend` with the Vietnamese mapping and analysis."""
    mapping = type("VietnameseMapping", (VietnameseMappingMixin, base_backend.mapping_class), {})
    query_compiler = type(
        "VietnameseSearchQueryCompiler",
        (base_backend.query_compiler_class,),
        {"mapping_class": mapping},
    )
    autocomplete_compiler = type(
        "VietnameseAutocompleteQueryCompiler",
        (base_backend.autocomplete_query_compiler_class,),
        {"mapping_class": mapping},
    )

    class VietnameseIndex(base_backend.index_class):
        def exists(self):
            # modelsearch passes the name positionally, which Elasticsearch's 8 client refuses
            # (TypeError): the search worker could not recreate a lost index there.
            return bool(self.es.indices.exists(index=self.name))

    class VietnameseSearchResults(base_backend.results_class):
        def _get_es_body(self, for_count=False):
            body = super()._get_es_body(for_count)
            # A paginator's page of hits never reads the total (counts have requests of their
            # own); not counting lets the engine skip documents that cannot reach the page.
            # Longer slices go through the scroll API, which refuses not to count.
            if not for_count and self.stop is not None and self.stop - self.start <= 100:
                body["track_total_hits"] = False
            return body

    class VietnameseSearchBackend(base_backend):
        mapping_class = mapping
        index_class = VietnameseIndex
        query_compiler_class = query_compiler
        autocomplete_query_compiler_class = autocomplete_compiler
        results_class = VietnameseSearchResults

        def __init__(self, params):
            settings = params.setdefault("INDEX_SETTINGS", {})
            params["INDEX_SETTINGS"] = _merge(VIETNAMESE_ANALYSIS, settings)
            super().__init__(params)

        def responds(self, timeout=1):
            """Whether the engine answers, asked by its cluster health: the clients' ping()
            asks GET /, which the minimal Elasticsearch has no handler for, so it says no
            while that engine is up."""
            try:
                if hasattr(self.es, "options"):  # Elasticsearch's client
                    self.es.options(request_timeout=timeout).cluster.health()
                else:  # OpenSearch's
                    self.es.cluster.health(request_timeout=timeout)
            except Exception:  # any client error means "not now"
                return False
            return True

    return VietnameseSearchBackend


def _merge(base, extra):
    merged = dict(base)
    for key, value in extra.items():
        merged[key] = (
            _merge(merged[key], value)
            if isinstance(value, dict) and isinstance(merged.get(key), dict)
            else value
        )
    return merged


def search_server(url):
    """("Elasticsearch" or "OpenSearch", version) of the engine at `url`, from its node info:
    the minimal Elasticsearch has no GET /, and names itself in a header of every answer,
    which OpenSearch never sends; OpenSearch names itself in GET /."""
    nodes = f"{url}/_nodes/_local?filter_path=nodes.*.version"
    with urllib.request.urlopen(nodes, timeout=10) as response:
        [node] = json.load(response)["nodes"].values()
        if response.headers.get("X-Elastic-Product") == "Elasticsearch":
            return "Elasticsearch", node["version"]
    with urllib.request.urlopen(url, timeout=10) as response:
        distribution = json.load(response)["version"].get("distribution")
    return ("OpenSearch" if distribution == "opensearch" else str(distribution)), node["version"]
