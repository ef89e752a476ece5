from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import (  # noqa: F401
    calendar,
    competition,
    content,
    media,
    people,
    press,
    results,
    sessions,
    site,
)

admin.site.site_header = _("Team press room")
admin.site.site_title = _("Press room")
admin.site.index_title = _("Race weekend")
