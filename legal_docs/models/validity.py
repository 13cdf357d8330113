"""A document's validity on a day, computed from its dates and from what other published
documents do to it (the relations of vbpl.vn's vocabulary), in three places that a test
holds to one answer: SQL for listings (annotate_validity), Python for a document already
loaded (validity_on) and the search engine (legal_docs/registry_search.py).

The relations that act on validity are summed up on the document's own row by
legal_docs/termination.py (terminated_on, suspended_from/until, partly_suspended_from/until,
partly_ended_on), so all three read one row. A relation takes effect on its own date, or
when not given on the day the acting document takes effect. A suspension ends after its
last day (`end_date`, inclusive) or, without one, "until decided". Several suspensions of
one document count as one period, from the first start to the last end (open if any is).

When several states apply on one day, the first of this order wins:

1. an operator's override (Validity set by hand): it exists to correct everything below;
2. expired: the expiry date has passed, or the document is replaced or repealed in full
   (both end it for good, so they give one state);
3. suspended in full: nothing of the document applies while suspended, even before its
   effective date (it then will not take effect while the suspension lasts);
4. not yet in force: a document not in force as a whole has no part in force to suspend or
   end, so the partial states only describe a document that is in force;
5. suspended in part: temporary, and a reader must know of it today;
6. partly expired (provisions repealed in part or ended by another document);
7. in force.

Partial states and suspensions list the provisions concerned on the document's page, whatever
state wins."""

from datetime import date

from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Validity(models.TextChoices):
    NOT_YET_IN_FORCE = "not_yet_in_force", _("Not yet in force")
    IN_FORCE = "in_force", _("In force")
    PARTLY_EXPIRED = "partly_expired", _("Partly expired")
    EXPIRED = "expired", _("Expired")
    SUSPENDED = "suspended", _("Suspended")
    PARTLY_SUSPENDED = "partly_suspended", _("Partly suspended")


# The order of precedence above, the first applicable wins (IN_FORCE when none applies).
PRECEDENCE = [
    Validity.EXPIRED,
    Validity.SUSPENDED,
    Validity.NOT_YET_IN_FORCE,
    Validity.PARTLY_SUSPENDED,
    Validity.PARTLY_EXPIRED,
]

# schema.org LegalForceStatus for each validity (JSON-LD legislationLegalForce).
LEGAL_FORCE = {
    Validity.NOT_YET_IN_FORCE: "NotInForce",
    Validity.IN_FORCE: "InForce",
    Validity.PARTLY_EXPIRED: "PartiallyInForce",
    Validity.EXPIRED: "NotInForce",
    Validity.SUSPENDED: "NotInForce",
    Validity.PARTLY_SUSPENDED: "PartiallyInForce",
}


class RelationType(models.TextChoices):
    """What this document does to the other one (vbpl.vn's vocabulary); the inverse reading
    is INVERSE_LABELS."""

    LEGAL_BASIS = "legal_basis", _("Is based on")
    GUIDES = "guides", _("Guides")
    DETAILS = "details", pgettext_lazy("relation", "Details")
    AMENDS = "amends", _("Amends or supplements")
    REPLACES = "replaces", _("Replaces")
    REPEALS = "repeals", _("Repeals")
    REPEALS_IN_PART = "repeals_in_part", _("Repeals in part")
    SUSPENDS = "suspends", _("Suspends")
    SUSPENDS_IN_PART = "suspends_in_part", _("Suspends in part")
    ENDS_IN_PART = "ends_in_part", _("Ends in part")
    REFERS_TO = "refers_to", _("Refers to")
    CONSOLIDATES = "consolidates", _("Consolidates")
    CORRECTS = "corrects", _("Corrects")
    RELATED = "related", _("Related to")


INVERSE_LABELS = {
    RelationType.LEGAL_BASIS: _("Is the legal basis of"),
    RelationType.GUIDES: _("Guided by"),
    RelationType.DETAILS: _("Detailed by"),
    RelationType.AMENDS: _("Amended or supplemented by"),
    RelationType.REPLACES: _("Replaced by"),
    RelationType.REPEALS: _("Repealed by"),
    RelationType.REPEALS_IN_PART: _("Repealed in part by"),
    RelationType.SUSPENDS: pgettext_lazy("relation", "Suspended by"),
    RelationType.SUSPENDS_IN_PART: _("Suspended in part by"),
    RelationType.ENDS_IN_PART: _("Partly ceased to be in force by"),
    RelationType.REFERS_TO: _("Referred to by"),
    RelationType.CONSOLIDATES: _("Consolidated in"),
    RelationType.CORRECTS: _("Corrected by"),
    RelationType.RELATED: _("Related to"),
}

