"""The cost of the second line (`organisations.costs`): the three cost models at their
boundaries, the seed's figures, a switch of arrangement during a year, unknown costs,
and the break-even points. Expected amounts are typed in, worked out by hand. A period's
cost is taken through `learning.second_line.costs.period_cost`, which reads the body's
ombudsman cases (organisations cannot: the cases belong to learning)."""

import time
from datetime import date, timedelta
from decimal import Decimal

import pytest

from vangnet.learning.models import OmbudsmanCase
from vangnet.learning.second_line.costs import period_cost as body_period_cost
from vangnet.organisations import costs
from vangnet.organisations.costs import Terms, break_even_cases, break_even_inhabitants, cost
from vangnet.organisations.models import (
    Body,
    CostModel,
    InhabitantCount,
    Ombudsman,
    SecondLineArrangement,
)

#: The seed's tariffs (seed 000): the joint ombudsman and the Nationale ombudsman.
JOINT = Terms(
    CostModel.CONTRIBUTION,
    yearly_amount=Decimal("43297.29"),
    included_complaints=100,
    price_per_extra_complaint=Decimal("432.97"),
)
NATIONAL = Terms(CostModel.PER_INHABITANT, amount_per_inhabitant=Decimal("0.1953"))
OWN = Terms(CostModel.FIXED, yearly_amount=Decimal("56000.00"))
SEED_INHABITANTS = 159_709


# --- one year, one model --------------------------------------------------------------


@pytest.mark.parametrize(
    ("cases", "expected"),
    [
        (0, "43297.29"),
        (1, "43297.29"),
        (99, "43297.29"),
        (100, "43297.29"),
        (101, "43730.26"),
        (102, "44163.23"),
        (200, "86594.29"),
    ],
)
def test_contribution_covers_its_allowance_then_charges_per_case(cases, expected):
    assert cost(JOINT, cases=cases, inhabitants=None) == Decimal(expected)


def test_per_inhabitant_reproduces_the_seed():
    # € 0.1953 × 159,709 = € 31,191.1677 → € 31,191.17 (seed 000, 2018).
    assert cost(NATIONAL, cases=93, inhabitants=SEED_INHABITANTS) == Decimal("31191.17")
    # The number of cases does not matter.
    assert cost(NATIONAL, cases=0, inhabitants=SEED_INHABITANTS) == Decimal("31191.17")
    assert cost(NATIONAL, cases=500, inhabitants=SEED_INHABITANTS) == Decimal("31191.17")


def test_fixed_is_the_same_whatever_the_cases():
    for cases in (0, 1, 100, 10_000):
        assert cost(OWN, cases=cases, inhabitants=None) == Decimal("56000.00")
    assert cost(OWN, cases=3, inhabitants=None, fraction=Decimal(1) / 2) == Decimal("28000.00")


def test_unknown_cost_is_none_never_zero():
    assert cost(NATIONAL, cases=10, inhabitants=None) is None
    assert cost(Terms(CostModel.PER_INHABITANT), cases=1, inhabitants=1000) is None
    incomplete = Terms(CostModel.CONTRIBUTION, yearly_amount=Decimal("100"), included_complaints=10)
    assert not incomplete.is_complete
    assert cost(incomplete, cases=1, inhabitants=None) is None
    assert cost(Terms(CostModel.FIXED), cases=0, inhabitants=None) is None
    assert cost(Terms(""), cases=0, inhabitants=1000) is None
    assert cost(JOINT, cases=-1, inhabitants=None) is None


def test_no_cost_of_its_own_is_zero_and_known():
    # A body covered by another body's arrangement: nothing, but known, so a total over
    # all bodies is not made unknown by it (a blank model is unknown, above).
    none = Terms(CostModel.NONE)
    assert none.is_complete
    for cases in (0, 100, 101):
        assert cost(none, cases=cases, inhabitants=None) == Decimal("0.00")
    assert cost(none, cases=5, inhabitants=1000, fraction=Decimal(1) / 2) == Decimal("0.00")


def test_terms_of_a_model_row(org):
    org.ombudsman.cost_model = CostModel.PER_INHABITANT
    org.ombudsman.amount_per_inhabitant = Decimal("0.1953")
    assert Terms.of(org.ombudsman) == NATIONAL


# --- a period, from the database ------------------------------------------------------


