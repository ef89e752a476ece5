"""The focal point of a photo, set by a click on its preview in the admin.

The two numbers stay in the form as plain fields (a keyboard or a screen
reader can type them); static/admin/racing/focal_point.js moves them, and the
marker, when the press officer clicks the picture (the CSP allows no inline
style, so the script places the marker).
"""

from django.utils.html import format_html
from django.utils.translation import gettext as _

from racing.services import images


def focal_picker(photo):
    if not photo.has_thumbnails:
        return ""
    width, height = images.fit((photo.width, photo.height), 600)
    return format_html(
        '<div class="focal-picker" data-focal-picker>'
        '<img src="{}" width="{}" height="{}" alt="">'
        '<span class="focal-marker" data-x="{}" data-y="{}" aria-hidden="true">'
        "</span></div>"
        '<p class="help">{}</p>',
        photo.rendition_url("jpeg", min_width=800),
        width,
        height,
        photo.focal_x,
        photo.focal_y,
        _(
            "Click the subject: cards, heroes, portraits and social images are "
            "cropped around that point."
        ),
    )
