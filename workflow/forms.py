"""The board's decision forms. Choice values are plain strings because the page editor sends the
modal's data back through JSON before the task acts on it."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.core.roles import CONTRIBUTORS, OPERATORS, users_with_role
from workflow.models import RoyaltyGenre
from workflow.models.moderation import RejectionGround
from workflow.models.royalties import frame_message, points_text

AUTHOR_LINES = 3


class DecisionForm(forms.Form):
    """What every decision form offers the modal (workflow/action_modal.html)."""

    def decision_fields(self):
        return [self[name] for name in self.fields if not name[-1].isdigit()]

    def author_lines(self):
        return []


class RejectionForm(DecisionForm):
    ground = forms.ChoiceField(
        label=_("Ground for rejection (Art. 4.2c)"),
        choices=[("", "---------")] + RejectionGround.choices,
        error_messages={"required": _("Choose the ground for rejection from Art. 4.2c.")},
    )
    comment = forms.CharField(
        label=_("Comment to the author"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Tell the author what is wrong and what to fix.")},
    )


def genre_choices():
    return [("", _("No royalty"))] + [
        (str(g.pk), f"{g.name} ({points_text(g.min_points)}–{points_text(g.max_points)})")
        for g in RoyaltyGenre.objects.filter(active=True)
    ]


# Staff who write items (Art. 11.3): the board, directors and office review, lead and answer.
WRITERS = [CONTRIBUTORS, OPERATORS]


def staff_choices():
    staff = (
        users_with_role(*WRITERS)
        .filter(is_active=True)
        .order_by("first_name", "last_name", "username")
    )
    return [("", _("The submitter"))] + [
        (str(u.pk), u.get_full_name() or u.get_username()) for u in staff
    ]


class ApprovalForm(DecisionForm):
    """Approval credits the item's authors with royalty points (Art. 11.3): one line per
    author, a staff account or an outside contributor with name and unit."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for i in range(1, AUTHOR_LINES + 1):
            self.fields[f"genre_{i}"] = forms.ChoiceField(
                label=_("Author %(n)d: genre") % {"n": i}, choices=genre_choices, required=False
            )
            self.fields[f"points_{i}"] = forms.DecimalField(
                label=_("points"), required=False, max_digits=6, decimal_places=2
            )
            self.fields[f"user_{i}"] = forms.ChoiceField(
                label=_("staff author"), choices=staff_choices, required=False
            )
            self.fields[f"name_{i}"] = forms.CharField(
                label=_("or outside author"), max_length=120, required=False
            )
            self.fields[f"unit_{i}"] = forms.CharField(
                label=_("unit"), max_length=200, required=False
            )

    def clean(self):
        data = super().clean()
        genres = {str(g.pk): g for g in RoyaltyGenre.objects.filter(active=True)}
        self.lines = []
        for i in range(1, AUTHOR_LINES + 1):
            genre = genres.get(data.get(f"genre_{i}") or "")
            points, user, name = (
                data.get(f"points_{i}"),
                data.get(f"user_{i}"),
                data.get(f"name_{i}"),
            )
            if genre is None:
                if points is not None or user or name:
                    self.add_error(f"genre_{i}", gettext("Choose the genre for this author."))
                continue
            if points is None:
                points = genre.default_points
            if points < 0:
                self.add_error(f"points_{i}", gettext("Points cannot be negative."))
            elif not genre.min_points <= points <= genre.max_points:
                self.add_error(f"points_{i}", frame_message(genre))
            if user and name:
                self.add_error(
                    f"name_{i}",
                    gettext("Give either a staff author or an outside author, not both."),
                )
            self.lines.append(
                {
                    "genre": genre,
                    "points": Decimal(points),
                    "user_id": int(user) if user else None,
                    "author_name": name.strip() if name else "",
                    "unit": data.get(f"unit_{i}", "").strip(),
                }
            )
        return data

    def royalty_lines(self):
        return self.lines

    def author_lines(self):
        """Per author, (label, field) of the line, for the modal's one box per author."""
        columns = [
            ("genre", _("Genre")),
            ("points", _("Points")),
            ("user", _("Staff author")),
            ("name", _("Or an outside author")),
            ("unit", _("Unit")),
        ]
        return [
            [(label, self[f"{name}_{i}"]) for name, label in columns]
            for i in range(1, AUTHOR_LINES + 1)
        ]


class ApprovalWithCommentForm(ApprovalForm):
    comment = forms.CharField(
        label=_("Comment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write the comment, or choose plain approval.")},
    )

    field_order = ["comment"]


class ReasonForm(forms.Form):
    """Force-publishing and unpublishing both need a written reason for the record."""

    reason = forms.CharField(
        label=_("Reason"),
        min_length=10,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Write the reason: it goes into the audit log."),
            "min_length": _("Write the reason in a full sentence (at least 10 characters)."),
        },
    )
