"""The tree of docs/features.md ("The page tree") is the only tree an editor can build."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from consultations.models import ConsultationIndexPage, DraftPage
from home.models import (
    ArticleIndexPage,
    ArticlePage,
    CollectionPage,
    DisclosureCatalogPage,
    FeedbackPage,
    HomePage,
    OrganisationPage,
    SectionPage,
    StandardPage,
)
from legal_docs.models import (
    LegalDocumentIndexPage,
    LegalDocumentPage,
    ProcedureIndexPage,
    ProcedurePage,
)


class TreeRulesTests(WagtailPageTestCase):
    def test_home_page_sits_at_the_root_and_holds_the_sections(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(
            HomePage,
            {
                SectionPage,
                ArticleIndexPage,
                StandardPage,
                DisclosureCatalogPage,
                LegalDocumentIndexPage,
                ProcedureIndexPage,
                FeedbackPage,
                ConsultationIndexPage,
            },
        )

    def test_sections_hold_sections_indexes_and_pages(self):
        self.assertAllowedParentPageTypes(SectionPage, {HomePage, SectionPage})
        self.assertAllowedSubpageTypes(
            SectionPage,
            {SectionPage, ArticleIndexPage, StandardPage, OrganisationPage, CollectionPage},
        )
        self.assertAllowedParentPageTypes(OrganisationPage, {SectionPage})
        self.assertAllowedParentPageTypes(CollectionPage, {SectionPage})

    def test_articles_only_live_in_an_article_index(self):
        self.assertAllowedParentPageTypes(ArticlePage, {ArticleIndexPage})
        self.assertAllowedSubpageTypes(ArticleIndexPage, {ArticlePage})
        self.assertAllowedSubpageTypes(ArticlePage, set())

    def test_legal_documents_only_live_in_the_registry(self):
        self.assertAllowedParentPageTypes(LegalDocumentIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(LegalDocumentIndexPage, {LegalDocumentPage})
        self.assertAllowedParentPageTypes(LegalDocumentPage, {LegalDocumentIndexPage})
        self.assertCanNotCreateAt(SectionPage, LegalDocumentPage)
        self.assertCanNotCreateAt(LegalDocumentIndexPage, StandardPage)

    def test_procedures_only_live_in_the_procedures_page(self):
        self.assertAllowedParentPageTypes(ProcedureIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(ProcedureIndexPage, {ProcedurePage})
        self.assertAllowedParentPageTypes(ProcedurePage, {ProcedureIndexPage})
        self.assertAllowedSubpageTypes(ProcedurePage, set())

    def test_refused_children(self):
        self.assertCanNotCreateAt(HomePage, ArticlePage)
        self.assertCanNotCreateAt(SectionPage, ArticlePage)
        self.assertCanNotCreateAt(StandardPage, StandardPage)
        self.assertCanNotCreateAt(ArticleIndexPage, StandardPage)
        self.assertCanNotCreateAt(ArticleIndexPage, SectionPage)
        self.assertCanNotCreateAt(DisclosureCatalogPage, StandardPage)
        self.assertCanNotCreateAt(Page, SectionPage)
        self.assertCanNotCreateAt(Page, ArticlePage)

    def test_allowed_children(self):
        self.assertCanCreateAt(HomePage, SectionPage)
        self.assertCanCreateAt(SectionPage, StandardPage)
        self.assertCanCreateAt(ArticleIndexPage, ArticlePage)

    def test_only_one_disclosure_catalogue_per_home(self):
        self.assertEqual(DisclosureCatalogPage.max_count_per_parent, 1)

    def test_drafts_for_comment_live_in_their_section_only(self):
        self.assertAllowedParentPageTypes(ConsultationIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(ConsultationIndexPage, {DraftPage})
        self.assertAllowedParentPageTypes(DraftPage, {ConsultationIndexPage})
        self.assertAllowedSubpageTypes(DraftPage, set())