# The lược đồ's groups as vbpl.vn names them: (this document's relations, those of other
# documents to it), each named after the documents it lists.
GROUPS = {
    RelationType.LEGAL_BASIS: (_("Legal bases"), _("Documents based on this one")),
    RelationType.GUIDES: (_("Documents guided"), _("Guiding documents")),
    RelationType.DETAILS: (_("Documents detailed"), _("Detailing documents")),
    RelationType.AMENDS: (_("Documents amended or supplemented"), _("Amending documents")),
    RelationType.REPLACES: (_("Documents replaced"), _("Replacing documents")),
    RelationType.REPEALS: (_("Documents repealed"), _("Repealing documents")),
    RelationType.REPEALS_IN_PART: (
        _("Documents repealed in part"),
        _("Documents repealing in part"),
    ),
    RelationType.SUSPENDS: (_("Documents suspended"), _("Suspending documents")),
    RelationType.SUSPENDS_IN_PART: (
        _("Documents suspended in part"),
        _("Documents suspending in part"),
    ),
    RelationType.ENDS_IN_PART: (
        _("Documents partly ceasing to be in force"),
        _("Documents ending provisions of this one"),
    ),
    RelationType.REFERS_TO: (_("Documents referred to"), _("Documents referring to this one")),
    RelationType.CONSOLIDATES: (_("Documents consolidated"), _("Consolidated texts")),
    RelationType.CORRECTS: (_("Documents corrected"), _("Correcting documents")),
    RelationType.RELATED: (_("Related documents"), _("Related documents")),
}

# A document stops being in force on the day the published document replacing or repealing
# it takes effect.
TERMINATING = [RelationType.REPLACES, RelationType.REPEALS]
SUSPENDING = [RelationType.SUSPENDS, RelationType.SUSPENDS_IN_PART]
PARTIAL = [RelationType.REPEALS_IN_PART, RelationType.SUSPENDS_IN_PART, RelationType.ENDS_IN_PART]
# The relations that change the validity of the document they name.
ACTING = [*TERMINATING, *SUSPENDING, RelationType.REPEALS_IN_PART, RelationType.ENDS_IN_PART]


def today():
    return timezone.localdate()


def _during(start, end, on):
    """Q: the period from `start` to `end` (inclusive, open when null) holds `on`."""
    return Q(**{f"{start}__lte": on}) & (Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": on}))


def conditions(on):
    """{state: Q} of each computed state of PRECEDENCE on `on`, as annotate_validity reads it."""
    return {
        Validity.EXPIRED: Q(expiry_date__lte=on) | Q(terminated_on__lte=on),
        Validity.SUSPENDED: _during("suspended_from", "suspended_until", on),
        Validity.NOT_YET_IN_FORCE: Q(effective_date__isnull=True) | Q(effective_date__gt=on),
        Validity.PARTLY_SUSPENDED: _during("partly_suspended_from", "partly_suspended_until", on),
        Validity.PARTLY_EXPIRED: Q(partly_ended_on__lte=on),
    }


def annotate_validity(queryset, on: date | None = None):
    """Add `validity`, computed in the database so listings can filter and count by it, in the
    order of precedence of this module's docstring."""
    on = on or today()
    states = conditions(on)
    return queryset.annotate(
        validity=Case(
            When(~Q(validity_override=""), then=F("validity_override")),
            *(When(states[state], then=Value(state.value)) for state in PRECEDENCE),
            default=Value(Validity.IN_FORCE.value),
            output_field=models.CharField(),
        )
    )


def _reached(day, on):
    return day is not None and day <= on


def _holds(start, end, on):
    return _reached(start, on) and (end is None or end >= on)


def states_on(document, on):
    """{state: whether it applies} of PRECEDENCE for a loaded document, as conditions()."""
    return {
        Validity.EXPIRED: _reached(document.expiry_date, on)
        or _reached(document.terminated_on, on),
        Validity.SUSPENDED: _holds(document.suspended_from, document.suspended_until, on),
        Validity.NOT_YET_IN_FORCE: document.effective_date is None or document.effective_date > on,
        Validity.PARTLY_SUSPENDED: _holds(
            document.partly_suspended_from, document.partly_suspended_until, on
        ),
        Validity.PARTLY_EXPIRED: _reached(document.partly_ended_on, on),
    }


def validity_on(document, on: date | None = None):
    """annotate_validity() for one document already loaded, in Python: the same order of
    precedence, without the query (a test holds the two to one answer)."""
    on = on or today()
    if document.validity_override:
        return Validity(document.validity_override)
    states = states_on(document, on)
    return next((state for state in PRECEDENCE if states[state]), Validity.IN_FORCE)
