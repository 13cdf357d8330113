from django.core.exceptions import ValidationError
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


class PortalImageBlock(ImageBlock):
    """Wagtail's image with its alt text. Its chooser is labelled by hand: Wagtail names it
    from the block's name, "Image", untranslated."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.child_blocks["image"].label = _("Image")


class CaptionedImageBlock(blocks.StructBlock):
    image = PortalImageBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False)
    credit = blocks.CharBlock(label=_("Photo credit"), required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/captioned_image.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("File"))
    title = blocks.CharBlock(
        label=_("Title"), required=False, help_text=_("Leave blank to use the file's title.")
    )

    class Meta:
        icon = "doc-full"
        label = _("Downloadable file")
        template = "blocks/document.html"


AUDIO = {"mp3", "m4a", "ogg", "wav"}
VIDEO = {"mp4", "webm"}


class MediaBlock(blocks.StructBlock):
    """Audio or video from the media library, with a caption and the transcript that people
    who cannot hear it read instead (WCAG 2.1, 1.2.1)."""

    file = DocumentChooserBlock(label=_("File"))
    caption = blocks.CharBlock(label=_("Caption"))
    transcript = blocks.TextBlock(
        label=_("Transcript"), help_text=_("What is said and shown, for those who cannot hear it.")
    )
    extensions = set()

    def clean(self, value):
        value = super().clean(value)
        extension = value["file"].file_extension.lower() if value.get("file") else ""
        if extension not in self.extensions:
            raise blocks.StructBlockValidationError(
                block_errors={
                    "file": ValidationError(
                        _("Choose a file in one of these formats: %(formats)s.")
                        % {"formats": ", ".join(sorted(e.upper() for e in self.extensions))}
                    )
                }
            )
        return value


class AudioBlock(MediaBlock):
    extensions = AUDIO

    class Meta:
        icon = "media"
        label = _("Audio")
        template = "blocks/audio.html"


class VideoBlock(MediaBlock):
    extensions = VIDEO

    class Meta:
        icon = "media"
        label = _("Video")
        template = "blocks/video.html"


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
    audio = AudioBlock()
    video = VideoBlock()
    table = TableBlock(label=_("Table"), icon="table", template="blocks/table.html")
    embed = EmbedBlock(
        label=_("Embedded media"),
        icon="media",
        template="blocks/embed.html",
        help_text=_("A link to a video or audio page, e.g. on YouTube."),
    )
