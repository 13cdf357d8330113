from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalDocsConfig(AppConfig):
    name = "legal_docs"
    verbose_name = _("Legal documents")

    def ready(self):
        # Imported here: models cannot be imported before the app registry is ready.
        from home.feeds import register_feed
        from home.models import register_home_context
        from legal_docs import home, listing, number_lookup, search_facts, termination, topics
        from legal_docs.models import LegalDocumentIndexPage
        from portal.core.topics import register_topic_kind
        from search.numbers import register_number_lookup
        from search.ranking import register_legal_texts

        termination.connect()
        register_feed(LegalDocumentIndexPage, listing.latest_documents)
        register_home_context(home.home_context)
        register_number_lookup(number_lookup.numbered_documents)
        register_legal_texts(
            search_facts.legal_names, search_facts.legal_facts, search_facts.set_validity
        )
        # What citizens can follow by email (the subscriptions app).
        for kind in (
            topics.FieldKind,
            topics.DocumentTypeKind,
            topics.AuthorityKind,
            topics.RegistrySearchKind,
        ):
            register_topic_kind(kind())
