"""The demo organisation: Gemeente Vangstad with its bodies, departments, ombudsmen,
themes, partners and staff, created from `data.py` (`setup_organisation`) and read back
in a fixed order (`load_org`) for the planner and the services. Also the demo password
(`VANGNET_DEMO_PASSWORD`, else the one in `data.py`)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from vangnet.core import workdays
from vangnet.core.calendar import AtwCalendar
from vangnet.core.models import User
from vangnet.core.roles import Role
from vangnet.core.setup import ensure_roles
from vangnet.organisations.models import (
    Body,
    Department,
    InhabitantCount,
    Municipality,
    Ombudsman,
    Partner,
    SecondLineArrangement,
    Theme,
)

from . import data

PASSWORD_ENV = "VANGNET_DEMO_PASSWORD"


@dataclass
class Org:
    """The demo organisation as loaded from the database, in a fixed order."""

    municipality: Municipality
    bodies: dict[str, Body]
    departments: dict[str, Department]
    themes: dict[str, Theme]
    partners: dict[str, Partner]
    users: dict[str, User]
    calendar: AtwCalendar


def demo_password() -> str:
    return os.environ.get(PASSWORD_ENV) or data.DEFAULT_PASSWORD


def demo_is_loaded() -> bool:
    return Municipality.objects.filter(name=data.MUNICIPALITY["name"]).exists()


def load_org() -> Org:
    """The demo organisation from the database (fails when it was not loaded)."""
    municipality = Municipality.objects.get(name=data.MUNICIPALITY["name"])
    bodies = {body.kind: body for body in Body.objects.all()}
    departments = {dept.name: dept for dept in Department.objects.all()}
    themes = {theme.slug: theme for theme in Theme.objects.select_related("parent")}
    partners = {partner.slug: partner for partner in Partner.objects.all()}
    usernames = [row[0] for row in data.USERS]
    users = {user.username: user for user in User.objects.filter(username__in=usernames)}
    missing = sorted(set(usernames) - set(users))
    if missing:
        raise RuntimeError(f"Demo users missing: {', '.join(missing)}")
    return Org(
        municipality=municipality,
        bodies=bodies,
        departments=departments,
        themes=themes,
        partners=partners,
        users=users,
        calendar=workdays.working_calendar(),
    )


def setup_organisation(*, password: str, today: date) -> Org:
    """Create the municipality, bodies, departments, ombudsmen, themes, partners and staff."""
    ensure_roles()
    municipality = Municipality.objects.create(**data.MUNICIPALITY)
    for offset, inhabitants in enumerate(data.INHABITANTS):
        InhabitantCount.objects.create(
            municipality=municipality, year=today.year - 2 + offset, inhabitants=inhabitants
        )

    national = Ombudsman.objects.create(**data.NATIONAL_OMBUDSMAN)
    Ombudsman.objects.create(**data.JOINT_OMBUDSMAN)
    Ombudsman.objects.create(**data.OWN_OMBUDSMAN)
    for name, kind, is_default in data.BODIES:
        body = Body.objects.create(name=name, kind=kind, is_default=is_default)
        terms = data.SECOND_LINE_TERMS[kind]
        note = data.SECOND_LINE_NOTE
        if terms["cost_model"] == "none":
            note = f"{note} {data.SECOND_LINE_NONE_NOTE}"
        SecondLineArrangement.objects.create(
            body=body,
            ombudsman=national,
            effective_from=date(*data.SECOND_LINE_FROM),
            notes=note,
            **terms,
        )

    departments = {
        name: Department.objects.create(name=name, email=email) for name, email in data.DEPARTMENTS
    }
    themes: dict[str, Theme] = {}
    for main_name, main_slug, main_synonyms, children in data.THEMES:
        main = Theme.objects.create(name=main_name, slug=main_slug, synonyms=main_synonyms)
        themes[main_slug] = main
        for sub_name, sub_slug, sub_synonyms, _department, _weight in children:
            themes[sub_slug] = Theme.objects.create(
                name=sub_name, slug=sub_slug, synonyms=sub_synonyms, parent=main
            )

    partners: dict[str, Partner] = {}
    for spec in data.PARTNERS:
        fields = {
            key: value
            for key, value in spec.items()
            if key not in {"themes", "department", "weight"}
        }
        partner = Partner.objects.create(**fields)
        partner.themes.set([themes[slug] for slug in spec["themes"]])
        partners[spec["slug"]] = partner

    groups = {role.value: role for role in Role}
    hashed = make_password(password)  # hashed once: the same password for every demo user
    for username, first, last, role, dept, partner, is_staff, is_superuser in data.USERS:
        user = User(
            username=username,
            first_name=first,
            last_name=last,
            email=f"{username}@vangstad.invalid",
            department=departments[dept] if dept else None,
            partner=partners[partner] if partner else None,
            is_staff=is_staff,
            is_superuser=is_superuser,
            password=hashed,
        )
        user.save()
        user.groups.add(Group.objects.get(name=groups[role].value))
    return load_org()
