"""Admin downloads of what citizens sent: an attached file, and a draft's comments as a Word
document for the synthesis. Both read through visible_comments and go in the system log."""

import io

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from docx import Document

from consultations.models import Comment, DraftPage, visible_comments
from portal.core.audit import record


def comment_file(request, pk):
    comment = get_object_or_404(visible_comments(request.user), pk=pk)
    if not comment.file:
        raise Http404
    record("consultations.comment_file", comment, data={"reference": comment.reference})
    return FileResponse(comment.file.open("rb"), as_attachment=True)


def comments_docx(request, pk):
    draft = get_object_or_404(DraftPage, pk=pk)
    comments = visible_comments(request.user).filter(draft=draft).order_by("received_at")
    if not comments.exists():
        raise Http404  # none yet, or not theirs to read: the same answer for both
    document = Document()
    document.add_heading(_("Comments on the draft “%(title)s”") % {"title": draft.title}, 1)
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells,
        [
            capfirst(Comment._meta.get_field(name).verbose_name)
            for name in ("reference", "article", "content", "organisation")
        ],
        strict=True,
    ):
        cell.text = text
    for comment in comments:
        row = table.add_row().cells
        row[0].text = f"{comment.reference}\n{timezone.localtime(comment.received_at):%d/%m/%Y}"
        row[1].text = comment.article
        row[2].text = comment.content
        row[3].text = comment.organisation
    output = io.BytesIO()
    document.save(output)
    record("consultations.comments_docx", draft, data={"count": comments.count()})
    response = HttpResponse(
        output.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="gop-y-{draft.pk}.docx"'
    return response
