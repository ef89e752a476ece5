"""The team's colours as CSS, readable whatever accent the press officer picks.

The accent colour is used as typed for decoration (stripes, borders, the
brand bar). Text and buttons use a shade of it with at least WCAG AA contrast
(4.5:1) against every background text sits on (the page, the grey panels, a
row of the team's own drivers): darker on the light scheme, lighter on the dark.
"""

import functools
import hashlib

LIGHT_PAGE = "#ffffff"
DARK_PAGE = "#0e1116"
# --surface in static/css/site.css, light and dark: panels, calendar cards.
LIGHT_SURFACE = "#f2f3f5"
DARK_SURFACE = "#181c23"
# --own in site.css: the accent mixed into the page, behind the team's rows.
OWN_TINT = 0.09
AA = 4.5


def _rgb(colour: str) -> tuple[float, float, float]:
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) / 255 for i in (0, 2, 4))


def _hex(rgb) -> str:
    return "#" + "".join(f"{round(max(0, min(1, c)) * 255):02x}" for c in rgb)


def luminance(colour: str) -> float:
    def channel(c):
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def mix(colour: str, other: str, t: float) -> str:
    """`colour` moved a fraction `t` of the way to `other` (sRGB, as CSS
    color-mix(in srgb, other t, colour) does)."""
    return _hex(
        tuple(c + (o - c) * t for c, o in zip(_rgb(colour), _rgb(other), strict=True))
    )


def readable_on(colour: str, page: str, *others: str) -> str:
    """`colour` mixed towards black or white (away from `page`) until it
    reads at 4.5:1 on `page` and on each of `others` (of the same scheme)."""
    toward = "#000000" if luminance(page) > 0.5 else "#ffffff"
    for step in range(0, 101):
        mixed = mix(colour, toward, step / 100)
        if all(contrast(mixed, background) >= AA for background in (page, *others)):
            return mixed
    return toward


def palette(accent: str) -> dict[str, str]:
    own_light = mix(LIGHT_PAGE, accent, OWN_TINT)
    own_dark = mix(DARK_PAGE, accent, OWN_TINT)
    return {
        "accent": accent.lower(),
        "accent_light": readable_on(accent, LIGHT_PAGE, LIGHT_SURFACE, own_light),
        "accent_dark": readable_on(accent, DARK_PAGE, DARK_SURFACE, own_dark),
    }


# Every page asks for the stylesheet's version; the site has one accent colour.
@functools.lru_cache(maxsize=16)
def stylesheet(accent: str) -> str:
    colours = palette(accent)
    light = f"--accent:{colours['accent']};--accent-strong:{colours['accent_light']}"
    dark = f"--accent-strong:{colours['accent_dark']}"
    return (
        f":root{{{light};--on-accent:#ffffff}}"
        f"@media (prefers-color-scheme:dark){{:root{{{dark};--on-accent:{DARK_PAGE}}}}}"
    )


@functools.lru_cache(maxsize=16)
def version(accent: str) -> str:
    return hashlib.sha256(stylesheet(accent).encode()).hexdigest()[:10]
