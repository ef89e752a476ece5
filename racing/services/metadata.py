"""Caption, credit and licence embedded in downloads as IPTC IIM, XMP and EXIF.

Pillow cannot write IPTC and turns non-ASCII EXIF text into "?", so this uses
pyexiv2 (exiv2 inside), with the IPTC character set declared as UTF-8 so
"Bäckman" and "Nürburgring" survive in every viewer. Public downloads keep
only the fields this module writes, plus the time taken, orientation, size and
colour profile; the stored original keeps everything.
"""

import datetime as dt
import hashlib
import json
from dataclasses import asdict, dataclass, field

import pyexiv2

from racing.models import Photo

UTF8 = "\x1b%G"  # ISO 2022 escape for UTF-8 in Iptc.Envelope.CharacterSet
# The EXIF a public copy keeps: when the photo was taken, which way is up, its
# size and colour space. Everything else goes (camera, serial numbers wherever
# a camera hides them, owner, GPS, software, comments, thumbnails): an
# allow-list, because every camera invents new places for private data.
PUBLIC_EXIF = {
    "Exif.Image.Orientation",
    "Exif.Photo.DateTimeOriginal",
    "Exif.Photo.OffsetTimeOriginal",
    "Exif.Photo.PixelXDimension",
    "Exif.Photo.PixelYDimension",
    "Exif.Photo.ColorSpace",
}


@dataclass(frozen=True)
class PhotoMetadata:
    title: str
    caption: str
    byline: str
    credit: str
    copyright: str
    usage_terms: str
    usage_url: str = ""
    keywords: list[str] = field(default_factory=list)
    created: dt.datetime | None = None
    city: str = ""
    country_code: str = ""

    def fingerprint(self) -> str:
        data = json.dumps(asdict(self), default=str, sort_keys=True)
        return hashlib.sha1(data.encode()).hexdigest()


def metadata_for(photo: Photo) -> PhotoMetadata:
    """What a journalist needs inside the file. Expects gallery__event__season
    __series, gallery__event__circuit, licence and drivers already fetched."""
    event = photo.gallery.event
    season = event.season
    drivers = [driver.full_name for driver in photo.drivers.all()]
    series = season.series
    keywords = [
        *drivers,
        event.name,
        event.circuit.name,
        series.name,
        *([series.short_name] if series.short_name else []),
        str(season.year),
    ]
    year = photo.taken_at.year if photo.taken_at else event.start_date.year
    caption = photo.caption or photo.alt_text or event.name
    return PhotoMetadata(
        title=f"{event.name} – {', '.join(drivers)}" if drivers else event.name,
        caption=caption,
        byline=photo.credit,
        credit=photo.credit,
        copyright=f"© {year} {photo.credit}",
        usage_terms=photo.licence.text,
        usage_url=photo.licence.url,
        keywords=list(dict.fromkeys(k for k in keywords if k)),
        created=photo.taken_at,
        city=event.circuit.location or event.circuit.name,
        country_code=event.circuit.country,
    )


def embed(data: bytes, meta: PhotoMetadata) -> bytes:
    """`data` (a JPEG, PNG or WebP file) with `meta` written in and nothing
    else: only the EXIF of PUBLIC_EXIF stays; earlier IPTC, XMP, comments and
    thumbnails go. The colour profile stays."""
    with pyexiv2.ImageData(data) as image:
        kept = {
            key: value for key, value in image.read_exif().items() if key in PUBLIC_EXIF
        }
        image.clear_exif()
        image.clear_comment()
        if kept:
            image.modify_exif(kept)
        image.clear_iptc()
        image.clear_xmp()
        image.modify_iptc(_iptc(meta))
        image.modify_xmp(_xmp(meta))
        return image.get_bytes()


def _iptc(meta: PhotoMetadata) -> dict:
    fields = {
        "Iptc.Envelope.CharacterSet": UTF8,
        "Iptc.Application2.ObjectName": meta.title[:64],
        "Iptc.Application2.Caption": meta.caption[:2000],
        "Iptc.Application2.Byline": [meta.byline[:32]],
        "Iptc.Application2.Credit": meta.credit[:32],
        "Iptc.Application2.Source": meta.credit[:32],
        "Iptc.Application2.Copyright": meta.copyright[:128],
        "Iptc.Application2.SpecialInstructions": meta.usage_terms[:256],
        "Iptc.Application2.Keywords": [k[:64] for k in meta.keywords],
        "Iptc.Application2.City": meta.city[:32],
        "Iptc.Application2.CountryCode": meta.country_code[:3],
    }
    if meta.created:
        fields["Iptc.Application2.DateCreated"] = meta.created.strftime("%Y-%m-%d")
        fields["Iptc.Application2.TimeCreated"] = meta.created.strftime("%H:%M:%S%z")
    return {key: value for key, value in fields.items() if value}


def _lang(text: str) -> dict:
    return {'lang="x-default"': text}


def _xmp(meta: PhotoMetadata) -> dict:
    fields = {
        "Xmp.dc.title": _lang(meta.title),
        "Xmp.dc.description": _lang(meta.caption),
        "Xmp.dc.creator": [meta.byline],
        "Xmp.dc.rights": _lang(meta.copyright),
        "Xmp.dc.subject": meta.keywords,
        "Xmp.photoshop.Credit": meta.credit,
        "Xmp.photoshop.Source": meta.credit,
        "Xmp.photoshop.Headline": meta.title,
        "Xmp.photoshop.City": meta.city,
        "Xmp.Iptc4xmpCore.CountryCode": meta.country_code,
        "Xmp.xmpRights.UsageTerms": _lang(meta.usage_terms),
        "Xmp.xmpRights.Marked": "True",
    }
    if meta.usage_url:
        fields["Xmp.xmpRights.WebStatement"] = meta.usage_url
    if meta.created:
        fields["Xmp.photoshop.DateCreated"] = meta.created.isoformat()
    return {key: value for key, value in fields.items() if value}


def read(data: bytes) -> dict:
    """Every EXIF, IPTC and XMP field of `data`, for checks and tests."""
    with pyexiv2.ImageData(data) as image:
        return {
            **image.read_exif(),
            **image.read_iptc(),
            **image.read_xmp(),
        }
