"""Every racing model in the admin opens for the press officer, who is not a
superuser: the changelist, a search, the add form and an object's change form."""

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

pytestmark = pytest.mark.django_db

RACING_MODELS = sorted(
    (model for model in admin.site._registry if model._meta.app_label == "racing"),
    key=lambda model: model._meta.model_name,
)


def url(model, view, *args):
    return reverse(f"admin:racing_{model._meta.model_name}_{view}", args=args)


def test_the_press_officer_is_not_a_superuser(press_officer):
    assert not press_officer.is_superuser
    assert press_officer.is_staff


# One row of settings: the list goes straight to its form.
SINGLETONS = {"sitesettings"}


@pytest.mark.parametrize("model", RACING_MODELS, ids=lambda m: m._meta.model_name)
def test_changelist_opens_for_the_press_officer(press_client, demo, model):
    if model._meta.model_name in SINGLETONS:
        response = press_client.get(url(model, "changelist"), follow=True)
        assert response.status_code == 200
        assert response.context["adminform"].form.instance.pk == 1
        return
    response = press_client.get(url(model, "changelist"))

    assert response.status_code == 200
    assert response.context["cl"].result_count == model._default_manager.count()


@pytest.mark.parametrize("model", RACING_MODELS, ids=lambda m: m._meta.model_name)
def test_changelist_search_and_filters_work(press_client, demo, model):
    model_admin = admin.site._registry[model]
    params = {"q": "Bäckman"} if model_admin.search_fields else {}

    response = press_client.get(url(model, "changelist"), params, follow=True)

    assert response.status_code == 200


@pytest.mark.parametrize("model", RACING_MODELS, ids=lambda m: m._meta.model_name)
def test_add_form_opens_for_the_press_officer(press_client, admin_client, demo, model):
    if admin_client.get(url(model, "add")).status_code == 403:
        pytest.skip("adding is switched off for everyone, e.g. photos arrive by upload")

    assert press_client.get(url(model, "add")).status_code == 200


@pytest.mark.parametrize("model", RACING_MODELS, ids=lambda m: m._meta.model_name)
def test_change_form_opens_for_the_press_officer(press_client, demo, model):
    obj = model._default_manager.first()
    if obj is None:
        pytest.skip(f"the demo has no {model._meta.verbose_name}")

    response = press_client.get(url(model, "change", obj.pk))

    assert response.status_code == 200


@pytest.mark.parametrize("model", RACING_MODELS, ids=lambda m: m._meta.model_name)
def test_changelist_queries_do_not_grow_with_the_rows(
    admin_client, demo, model, monkeypatch
):
    if model._default_manager.count() < 2:
        pytest.skip(f"the demo has fewer than two {model._meta.verbose_name_plural}")
    model_admin = admin.site._registry[model]

    def queries(per_page):
        monkeypatch.setattr(model_admin, "list_per_page", per_page)
        with CaptureQueriesContext(connection) as captured:
            assert admin_client.get(url(model, "changelist")).status_code == 200
        return len(captured)

    queries(1)  # caches filled (the site settings)
    # One row or a full page: the same queries, or each row costs its own.
    assert queries(100) == queries(1)


def test_the_press_officer_sees_the_race_weekend_on_the_admin_index(press_client):
    response = press_client.get(reverse("admin:index"))

    assert response.status_code == 200
    for name in ("Events", "Sessions", "Results", "Drivers", "Quotes"):
        assert name in response.content.decode()
