"""Publications that may concern subscribers: Wagtail's page_published, connected in
SubscriptionsConfig.ready(). The request only queues a task (tasks.record_publication), and
only when a confirmed subscription of a kind following that page type exists, so publishing
stays as fast as before for everyone else."""

from wagtail.models import PageLogEntry

from portal.core.topics import topic_kinds


def kinds_for(page, is_new):
    return [
        kind
        for kind in topic_kinds()
        if isinstance(page, kind.page_models) and (is_new or kind.follows_changes)
    ]


def page_published(sender, instance, revision=None, **kwargs):
    from subscriptions.models import Subscription
    from subscriptions.tasks import record_publication

    # No query at all for the pages no kind follows; one for those nobody subscribed to.
    kinds = kinds_for(instance, is_new=True)
    if not kinds or revision is None:
        return
    followed = Subscription.objects.filter(confirmed_at__isnull=False)
    if not followed.filter(kind__in=[kind.key for kind in kinds]).exists():
        return
    # Wagtail sets both times on the first publication, and only the last one after it; and
    # logs a publication after this signal, so an earlier entry means it was published
    # before (the times alone mislead when the page object saved was an old copy).
    is_new = instance.first_published_at == instance.last_published_at and not (
        PageLogEntry.objects.filter(page=instance, action="wagtail.publish").exists()
    )
    if is_new or any(kind.follows_changes for kind in kinds):
        record_publication.enqueue(instance.pk, revision.pk, is_new)
