import pytest

from racing.models import Result, SessionKind
from racing.services.standings import compute_standings, compute_team_standings
from tests.factories import (
    main_classification,
    make_driver,
    make_entry,
    make_event,
    make_result,
    make_season,
    make_session,
    make_team,
)

pytestmark = pytest.mark.django_db


def table(standings):
    return [(s.position, str(s.competitor), s.points) for s in standings]


def test_the_demo_weekend_gives_jessica_two_points_and_andreas_none(demo):
    standings = compute_standings(classification=main_classification(demo["season"]))

    assert table(standings) == [
        (1, "Jessica Bäckman", 2),
        (2, "Andreas Bäckman", 0),
    ]
    assert standings[0].by_round == {1: 2}
    assert standings[1].by_round == {1: 0}


def test_the_demo_team_has_two_points(demo):
    standings = compute_team_standings(
        classification=main_classification(demo["season"])
    )

    assert table(standings) == [(1, "Target Competition", 2)]


def test_points_per_round_add_up_over_the_season():
    season = make_season()
    ana, bo = make_driver(first_name="Ana"), make_driver(first_name="Bo")
    round1 = make_session(event=make_event(season=season))
    round2 = make_session(event=make_event(season=season))
    make_result(session=round1, driver=ana, position=1)  # 25
    make_result(session=round1, driver=bo, position=2)  # 20
    make_result(session=round2, driver=ana, status=Result.Status.DID_NOT_FINISH)
    make_result(session=round2, driver=bo, position=1)  # 25

    standings = compute_standings(classification=main_classification(season))

    assert [(str(s.competitor), s.points, s.by_round) for s in standings] == [
        (str(bo), 45, {1: 20, 2: 25}),
        (str(ana), 25, {1: 25, 2: 0}),
    ]


def test_two_races_in_one_round_add_up_in_that_round():
    event = make_event()
    driver = make_driver()
    make_result(session=make_session(event=event), driver=driver, position=1)
    make_result(session=make_session(event=event), driver=driver, position=3)

    (standing,) = compute_standings(classification=main_classification(event.season))

    assert standing.by_round == {1: 41}
    assert standing.points == 41


def test_qualifying_points_count_but_practice_does_not():
    season = make_season()
    main_classification(season).points_scales.create(
        name="Qualifying", default_for=SessionKind.QUALIFYING, points=[5, 4, 3, 2, 1]
    )
    event = make_event(season=season)
    driver = make_driver()
    make_result(
        session=make_session(event=event, kind=SessionKind.PRACTICE, name="FP1"),
        driver=driver,
        position=1,
    )
    make_result(
        session=make_session(event=event, kind=SessionKind.QUALIFYING, name="Q"),
        driver=driver,
        position=1,
    )

    assert compute_standings(classification=main_classification(season))[0].points == 5


def test_an_override_counts_in_the_standings():
    race = make_session()
    make_result(session=race, position=1, points_override=15, override_reason="Penalty")

    assert (
        compute_standings(classification=main_classification(race.event.season))[
            0
        ].points
        == 15
    )


def test_other_seasons_do_not_count():
    race = make_session()
    make_result(session=race, position=1)
    driver = race.results.get().driver
    make_result(session=make_session(), driver=driver, position=1)

    assert (
        compute_standings(classification=main_classification(race.event.season))[
            0
        ].points
        == 25
    )


def test_equal_points_rank_by_wins():
    season = make_season(race_points=[10, 5, 0])
    winner, steady, third = (make_driver(first_name=n) for n in ("W", "S", "T"))
    event = make_event(season=season)
    r1, r2, r3 = (make_session(event=event) for _ in range(3))
    make_result(session=r1, driver=winner, position=1)  # 10, one win
    make_result(session=r1, driver=steady, position=2)  # 5
    make_result(session=r1, driver=third, position=3)  # 0
    make_result(session=r2, driver=steady, position=2)  # 5: 10, no win
    make_result(session=r3, driver=third, position=2)  # 5

    standings = compute_standings(classification=main_classification(season))

    assert [(s.position, s.competitor, s.points, s.wins) for s in standings] == [
        (1, winner, 10, 1),
        (2, steady, 10, 0),
        (3, third, 5, 0),
    ]


def test_drivers_level_on_points_and_wins_share_the_position():
    season = make_season(race_points=[10, 10])
    race = make_session(event=make_event(season=season))
    first = make_result(session=race, position=1).driver
    second = make_result(session=race, position=2).driver
    third = make_result(session=make_session(event=race.event), position=1).driver

    standings = compute_standings(classification=main_classification(season))

    positions = {s.competitor: s.position for s in standings}
    assert positions == {first: 1, third: 1, second: 3}


