"""The English pages of the demo (/en/, issue #25): the home page, the introduction, the
functions and the organisation with its leaders and contacts, translated from the Vietnamese
demo pages with Wagtail's own translation, then published as setup_portal publishes."""

from home.english import translate
from home.models import OrganisationPage, StandardPage
from home.setup import publish
from portal.demo.articles import p

HOME = {
    "title": "Quang Tri Department of Justice",
    "intro": (
        "The Department of Justice is a specialised agency of the People's Committee of "
        "Quang Tri Province. These pages introduce the Department in English: what it does, "
        "how it is organised, who leads it and how to contact it. Everything else on this "
        "site, including legal documents, administrative procedures and news, is published "
        "in Vietnamese."
    ),
}
INTRODUCTION = {
    "title": "Introduction",
    "slug": "introduction",
    "intro": (
        "<p>The Department's functions, tasks and powers, its organisation and the units "
        "under it, with their addresses, telephone numbers and email addresses.</p>"
    ),
}
FUNCTIONS = {
    "title": "Functions, tasks and powers",
    "slug": "functions-tasks-and-powers",
    "intro": "The Department of Justice is a specialised agency of the People's Committee of Quang Tri Province.",
    "body": p(
        "The Department advises and assists the Provincial People's Committee in the state "
        "management of: drafting and enforcing legislation, monitoring how laws are applied, "
        "and reviewing and dealing with legal documents; legal dissemination and education; "
        "grassroots mediation; civil status; nationality; certification; adoption; judicial "
        "records; state compensation; legal aid; lawyers; legal advice; notarisation; "
        "judicial expertise; property auctions; commercial arbitration; commercial "
        "mediation; bailiffs; the enforcement of the law on administrative violations; and "
        "other judicial work as the law provides.",
        "The Department is a legal entity with its own seal and accounts. The Provincial "
        "People's Committee directs and manages its organisation, staffing and work; the "
        "Ministry of Justice guides, inspects and checks its professional work.",
    ),
}
ORGANISATION = {
    "title": "Organisation, leaders and contacts",
    "slug": "organisation",
    "functions": (
        "<p>The Department of Justice is a specialised agency of the People's Committee of "
        "Quang Tri Province. It advises and assists the Provincial People's Committee in the "
        "state management of law-making and law enforcement, legal dissemination and "
        "education, grassroots mediation, civil status, nationality, certification, "
        "adoption, judicial records, state compensation, legal aid, lawyers, legal advice, "
        "notarisation, judicial expertise, property auctions, commercial arbitration and "
        "mediation, bailiffs, and the enforcement of the law on administrative violations.</p>"
    ),
    "history": (
        "<p>The Department of Justice of Quang Tri Province was founded when the province was "
        "re-established in 1989, and has since been reorganised under the rules on the "
        "specialised agencies of provincial People's Committees (sample text of the "
        "demonstration).</p>"
    ),
}


def load_english(home, introduction):
    """`introduction` is the Vietnamese Giới thiệu section."""
    publish(translate(home, **HOME))
    publish(translate(introduction, **INTRODUCTION))
    functions = StandardPage.objects.child_of(introduction).get(slug="chuc-nang-nhiem-vu-quyen-han")
    publish(translate(functions, **FUNCTIONS))
    organisation = OrganisationPage.objects.child_of(introduction).get(slug="co-cau-to-chuc")
    publish(translate(organisation, **ORGANISATION))
