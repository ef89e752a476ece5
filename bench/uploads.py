"""How long the upload check spends on hostile files (issue 8, item 3).

    .venv/bin/python bench/uploads.py

Prints the CPU seconds to refuse "FF D8 FF E0" followed by 79 MB of zeros,
the same zipped 40 times (3.2 MB on the wire), and, for scale, to accept a
real 24 MP JPEG. Target: a hostile file refused in under 2 s.
"""

import io
import sys
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import django_setup  # noqa: E402, F401  (the project, set up)
from PIL import Image  # noqa: E402

from racing.services.uploads import UploadRefused, check_image, zip_members  # noqa: E402

FAKE = b"\xff\xd8\xff\xe0" + bytes(79 * 2**20)


def cpu(function):
    start = time.thread_time()
    outcome = function()
    return time.thread_time() - start, outcome


def refuse(data, name):
    try:
        check_image(io.BytesIO(data), name=name)
    except UploadRefused as refused:
        return refused.reason
    return "accepted"


def zipped(count):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for n in range(count):
            archive.writestr(f"fake{n}.jpg", FAKE)
    return buffer.getvalue()


def check_zip(data):
    outcomes = []
    for name, member in zip_members(io.BytesIO(data), name="bomb.zip"):
        if isinstance(member, UploadRefused):
            outcomes.append(member.reason)
        else:
            outcomes.append(refuse(member.read(), name))
    return outcomes


def main():
    seconds, reason = cpu(lambda: refuse(FAKE, "zeros.jpg"))
    print(f"fake JPEG, 79 MB of zeros: refused in {seconds:.3f} s CPU ({reason})")
    archive = zipped(40)
    seconds, outcomes = cpu(lambda: check_zip(archive))
    print(
        f"zip of 40 such files ({len(archive) / 2**20:.1f} MB): "
        f"{seconds:.1f} s CPU, {outcomes.count('accepted')} accepted"
    )
    photo = io.BytesIO()
    Image.effect_noise((6000, 4000), 64).convert("RGB").save(photo, "JPEG")
    seconds, reason = cpu(lambda: refuse(photo.getvalue(), "camera.jpg"))
    print(f"real 24 MP JPEG: {reason} in {seconds:.3f} s CPU")


if __name__ == "__main__":
    main()
