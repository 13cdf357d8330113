from home.models.collections import CollectionItem, CollectionPage
from home.models.feedback import Feedback
from home.models.organisation import OrganisationPage, Person, Unit
from home.models.pages import (
    ArticleIndexPage,
    ArticlePage,
    ArticlePageForm,
    DisclosureCatalogPage,
    DisclosureMixin,
    FeedbackPage,
    HomeFeaturedItem,
    HomePage,
    PortalPage,
    PortalPageForm,
    SectionPage,
    StandardPage,
    disclosure_page_models,
    register_home_context,
)

__all__ = [
    "ArticleIndexPage",
    "ArticlePage",
    "ArticlePageForm",
    "CollectionItem",
    "CollectionPage",
    "DisclosureCatalogPage",
    "DisclosureMixin",
    "Feedback",
    "FeedbackPage",
    "HomeFeaturedItem",
    "HomePage",
    "OrganisationPage",
    "Person",
    "PortalPage",
    "PortalPageForm",
    "SectionPage",
    "StandardPage",
    "Unit",
    "disclosure_page_models",
    "register_home_context",
]
