"""The permission rules: which complaints each role sees and what it may do. The
object predicates and the list scope are two forms of one rule; they must agree."""

import pytest

from vangnet.complaints import selectors
from vangnet.complaints.models import SubjectType
from vangnet.complaints.permissions import complaint_scope
from vangnet.handling.guard import perform


@pytest.fixture
def register(make_complaint, users, org):
    """Five complaints covering every way of being visible."""
    own_dept = make_complaint(department=org.dept_social)
    assigned_elsewhere = make_complaint(department=org.dept_space)
    assigned_elsewhere = perform(
        "assign",
        actor=users.coordinator,
        complaint=assigned_elsewhere,
        data={"handler": users.handler},
    ).complaint
    other_dept = make_complaint(department=org.dept_space)
    forwarded = make_complaint(
        subject_type=SubjectType.PARTNER, partner=org.partner, department=None
    )
    for partner in (org.partner, org.other_partner):
        perform("forward", actor=users.coordinator, complaint=forwarded, data={"partner": partner})
    about_partner_not_forwarded = make_complaint(
        subject_type=SubjectType.PARTNER, partner=org.partner, department=None
    )
    return {
        "own_dept": own_dept,
        "assigned_elsewhere": assigned_elsewhere,
        "other_dept": other_dept,
        "forwarded": forwarded,
        "about_partner_not_forwarded": about_partner_not_forwarded,
    }


EXPECTED = {
    "coordinator": {
        "own_dept",
        "assigned_elsewhere",
        "other_dept",
        "forwarded",
        "about_partner_not_forwarded",
    },
    "handler": {"own_dept", "assigned_elsewhere"},
    "other_handler": {"assigned_elsewhere", "other_dept"},
    "partner": {"forwarded"},
    "other_partner": {"forwarded"},
    "viewer": set(),
    "administrator": set(),
    "nobody": set(),
}


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_each_role_sees_exactly_its_complaints(register, users, role):
    user = getattr(users, role)
    by_pk = {c.pk: name for name, c in register.items()}
    listed = [by_pk[pk] for pk in selectors.visible_complaints(user).values_list("pk", flat=True)]
    assert len(listed) == len(set(listed)), "a complaint is listed twice"
    assert set(listed) == EXPECTED[role]
    allowed = {
        name for name, c in register.items() if user.has_perm("complaints.view_complaint", c)
    }
    assert allowed == EXPECTED[role]


def test_scope_of_anonymous_and_inactive(register, users):
    from django.contrib.auth.models import AnonymousUser

    assert complaint_scope(AnonymousUser()) is None
    users.coordinator.is_active = False
    users.coordinator.save()
    assert selectors.visible_complaints(users.coordinator).count() == 0


@pytest.mark.parametrize(
    ("role", "perm", "complaint", "expected"),
    [
        ("coordinator", "complaints.handle_complaint", "other_dept", True),
        ("handler", "complaints.handle_complaint", "assigned_elsewhere", True),
        ("handler", "complaints.handle_complaint", "own_dept", False),  # visible, not assigned
        ("other_handler", "complaints.handle_complaint", "assigned_elsewhere", False),
        ("partner", "complaints.handle_complaint", "forwarded", False),
        ("partner", "complaints.view_timeline", "forwarded", False),
        ("partner", "complaints.view_personal_data", "forwarded", True),
        ("handler", "complaints.view_timeline", "own_dept", True),
        ("handler", "complaints.view_timeline", "other_dept", False),
        ("viewer", "complaints.view_personal_data", "own_dept", False),
        ("handler", "complaints.assign_complaint", "assigned_elsewhere", False),
        ("coordinator", "complaints.assign_complaint", "own_dept", True),
    ],
)
def test_object_permissions(register, users, role, perm, complaint, expected):
    assert getattr(users, role).has_perm(perm, register[complaint]) is expected


@pytest.mark.parametrize(
    ("role", "add", "list_", "figures"),
    [
        ("coordinator", True, True, True),
        ("handler", True, True, False),
        ("partner", False, True, False),
        ("viewer", False, False, True),
        ("administrator", False, False, False),
        ("nobody", False, False, False),
    ],
)
def test_global_permissions(users, role, add, list_, figures):
    user = getattr(users, role)
    assert user.has_perm("complaints.add_complaint") is add
    assert user.has_perm("complaints.list_complaints") is list_
    assert user.has_perm("reports.view_figures") is figures


def test_superuser_scope_agrees_with_has_perm(register, users):
    users.nobody.is_superuser = True
    users.nobody.save()
    visible = set(selectors.visible_complaints(users.nobody))
    assert visible == set(register.values())
    assert all(users.nobody.has_perm("complaints.view_complaint", c) for c in visible)