def _cases(body, ombudsman, days, prefix="T"):
    OmbudsmanCase.objects.bulk_create(
        OmbudsmanCase(
            ombudsman=ombudsman,
            reference=f"{prefix}-{index}",
            received_on=day,
            body=body,
            kind=OmbudsmanCase.Kind.INTERVENTION,
        )
        for index, day in enumerate(days)
    )


@pytest.fixture
def seed(org):
    """A body on the seed's tariffs: the Nationale ombudsman until 30 June 2025, the
    joint one from 1 July 2025; inhabitants as in the seed for 2018, 2024 and 2025."""
    for year in (2018, 2024, 2025):
        InhabitantCount.objects.create(
            municipality=org.municipality, year=year, inhabitants=SEED_INHABITANTS
        )
    joint = Ombudsman.objects.create(
        name="Gezamenlijke Ombudsman", kind=Ombudsman.Kind.JOINT, address="Postbus 1"
    )
    body = Body.objects.create(name="Raad", kind=Body.Kind.COUNCIL)
    SecondLineArrangement.objects.create(
        body=body,
        ombudsman=org.ombudsman,
        effective_from=date(2010, 1, 1),
        cost_model=CostModel.PER_INHABITANT,
        amount_per_inhabitant=Decimal("0.1953"),
    )
    return body, joint


def switch(body, ombudsman, day):
    return SecondLineArrangement.objects.create(
        body=body,
        ombudsman=ombudsman,
        effective_from=day,
        cost_model=CostModel.CONTRIBUTION,
        yearly_amount=Decimal("43297.29"),
        included_complaints=100,
        price_per_extra_complaint=Decimal("432.97"),
    )


def test_the_seeds_2018_cost_and_cost_per_case(org, seed):
    body, _joint = seed
    _cases(body, org.ombudsman, [date(2018, 1, 1) + timedelta(days=3 * i) for i in range(93)])
    result = body_period_cost(body, date(2018, 1, 1), date(2018, 12, 31))
    assert len(result.parts) == 1
    part = result.parts[0]
    assert (part.start, part.end, part.days, part.cases) == (
        date(2018, 1, 1),
        date(2018, 12, 31),
        365,
        93,
    )
    assert part.inhabitants == SEED_INHABITANTS
    assert result.total == Decimal("31191.17")
    assert result.cases == 93
    assert result.per_case == Decimal("335.39")  # 31,191.17 / 93 = 335.389…


def test_a_switch_during_the_year_is_split_on_the_day_it_takes_effect(org, seed):
    body, joint = seed
    later = switch(body, joint, date(2025, 7, 1))
    # A case on the day before the switch counts for the old arrangement, one on the
    # switch day for the new one; 52 more after it.
    days = [date(2025, 6, 30), date(2025, 7, 1)] + [date(2025, 8, 1)] * 51
    _cases(body, org.ombudsman, days)
    _cases(org.college, org.ombudsman, [date(2025, 6, 29)], prefix="C")  # another body
    result = body_period_cost(body, date(2025, 1, 1), date(2025, 12, 31))
    first, second = result.parts
    assert first.arrangement.ombudsman == org.ombudsman
    assert second.arrangement == later
    assert (first.start, first.end, first.days, first.cases) == (
        date(2025, 1, 1),
        date(2025, 6, 30),
        181,
        1,
    )
    assert (second.start, second.end, second.days, second.cases) == (
        date(2025, 7, 1),
        date(2025, 12, 31),
        184,
        52,
    )
    # 31,191.1677 × 181/365 = 15,467.40.
    assert first.cost == Decimal("15467.40")
    # Allowance 100 × 184/365 = 50.4 → 50 cases; 52 cases: 2 extra.
    # 43,297.29 × 184/365 = 21,826.58; + 2 × 432.97 = 22,692.52.
    assert second.cost == Decimal("22692.52")
    assert result.total == Decimal("38159.92")
    assert result.cases == 53
    assert result.per_case == Decimal("720.00")  # 38,159.92 / 53 = 719.998…


