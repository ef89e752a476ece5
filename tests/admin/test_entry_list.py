"""A season's entry list in the admin: import (upload, preview, confirm) and
copying the previous season's entries, as the press officer does it."""

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from racing.models import Driver, Entry, Team
from tests.factories import (
    make_classification,
    make_driver,
    make_entry,
    make_season,
    make_team,
)

pytestmark = pytest.mark.django_db

SHEET = (
    "No,Driver,Team,Car,Nat,Classes\n"
    "11,Andreas Bäckman,Target Competition,Hyundai Elantra N TCR,SE,WTCR Trophy\n"
    "29,GIROLAMI Néstor,Münnich Motorsport,Honda Civic Type R TCR,AR,\n"
)


@pytest.fixture
def season():
    season = make_season(year=2021)
    make_classification(season=season, name="WTCR Trophy", slug="trophy")
    andreas = make_driver(first_name="Andreas", last_name="Bäckman")
    make_entry(season=season, driver=andreas, number=11)
    make_entry(
        season=season,
        driver=make_driver(first_name="Jessica", last_name="Bäckman"),
        number=12,
    )
    return season


def import_url(season):
    return reverse("admin:racing_season_import_entries", args=[season.pk])


def entries_url(season):
    return reverse("admin:racing_entry_changelist") + f"?season__id__exact={season}"


def upload(text, name="entries.csv"):
    data = text.encode() if isinstance(text, str) else text
    return SimpleUploadedFile(name, data, content_type="text/csv")


def stored_entries():
    return sorted(
        Entry.objects.values_list("season_id", "driver__last_name", "number")
    ), Driver.objects.count()


def test_the_season_page_links_to_the_import_and_the_seasons_entries(
    press_client, season
):
    response = press_client.get(reverse("admin:racing_season_change", args=[season.pk]))

    page = response.content.decode()
    assert import_url(season) in page
    assert entries_url(season.pk).replace("&", "&amp;") in page


def test_upload_preview_then_confirm_saves_the_entries(press_client, season):
    preview = press_client.post(import_url(season), {"file": upload(SHEET)})

    assert preview.status_code == 200
    page = preview.content.decode()
    assert 'id="import-preview"' in page
    assert "Néstor Girolami (AR)" in page and "new driver" in page
    assert "Münnich Motorsport <strong>(new team)</strong>" in page
    assert "changes: team, car, classes, nationality" in page
    assert "Jessica Bäckman" in page and "not on the sheet, kept" in page
    assert "Classes this season: Drivers, WTCR Trophy." in page
    assert not Driver.objects.filter(last_name="Girolami").exists()

    confirm = press_client.post(
        import_url(season),
        {"text": preview.context["sheet"], "confirm": "1"},
        follow=True,
    )

    assert confirm.redirect_chain == [(entries_url(season.pk), 302)]
    assert (
        f"Saved the entry list of {season}: 1 new, 1 changed, 0 unchanged."
        in confirm.content.decode()
    )
    girolami = Entry.objects.get(season=season, driver__last_name="Girolami")
    assert (girolami.number, girolami.team.name, girolami.driver.nationality) == (
        29,
        "Münnich Motorsport",
        "AR",
    )
    andreas = Entry.objects.get(season=season, driver__last_name="Bäckman", number=11)
    assert list(andreas.classifications.values_list("name", flat=True)) == [
        "WTCR Trophy"
    ]
    assert Entry.objects.filter(season=season, number=12).exists()  # kept


def test_a_pasted_list_works_like_a_file(press_client, season):
    response = press_client.post(import_url(season), {"text": SHEET, "confirm": "1"})

    assert response.status_code == 302
    assert Entry.objects.filter(season=season).count() == 3


def test_a_bad_file_lists_its_errors_and_saves_nothing(press_client, season):
    before = stored_entries()
    bad = SHEET + "12,Gilles Magnus,,,,\n7,Tom Coronel,,,Holland,Rookies\n"

    for data in ({"file": upload(bad)}, {"text": bad, "confirm": "1"}):
        response = press_client.post(import_url(season), data)

        assert response.status_code == 200
        page = response.content.decode()
        assert "Nothing was saved: 2 rows need fixing." in page
        assert "Line 4: number 12 is taken by Jessica Bäckman this season." in page
        assert "Line 5: “Holland” is not a two-letter country code" in page
        assert 'name="confirm"' not in page
        assert stored_entries() == before


def test_an_unknown_class_names_the_seasons_classes(press_client, season):
    sheet = "Driver,Class\nTom Coronel,Rookies\n"

    response = press_client.post(import_url(season), {"file": upload(sheet)})

    assert (
        "Line 2: unknown class “Rookies”; this season has: Drivers, WTCR Trophy."
        in response.content.decode()
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "This is not a text file"),
        (b"Tom Coronel,7\n", "with at least a driver column"),
    ],
    ids=["empty", "binary", "no-header"],
)
def test_a_file_that_cannot_be_read_says_why(press_client, season, data, message):
    before = stored_entries()

    response = press_client.post(import_url(season), {"file": upload(data)})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert stored_entries() == before


