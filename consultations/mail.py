"""The acknowledgement of a comment, with its reference number, when the sender left an email
address; and a note to the drafting unit's address. Through home's mail task (home/mail.py),
so it leaves with the comment's transaction like feedback's mail."""

from django.utils.translation import gettext

from home.contacts import is_email
from home.mail import agency, local_time, send


def acknowledge(comment, draft):
    site = draft.get_site()
    values = {
        "name": comment.name,
        "agency": agency(site),
        "reference": comment.reference,
        "time": local_time(comment.received_at),
        "draft": draft.title,
        "article": comment.article or "-",
        "content": comment.content,
    }
    unit = draft.drafting_unit
    if unit is not None and unit.email:
        send.enqueue(
            gettext("Comment %(reference)s on the draft %(draft)s") % values,
            gettext("Article or clause: %(article)s\nReceived: %(time)s\n\n%(content)s") % values,
            [unit.email],
        )
    if is_email(comment.contact):
        send.enqueue(
            gettext("%(agency)s received your comment %(reference)s") % values,
            gettext(
                "Dear %(name)s,\n\n%(agency)s received your comment on the draft “%(draft)s” "
                "on %(time)s. Its reference number is %(reference)s: quote it when you "
                "contact the drafting unit.\n\nArticle or clause: %(article)s\n\n%(content)s"
            )
            % values,
            [comment.contact],
        )
