"""References in rich text (links to pages and documents, images), checked on save and rendered
without trusting what is stored. Wagtail's rich-text internals are used here and only here.

Draftail posts its links as JSON the browser controls: a LINK entity whose id is
`1" onclick="alert(8)` used to be stored as is, and Wagtail's handlers then call int() on it
and answer 500 in the editor, preview, revision compare and on the public site. So:
- `check_form(form)` refuses, with a message on the field or block, every reference whose id
  is not the number of something that exists (the page form, home/models/pages.py; on the form
  rather than the model, so a page linking to one deleted later can still be published);
- the handlers below replace Wagtail's (through register_rich_text_features, see
  portal/wagtail_hooks.py): a reference with a bad id renders as plain text (an <a> without
  href, an empty image) and opens in the editor as such, never a 500."""

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from wagtail.admin.rich_text.converters.contentstate import link_entity
from wagtail.admin.rich_text.converters.html_to_contentstate import (
    ExternalLinkElementHandler,
    PageLinkElementHandler,
)
from wagtail.blocks import StreamBlockValidationError, StreamValue, StructValue
from wagtail.documents.rich_text import DocumentLinkHandler
from wagtail.documents.rich_text.contentstate import ContentstateDocumentLinkConversionRule
from wagtail.fields import RichTextField
from wagtail.images.formats import get_image_formats
from wagtail.images.rich_text import ImageEmbedHandler
from wagtail.images.rich_text.contentstate import ImageElementHandler, image_entity
from wagtail.rich_text import RichText
from wagtail.rich_text.pages import PageLinkHandler

from portal.core.wagtail_adapter import (
    RICH_TEXT_EMBED_TAG,
    RICH_TEXT_LINK_TAG,
    rich_text_attributes,
)

MAX_ID_DIGITS = 18  # a bigint holds 18 digits safely


def as_id(value):
    """The integer a stored id must be, else None."""
    text = str(value if value is not None else "")
    if text.isascii() and text.isdigit() and len(text) <= MAX_ID_DIGITS:
        return int(text)
    return None


def image_format_exists(name):
    return name in {f.name for f in get_image_formats()}


class CheckedIds:
    """Looks up only references whose id is a number; the others are missing (None)."""

    @classmethod
    def usable(cls, attrs):
        return as_id(attrs.get("id")) is not None

    @classmethod
    def get_many(cls, attrs_list):
        found = iter(super().get_many([a for a in attrs_list if cls.usable(a)]))
        return [next(found) if cls.usable(a) else None for a in attrs_list]

    @classmethod
    def extract_references(cls, attrs):
        if cls.usable(attrs):
            yield from super().extract_references(attrs)


class CheckedPageLinkHandler(CheckedIds, PageLinkHandler):
    pass


class CheckedDocumentLinkHandler(CheckedIds, DocumentLinkHandler):
    pass


class CheckedImageEmbedHandler(CheckedIds, ImageEmbedHandler):
    @classmethod
    def usable(cls, attrs):
        return super().usable(attrs) and image_format_exists(attrs.get("format"))


# --- The editor: stored HTML to Draftail's JSON -----------------------------------------------


class CheckedPageLinkElementHandler(PageLinkElementHandler):
    def get_attribute_data(self, attrs):
        if as_id(attrs.get("id")) is None:
            return {}  # a link without a target, as Wagtail does for a bad document id
        return super().get_attribute_data(attrs)


class CheckedImageElementHandler(ImageElementHandler):
    def create_entity(self, name, attrs, state, contentstate):
        if as_id(attrs.get("id")) is None or not image_format_exists(attrs.get("format")):
            attrs = {**attrs, "id": None, "format": "fullwidth"}
            # Wagtail's handler finds no image for id None and shows an empty one.
        return super().create_entity(name, attrs, state, contentstate)


LINK_RULE = {
    "from_database_format": {
        "a[href]": ExternalLinkElementHandler("LINK"),
        'a[linktype="page"]': CheckedPageLinkElementHandler("LINK"),
    },
    "to_database_format": {"entity_decorators": {"LINK": link_entity}},
}
IMAGE_RULE = {
    "from_database_format": {'embed[embedtype="image"]': CheckedImageElementHandler()},
    "to_database_format": {"entity_decorators": {"IMAGE": image_entity}},
}


def register(features):
    features.register_link_type(CheckedPageLinkHandler)
    features.register_link_type(CheckedDocumentLinkHandler)
    features.register_embed_type(CheckedImageEmbedHandler)
    features.register_converter_rule("contentstate", "link", LINK_RULE)
    features.register_converter_rule("contentstate", "image", IMAGE_RULE)
    # Wagtail's document rule already treats a bad id as no target.
    features.register_converter_rule(
        "contentstate", "document-link", ContentstateDocumentLinkConversionRule
    )


# --- Checking on save -------------------------------------------------------------------------

CHECKED = {
    ("a", "page"): CheckedPageLinkHandler,
    ("a", "document"): CheckedDocumentLinkHandler,
    ("embed", "image"): CheckedImageEmbedHandler,
}


def bad_references(html):
    """The text of every reference in `html` that points to nothing: an id that is not a
    number, or the number of nothing that exists, or an image in an unknown format."""
    wanted = {}
    for tag, pattern, kind in (
        ("a", RICH_TEXT_LINK_TAG, "linktype"),
        ("embed", RICH_TEXT_EMBED_TAG, "embedtype"),
    ):
        for match in pattern.finditer(html or ""):
            attrs = rich_text_attributes(match.group(1))
            handler = CHECKED.get((tag, attrs.get(kind)))
            if handler:
                wanted.setdefault(handler, []).append(attrs)
    bad = []
    for handler, attrs_list in wanted.items():
        for attrs, found in zip(attrs_list, handler.get_many(attrs_list), strict=True):
            if found is None:
                bad.append(attrs.get("id", ""))
    return bad


def message(label, bad):
    return _(
        "%(field)s has a link or image that points to nothing that exists (id %(ids)s). "
        "Remove it and choose the page, file or image again."
    ) % {"field": label, "ids": ", ".join(str(i)[:40] for i in bad)}


def rich_texts(value):
    """The HTML of every rich text inside a block's value, however deep."""
    if isinstance(value, RichText):
        yield value.source
    elif isinstance(value, (StructValue, dict)):
        for child in value.values():
            yield from rich_texts(child)
    elif isinstance(value, (StreamValue, list, tuple)) or hasattr(value, "bound_blocks"):
        for child in value:
            yield from rich_texts(getattr(child, "value", child))


def check_form(form):
    model = form._meta.model
    for name, value in list(form.cleaned_data.items()):
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if isinstance(field, RichTextField):
            bad = bad_references(value)
            if bad:
                form.add_error(name, message(capfirst(field.verbose_name), bad))
        elif isinstance(value, StreamValue):
            block_errors = {}
            for index, child in enumerate(value):
                bad = [ref for html in rich_texts(child.value) for ref in bad_references(html)]
                if bad:
                    label = capfirst(child.block.label)
                    block_errors[index] = ValidationError(message(label, bad))
            if block_errors:
                form.add_error(name, StreamBlockValidationError(block_errors=block_errors))
