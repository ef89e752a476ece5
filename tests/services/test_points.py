import pytest

from racing.services.points import points_for

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
