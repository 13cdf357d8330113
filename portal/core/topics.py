"""What a citizen can follow by email (the subscriptions app): kinds of topic, each registered
by the app that owns the content from its AppConfig.ready(), so the subscriptions app knows
no page type and a new kind (drafts for comment) is one class and one line.

A subscription is (kind key, value): the value is a string the kind understands (an id, a
registry query string, "" for "everything of this kind"). When a page is published, each
kind whose `page_models` it is says which subscribed values the publication concerns.

A new kind, e.g. drafts for comment, in the app that owns the pages:

    class DraftKind(TopicKind):
        key = "drafts_for_comment"
        label = _("Drafts for comment")
        page_models = (DraftPage,)
        follows_changes = False

        def options(self):
            return [("", gettext("Every new draft for comment"))]

        def matching(self, page, values):
            return {""} & set(values)

and `register_topic_kind(DraftKind())` in its AppConfig.ready()."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_KINDS = {}


class TopicKind:
    """Subclass and register an instance with register_topic_kind()."""

    key = ""  # stored with each subscription: never change it once used
    label = ""  # what the form, the manage page and the report call the kind
    page_models = ()  # publications of these page types may concern subscribers
    follows_changes = True  # a new revision of a published page is news too (else only new)

    def options(self):
        """[(value, label)] the subscribe form offers, or [] when values come from a link
        only (a registry search)."""
        return []

    def clean(self, value):
        """The value in its canonical form, or ValidationError saying what to fix."""
        if value not in dict(self.options()):
            raise ValidationError(_("Choose what to follow from the list."))
        return value

    def describe(self, value):
        """How the topic reads in mails and on the manage page."""
        return f"{self.label}: {dict(self.options()).get(value, value)}"

    def link(self, value):
        """The site path where the topic's content is listed, or ""."""
        return ""

    def matching(self, page, values):
        """The subset of `values` (subscribed values of this kind) that `page`, just
        published, concerns."""
        return set()


def register_topic_kind(kind):
    if kind.key in _KINDS and type(_KINDS[kind.key]) is not type(kind):
        raise ValueError(f"Topic kind {kind.key!r} is registered twice.")
    _KINDS[kind.key] = kind


def topic_kinds():
    return list(_KINDS.values())


def topic_kind(key):
    """The kind registered under `key`, or None (an app removed since)."""
    return _KINDS.get(key)