def test_nothing_chosen_asks_for_a_file(press_client, season):
    response = press_client.post(import_url(season), {})

    assert "Choose a CSV file or paste the sheet." in response.content.decode()


def test_hostile_names_are_shown_escaped_and_never_stored(press_client, season):
    sheet = 'Driver,Team\n<script>alert("x")</script> Evil,<b>Bold</b> Racing\n'

    response = press_client.post(import_url(season), {"file": upload(sheet)})

    page = response.content.decode()
    assert "<script>alert" not in page and "<b>Bold" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Evil" in page
    assert "&lt;b&gt;Bold&lt;/b&gt; Racing" in page
    assert not Driver.objects.filter(last_name="Evil").exists()
    assert not Team.objects.filter(name__contains="Bold").exists()


def test_control_characters_are_refused_with_a_message(press_client, season):
    before = stored_entries()
    sheet = "Driver,Team\nTom\u202e Coronel,Comtoyou\n"

    response = press_client.post(import_url(season), {"text": sheet, "confirm": "1"})

    assert "Line 2: the driver holds control characters." in response.content.decode()
    assert stored_entries() == before


def staff_with(django_user_model, *codenames):
    user = django_user_model.objects.create_user("clerk", password="x", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="racing", codename__in=codenames
        )
    )
    return user


@pytest.mark.parametrize(
    "codenames",
    [
        (),
        ("view_season", "change_season"),
        ("change_season", "add_entry"),
        ("add_entry", "change_entry", "view_season"),
    ],
    ids=["none", "season-only", "no-change-entry", "no-change-season"],
)
def test_importing_needs_season_and_entry_permissions(
    client, django_user_model, season, codenames
):
    before = stored_entries()
    client.force_login(staff_with(django_user_model, *codenames))

    response = client.post(import_url(season), {"text": SHEET, "confirm": "1"})

    assert response.status_code == 403
    assert stored_entries() == before


def test_with_season_and_entry_permissions_the_import_opens(
    client, django_user_model, season
):
    user = staff_with(django_user_model, "change_season", "add_entry", "change_entry")
    client.force_login(user)

    assert client.get(import_url(season)).status_code == 200


@pytest.mark.parametrize("size", [3, 30])
def test_the_preview_takes_a_fixed_number_of_queries(
    press_client, django_assert_max_num_queries, size
):
    season = make_season()
    make_classification(season=season, name="Juniors", slug="juniors")
    team = make_team(name="Target Competition")
    lines = ["No,Driver,Team,Car,Classes"]
    for n in range(1, size + 1):
        entry = make_entry(season=season, number=n, team=team)
        lines.append(f"{n},{entry.driver},{team},{entry.car},Juniors")
        lines.append(f"{n + 100},Rival Number{n},New Team {n},Audi RS 3 {n},guest")
    sheet = "\n".join(lines)

    # 12, and one for whether the user signs in with a second factor.
    with django_assert_max_num_queries(13):
        response = press_client.post(import_url(season), {"text": sheet})

    page = response.content.decode()
    assert "Nothing was saved" not in page
    assert page.count("changes: classes") == size
    assert page.count("new driver") == size


# Copying entries from the previous season


def changelist():
    return reverse("admin:racing_season_changelist")


def copy_action(client, *seasons):
    return client.post(
        changelist(),
        {
            "action": "copy_previous_entries",
            "_selected_action": [s.pk for s in seasons],
        },
        follow=True,
    )


def test_the_action_copies_the_previous_seasons_entries(press_client, season):
    make_season(series=season.series, year=2019)  # older: not the previous one
    new = make_season(series=season.series, year=2022)
    jessica = Driver.objects.get(first_name="Jessica")
    make_entry(season=new, driver=jessica, number=55)

    response = copy_action(press_client, new)

    page = response.content.decode()
    assert f"Copied 1 entry from {season} into {new}." in page
    assert "Skipped: Jessica Bäckman already has an entry." in page
    assert sorted(new.entries.values_list("driver__first_name", "number")) == [
        ("Andreas", 11),
        ("Jessica", 55),
    ]


def test_the_action_says_when_there_is_no_previous_season(press_client, season):
    response = copy_action(press_client, season)

    assert (
        f"{season} has no previous season to copy entries from."
        in response.content.decode()
    )
    assert season.entries.count() == 2


def offered_actions(client):
    form = client.get(changelist()).context["action_form"]
    return dict(form.fields["action"].choices) if form else {}


def test_the_action_is_offered_to_the_press_officer(press_client, season):
    assert "copy_previous_entries" in offered_actions(press_client)


def test_the_action_is_refused_to_who_may_not_add_entries(
    client, django_user_model, season
):
    client.force_login(staff_with(django_user_model, "view_season", "change_season"))
    new = make_season(series=season.series, year=2022)

    copy_action(client, new)

    assert "copy_previous_entries" not in offered_actions(client)
    assert not new.entries.exists()
