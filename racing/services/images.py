"""Renditions: every size and format of a photo from one decode of its original.

The pipeline, the product's core:

1. open the original and ask libjpeg for a scaled decode (`draft()`) no smaller
   than the largest rendition, with the photo's own aspect ratio (a square box
   would stop the DCT scaling of a 3:2 photo);
2. resize to the largest width, then each smaller width from the next larger
   one (cheap: each step shrinks an already small image), in libvips;
3. apply the EXIF orientation once, to the largest width (a smaller image to
   turn than the decode);
4. encode each size in each format. Encoding is most of the cost, so the
   encoder settings below were chosen by measuring (see bench/renditions.py).

`build_renditions` is pure (bytes in, bytes out) so the benchmark and the
tests use it without a database; `generate_renditions` is the database edge.

A new photo is made in two stages (`plan`): first the thumbnails (the small
sizes, from a decode scaled down to them: about a seventh of the work), then
the large sizes. The split costs one more decode, at a quarter scale.
"""

import functools
import io
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.core.files.base import ContentFile
from PIL import Image

from racing.models.media import (
    RENDITION_FORMATS,
    RENDITION_WIDTHS,
    THUMBNAIL_MAX_WIDTH,
    Photo,
)

# Measured on a 1600 px photo on this machine: JPEG 30 ms, WebP method 2 80 ms
# (method 4, the default, 150 ms for 2 % smaller files), AVIF speed 10 60 ms
# (speed 8 240 ms, speed 6 575 ms, for 2-5 % smaller files). One encoder thread:
# a batch runs one photo per core instead.
ENCODERS = {
    "jpeg": {"format": "JPEG", "quality": 82, "optimize": True, "progressive": True},
    "webp": {"format": "WEBP", "quality": 80, "method": 2},
    "avif": {"format": "AVIF", "quality": 60, "speed": 10, "max_threads": 1},
}
CONTENT_TYPES = {"jpeg": "image/jpeg", "webp": "image/webp", "avif": "image/avif"}
# Bicubic, not Lanczos: every step of the chain shrinks by at most 2x, where the
# two look alike, and on a 24 MP photo the chain took 150 ms instead of 200 ms
# in Pillow (the whole pipeline went from 1.46x to about 1.3x the encode-only
# floor). libvips now resizes RGB with the same kernel (`resize`).
RESAMPLE = Image.Resampling.BICUBIC


@functools.cache
def _vips():
    """libvips (pyvips), set up once: one thread, as a batch runs one worker
    per core, and no cache of operations, as each image is resized once."""
    import pyvips

    pyvips.concurrency_set(1)
    pyvips.cache_set_max(0)
    return pyvips


def resize(
    image: Image.Image, size: tuple[int, int], packed: bytes | None = None
) -> tuple[Image.Image, bytes | None]:
    """`image` resized to `size` with the bicubic filter, and its RGB bytes
    when libvips made it (`packed`: `image`'s, if known, saves packing them).

    RGB (every camera JPEG) goes through libvips: the same Catmull-Rom kernel
    widened by the reduction as Pillow's BICUBIC, in other arithmetic (on a
    photo pixels differ by a level or two, about 55 dB PSNR against Pillow's;
    46 dB on noise at every pixel), in vectorised code. On a
    24 MP photo the chain 3000 -> 2560 -> 1600 px takes about 85 ms instead of
    215 ms, and 1500 -> 800 -> 400 px 15 ms instead of 29 ms, copies in and out
    of libvips included. Other modes (RGBA, premultiplied by Pillow) stay with
    Pillow."""
    if image.mode != "RGB":
        return image.resize(size, RESAMPLE), None
    vips = _vips()
    width, height = image.size
    source = vips.Image.new_from_memory(
        packed or image.tobytes(), width, height, 3, "uchar"
    )
    # gap=0: one convolution, as Pillow's, never a box shrink before it.
    made = source.resize(
        size[0] / width, vscale=size[1] / height, kernel="cubic", gap=0.0
    )
    if (made.width, made.height) != tuple(size):  # never seen; Pillow then
        return image.resize(size, RESAMPLE), None
    data = made.write_to_memory()
    resized = Image.frombytes("RGB", size, data)
    resized.info = dict(image.info)  # the colour profile
    return resized, data


