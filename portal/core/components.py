"""Admin components (dashboard panels) rendered the way a view renders its template."""

from django.template.loader import get_template
from wagtail.admin.ui.components import Component


class RequestComponent(Component):
    """A component rendered with the request: `{% csrf_token %}`, the context processors and
    the user work in its template. Laces' Component renders its template with a bare dict, so
    a form in a panel posted no CSRF token and was refused with 403 (issue #23). Every admin
    panel of the portal derives from this."""

    def __init__(self, request):
        self.request = request

    def render_html(self, parent_context=None):
        template = get_template(self.template_name)
        return template.render(self.get_context_data(parent_context), self.request)