def test_own_only_leaves_out_rivals_but_keeps_championship_positions():
    race = make_session()
    ours = make_driver(is_own=True)
    make_result(session=race, driver=ours, position=14)
    make_result(session=race, position=1)

    standings = compute_standings(
        classification=main_classification(race.event.season), own_only=True
    )

    assert [(s.position, s.competitor) for s in standings] == [(2, ours)]


def test_team_standings_add_up_all_the_teams_cars():
    season = make_season()
    team, rival = make_team(name="Target"), make_team(name="Rival")
    race = make_session(event=make_event(season=season))
    for position, t in [(1, rival), (2, team), (3, team)]:
        entry = make_entry(season=season, team=t)
        make_result(session=race, driver=entry.driver, position=position)

    assert table(
        compute_team_standings(classification=main_classification(season))
    ) == [
        (1, "Target", 36),
        (2, "Rival", 25),
    ]


def test_standings_take_a_fixed_number_of_queries(django_assert_max_num_queries):
    season = make_season()
    teams = [make_team() for _ in range(5)]
    entries = [make_entry(season=season, team=teams[i % 5]) for i in range(10)]
    for _ in range(4):
        race = make_session(event=make_event(season=season))
        for position, entry in enumerate(entries, start=1):
            make_result(session=race, driver=entry.driver, position=position)

    main = main_classification(season)
    # Points by round and race places, summed by the database; the drivers.
    with django_assert_max_num_queries(3):
        standings = compute_standings(classification=main)
    # The same, and the teams.
    with django_assert_max_num_queries(4):
        teams_table = compute_team_standings(classification=main)

    assert len(standings) == 10
    assert standings[0].points == 100
    assert len(teams_table) == 5


def test_level_on_points_and_wins_the_driver_with_more_second_places_is_ahead():
    season = make_season(race_points=[10, 6, 4, 0])
    event = make_event(season=season)
    ana, bo, cy, di = (make_driver(first_name=n) for n in ("Ana", "Bo", "Cy", "Di"))
    r1, r2, r3 = (make_session(event=event) for _ in range(3))
    # Ana: a win and two 4ths = 10. Bo: no win but 2nd + 3rd = 10. Cy: win = 10.
    for race, order in [(r1, [ana, bo, di, cy]), (r2, [cy, di, bo, ana])]:
        for position, driver in enumerate(order, start=1):
            make_result(session=race, driver=driver, position=position)
    make_result(session=r3, driver=ana, position=4)
    make_result(session=r3, driver=di, position=1)

    standings = compute_standings(classification=main_classification(season))

    table = [(s.position, s.competitor.first_name, s.points) for s in standings]
    # Di: 4 + 6 + 10 = 20. Ana and Cy: 10 and one win each, no 2nd or 3rd;
    # Ana has two 4th places to Cy's one. Bo: 10 and no win.
    assert table == [(1, "Di", 20), (2, "Ana", 10), (3, "Cy", 10), (4, "Bo", 10)]


def test_identical_records_share_the_position():
    season = make_season(race_points=[10, 10])
    race = make_session(event=make_event(season=season))
    ana = make_result(session=race, position=1).driver
    bo = make_result(session=make_session(event=race.event), position=1).driver

    standings = compute_standings(classification=main_classification(season))

    assert {(s.position, s.competitor) for s in standings} == {(1, ana), (1, bo)}


def test_countback_goes_on_to_second_places():
    season = make_season(race_points=[10, 5, 5])
    event = make_event(season=season)
    ana, bo = make_driver(first_name="Ana"), make_driver(first_name="Bo")
    r1, r2 = make_session(event=event), make_session(event=event)
    make_result(session=r1, driver=ana, position=2)  # 5
    make_result(session=r1, driver=bo, position=3)  # 5
    make_result(session=r2, driver=make_driver(), position=1)

    standings = compute_standings(classification=main_classification(season))

    assert [(s.position, s.competitor) for s in standings][1:] == [(2, ana), (3, bo)]


def test_a_team_drivers_only_season_is_flagged_and_a_full_field_is_not(demo):
    from racing.services.standings import team_drivers_only

    assert team_drivers_only(season=demo["season"])
    race = make_session()
    make_result(session=race, driver=make_driver(is_own=True), position=14)
    make_result(session=race, position=1)
    assert not team_drivers_only(season=race.event.season)