@dataclass(frozen=True)
class Rendition:
    width: int  # long side, as in RENDITION_WIDTHS
    fmt: str
    data: bytes
    size: tuple[int, int]


def widths_for(long_side: int, widths: Iterable[int] = RENDITION_WIDTHS) -> list[int]:
    """The rendition widths a photo gets: never upscaled, at least one."""
    fitting = sorted(w for w in widths if w <= long_side)
    return fitting or [long_side]


def fit(size: tuple[int, int], long_side: int) -> tuple[int, int]:
    width, height = size
    scale = long_side / max(width, height)
    return max(1, round(width * scale)), max(1, round(height * scale))


# The transposition that makes a photo upright, by EXIF orientation (2-8).
TRANSPOSITIONS = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
QUARTER_TURNS = {5, 6, 7, 8}  # width and height swap


def decode_for_renditions(source, *, long_side: int) -> tuple[Image.Image, int]:
    """Decode `source` once, scaled by libjpeg to no less than `long_side`,
    in RGB (or RGBA for transparent PNG/WebP), in its stored orientation;
    returns the image and its EXIF orientation (1 when upright)."""
    image = Image.open(source)
    if image.format == "JPEG":
        # The draft box keeps the photo's aspect ratio, in stored orientation.
        scale = long_side / max(image.size)
        if scale < 1:
            image.draft(
                "RGB",
                (math.ceil(image.width * scale), math.ceil(image.height * scale)),
            )
    image.load()
    icc = image.info.get("icc_profile")
    orientation = image.getexif().get(0x0112, 1)
    if orientation not in TRANSPOSITIONS:
        orientation = 1
    if image.mode.startswith("I;16") or image.mode in ("I", "F"):
        # 16-bit greyscale: Pillow's convert() clips at 255 (30000 would turn
        # white) instead of scaling 0-65535 down to 0-255.
        image = image.convert("F").point(lambda value: value / 256).convert("L")
    if image.mode not in ("RGB", "RGBA"):
        has_alpha = image.mode in ("LA", "PA") or "transparency" in image.info
        image = image.convert("RGBA" if has_alpha else "RGB")
    # Nothing of the original's info travels into public renditions
    # (comments, EXIF) but its colour profile.
    image.info = {"icc_profile": icc} if icc else {}
    return image, orientation


def open_for_renditions(source, *, long_side: int) -> Image.Image:
    """`decode_for_renditions`, upright."""
    image, orientation = decode_for_renditions(source, long_side=long_side)
    if orientation == 1:
        # Only then: an upright image is not copied (12 ms at 3000 px).
        return image
    return image.transpose(TRANSPOSITIONS[orientation])


def resize_chain(
    image: Image.Image, widths: Iterable[int], orientation: int = 1
) -> Iterator[tuple[int, Image.Image]]:
    """Each width, largest first, each made from the next larger one, upright.

    `image` is in its stored orientation: the EXIF `orientation` is applied
    to the largest size, not to the larger decode: a portrait 24 MP camera
    file turns 2560 x 1707 px (24 ms) instead of 3000 x 2000 px (29 ms), and
    its thumbnails 800 x 533 px instead of 1500 x 1000 px."""
    pending = TRANSPOSITIONS.get(orientation)
    current, packed = image, None
    for width in sorted(widths, reverse=True):
        target = fit(image.size, width)  # in stored orientation
        if pending is None and orientation in QUARTER_TURNS:
            target = target[::-1]  # already turned
        if current.size != target:
            current, packed = resize(current, target, packed)
        if pending is not None:
            current, packed = current.transpose(pending), None
            pending = None
        yield width, current


def encode(image: Image.Image, fmt: str) -> bytes:
    options = dict(ENCODERS[fmt])
    if image.mode == "RGBA" and fmt == "jpeg":
        flat = Image.new("RGB", image.size, "white")
        flat.paste(image, mask=image.getchannel("A"))
        image = flat
    if icc := image.info.get("icc_profile"):
        options["icc_profile"] = icc
    buffer = io.BytesIO()
    image.save(buffer, **options)
    return buffer.getvalue()


THUMBNAILS, REST, ALL = "thumbnails", "rest", "all"


def plan(long_side: int, stage: str = ALL) -> set[tuple[int, str]]:
    """The (width, format) renditions one stage makes of a photo."""
    every = {(w, fmt) for w in widths_for(long_side) for fmt in RENDITION_FORMATS}
    first = {(w, fmt) for w, fmt in every if w <= THUMBNAIL_MAX_WIDTH}
    return {THUMBNAILS: first, REST: every - first, ALL: every}[stage]


