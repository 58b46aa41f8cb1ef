import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from ccwg.core.models import (
    Chartership,
    DatePrecision,
    Organization,
    Role,
    WorkingGroup,
    format_date,
)
from tests.factories import (
    AdoptedCharterVersionFactory,
    ChartershipFactory,
    CharterVersionFactory,
    IcannMeetingFactory,
    OrganizationFactory,
    PersonFactory,
    WithdrawingChartershipFactory,
    WithdrawnChartershipFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db


def messages(error: ValidationError) -> str:
    return " ".join(str(m) for m in error.messages)


def test_format_date_by_precision():
    day = dt.date(2016, 11, 1)
    assert format_date(day) == "1 November 2016"
    assert format_date(day, DatePrecision.MONTH) == "November 2016"
    assert format_date(day, DatePrecision.YEAR) == "2016"
    assert format_date(None) == ""


def test_acronyms_are_unique_with_a_clear_message():
    WorkingGroupFactory(acronym="CCWG-IG")
    with pytest.raises(ValidationError) as error:
        WorkingGroup(acronym="CCWG-IG", name="Again").full_clean()
    assert "acronym" in error.value.message_dict
    with transaction.atomic(), pytest.raises(IntegrityError):
        WorkingGroup.objects.create(acronym="CCWG-IG", name="Again")


@pytest.mark.parametrize("acronym", ["", "has space", "-leading", "a/b"])
def test_bad_acronyms_are_rejected(acronym):
    with pytest.raises(ValidationError) as error:
        Organization(acronym=acronym, name="X", kind="so").full_clean()
    assert "acronym" in error.value.message_dict


def test_organization_kind_is_checked_by_the_database():
    with transaction.atomic(), pytest.raises(IntegrityError):
        Organization.objects.create(acronym="X", name="X", kind="martian")


def test_group_cannot_close_before_it_is_established():
    group = WorkingGroup(
        acronym="G", name="G", established_on=dt.date(2017, 1, 1), closed_on=dt.date(2016, 1, 1)
    )
    with pytest.raises(ValidationError) as error:
        group.full_clean()
    assert "cannot close before it is established" in messages(error.value)


def test_group_cannot_succeed_itself():
    group = WorkingGroupFactory()
    group.successor = group
    with pytest.raises(ValidationError) as error:
        group.full_clean()
    assert "successor" in error.value.message_dict


class TestChartership:
    def test_withdrawal_cannot_precede_joining(self):
        charter = ChartershipFactory.build(
            working_group=WorkingGroupFactory(),
            organization=OrganizationFactory(),
            joined_on=dt.date(2015, 1, 1),
            withdrew_on=dt.date(2014, 1, 1),
        )
        with pytest.raises(ValidationError) as error:
            charter.full_clean()
        assert "cannot take effect before joining" in messages(error.value)

    def test_effect_cannot_precede_decision_in_the_database(self):
        with transaction.atomic(), pytest.raises(IntegrityError):
            ChartershipFactory(
                withdrawal_decided_on=dt.date(2017, 8, 1), withdrew_on=dt.date(2017, 7, 1)
            )

    def test_overlapping_periods_are_rejected(self):
        first = WithdrawnChartershipFactory(
            joined_on=dt.date(2014, 1, 1), withdrew_on=dt.date(2016, 1, 1)
        )
        overlapping = Chartership(
            working_group=first.working_group,
            organization=first.organization,
            joined_on=dt.date(2015, 6, 1),
        )
        with pytest.raises(ValidationError) as error:
            overlapping.full_clean()
        assert "overlaps" in messages(error.value)
        later = Chartership(
            working_group=first.working_group,
            organization=first.organization,
            joined_on=dt.date(2016, 1, 1),
        )
        later.full_clean()  # rejoining after the withdrawal is fine

    def test_only_one_open_chartership_per_organization(self):
        first = ChartershipFactory(joined_on=None)
        with transaction.atomic(), pytest.raises(IntegrityError):
            Chartership.objects.create(
                working_group=first.working_group,
                organization=first.organization,
                joined_on=dt.date(2018, 1, 1),
            )

    def test_active_on_around_a_withdrawal_ahead_of_a_meeting(self):
        icann61 = IcannMeetingFactory(
            number=61, starts_on=dt.date(2018, 3, 10), ends_on=dt.date(2018, 3, 15)
        )
        group = WorkingGroupFactory()
        gnso = WithdrawingChartershipFactory(
            working_group=group, joined_on=None, withdrawal_effective_before=icann61
        )
        ccnso = ChartershipFactory(working_group=group, joined_on=dt.date(2015, 1, 1))
        left = WithdrawnChartershipFactory(
            working_group=group, joined_on=dt.date(2014, 1, 1), withdrew_on=dt.date(2016, 6, 30)
        )

        def active(day):
            return set(Chartership.objects.filter(working_group=group).active_on(day))

        assert active(dt.date(2016, 6, 29)) == {gnso, ccnso, left}
        assert active(dt.date(2016, 6, 30)) == {gnso, ccnso}
        # Deciding to withdraw does not end the chartership...
        assert active(dt.date(2017, 9, 1)) == {gnso, ccnso}
        assert active(dt.date(2018, 3, 9)) == {gnso, ccnso}
        # ...the meeting it takes effect ahead of does.
        assert active(dt.date(2018, 3, 10)) == {ccnso}
        assert gnso.effective_end == dt.date(2018, 3, 10)


def test_only_one_adopted_charter_per_group():
    group = WorkingGroupFactory()
    AdoptedCharterVersionFactory(working_group=group)
    second = AdoptedCharterVersionFactory.build(working_group=group)
    with pytest.raises(ValidationError) as error:
        second.full_clean()
    assert "only one adopted charter" in messages(error.value)


def test_charter_cannot_be_adopted_before_it_was_drafted():
    version = CharterVersionFactory.build(
        working_group=WorkingGroupFactory(),
        drafted_on=dt.date(2017, 5, 1),
        adopted_on=dt.date(2017, 4, 1),
    )
    with pytest.raises(ValidationError):
        version.full_clean()


def test_role_dates_and_active_on():
    person = PersonFactory()
    group = WorkingGroupFactory()
    bad = Role(
        person=person, working_group=group, started_on=dt.date(2017, 2, 1),
        ended_on=dt.date(2017, 1, 1),
    )  # fmt: skip
    with pytest.raises(ValidationError) as error:
        bad.full_clean()
    assert "cannot end before it starts" in messages(error.value)
    role = Role.objects.create(
        person=person, working_group=group, kind="chair", started_on=dt.date(2016, 1, 1),
        ended_on=dt.date(2017, 12, 31),
    )  # fmt: skip
    assert list(Role.objects.active_on(dt.date(2017, 6, 1))) == [role]
    assert not Role.objects.active_on(dt.date(2018, 1, 1)).exists()


def test_in_memory_rules_agree_with_the_querysets(db):
    """`Chartership.in_force_on` and `Role.current_on` (used on prefetched rows) decide as
    `active_on` filters, on every day around each boundary."""
    import datetime as dt

    from ccwg.core.models import Chartership, Role
    from tests.factories import (
        ChartershipFactory,
        IcannMeetingFactory,
        RoleFactory,
        WithdrawnChartershipFactory,
    )

    ChartershipFactory(joined_on=dt.date(2016, 1, 1))
    WithdrawnChartershipFactory()
    ChartershipFactory(
        joined_on=None,
        withdrawal_effective_before=IcannMeetingFactory(
            starts_on=dt.date(2018, 3, 10), ends_on=dt.date(2018, 3, 15)
        ),
    )
    RoleFactory(started_on=dt.date(2017, 1, 1), ended_on=dt.date(2017, 6, 30))
    RoleFactory(started_on=None, ended_on=None)
    days = [dt.date(2015, 12, 31) + dt.timedelta(days=n) for n in range(0, 1000, 7)]
    days += [dt.date(2016, 1, 1), dt.date(2017, 6, 30), dt.date(2017, 7, 1), dt.date(2018, 3, 9),
             dt.date(2018, 3, 10)]  # fmt: skip
    for day in days:
        in_sql = set(Chartership.objects.active_on(day).values_list("pk", flat=True))
        in_memory = {c.pk for c in Chartership.objects.all() if c.in_force_on(day)}
        assert in_sql == in_memory, day
        held = set(Role.objects.active_on(day).values_list("pk", flat=True))
        assert held == {r.pk for r in Role.objects.all() if r.current_on(day)}, day
