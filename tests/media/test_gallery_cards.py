"""Gallery cards on the list page: the photo count in the reader's language,
typed text shown as text."""

import pytest
from django.urls import reverse
from django.utils import translation

from racing.models import Gallery
from tests.media.conftest import jpeg_bytes

pytestmark = pytest.mark.django_db


def test_a_gallery_card_counts_its_photos_in_the_readers_language(client, add, gallery):
    add(jpeg_bytes(), "a.jpg")
    add(jpeg_bytes(colour="blue"), "b.jpg")
    Gallery.objects.create(
        event=gallery.event,
        title="Empty <b>garage</b>",
        slug="empty",
        is_published=True,
    )

    english = client.get(reverse("racing:gallery-list")).content.decode()
    with translation.override("sv"):
        swedish = client.get(reverse("racing:gallery-list")).content.decode()

    assert " · 2 photos</p>" in english and " · 0 photos</p>" in english
    assert " · 2 bilder</p>" in swedish
    assert ">Empty &lt;b&gt;garage&lt;/b&gt;</a></h2>" in english