def build_renditions(
    source,
    *,
    widths: Iterable[int] = RENDITION_WIDTHS,
    formats: Iterable[str] = RENDITION_FORMATS,
    only: set[tuple[int, str]] | None = None,
) -> list[Rendition]:
    """The renditions of one original (a path or a binary file object): each
    width in each format, or `only` those (width, format) pairs."""
    with Image.open(source) as probe:
        stored = probe.size
    if hasattr(source, "seek"):
        source.seek(0)
    if only is not None:
        widths = {width for width, _fmt in only}
    chosen = widths_for(max(stored), widths)
    image, orientation = decode_for_renditions(source, long_side=max(chosen))
    renditions = []
    for width, resized in resize_chain(image, chosen, orientation):
        for fmt in formats:
            if only is None or (width, fmt) in only:
                data = encode(resized, fmt)
                renditions.append(Rendition(width, fmt, data, resized.size))
    return renditions


# Full-size JPEG of a HEIC original for journalists: near the original's quality.
FULL_SIZE_JPEG = {"format": "JPEG", "quality": 92, "optimize": True}


def full_size_jpeg(source) -> bytes:
    """The whole photo as a JPEG, upright, with its colour profile and the
    time it was taken (HEIC originals, which newsroom tools rarely open)."""
    with Image.open(source) as original:
        exif = original.getexif()
    if hasattr(source, "seek"):
        source.seek(0)
    image = open_for_renditions(source, long_side=10**6)
    kept = Image.Exif()
    details = exif.get_ifd(0x8769)
    for tag in (0x9003, 0x9011):  # DateTimeOriginal, OffsetTimeOriginal
        if tag in details:
            kept.get_ifd(0x8769)[tag] = details[tag]
    options = dict(FULL_SIZE_JPEG, exif=kept.tobytes())
    if icc := image.info.get("icc_profile"):
        options["icc_profile"] = icc
    if image.mode == "RGBA":
        image = image.convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, **options)
    return buffer.getvalue()


def generate_renditions(*, photo: Photo, stage: str = ALL) -> dict[str, list[int]]:
    """Make and store the renditions of one stage of `photo`, under
    deterministic names. The thumbnails add to what the photo lists (a photo
    processed again keeps its large sizes on show meanwhile); the last stage
    lists every rendition and makes the photo public."""
    storage = photo.original.storage
    wanted = plan(max(photo.width, photo.height), stage)
    renditions = []
    if wanted:  # a photo up to 800 px has nothing left after its thumbnails
        with storage.open(photo.original.name, "rb") as original:
            renditions = build_renditions(original, only=wanted)
    for rendition in renditions:
        save_file(
            storage,
            photo.rendition_name(rendition.width, rendition.fmt),
            rendition.data,
        )
    made = {(r.width, r.fmt) for r in renditions}
    if stage == THUMBNAILS:
        listed = Photo.objects.filter(pk=photo.pk).values_list("renditions", flat=True)
        made |= {(w, fmt) for fmt, ws in (listed.first() or {}).items() for w in ws}
    else:
        made |= plan(max(photo.width, photo.height), THUMBNAILS)
    by_format: dict[str, list[int]] = {}
    for width, fmt in made:
        by_format.setdefault(fmt, []).append(width)
    photo.renditions = {fmt: sorted(widths) for fmt, widths in by_format.items()}
    changes = {"renditions": photo.renditions}
    if stage != THUMBNAILS:
        photo.renditions_pending = changes["renditions_pending"] = False
    Photo.objects.filter(pk=photo.pk).update(**changes)
    return photo.renditions


def save_file(storage, name: str, data: bytes) -> None:
    """Write `data` under exactly `name`, replacing an older file."""
    if storage.exists(name):
        storage.delete(name)
    saved = storage.save(name, ContentFile(data))
    if saved != name:  # a storage that renames rather than overwrites
        raise RuntimeError(f"Storage saved {name} as {saved}.")


def delete_files(storage, folder: str) -> None:
    """Remove every file of a deleted photo (original, renditions, downloads)."""
    try:
        _dirs, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        storage.delete(f"{folder}/{name}")
