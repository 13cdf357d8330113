"""The English pages of the demo (/en/, issue #25): the home page, the introduction, the
functions and the organisation with its leaders and contacts, translated from the Vietnamese
demo pages with Wagtail's own translation, then published as setup_portal publishes, and the
units' names and tasks and the leaders' positions (people's names stay as they are). Their
text is the agency's own (its profile's demo data, "english"); a profile without it gets no
English pages in its demo."""

from django.conf import settings

from home.english import english_locale, translate, translate_snippet
from home.models import OrganisationPage, Person, StandardPage, Unit
from home.setup import publish
from portal.core import profile
from portal.demo.articles import p


def load_english(home, introduction):
    """`introduction` is the Vietnamese Giới thiệu section."""
    english = profile.current().demo.get("english")
    if not english:
        return
    functions = (
        StandardPage.objects.child_of(introduction)
        .filter(slug="chuc-nang-nhiem-vu-quyen-han")
        .first()
    )
    organisation = (
        OrganisationPage.objects.child_of(introduction).filter(slug="co-cau-to-chuc").first()
    )
    publish(translate(home, **english["home"]))
    publish(translate(introduction, **english["introduction"]))
    if functions:
        text = dict(english["functions"])
        text["body"] = p(*text["body"])
        publish(translate(functions, **text))
    if organisation:
        publish(translate(organisation, **english["organisation"]))
    # The organisation's words in English, for each unit and person the profile has them for
    # and that has no English translation yet (a later run keeps what the board wrote).
    locale = english_locale()
    for model, texts in ((Unit, "units"), (Person, "people")):
        for item in model.objects.filter(locale__language_code=settings.LANGUAGE_CODE):
            text = english.get(texts, {}).get(item.name)  # a person's name stays as it is
            if text and not item.has_translation(locale):
                translate_snippet(item, **text)
