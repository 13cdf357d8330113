from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = [
    "h2",
    "h3",
    "h4",
    "bold",
    "italic",
    "ol",
    "ul",
    "link",
    "document-link",
    "hr",
    "blockquote",
]


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False)
    credit = blocks.CharBlock(label=_("photo credit"), required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/captioned_image.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("file"))
    title = blocks.CharBlock(
        label=_("title"), required=False, help_text=_("Leave blank to use the file's title.")
    )

    class Meta:
        icon = "doc-full"
        label = _("Downloadable file")
        template = "blocks/document.html"


class BodyBlock(blocks.StreamBlock):
    """The body of articles and general pages: text, images, files, tables and embeds (Art. 6.2)."""

    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        label=_("Paragraph"),
        icon="pilcrow",
        template="blocks/paragraph.html",
    )
    image = CaptionedImageBlock()
    document = DocumentBlock()
    table = TableBlock(label=_("Table"), icon="table", template="blocks/table.html")
    embed = EmbedBlock(
        label=_("Embedded media"),
        icon="media",
        template="blocks/embed.html",
        help_text=_("A link to a video or audio page, e.g. on YouTube."),
    )
