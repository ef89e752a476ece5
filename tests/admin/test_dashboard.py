"""The press officer's dashboard on the admin index: what goes out when, what
is still a draft, photos to process again, the week's downloads and alert
mails, and shortcuts for race day."""

import datetime as dt
from itertools import count

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from racing.models import (
    Delivery,
    DownloadDay,
    Gallery,
    Licence,
    MailStatus,
    Photo,
    Subscriber,
)
from racing.permissions import PRESS_OFFICER
from racing.services.downloads import count_download
from tests.factories import make_event, make_result, make_session
from tests.reports.conftest import make_report

pytestmark = pytest.mark.django_db
_seq = count(1)


def section(page: str, id_: str) -> str:
    """The HTML of the dashboard panel with this id ("" when not shown)."""
    start = page.find(f'id="{id_}"')
    if start == -1:
        return ""
    return page[start : page.find("</section>", start)]


def index(client) -> str:
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def licence(db):
    return Licence.objects.create(name="Editorial", text="Editorial use")


@pytest.fixture
def make_photo(licence):
    def make(gallery, **overrides):
        n = next(_seq)
        fields = {
            "original": f"photos/x/{n}.jpg",
            "original_filename": f"IMG_{n:04}.jpg",
            "original_format": "jpeg",
            "content_hash": f"hash-{n}",
            "width": 100,
            "height": 60,
            "file_size": 1,
            "credit": "FIA",
            "licence": licence,
            "processing": Photo.Processing.READY,
            "renditions": {"jpeg": [400]},
        }
        return Photo.objects.create(gallery=gallery, **{**fields, **overrides})

    return make


def make_gallery(event=None, **overrides):
    n = next(_seq)
    fields = {"title": f"Gallery {n}", "slug": f"gallery-{n}"}
    return Gallery.objects.create(
        event=event or make_event(), **{**fields, **overrides}
    )


def make_delivery(story, *, status=MailStatus.SENT, sent_at=None):
    subscriber = Subscriber.objects.create(
        email=f"reader{next(_seq)}@paper.example",
        languages="en",
        confirmed_at=timezone.now(),
    )
    if status == MailStatus.SENT and sent_at is None:
        sent_at = timezone.now()
    return Delivery.objects.create(
        story=story, report=story, subscriber=subscriber, status=status, sent_at=sent_at
    )


def without(permissions):
    """Take `permissions` (codenames) away from the press officers."""
    group = Group.objects.get(name=PRESS_OFFICER)
    group.permissions.remove(
        *Permission.objects.filter(
            content_type__app_label="racing", codename__in=permissions
        )
    )


# -- reports ---------------------------------------------------------------


def test_scheduled_reports_show_their_stockholm_time_and_drafts_are_listed(
    press_client,
):
    # 09:30 UTC on a June day is 11:30 in Stockholm (summer time).
    publish_at = dt.datetime(2099, 6, 5, 9, 30, tzinfo=dt.UTC)
    make_report(title="Qualifying report", status="scheduled", publish_at=publish_at)
    make_report(title="Race report in progress", status="draft", publish_at=None)
    make_report(title="Already out")

    page = index(press_client)

    scheduled = section(page, "scheduled-reports")
    stockholm = timezone.localtime(publish_at, dt.timezone(dt.timedelta(hours=2)))
    assert "Qualifying report" in scheduled
    assert date_format(stockholm, "SHORT_DATE_FORMAT") in scheduled
    assert date_format(stockholm, "TIME_FORMAT") in scheduled  # 11:30 a.m.
    assert "11:30" in scheduled and "Stockholm time" in scheduled
    drafts = section(page, "draft-reports")
    assert "Race report in progress" in drafts and "Qualifying report" not in drafts
    assert "Already out" not in scheduled + drafts


# -- photos ----------------------------------------------------------------


def test_a_failed_photo_is_listed_with_a_way_to_process_it_again(
    press_client, make_photo, monkeypatch, django_capture_on_commit_callbacks
):
    gallery = make_gallery(title="Race day")
    failed = make_photo(
        gallery,
        processing=Photo.Processing.FAILED,
        processing_error="Not an image file",
        renditions={},
    )
    make_photo(gallery, original_filename="fine.jpg")

    page = index(press_client)

    panel = section(page, "photos-to-retry")
    assert failed.original_filename in panel and "Not an image file" in panel
    assert "fine.jpg" not in panel
    assert reverse("admin:racing_photo_change", args=[failed.pk]) in panel
    assert 'value="regenerate_renditions"' in panel

    queued = []
    monkeypatch.setattr("racing.admin.media.queue_photos", queued.extend)
    with django_capture_on_commit_callbacks(execute=True):
        response = press_client.post(
            reverse("admin:racing_photo_changelist"),
            {
                "action": "regenerate_renditions",
                "index": "0",
                "_selected_action": [failed.pk],
            },
            follow=True,
        )
    assert queued == [failed.pk]
    assert "1 photo queued for processing." in response.content.decode()


