from wagtail.admin.menu import MenuItem


class PermissionMenuItem(MenuItem):
    """An admin menu entry shown only to users holding `permission`; the view behind it
    checks the same permission again."""

    def __init__(self, label, url, permission, **kwargs):
        super().__init__(label, url, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)
