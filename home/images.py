"""Every size the public templates show an image at, made when the image is saved, so no
citizen's request waits while one is resized. A test holds this list to the templates."""

import logging

from django.db import transaction
from django.db.models.signals import post_save
from wagtail.images import get_image_model_string

RENDITIONS = ("fill-480x270", "fill-1200x630", "width-960", "fill-160x200")

logger = logging.getLogger(__name__)


def make_renditions(sender, instance, raw=False, **kwargs):
    def make():
        try:
            instance.get_renditions(*RENDITIONS)
        except Exception:  # an unreadable file: the page still shows, made on first view
            logger.warning("Could not make the renditions of image %s", instance.pk, exc_info=True)

    if not raw:
        transaction.on_commit(make)


def connect():
    post_save.connect(make_renditions, sender=get_image_model_string(), dispatch_uid="renditions")