def test_a_stalled_photo_is_listed_too(press_client, make_photo):
    long_ago = timezone.now() - dt.timedelta(hours=2)
    stalled = make_photo(
        make_gallery(),
        processing=Photo.Processing.PROCESSING,
        processing_changed_at=long_ago,
        renditions={},
    )
    make_photo(make_gallery(), processing=Photo.Processing.QUEUED, renditions={})

    panel = section(index(press_client), "photos-to-retry")

    assert stalled.original_filename in panel and "Stalled" in panel
    assert "(1)" in panel


# -- downloads -------------------------------------------------------------


def test_downloads_of_the_last_week_are_counted_per_gallery_and_photo(
    press_client, make_photo
):
    busy = make_gallery(title="Busy gallery")
    quiet = make_gallery(title="Quiet gallery")
    star = make_photo(busy, caption="Jessica on the podium")
    other = make_photo(busy, caption="Pit lane")
    for _ in range(3):
        count_download(kind="web", photo_id=star.pk, gallery_id=busy.pk)
    count_download(kind="original", photo_id=star.pk, gallery_id=busy.pk)
    count_download(kind="zip", gallery_id=busy.pk)
    count_download(kind="web", photo_id=other.pk, gallery_id=busy.pk)
    # Older than a week: not in the panel.
    old = timezone.localdate() - dt.timedelta(days=7)
    DownloadDay.objects.create(day=old, kind="zip", gallery=quiet, count=50)
    DownloadDay.objects.create(day=old, kind="web", gallery=busy, photo=other, count=40)
    # Six days ago is still this week.
    DownloadDay.objects.create(
        day=timezone.localdate() - dt.timedelta(days=6),
        kind="original",
        gallery=busy,
        photo=other,
        count=2,
    )

    page = index(press_client)

    galleries = section(page, "downloads-per-gallery")
    row = galleries[galleries.index("Busy gallery") :]
    # Photos 3 + 1 + 1 + 2, one zip, 8 in all.
    assert "<td>7</td><td>1</td><td><strong>8</strong></td>" in row
    assert "Quiet gallery" not in galleries
    photos = section(page, "downloads-per-photo")
    assert "<td>3</td><td>1</td><td><strong>4</strong></td>" in photos
    assert "<td>1</td><td>2</td><td><strong>3</strong></td>" in photos
    assert photos.index("Jessica on the podium") < photos.index("Pit lane")
    assert reverse("admin:racing_photo_change", args=[star.pk]) in photos


# -- alert mails -------------------------------------------------------------


def test_alert_mails_sent_are_counted(press_client):
    story = make_report(title="Victory in Vila Real")
    for _ in range(3):
        make_delivery(story)
    make_delivery(story, sent_at=timezone.now() - dt.timedelta(days=10))
    make_delivery(story, status=MailStatus.FAILED)
    make_delivery(story, status=MailStatus.QUEUED)

    panel = section(index(press_client), "alert-mails")

    assert "Sent in the last 7 days</th><td><strong>3</strong>" in panel
    assert "Sent in all</th><td>4</td>" in panel
    assert "?status__exact=failed" in panel
    assert "Victory in Vila Real" in panel and "3 mails" in panel


# -- race-day shortcuts ------------------------------------------------------


def test_shortcuts_go_to_the_weekend_under_way(press_client):
    now = timezone.now()
    today = timezone.localdate()
    make_event(
        name="Last year", start_date=today - dt.timedelta(days=300)
    )  # over: never the one
    event = make_event(name="Race of Sweden", start_date=today - dt.timedelta(days=1))
    practice = make_session(
        event=event, name="Free Practice 1", starts_at=now - dt.timedelta(days=1)
    )
    make_result(session=practice, position=1)
    race = make_session(
        event=event, name="Race 1", starts_at=now - dt.timedelta(hours=1)
    )
    make_session(event=event, name="Race 2", starts_at=now + dt.timedelta(hours=3))
    make_gallery(event, title="Friday")
    newest = make_gallery(event, title="Saturday")

    panel = section(index(press_client), "race-day-shortcuts")

    assert reverse("admin:racing_session_change", args=[race.pk]) in panel
    assert reverse("admin:racing_gallery_upload", args=[newest.pk]) in panel
    assert reverse("admin:racing_racereport_add") + f"?event={event.pk}" in panel
    assert "Race 1 – Race of Sweden" in panel


