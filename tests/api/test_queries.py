"""Each answer runs a fixed number of queries, whatever the amount of data.

On three seasons of 6 rounds x 5 sessions x 20 cars (tests/views/conftest.py).
Each count includes one query for the next embargo end, made when the answer
is stored in the page cache; a cached answer runs none.
"""

import pytest

from racing.models import RaceReport, Session

pytestmark = pytest.mark.django_db

MAX_QUERIES = {
    "/api/v1/": 1,
    "/api/v1/seasons/?limit=100": 4,
    "/api/v1/seasons/{season}/": 4,
    "/api/v1/seasons/{season}/standings/drivers/": 9,
    "/api/v1/events/?limit=100": 3,
    "/api/v1/events/?season={season}": 4,
    "/api/v1/events/{event}/": 3,
    "/api/v1/sessions/{session}/results/": 4,
    "/api/v1/drivers/?limit=100": 4,
    "/api/v1/drivers/jessica/": 4,
    "/api/v1/reports/?limit=100": 5,
    "/api/v1/reports/{report}/": 5,
    "/api/v1/openapi.json": 1,
}


def test_each_answer_runs_a_bounded_number_of_queries(
    client, big_db, django_assert_max_num_queries
):
    # One test over every URL: the three seasons are built once.
    season = big_db["seasons"][-1]
    event = season.events.order_by("round_number").first()
    names = {
        "season": season.slug,
        "event": event.slug,
        "session": Session.objects.filter(event=event, kind="race").first().pk,
        "report": RaceReport.objects.first().slug,
    }
    for template, most in MAX_QUERIES.items():
        url = template.format(**names)

        with django_assert_max_num_queries(most):
            response = client.get(url)
        with django_assert_max_num_queries(0):
            cached = client.get(url)

        assert response.status_code == 200, url
        assert cached.content == response.content, url
