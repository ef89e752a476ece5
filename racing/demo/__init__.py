"""Demo content: the seed press release's weekend as structured data.

Each loader is idempotent (keyed on slugs and natural keys), so `load_demo`
can run on every `make run` and change nothing the second time.
"""

from django.db import transaction

from racing.models import PressContact, SiteSettings

from . import galleries, reports, weekend


@transaction.atomic
def load_demo() -> dict:
    SiteSettings.objects.get_or_create(pk=1)  # the defaults: Bäckman Racing
    data = weekend.load()
    data.update(
        reports.load(event=data["event"], drivers=list(data["drivers"].values()))
    )
    data.update(
        galleries.load(
            event=data["event"], drivers=data["drivers"], sessions=data["sessions"]
        )
    )
    data["press_contact"], _created = PressContact.objects.get_or_create(
        name="Press office",
        defaults={
            "role": "Press officer",
            "role_sv": "Presschef",
            "email": "press@example.com",
            "languages": "English, Swedish",
        },
    )
    return data