def test_shortcuts_take_the_next_session_before_the_weekend_and_a_new_gallery(
    press_client,
):
    today = timezone.localdate()
    event = make_event(start_date=today + dt.timedelta(days=10))
    later = make_session(
        event=event, name="Race 1", starts_at=timezone.now() + dt.timedelta(days=11)
    )
    first = make_session(
        event=event,
        name="Free Practice 1",
        order=0,
        starts_at=timezone.now() + dt.timedelta(days=10),
    )
    assert later.pk  # made first, but later in the weekend

    panel = section(index(press_client), "race-day-shortcuts")

    assert reverse("admin:racing_session_change", args=[first.pk]) in panel
    assert reverse("admin:racing_gallery_add") + f"?event={event.pk}" in panel


def test_shortcuts_fall_back_to_the_lists_without_an_event(press_client):
    make_event(start_date=timezone.localdate() - dt.timedelta(days=30))

    panel = section(index(press_client), "race-day-shortcuts")

    assert f'href="{reverse("admin:racing_session_changelist")}"' in panel
    assert f'href="{reverse("admin:racing_gallery_changelist")}"' in panel
    assert f'href="{reverse("admin:racing_racereport_add")}"' in panel
    assert "No event coming up." in panel


def test_the_report_shortcut_prefills_the_event(press_client):
    event = make_event(start_date=timezone.localdate())

    response = press_client.get(
        reverse("admin:racing_racereport_add") + f"?event={event.pk}"
    )

    assert response.context["adminform"].form.initial["event"] == str(event.pk)


# -- permissions -----------------------------------------------------------


def test_a_press_officer_sees_only_the_panels_they_may(press_client, make_photo):
    make_photo(make_gallery(), processing=Photo.Processing.FAILED, renditions={})
    make_delivery(make_report())
    without(["view_delivery", "view_photo", "change_photo", "add_racereport"])

    page = index(press_client)

    assert section(page, "alert-mails") == ""
    assert section(page, "photos-to-retry") == ""
    assert section(page, "downloads-per-photo") == ""
    assert "Write the report" not in page
    assert section(page, "scheduled-reports") and "Enter results" in page
    assert 'id="content-main"' in page and "Race reports" in page  # the app list


def test_staff_without_racing_permissions_see_no_panel(client, django_user_model):
    user = django_user_model.objects.create_user("intern", is_staff=True)
    client.force_login(user)

    page = index(client)

    assert "press-dashboard" in page
    assert '<section class="module"' not in page


def test_a_superuser_sees_every_panel(admin_client):
    page = index(admin_client)

    for panel in [
        "race-day-shortcuts",
        "scheduled-reports",
        "draft-reports",
        "photos-to-retry",
        "downloads-per-gallery",
        "downloads-per-photo",
        "alert-mails",
    ]:
        assert section(page, panel), panel


# -- speed -----------------------------------------------------------------


def test_the_index_reads_a_bounded_number_of_queries(
    press_client, make_photo, django_assert_max_num_queries
):
    today = timezone.localdate()
    event = make_event(start_date=today)
    for n in range(6):
        make_session(
            event=event,
            name=f"Session {n}",
            starts_at=timezone.now() + dt.timedelta(hours=n - 3),
        )
    galleries = [make_gallery(event) for _ in range(4)]
    for n in range(30):
        gallery = galleries[n % 4]
        photo = make_photo(
            gallery,
            caption=f"Photo {n}",
            processing="failed" if n % 2 else "ready",
        )
        for day in range(10):
            DownloadDay.objects.create(
                day=today - dt.timedelta(days=day),
                kind="web",
                gallery=gallery,
                photo=photo,
                count=n + day,
            )
    for n in range(15):
        make_report(
            event=event,
            status="scheduled",
            publish_at=timezone.now() + dt.timedelta(days=n + 1),
        )
        make_report(event=event, status="draft", publish_at=None)
    story = make_report(event=event)
    for _ in range(20):
        make_delivery(story)

    with django_assert_max_num_queries(18):
        page = index(press_client)

    assert page.count("<tr>") > 50
