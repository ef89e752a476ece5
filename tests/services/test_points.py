import pytest

from racing.services.points import points_for, recompute_points

SCALE = [25, 20, 16, 13, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]


@pytest.mark.parametrize(
    ("position", "expected"),
    [(1, 25), (2, 20), (14, 2), (15, 1), (16, 0), (21, 0), (None, 0), (0, 0)],
)
def test_points_for_follows_the_scale(position, expected):
    assert points_for(position, scale=SCALE) == expected


def test_fastest_lap_bonus_is_added_to_a_scoring_position():
    assert points_for(3, scale=SCALE, fastest_lap_bonus=1) == 17


def test_empty_scale_pays_nothing():
    assert points_for(1, scale=[]) == 0


# The database edge: results keep their points in step with the session's scale.


@pytest.mark.django_db
def test_recompute_follows_a_changed_scale_and_keeps_overrides():
    from tests.factories import make_result, make_scale, make_session

    race = make_session()
    winner = make_result(session=race, position=1)
    penalised = make_result(
        session=race, position=2, points_override=10, override_reason="Penalty"
    )
    sprint = make_scale(season=race.event.season, name="Sprint", points=[10, 8])
    race.points_scale = sprint
    race.save()

    assert recompute_points(session=race) == 1

    winner.refresh_from_db()
    penalised.refresh_from_db()
    assert winner.points == 10
    assert penalised.points == 10
    assert penalised.points_override == 10


@pytest.mark.django_db
def test_recompute_of_an_unchanged_session_writes_nothing(
    django_assert_max_num_queries,
):
    from tests.factories import make_result, make_session

    race = make_session()
    for position in range(1, 6):
        make_result(session=race, position=position)

    # Savepoint, session, classifications and scales, results and their
    # entries' classes, stored class results, release.
    with django_assert_max_num_queries(8) as captured:
        assert recompute_points(session=race) == 0

    writes = ("UPDATE", "INSERT", "DELETE")
    assert not [q for q in captured.captured_queries if q["sql"].startswith(writes)]
