"""New drafts for comment as a topic citizens can follow by email (portal/core/topics.py).
Registered in ConsultationsConfig.ready()."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from consultations.models import ConsultationIndexPage, DraftPage
from portal.core.topics import TopicKind


class DraftKind(TopicKind):
    key = "drafts_for_comment"
    label = _("Drafts for comment")
    page_models = (DraftPage,)
    follows_changes = False  # a corrected draft, or its synthesis, is not a new draft

    def options(self):
        return [("", gettext("Every new draft for comment"))]

    def link(self, value):
        index = ConsultationIndexPage.objects.live().first()
        return index.url if index else ""

    def matching(self, page, values):
        return {""} & set(values)
