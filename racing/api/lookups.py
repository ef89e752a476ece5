"""Finding what a URL names, with a message that says what would work."""

from ninja.errors import HttpError

from racing.models import Season


def find_season(key: str, *, queryset=None, status: int = 404) -> Season:
    """The season of a slug (wtcr-2021), or of a year when one season has it.

    The public pages name a season by its slug; a year is accepted as well
    because that is what people type, as long as it names one season only.
    """
    queryset = queryset if queryset is not None else Season.objects.all()
    if key.isdigit():
        seasons = list(queryset.filter(year=int(key))[:10])
        if len(seasons) == 1:
            return seasons[0]
        if seasons:
            slugs = ", ".join(season.slug for season in seasons)
            raise HttpError(
                status, f"Several seasons in {key}: name one by its slug ({slugs})."
            )
    else:
        season = queryset.filter(slug=key).first()
        if season is not None:
            return season
    raise HttpError(
        status,
        f"No season “{key}”: name a season by its slug or year "
        "(the seasons are listed at /api/v1/seasons/).",
    )