def test_a_switch_in_a_leap_year_counts_366_days(org, seed):
    body, joint = seed
    switch(body, joint, date(2024, 7, 1))
    # 100 × 184/366 = 50.27 → 50 cases covered: 50 cost nothing extra, 51 one.
    _cases(body, org.ombudsman, [date(2024, 7, 1)] * 50)
    result = body_period_cost(body, date(2024, 1, 1), date(2024, 12, 31))
    first, second = result.parts
    assert (first.days, second.days) == (182, 184)
    assert first.cost == Decimal("15510.36")  # 31,191.1677 × 182/366
    assert second.cost == Decimal("21766.94")  # 43,297.29 × 184/366
    OmbudsmanCase.objects.create(
        ombudsman=joint,
        reference="T-51",
        received_on=date(2024, 12, 31),
        body=body,
        kind=OmbudsmanCase.Kind.REPORT,
    )
    result = body_period_cost(body, date(2024, 1, 1), date(2024, 12, 31))
    assert result.parts[1].cases == 51
    assert result.parts[1].cost == Decimal("22199.91")  # + 1 × 432.97


def test_a_whole_year_is_exactly_the_yearly_figure_and_years_are_split(org, seed):
    body, joint = seed
    switch(body, joint, date(2024, 1, 1))
    assert body_period_cost(body, date(2024, 1, 1), date(2024, 12, 31)).total == Decimal("43297.29")
    # Two half years across New Year: one part per calendar year.
    result = body_period_cost(body, date(2024, 7, 1), date(2025, 6, 30))
    assert [(p.start, p.end) for p in result.parts] == [
        (date(2024, 7, 1), date(2024, 12, 31)),
        (date(2025, 1, 1), date(2025, 6, 30)),
    ]
    assert result.parts[0].cost == Decimal("21766.94")  # 184/366
    assert result.parts[1].cost == Decimal("21470.71")  # 181/365


def test_days_before_the_first_arrangement_make_the_cost_unknown(org, seed):
    _body, joint = seed
    new_body = Body.objects.create(name="Nieuw orgaan", kind=Body.Kind.OTHER)
    switch(new_body, joint, date(2025, 7, 1))
    result = body_period_cost(new_body, date(2025, 1, 1), date(2025, 12, 31))
    gap, known = result.parts
    assert gap.arrangement is None and gap.cost is None
    assert (gap.start, gap.end) == (date(2025, 1, 1), date(2025, 6, 30))
    assert known.cost is not None
    assert result.total is None and result.per_case is None
    # Only the days with an arrangement: known.
    assert body_period_cost(new_body, date(2025, 7, 1), date(2025, 12, 31)).total == known.cost
    # No arrangement at all.
    empty = Body.objects.create(name="Leeg", kind=Body.Kind.OTHER)
    assert body_period_cost(empty, date(2025, 1, 1), date(2025, 12, 31)).total is None


def test_missing_inhabitants_or_terms_give_an_unknown_cost(org, seed):
    body, _joint = seed
    # No inhabitant count for 2023.
    result = body_period_cost(body, date(2023, 1, 1), date(2023, 12, 31))
    assert result.parts[0].inhabitants is None
    assert result.total is None
    # The fixture's college arrangement has no terms.
    assert body_period_cost(org.college, date(2025, 1, 1), date(2025, 12, 31)).total is None


def test_case_days_can_be_given(org, seed):
    body, _joint = seed
    result = costs.period_cost(
        body, date(2018, 1, 1), date(2018, 12, 31), case_days=[date(2018, 5, 1)] * 93
    )
    assert result.cases == 93 and result.per_case == Decimal("335.39")


# --- break-even -------------------------------------------------------------------------


def test_break_even_of_the_joint_ombudsman_against_a_fixed_cost():
    # 43,297.29 + 29 × 432.97 = 55,853.42 ≤ 56,000; + 30 × 432.97 = 56,286.39 > 56,000.
    assert break_even_cases(JOINT, OWN, inhabitants=None) == 130
    assert cost(JOINT, cases=129, inhabitants=None) < cost(OWN, cases=129, inhabitants=None)
    assert cost(JOINT, cases=130, inhabitants=None) > cost(OWN, cases=130, inhabitants=None)
    # The other way round: the fixed cost is never the dearer from some number on.
    assert break_even_cases(OWN, JOINT, inhabitants=None) is None


def test_with_the_seeds_figures_the_joint_ombudsman_is_always_dearer():
    assert break_even_cases(JOINT, NATIONAL, inhabitants=SEED_INHABITANTS) is None
    assert break_even_cases(NATIONAL, JOINT, inhabitants=SEED_INHABITANTS) is None
    # Unknown without inhabitants.
    assert break_even_cases(NATIONAL, JOINT, inhabitants=None) is None


