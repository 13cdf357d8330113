"""Media files on an S3-compatible object store (MEDIA_S3_BUCKET, portal/settings/base.py): the
same store for every application node, as the shared folder MEDIA_ROOT is otherwise."""

from botocore.config import Config
from django.conf import settings
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage


class MediaStorage(S3Storage):
    """django-storages' S3 storage with the portal's rules, whatever the environment sets:

    - objects are private (`default_acl`) and a URL of the bucket, if one is ever made, is
      signed (`querystring_auth`): document files and what citizens attach to comments must
      only leave through the application's checks;
    - an upload never replaces another file of the same name (`file_overwrite`);
    - path-style addresses (`http://store:9000/bucket/key`), which MinIO, Ceph and S3Proxy
      answer without a DNS name per bucket.
    """

    def get_default_settings(self):
        return {
            **super().get_default_settings(),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
            # The whole client's configuration (django-storages then ignores its
            # addressing_style and signature_version settings). A store that does not answer
            # fails a request in seconds (/healthz, an upload) rather than after boto3's
            # minute. Checksums only where S3 requires them: the CRC32 headers boto3 adds by
            # default are refused by older MinIO and Ceph.
            "client_config": Config(
                s3={"addressing_style": "path"},
                signature_version="s3v4",
                connect_timeout=3,
                read_timeout=30,
                retries={"mode": "standard", "max_attempts": 2},
                request_checksum_calculation="when_required",
                response_checksum_validation="when_required",
            ),
        }

    def url(self, name, parameters=None, expire=None, http_method=None):
        """The file's address on the site, under MEDIA_URL, as with the folder: images are
        served by the application from the store (portal/views.py, serve_image), documents at
        /documents/ with their checks. A signed URL of the bucket would expire inside pages
        that the caches keep, and would send citizens to a store on the data centre's private
        network."""
        return settings.MEDIA_URL + filepath_to_uri(name).lstrip("/")
