from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import UnidentifiedImageError
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm
from wagtail.admin.forms.auth import PasswordResetForm as WagtailPasswordResetForm
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from portal import media
from portal.core import antivirus, throttle
from portal.core.addresses import client_address
from portal.core.audit import record
from portal.core.uploads import check_upload


class ReviewedReplacement:
    """A new file for a document or image used by a published page: only the board may put
    it there, and that is in the system log (portal/media.py)."""

    def __init__(self, *args, **kwargs):
        self.user = kwargs.get("user")
        super().__init__(*args, **kwargs)

    def replaces_file(self):
        return self.instance.pk is not None and isinstance(
            self.cleaned_data.get("file"), UploadedFile
        )

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if self.replaces_file():
            refusal = media.replacement_refusal(self.user, self.instance)
            if refusal:
                raise ValidationError(refusal)
        return file

    def save(self, commit=True):
        replaced = self.replaces_file() and media.pages_using(self.instance).filter(live=True)
        obj = super().save(commit=commit)
        if replaced:
            pages = list(replaced.values_list("pk", flat=True))
            record("portal.media_replace", obj, data={"file": obj.file.name, "pages": pages})
        return obj


class DocumentForm(ReviewedReplacement, BaseDocumentForm):
    """Wagtail's document form (WAGTAILDOCS_DOCUMENT_FORM_BASE), checking the content."""

    def clean_file(self):
        file = super().clean_file()
        if isinstance(file, UploadedFile):  # not when only the title changes
            check_upload(file.name, file, file.size)
        return file


def readable_image(to_python):
    def checked(data):
        try:
            return to_python(data)
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
            name = getattr(data, "name", "")
            raise ValidationError(
                _(
                    "The file “%(name)s” is not a readable image: save it again as JPEG or PNG "
                    "and upload that."
                )
                % {"name": name}
            ) from error

    return checked


class ImageForm(ReviewedReplacement, BaseImageForm):
    """Wagtail's image form (WAGTAILIMAGES_IMAGE_FORM_BASE): Wagtail checks that the bytes
    are an image of the claimed format; this adds the antivirus scan, and a message instead
    of a server error for a file whose header says image but whose body is not one (Wagtail
    8.0's pixel-size check lets Pillow's error through)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is not None:
            field.to_python = readable_image(field.to_python)

    def clean_file(self):
        file = super().clean_file()
        if isinstance(file, UploadedFile):
            antivirus.scan(file.name, file)
        return file


class PasswordResetForm(WagtailPasswordResetForm):
    """Wagtail's (WAGTAILADMIN_USER_PASSWORD_RESET_FORM): the same answer whatever was typed,
    and every request in the system log, with the account when one matches."""

    def save(self, *args, request=None, **kwargs):
        email = self.cleaned_data["email"]
        account = next(iter(self.get_users(email)), None)
        address = client_address(request)
        window = settings.PASSWORD_RESET_MINUTES * 60
        # A few mails per address and per account in the window: a script cannot bury an
        # inbox in reset mails. The page answers alike either way (it tells nothing).
        throttled = (
            throttle.count("password-reset", address, window) > settings.PASSWORD_RESETS_PER_ADDRESS
            or throttle.count("password-reset", email.lower(), window)
            > settings.PASSWORD_RESETS_PER_ACCOUNT
        )
        data = {"email": email, "ip": address} | ({"throttled": True} if throttled else {})
        record("portal.password_reset", account, label=email, data=data)
        if throttled:
            return None
        return super().save(*args, request=request, **kwargs)


class LoginForm(WagtailLoginForm):
    """Wagtail's sign-in form (WAGTAILADMIN_USER_LOGIN_FORM) with a label on the password:
    Wagtail 8.0 gives the field none, so Django labels it "Password" in English (hidden on
    screen, read out by screen readers)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Password")
