"""Crops follow the focal point the press officer clicked: the cards' CSS
crop and the 1200 x 630 picture social networks show."""

import io

import pytest
from PIL import Image

from racing.services.crops import focal_box

pytestmark = pytest.mark.django_db


def ready(result):
    """The photo as the worker left it, renditions made."""
    result.photo.refresh_from_db()
    return result.photo


def two_halves(size=(1800, 600)) -> bytes:
    """Red on the left, blue on the right: a crop shows which side it kept."""
    image = Image.new("RGB", size, (220, 0, 0))
    image.paste((0, 0, 220), (size[0] // 2, 0, *size))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=95)
    return buffer.getvalue()


def test_the_crop_box_keeps_the_focal_point_inside_the_frame():
    # A 3:2 frame cut to a square: the box slides towards the focal point
    # and stops at the frame's edge.
    assert focal_box((300, 200), 1.0, (0, 50)) == (0, 0, 200, 200)
    assert focal_box((300, 200), 1.0, (50, 50)) == (50, 0, 250, 200)
    assert focal_box((300, 200), 1.0, (100, 50)) == (100, 0, 300, 200)


def test_the_social_picture_is_cut_around_the_focal_point(client, add):
    photo = ready(add(two_halves()))
    pictures = {}
    for focal_x in (10, 90):
        photo.focal_x = focal_x
        photo.save()
        response = client.get(photo.social_image_url)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/jpeg"
        pictures[focal_x] = Image.open(io.BytesIO(b"".join(response.streaming_content)))

    assert pictures[10].size == pictures[90].size == (1200, 630)
    red, _, blue = pictures[10].convert("RGB").resize((1, 1)).getpixel((0, 0))
    assert red > 150 and blue < 80  # the left of the frame
    red, _, blue = pictures[90].convert("RGB").resize((1, 1)).getpixel((0, 0))
    assert blue > 150 and red < 80  # the right


def test_a_shared_link_to_an_old_crop_follows_the_focal_point(client, add):
    photo = ready(add(two_halves()))
    old = photo.social_image_url
    photo.focal_x = 80
    photo.save()

    response = client.get(old)

    assert response.status_code == 302
    assert response["Location"] == photo.social_image_url


def test_the_social_picture_of_an_unpublished_photo_is_not_found(client, add):
    photo = ready(add(two_halves()))
    photo.is_published = False
    photo.save()

    assert client.get(photo.social_image_url).status_code == 404


def test_cards_crop_with_the_focal_points_classes(client, add, gallery):
    photo = ready(add(two_halves()))
    photo.focal_x, photo.focal_y = 23, 71
    photo.save()

    html = client.get(gallery.get_absolute_url()).content.decode()

    assert 'class="fx-25 fy-70"' in html  # nearest 5 %, no inline style (CSP)


def test_the_press_officer_sets_the_focal_point_on_the_photo_page(press_client, add):
    photo = ready(add(two_halves()))
    url = f"/admin/racing/photo/{photo.pk}/change/"
    form = press_client.get(url).context["adminform"].form
    data = {
        name: field.initial if field.initial is not None else ""
        for name, field in form.fields.items()
    }
    data.update(form.initial)
    data = {k: ("" if v is None else v) for k, v in data.items()}
    data.update(focal_x=30, focal_y=40)
    data["drivers"] = []

    response = press_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    photo.refresh_from_db()
    assert (photo.focal_x, photo.focal_y) == (30, 40)
