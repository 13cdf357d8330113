from datetime import date

from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Validity(models.TextChoices):
    NOT_YET_IN_FORCE = "not_yet_in_force", _("Not yet in force")
    IN_FORCE = "in_force", _("In force")
    PARTLY_EXPIRED = "partly_expired", _("Partly expired")
    EXPIRED = "expired", _("Expired")
    SUSPENDED = "suspended", _("Suspended")


# schema.org LegalForceStatus for each validity (JSON-LD legislationLegalForce).
LEGAL_FORCE = {
    Validity.NOT_YET_IN_FORCE: "NotInForce",
    Validity.IN_FORCE: "InForce",
    Validity.PARTLY_EXPIRED: "PartiallyInForce",
    Validity.EXPIRED: "NotInForce",
    Validity.SUSPENDED: "NotInForce",
}


class RelationType(models.TextChoices):
    """How this document relates to the other one (the inverse reading is INVERSE_LABELS)."""

    LEGAL_BASIS = "legal_basis", _("Is based on")
    GUIDES = "guides", _("Guides")
    AMENDS = "amends", _("Amends or supplements")
    REPLACES = "replaces", _("Replaces")
    REPEALS = "repeals", _("Repeals")
    CONSOLIDATES = "consolidates", _("Consolidates")
    CORRECTS = "corrects", _("Corrects")
    RELATED = "related", _("Related to")


INVERSE_LABELS = {
    RelationType.LEGAL_BASIS: _("Is the legal basis of"),
    RelationType.GUIDES: _("Guided by"),
    RelationType.AMENDS: _("Amended or supplemented by"),
    RelationType.REPLACES: _("Replaced by"),
    RelationType.REPEALS: _("Repealed by"),
    RelationType.CONSOLIDATES: _("Consolidated in"),
    RelationType.CORRECTS: _("Corrected by"),
    RelationType.RELATED: _("Related to"),
}

# A document stops being in force on the day the published document replacing or repealing
# it takes effect.
TERMINATING = [RelationType.REPLACES, RelationType.REPEALS]


def today():
    return timezone.localdate()


def annotate_validity(queryset, on: date | None = None):
    """Add `validity`, computed in the database so listings can filter and count by it.

    Order of precedence: an operator's recorded override; an expiry date that has passed;
    a live document replacing or repealing this one that has taken effect (`terminated_on`);
    an effective date not yet reached (or not yet known); otherwise in force."""
    on = on or today()
    return queryset.annotate(
        validity=Case(
            When(~Q(validity_override=""), then=F("validity_override")),
            When(expiry_date__lte=on, then=Value(Validity.EXPIRED.value)),
            When(terminated_on__lte=on, then=Value(Validity.EXPIRED.value)),
            When(
                Q(effective_date__isnull=True) | Q(effective_date__gt=on),
                then=Value(Validity.NOT_YET_IN_FORCE.value),
            ),
            default=Value(Validity.IN_FORCE.value),
            output_field=models.CharField(),
        )
    )


def validity_on(document, on: date | None = None):
    """annotate_validity() for one document already loaded, in Python: the same order of
    precedence, without the query (a test holds the two to one answer)."""
    on = on or today()
    if document.validity_override:
        return Validity(document.validity_override)
    if (document.expiry_date and document.expiry_date <= on) or (
        document.terminated_on and document.terminated_on <= on
    ):
        return Validity.EXPIRED
    if document.effective_date is None or document.effective_date > on:
        return Validity.NOT_YET_IN_FORCE
    return Validity.IN_FORCE
