"""The team's colours as CSS, readable whatever accent the press officer picks.

The accent colour is used as typed for decoration (stripes, borders, the
brand bar). Text and buttons use a shade of it with at least WCAG AA contrast
(4.5:1) against the page: darker on the light scheme, lighter on the dark.
"""

import hashlib

LIGHT_PAGE = "#ffffff"
DARK_PAGE = "#0e1116"
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


def readable_on(colour: str, page: str) -> str:
    """`colour` mixed towards black or white (away from `page`) until it
    reads on `page` at 4.5:1."""
    toward = (0.0, 0.0, 0.0) if luminance(page) > 0.5 else (1.0, 1.0, 1.0)
    base = _rgb(colour)
    for step in range(0, 101):
        t = step / 100
        mixed = _hex(tuple(c + (w - c) * t for c, w in zip(base, toward, strict=True)))
        if contrast(mixed, page) >= AA:
            return mixed
    return _hex(toward)


def palette(accent: str) -> dict[str, str]:
    return {
        "accent": accent.lower(),
        "accent_light": readable_on(accent, LIGHT_PAGE),
        "accent_dark": readable_on(accent, DARK_PAGE),
    }


def stylesheet(accent: str) -> str:
    colours = palette(accent)
    light = f"--accent:{colours['accent']};--accent-strong:{colours['accent_light']}"
    dark = f"--accent-strong:{colours['accent_dark']}"
    return (
        f":root{{{light};--on-accent:#ffffff}}"
        f"@media (prefers-color-scheme:dark){{:root{{{dark};--on-accent:{DARK_PAGE}}}}}"
    )


def version(accent: str) -> str:
    return hashlib.sha256(stylesheet(accent).encode()).hexdigest()[:10]
