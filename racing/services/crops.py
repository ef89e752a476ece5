"""Crops around a photo's focal point.

Pages crop with CSS: renditions keep the whole frame and `object-fit: cover`
shows the part around the focal point (`Photo.focal_class`). Social networks
take one fixed image, so the 1200 x 630 Open Graph picture is cut here, once
per focal point, from the largest JPEG rendition.
"""

import io

from racing.services.images import RESAMPLE, encode, open_for_renditions, save_file

SOCIAL_SIZE = (1200, 630)


def focal_box(size, ratio: float, focal: tuple[int, int]) -> tuple[int, int, int, int]:
    """The largest box of `ratio` (width / height) inside `size`, centred as
    near the focal point (percentages) as the frame allows."""
    width, height = size
    if width / height > ratio:
        box_w, box_h = round(height * ratio), height
    else:
        box_w, box_h = width, round(width / ratio)
    centre_x = width * focal[0] / 100
    centre_y = height * focal[1] / 100
    left = min(max(0, round(centre_x - box_w / 2)), width - box_w)
    top = min(max(0, round(centre_y - box_h / 2)), height - box_h)
    return left, top, left + box_w, top + box_h


def social_name(photo) -> str:
    return f"{photo.folder}/social-{photo.focal_x}-{photo.focal_y}.jpg"


def make_social_image(photo) -> str:
    """Cut the 1200 x 630 picture for this focal point if not yet made; its
    storage name."""
    storage = photo.original.storage
    name = social_name(photo)
    if storage.exists(name):
        return name
    widths = photo.renditions.get("jpeg", [])
    source = (
        photo.rendition_name(max(widths), "jpeg") if widths else photo.original.name
    )
    with storage.open(source, "rb") as file:
        image = open_for_renditions(io.BytesIO(file.read()), long_side=2560)
    box = focal_box(
        image.size, SOCIAL_SIZE[0] / SOCIAL_SIZE[1], (photo.focal_x, photo.focal_y)
    )
    cropped = image.crop(box)
    if cropped.size != SOCIAL_SIZE:
        cropped = cropped.resize(SOCIAL_SIZE, RESAMPLE)
    save_file(storage, name, encode(cropped, "jpeg"))
    return name
