import pytest
from django.urls import reverse

from racing.models import Gallery, Photo, RaceReport
from tests.factories import make_driver, make_event, make_season

from .conftest import jpeg_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def photo(add):
    add(jpeg_bytes((900, 600)), "a.jpg", caption="Jessica at the Karussell")
    return Photo.objects.get()


def urls_of(photo):
    slug = photo.gallery.slug
    return [
        reverse("racing:gallery-detail", args=[slug]),
        reverse("racing:photo-detail", args=[slug, photo.pk]),
        reverse("racing:photo-download", args=[slug, photo.pk, "web"]),
        reverse("racing:photo-download", args=[slug, photo.pk, "original"]),
        photo.file_url(photo.rendition_name(400, "jpeg")),
        photo.file_url(photo.rendition_name(800, "webp")),
    ]


def test_published_photo_and_its_files_are_public(client, photo):
    for url in urls_of(photo):
        assert client.get(url).status_code == 200, url


def test_unpublished_gallery_and_its_files_are_invisible(client, photo, gallery):
    Gallery.objects.update(is_published=False)

    for url in urls_of(photo) + [reverse("racing:gallery-zip", args=[gallery.slug])]:
        assert client.get(url).status_code == 404, url
    listing = client.get(reverse("racing:gallery-list"))
    assert b"Race day" not in listing.content


def test_unpublished_photo_is_invisible_in_a_public_gallery(client, photo, gallery):
    Photo.objects.update(is_published=False)

    for url in urls_of(photo)[1:]:
        assert client.get(url).status_code == 404, url
    page = client.get(gallery.get_absolute_url())
    assert b"photo-card" not in page.content


def test_guessed_file_names_find_nothing(client, photo):
    folder = photo.folder.removeprefix("photos/")
    for name in ["original.jpg", "download-original.jpg", "9999.jpg", "../x.jpg"]:
        url = reverse("racing:photo-file", kwargs={"path": f"{folder}/{name}"})
        assert client.get(url).status_code == 404, name
    assert client.get(f"/media/{photo.original.name}").status_code == 404


def test_press_officer_previews_unpublished_files(press_client, photo):
    Gallery.objects.update(is_published=False)

    page = press_client.get(photo.gallery.get_absolute_url())
    rendition = press_client.get(photo.file_url(photo.rendition_name(400, "jpeg")))

    assert b"not published" in page.content
    assert rendition.status_code == 200
    assert rendition["Cache-Control"] == "private, no-store"


def test_renditions_are_cached_for_a_year(client, photo):
    response = client.get(photo.file_url(photo.rendition_name(800, "avif")))

    assert response["Content-Type"] == "image/avif"
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"


def test_gallery_page_has_srcset_sizes_and_dimensions(client, photo, gallery):
    response = client.get(gallery.get_absolute_url())

    html = response.content.decode()
    assert 'type="image/avif"' in html and 'type="image/webp"' in html
    assert 'width="900" height="600"' in html
    assert "400.webp 400w, " in html and 'sizes="' in html
    assert 'loading="lazy"' not in html.split("photo-card")[1]  # first is eager
    assert f'href="{photo.get_absolute_url()}"' in html  # works without JS


def test_photo_waiting_for_renditions_shows_a_placeholder(client, photo, gallery):
    Photo.objects.update(renditions={})

    response = client.get(gallery.get_absolute_url())

    assert b"Processing" in response.content
    assert b"<picture" not in response.content


def test_photo_page_has_credit_line_and_downloads(client, photo, driver):
    photo.drivers.add(driver)

    response = client.get(photo.get_absolute_url())

    html = response.content.decode()
    assert 'value="Photo: FIA WTCR"' in html
    assert "Free rights to use image" in html
    assert "Jessica Bäckman" in html
    assert (
        reverse(
            "racing:photo-download", args=[photo.gallery.slug, photo.pk, "original"]
        )
        in html
    )


def test_gallery_list_filters_by_driver_season_and_event(client, add, gallery, driver):
    other_event = make_event(season=make_season(year=2022), slug="estoril")
    other = Gallery.objects.create(
        event=other_event, title="Estoril", slug="estoril", is_published=True
    )
    add(jpeg_bytes(), "a.jpg", driver_ids=[driver.pk])
    add(jpeg_bytes(colour="blue"), "b.jpg", to=other)
    url = reverse("racing:gallery-list")

    assert b"Estoril" in client.get(url).content
    by_driver = client.get(url, {"driver": driver.slug}).content
    assert b"Race day" in by_driver and b"Estoril</a>" not in by_driver
    by_event = client.get(url, {"event": "estoril"}).content
    assert b"Estoril</a>" in by_event and b"Race day" not in by_event
    by_season = client.get(url, {"season": other_event.season.slug}).content
    assert b"Estoril</a>" in by_season and b"Race day" not in by_season
    unknown = client.get(url, {"driver": "nobody"})
    assert b"matched nothing" in unknown.content


def test_gallery_filters_offer_each_season_event_and_driver_once_escaped(
    client, add, gallery, driver
):
    other_event = make_event(
        season=make_season(year=2022), slug="estoril", name="Estoril <Race> & Co"
    )
    Gallery.objects.create(
        event=other_event, title="Estoril", slug="estoril", is_published=True
    )
    add(jpeg_bytes(), "a.jpg", driver_ids=[driver.pk])
    add(jpeg_bytes(colour="blue"), "b.jpg", driver_ids=[driver.pk])

    html = client.get(reverse("racing:gallery-list"), {"event": "estoril"})
    html = html.content.decode()

    assert html.count('<option value="estoril" selected>') == 1
    assert "Estoril &lt;Race&gt; &amp; Co (2022)</option>" in html
    assert html.count(f'<option value="{driver.slug}">{driver.full_name}') == 1
    assert f'<option value="{other_event.season.slug}">' in html


@pytest.mark.parametrize("count", [1, 30])
def test_gallery_pages_stay_within_ten_queries(
    client, add, gallery, driver, count, django_assert_max_num_queries
):
    for n in range(count):
        add(
            jpeg_bytes((500, 300), colour=(n * 8, 0, 0)),
            f"{n}.jpg",
            driver_ids=[driver.pk],
        )
    for n in range(3):
        Gallery.objects.create(
            event=gallery.event, title=f"More {n}", slug=f"more-{n}", is_published=True
        )
    photo = Photo.objects.last()

    for url in [
        reverse("racing:gallery-list"),
        reverse("racing:gallery-list") + f"?driver={driver.slug}",
        gallery.get_absolute_url(),
        photo.get_absolute_url(),
    ]:
        with django_assert_max_num_queries(10):
            response = client.get(url)
        assert response.status_code == 200
    assert response.content.count(b"<dt>") >= 4


def test_report_falls_back_to_the_weekends_best_photo_of_its_drivers(
    add, gallery, driver
):
    rival = make_driver(slug="rival")
    add(jpeg_bytes(colour="red"), "rival.jpg", driver_ids=[rival.pk])
    add(jpeg_bytes(colour="blue"), "plain.jpg", driver_ids=[driver.pk])
    add(jpeg_bytes(colour="green"), "best.jpg", driver_ids=[driver.pk])
    Photo.objects.filter(original_filename="best.jpg").update(is_highlight=True)
    report = RaceReport.objects.create(
        event=gallery.event, title="Weekend", slug="weekend"
    )
    report.drivers.add(driver)

    photos = list(Photo.objects.for_report(report))

    assert [p.original_filename for p in photos] == ["best.jpg", "plain.jpg"]
    Gallery.objects.update(is_published=False)
    assert not Photo.objects.for_report(report).exists()
