import pytest


def form_data(response) -> dict:
    """The POST data a browser would send back for an admin change form as shown."""
    data = {}

    def add(form):
        for bound in form:
            value = bound.value()
            if value is None or value is False:
                continue
            if isinstance(value, (list, tuple)):
                data[bound.html_name] = [str(v) for v in value]
            else:
                data[bound.html_name] = value if value is not True else "on"

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS"):
            data[f"{formset.prefix}-{name}"] = management[name].value()
        data[f"{formset.prefix}-TOTAL_FORMS"] = formset.initial_form_count()
        for form in formset.initial_forms:
            add(form)
    return data


def fill_rows(data, prefix, rows):
    """Append new inline rows (dicts of field -> value) after the existing ones."""
    start = int(data[f"{prefix}-TOTAL_FORMS"])
    for index, row in enumerate(rows, start=start):
        for name, value in row.items():
            data[f"{prefix}-{index}-{name}"] = value
    data[f"{prefix}-TOTAL_FORMS"] = start + len(rows)
    return data


def errors_of(response) -> list[str]:
    """Every error message the press officer sees on the page, as text."""
    form = response.context["adminform"].form
    found = [str(m) for messages in form.errors.values() for m in messages]
    for inline in response.context["inline_admin_formsets"]:
        found += [str(e) for e in inline.formset.non_form_errors()]
        for inline_form in inline.formset.forms:
            for messages in inline_form.errors.values():
                found += [str(m) for m in messages]
    return found


@pytest.fixture
def admin_user(db, django_user_model):
    return django_user_model.objects.create_superuser("boss", "boss@example.com", "x")
