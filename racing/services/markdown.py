"""Report bodies: Markdown to safe HTML, with [[quote N]] markers placing quotes.

Raw HTML in the Markdown is shown as text, never passed through, and the output
is cleaned again by nh3 with an allow-list, so a pasted <script> or a
javascript: link cannot reach a reader whatever the Markdown library does.
"""

import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field

import markdown
import nh3
from django.utils.html import format_html, linebreaks
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "a",
    "ul",
    "ol",
    "li",
    "em",
    "strong",
    "blockquote",
    "code",
    "pre",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}
QUOTE_MARKER = re.compile(r"^[ \t]*\[\[\s*quote\s+(\d+)\s*\]\][ \t]*$", re.I | re.M)
# Any marker, on its own line or not: what is left after placing is stray.
ANY_MARKER = re.compile(r"\[\[\s*quote\s+(\d+)\s*\]\]", re.I)
H1_TAG = re.compile(r"<(/?)h1\b")


def sanitise_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


def _markdown_to_html(text: str) -> str:
    md = markdown.Markdown(extensions=["sane_lists"], output_format="html")
    # Drop Markdown's raw-HTML pass-through: tags typed in the body become text.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    html = md.convert(text)
    # The page title is the only <h1>: "# Heading" in a body becomes an <h2>.
    return H1_TAG.sub(r"<\1h2", html)


def render_markdown(text: str) -> SafeString:
    return mark_safe(sanitise_html(_markdown_to_html(text or "")))


def render_quote(quote) -> SafeString:
    """One quote as a <figure>: the words in a <blockquote>, then who said them."""
    role = quote.speaker_role or (_("Driver") if quote.driver_id else "")
    if role:
        caption = format_html(
            '<figcaption><cite class="quote-speaker">{}</cite>, '
            '<span class="quote-role">{}</span></figcaption>',
            quote.speaker_name,
            role,
        )
    else:
        caption = format_html(
            '<figcaption><cite class="quote-speaker">{}</cite></figcaption>',
            quote.speaker_name,
        )
    return format_html(
        '<figure class="quote" lang="{}"><blockquote>{}</blockquote>{}</figure>',
        quote.language,
        mark_safe(linebreaks(quote.text, autoescape=True)),  # escapes the text
        caption,
    )


@dataclass
class RenderedBody:
    html: SafeString
    # Quotes no marker placed: the page shows them after the body.
    unplaced: list = field(default_factory=list)
    # Marker numbers with no quote behind them (shown to the press officer).
    missing: list[int] = field(default_factory=list)
    # Markers inside a paragraph: they print as typed (shown to the press officer).
    stray: list[int] = field(default_factory=list)

    @property
    def unplaced_html(self) -> SafeString:
        return mark_safe("".join(render_quote(quote) for quote in self.unplaced))


def render_body(text: str, *, quotes: Mapping[int, object] = None) -> RenderedBody:
    """Render a report body; `quotes` maps each marker number N to its quote.

    A marker must stand on its own line; each quote is placed once, at its
    first marker. Markers are swapped for random tokens before rendering, so
    nothing a writer types can produce a quote's HTML.
    """
    quotes = dict(quotes or {})
    # Bodies saved before line endings were normalised still hold CRLF.
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    token = f"quote{secrets.token_hex(8)}x"
    placed, missing = [], []

    def to_token(match):
        number = int(match[1])
        if number not in quotes:
            missing.append(number)
            return ""
        if number in placed:
            return ""
        placed.append(number)
        return f"\n\n{token}{number}\n\n"

    text = QUOTE_MARKER.sub(to_token, text)
    stray = [int(number) for number in ANY_MARKER.findall(text)]
    html = sanitise_html(_markdown_to_html(text))
    for number in placed:
        html = html.replace(f"<p>{token}{number}</p>", render_quote(quotes[number]))
    unplaced = [quote for n, quote in sorted(quotes.items()) if n not in placed]
    return RenderedBody(
        html=mark_safe(html), unplaced=unplaced, missing=missing, stray=stray
    )