def test_break_even_with_a_tiny_price_is_found_at_once():
    cheap = Terms(
        CostModel.CONTRIBUTION,
        yearly_amount=Decimal("0"),
        included_complaints=0,
        price_per_extra_complaint=Decimal("0.01"),
    )
    started = time.monotonic()
    assert break_even_cases(cheap, Terms(CostModel.FIXED, yearly_amount=Decimal("1000000")),
                            inhabitants=None) == 100_000_001  # fmt: skip
    assert time.monotonic() - started < 1


def test_break_even_with_equal_prices_and_different_allowances():
    # a: 100 for 10 cases, then 100 each; b: 5,000 for 100 cases, then 100 each.
    # a is dearer from 60 on (100 + 50 × 100 = 5,100 > 5,000) and stays so (4,100 more).
    a = Terms(CostModel.CONTRIBUTION, yearly_amount=Decimal("100"), included_complaints=10,
              price_per_extra_complaint=Decimal("100"))  # fmt: skip
    b = Terms(CostModel.CONTRIBUTION, yearly_amount=Decimal("5000"), included_complaints=100,
              price_per_extra_complaint=Decimal("100"))  # fmt: skip
    assert break_even_cases(a, b, inhabitants=None) == 60


def test_dearer_only_in_between_is_no_break_even():
    # a: 100 per case from the first; b: 500 for 10 cases, then 300 each. a is dearer
    # from 6 to 12 cases only, then b is dearer for good.
    a = Terms(CostModel.CONTRIBUTION, yearly_amount=Decimal("0"), included_complaints=0,
              price_per_extra_complaint=Decimal("100"))  # fmt: skip
    b = Terms(CostModel.CONTRIBUTION, yearly_amount=Decimal("500"), included_complaints=10,
              price_per_extra_complaint=Decimal("300"))  # fmt: skip
    assert cost(a, cases=8, inhabitants=None) > cost(b, cases=8, inhabitants=None)
    assert break_even_cases(a, b, inhabitants=None) is None
    assert break_even_cases(b, a, inhabitants=None) == 13


def test_break_even_inhabitants():
    # 0.1953 × 221,696 = 43,297.23 ≤ 43,297.29 < 0.1953 × 221,697 = 43,297.42.
    assert break_even_inhabitants(NATIONAL, JOINT, cases=100) == 221_697
    assert break_even_inhabitants(NATIONAL, JOINT, cases=0) == 221_697
    # 101 cases: 43,730.26; 0.1953 × 223,913 = 43,730.21, × 223,914 = 43,730.40.
    assert break_even_inhabitants(NATIONAL, JOINT, cases=101) == 223_914
    assert break_even_inhabitants(JOINT, NATIONAL, cases=100) is None
    assert break_even_inhabitants(NATIONAL, NATIONAL, cases=100) is None


# --- editing the terms in the admin ------------------------------------------------------


def test_admin_groups_the_cost_fields_and_copies_the_tariff(client, org, django_user_model):
    admin_user = django_user_model.objects.create_superuser("root", password="x-pass-123")
    client.force_login(admin_user)
    national = org.ombudsman
    national.cost_model = CostModel.PER_INHABITANT
    national.amount_per_inhabitant = Decimal("0.1953")
    national.save()
    content = client.get(f"/admin/organisations/ombudsman/{national.pk}/change/").content.decode()
    assert "Tarief (wat deze ombudsman nu vraagt)" in content
    assert "Vergelijking in woorden" in content
    assert 'name="amount_per_inhabitant"' in content and 'name="independence"' in content
    arrangement = SecondLineArrangement.objects.get(body=org.college)
    url = f"/admin/organisations/secondlinearrangement/{arrangement.pk}/change/"
    content = client.get(url).content.decode()
    assert "Kosten (wat dit bestuursorgaan afsprak)" in content
    assert "Bedrag per inwoner" in content  # the ombudsman's tariff, read-only
    # Incomplete terms are refused next to the field.
    response = client.post(
        url,
        {
            "body": org.college.pk,
            "ombudsman": national.pk,
            "effective_from": "2000-01-01",
            "cost_model": CostModel.CONTRIBUTION,
            "yearly_amount": "100",
        },
    )
    assert response.status_code == 200
    assert "Vul dit in voor dit kostenmodel." in response.content.decode()
    response = client.post(
        "/admin/organisations/secondlinearrangement/",
        {"action": "copy_tariff", "_selected_action": [arrangement.pk]},
    )
    assert response.status_code == 302
    arrangement.refresh_from_db()
    assert Terms.of(arrangement) == NATIONAL
