"""Text typed in English with an optional Swedish version beside it.

A bio, an event summary, a gallery description and a photo's caption and alt
text each have a `<field>_sv` column. `local_<field>` gives the reader's
language, falling back to English when no Swedish text was written.

Why not django-modeltranslation: it swaps in its own managers, rewrites every
lookup on these fields to the active language and changes their admin forms.
The photo desk embeds captions in files from a worker, full-text search
indexes the English caption column, and CSV imports match by English names:
all of that must keep reading the English columns as they are. Five sibling
columns and this descriptor keep the rest of the code untouched.
"""

from django.utils.translation import get_language


class Localized:
    """`obj.local_bio`: `bio_sv` for Swedish readers when written, else `bio`."""

    def __init__(self, field: str):
        self.field = field

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        language = (get_language() or "en").split("-")[0]
        if language != "en":
            translated = getattr(instance, f"{self.field}_{language}", "")
            if translated:
                return translated
        return getattr(instance, self.field)
