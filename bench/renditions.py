"""Benchmark of the rendition pipeline, printed side by side in one run.

    .venv/bin/python bench/renditions.py [--photos 8] [--megapixels 24]

Generates camera-like 24 MP JPEGs, then measures photos per second for:

- pipeline: racing.services.images.build_renditions (one decode with draft(),
  each size from the next larger, every format from that one image);
- naive: what per-spec thumbnail libraries do, each rendition (size x format)
  opened, decoded, oriented, resized and saved from the original on its own;
- floor: only encoding the same outputs from already-resized images;
- batch: the pipeline over all photos on every core (one process per core).

Targets (issue 4): pipeline >= 2.5x naive, pipeline within 1.4x of the floor.
"""

import argparse
import io
import os
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import django_setup  # noqa: E402, F401  (the project, set up)
from PIL import Image, ImageDraw, ImageFilter, ImageOps  # noqa: E402

from racing.models.media import RENDITION_FORMATS, RENDITION_WIDTHS  # noqa: E402
from racing.services import images  # noqa: E402


def camera_jpeg(seed: int, megapixels: float) -> bytes:
    """A photo-like JPEG: smooth gradients, shapes, fine noise, quality 92."""
    width = int((megapixels * 1e6 * 1.5) ** 0.5)
    height = int(width / 1.5)
    small = Image.effect_noise((width // 8, height // 8), 40 + seed).convert("RGB")
    image = small.resize((width, height), Image.Resampling.BICUBIC)
    draw = ImageDraw.Draw(image)
    for i in range(40):
        x = (seed * 977 + i * 613) % width
        y = (seed * 331 + i * 419) % height
        colour = ((i * 53) % 255, (i * 97 + seed) % 255, (i * 31) % 255)
        draw.rounded_rectangle((x, y, x + width // 6, y + height // 8), 40, colour)
    image = image.filter(ImageFilter.GaussianBlur(1.2))
    grain = Image.effect_noise((width, height), 12).convert("RGB")
    image = Image.blend(image, grain, 0.08)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=92)
    return buffer.getvalue()


def pipeline(data: bytes) -> int:
    return len(images.build_renditions(io.BytesIO(data)))


def naive(data: bytes) -> int:
    count = 0
    for width in RENDITION_WIDTHS:
        for fmt in RENDITION_FORMATS:
            with Image.open(io.BytesIO(data)) as image:
                image = ImageOps.exif_transpose(image)
                image.thumbnail((width, width))
                images.encode(image.convert("RGB"), fmt)
                count += 1
    return count


def resized_set(data: bytes) -> list:
    image = images.open_for_renditions(
        io.BytesIO(data), long_side=max(RENDITION_WIDTHS)
    )
    return [
        resized.copy() for _w, resized in images.resize_chain(image, RENDITION_WIDTHS)
    ]


def floor(resized: list) -> int:
    count = 0
    for image in resized:
        for fmt in RENDITION_FORMATS:
            images.encode(image, fmt)
            count += 1
    return count


def timed(function, items) -> float:
    start = time.perf_counter()
    for item in items:
        function(item)
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--photos", type=int, default=6)
    parser.add_argument("--megapixels", type=float, default=24)
    args = parser.parse_args()

    print(f"Generating {args.photos} test JPEGs of {args.megapixels:g} MP…")
    photos = [camera_jpeg(i, args.megapixels) for i in range(args.photos)]
    with Image.open(io.BytesIO(photos[0])) as probe:
        size = probe.size
    mean_mb = statistics.mean(len(p) for p in photos) / 2**20
    outputs = len(RENDITION_WIDTHS) * len(RENDITION_FORMATS)
    print(
        f"{size[0]}x{size[1]} px, {mean_mb:.1f} MB each; {outputs} renditions per "
        f"photo: {', '.join(map(str, RENDITION_WIDTHS))} px x "
        f"{', '.join(RENDITION_FORMATS)}"
    )
    pipeline(photos[0])  # warm up libraries

    prepared = [resized_set(p) for p in photos]
    t_pipeline = timed(pipeline, photos)
    t_naive = timed(naive, photos)
    t_floor = timed(floor, prepared)
    cores = os.cpu_count() or 1
    with ProcessPoolExecutor(max_workers=cores) as pool:
        list(pool.map(pipeline, photos[:cores]))  # start the workers
        start = time.perf_counter()
        list(pool.map(pipeline, photos))
        t_batch = time.perf_counter() - start

    n = len(photos)
    rows = [
        ("pipeline (1 core)", t_pipeline),
        ("naive (1 core)", t_naive),
        ("floor: encode only", t_floor),
        (f"pipeline batch ({cores} cores)", t_batch),
    ]
    print()
    print(f"{'':30} {'photos/s':>9} {'ms/photo':>9}")
    for label, seconds in rows:
        print(f"{label:30} {n / seconds:9.2f} {1000 * seconds / n:9.0f}")
    print()
    speedup = t_naive / t_pipeline
    overhead = t_pipeline / t_floor
    print(
        f"pipeline vs naive:  {speedup:.2f}x faster  (target >= 2.5x) "
        f"{'OK' if speedup >= 2.5 else 'MISSED'}"
    )
    print(
        f"pipeline vs floor:  {overhead:.2f}x the floor (target <= 1.4x) "
        f"{'OK' if overhead <= 1.4 else 'MISSED'}"
    )
    print(f"batch on {cores} cores: {t_pipeline / t_batch:.2f}x one core")


if __name__ == "__main__":
    main()
