"""The fan pages' pictures and cards, written in Python.

Load with `{% load cards %}`:

    {% picture photo ratio="3x2" sizes="(min-width: 64rem) 24rem, 100vw" %}
    {% report_card report heading="h2" eager=forloop.first %}
    {% gallery_card gallery %}

These were template includes. A list page shows 12 to 24 cards, each with a
picture of three srcsets, and Django's template engine spent about a quarter
of such a page's time resolving their variables (issue 9). The markup is the
same; every value from the database is escaped here.
"""

from html import escape

from django import template
from django.template.defaultfilters import truncatewords
from django.utils import dateformat, timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext

from racing.templatetags.racing import event_dates, long_date

register = template.Library()

# The cards' column widths: one column on phones, two, then three of 24rem.
CARD_SIZES = "(min-width: 64rem) 24rem, (min-width: 40rem) 50vw, 100vw"


@register.simple_tag
def picture(photo, ratio="", sizes="100vw", alt=None, eager=False):
    """A photo of the desk, cropped by CSS around its focal point, in AVIF,
    WebP and JPEG. `eager` for the first screen (no lazy loading, high
    priority); `alt` defaults to the photo's description in the reader's
    language (pass alt="" for a decorative copy beside its own text)."""
    sizes = escape(sizes)
    avif = photo.srcset_avif
    text = photo.local_description if alt is None else alt
    loading = 'fetchpriority="high"' if eager else 'loading="lazy"'
    avif_source = (
        f'<source type="image/avif" srcset="{escape(avif)}" sizes="{sizes}">'
        if avif
        else ""
    )
    return mark_safe(
        f'<picture class="pic{f" ratio-{escape(ratio)}" if ratio else ""}">\n'
        f"  {avif_source}\n"
        f'  <source type="image/webp" srcset="{escape(photo.srcset_webp)}"'
        f' sizes="{sizes}">\n'
        f'  <img class="{photo.focal_class}" src="{escape(photo.thumbnail_url)}"'
        f' srcset="{escape(photo.srcset_jpeg)}" sizes="{sizes}"'
        f' width="{photo.width}" height="{photo.height}" alt="{escape(str(text))}"'
        f' {loading} decoding="async">\n'
        "</picture>"
    )


def _card(*, kind, media, eyebrow, heading, url, title, meta, extra="", lang=""):
    lang = f' lang="{escape(lang)}"' if lang else ""
    return mark_safe(
        f'<article class="card {kind}"{lang}>\n'
        f"  {media}\n"
        '  <div class="card-body">\n'
        f'    <p class="eyebrow">{escape(eyebrow)}</p>\n'
        f'    <{heading} class="card-title"><a href="{escape(url)}">'
        f"{escape(title)}</a></{heading}>\n"
        f'    <p class="card-meta">{meta}</p>\n'
        f"{extra}"
        "  </div>\n"
        "</article>"
    )


def _card_media(context, photo, eager):
    """The card's photo, else the team's initials in its place."""
    if photo:
        return picture(photo, ratio="3x2", sizes=CARD_SIZES, alt="", eager=eager)
    site = context.get("site")
    initials = escape(site.initials) if site is not None else ""
    return f'<span class="card-placeholder" aria-hidden="true">{initials}</span>'


def _heading(level):
    return "h2" if level == "h2" else "h3"


@register.simple_tag(takes_context=True)
def report_card(context, report, heading="h3", eager=False):
    """One race report: its photo, title, date, event and lead. Needs the
    report's event selected and `card_photo` attached
    (photo_picks.attach_card_photos); runs no queries."""
    other_language = report.language != get_language()
    published = report.publish_at
    meta = (
        f'<time datetime="{dateformat.format(timezone.localtime(published), "c")}">'
        f"{escape(long_date(published))}</time>"
        if published
        else '<time datetime=""></time>'
    )
    if other_language:
        label = "På svenska" if report.language == "sv" else "In English"
        meta += f' · <span class="report-language">{label}</span>'
    lead = (
        f"    <p>{escape(truncatewords(report.lead, 28))}</p>\n" if report.lead else ""
    )
    return _card(
        kind="report-card",
        lang=report.language if other_language else "",
        media=_card_media(context, report.card_photo, eager),
        eyebrow=report.event.name,
        heading=_heading(heading),
        url=report.get_absolute_url(),
        title=report.title,
        meta=meta,
        extra=lead,
    )


@register.simple_tag(takes_context=True)
def gallery_card(context, gallery, heading="h3", eager=False):
    """A gallery: cover, title, event, session date, photo count. Needs
    `gallery` from photo_picks.gallery_cards with `cover` attached
    (attach_covers); runs no queries."""
    session = gallery.session
    when = escape(event_dates(gallery.event))
    if session:
        if session.starts_at:
            when = escape(long_date(session.starts_at))
        when = f"{escape(session.display_name)} · {when}"
    count = gallery.photo_count
    photos = ngettext("%(counter)s photo", "%(counter)s photos", count) % {
        "counter": count
    }
    return _card(
        kind="gallery-card",
        media=_card_media(context, gallery.cover, eager),
        eyebrow=gallery.event.name,
        heading=_heading(heading),
        url=gallery.get_absolute_url(),
        title=gallery.title,
        meta=f"{when} · {escape(photos)}",
    )
