#!/usr/bin/env python
"""Fill a PostgreSQL benchmark database with N complaints in a few SQL statements.

    .venv/bin/python bench/bulk_sql.py --count 1000000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/vangnet_bench_report_x \\
        .venv/bin/python bench/bulk_sql.py --count 100000

For the report benchmark (`bench/bench_report.py`): what `vangnet.reports.kpis` reads,
at a volume the ORM generator (`bench/generate.py`, about 1,000 rows/s) cannot reach.
The organisation (Gemeente Vangstad: bodies, departments, themes and sub-themes,
partners, staff, inhabitants per year) goes in through the ORM (`vangnet.demo`); the
complaints and everything hanging off them are computed by PostgreSQL itself with
`INSERT ... SELECT ... FROM generate_series(...)`: first a temporary plan table of one
row per complaint (every random draw and date), then one INSERT per register table
from that plan. Deterministic: `setseed()` with `--seed`, the same first year, the same
rows.

What it writes, over three calendar years (`--first-year`, default three years ago):
- complaints_complaint: kind mostly complaint, ~5% report/objection/question closed the
  same day with outcome not_a_complaint; channel, body, main theme or sub-theme (with
  its department), neighbourhood, subject type (municipality / partner / cooperation),
  formal or light path; ~90% closed (closed_on >= received_on) with every outcome code
  and, for not_handled, every Awb 9:8 ground; acknowledge_by = received + 7 days,
  first_contact_by = received + 5, decline_by = received + 28, decide_by = received +
  42 (70 with the advisory committee), moved by the postponements;
- complaints_postponement: an extension (+28 days) for most late formal handlings, a
  delay with consent after some of those;
- complaints_decision + complaints_judgmentpart for every formal outcome: 1–3 parts
  whose judgments add up to the outcome, Behoorlijkheidswijzer norms (JSON lists of
  `norms.NORMS` codes), measures for most well-founded ones; 1% has an earlier,
  superseded decision;
- complaints_contact (first contact for most, a second one when the first did not
  reach the complainant), letters_letter (acknowledgement for most, conclusion for
  formal ones; `pdf` is an empty path), complaints_forward to partners with replies,
  complaints_complaint_involved_partners for cooperation complaints,
  surveys_surveyinvitation / surveys_surveyresponse for some closings;
- partner reports (partnerportal) for the three years, through their service.
Not written (kpis does not read them): timeline events, hearings, advice, attachments,
outbox messages, contributions.

`load()` empties the register first (TRUNCATE ... RESTART IDENTITY) and ends with
ANALYZE. Refuses SQLite and a database whose name does not contain "bench".
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import _create_database, require_postgresql, setup_django  # noqa: E402

DEFAULT_SEED = 20_240_601
#: Bumped when the generated data changes, so bench_report.py regenerates old databases.
VERSION = 3

#: The register tables this generator fills (and TRUNCATE empties), children first.
TABLES = [
    "surveys_surveyresponse",
    "surveys_surveyinvitation",
    "letters_outboxmessage",
    "letters_letter",
    "complaints_judgmentpart",
    "complaints_decision",
    "complaints_postponement",
    "complaints_contact",
    "complaints_hearing",
    "complaints_advice",
    "complaints_contribution",
    "complaints_jointdiscussion",
    "complaints_event",
    "complaints_forward",
    "complaints_attachment",
    "complaints_complaint_involved_partners",
    "complaints_complaint",
    "complaints_referencecounter",
]

# Weights (the demo planner's shares, `vangnet.demo.planner` and `vangnet.demo.routes`).
KINDS = {"complaint": 95.0, "report": 1.8, "objection": 1.4, "question": 1.8}
CHANNELS = {"web": 45, "email": 22, "phone": 15, "letter": 8, "counter": 6, "social_media": 4}
SUBJECTS = {"municipality": 80, "partner": 15, "cooperation": 5}
FORMAL_ROUTES = {"informal": 46, "formal": 40, "decline": 5, "withdraw": 7, "to_body": 2}
LIGHT_ROUTES = {"informal": 74, "formal": 8, "decline": 4, "withdraw": 11, "to_body": 3}
TARGETS = {"well_founded": 25, "partly_well_founded": 30, "unfounded": 38, "no_judgment": 7}
DECLINE_GROUNDS = {
    "objection_possible": 6,
    "older_than_a_year": 3,
    "handled_before": 2,
    "court": 1,
    "criminal_investigation": 0.5,
    "too_small": 2,
}
LIGHT_REASONS = {"oral": 50, "third_party": 10, "incomplete": 25, "unsigned": 10, "other": 5}
OPEN_STATES = {
    "received": 8,
    "acknowledged": 15,
    "in_progress": 40,
    "formal": 12,
    "hearing_offered": 8,
    "hearing_planned": 6,
    "heard": 6,
    "decided": 5,
}
CONTACT_CHANNELS = {"phone": 70, "email": 15, "visit": 8, "video": 4, "letter": 3}
PARTNER_OUTCOMES = {
    "resolved": 50,
    "well_founded": 14,
    "unfounded": 12,
    "own_procedure": 16,
    "not_reached": 8,
}
SURVEY = {1: 10, 2: 12, 3: 18, 4: 32, 5: 28}
BODY_SHARES = {"college": 96, "burgemeester": 3, "raad": 1}
#: Share of complaints filed on a main theme only, and without a theme.
MAIN_THEME_ONLY = 0.10
NO_THEME = 0.02

DESCRIPTIONS = [
    "Ik heb al drie keer gebeld maar niemand belt terug.",
    "De medewerker aan de balie was onvriendelijk en luisterde niet.",
    "Mijn aanvraag ligt al weken stil en ik hoor niets.",
    "De container in onze straat wordt steeds niet geleegd.",
    "Ik kreeg een brief die ik niet begrijp en niemand legt het uit.",
    "De afspraak werd op het laatste moment afgezegd zonder reden.",
    "Er is een besluit genomen zonder dat iemand met mij heeft gesproken.",
    "Ik word van het kastje naar de muur gestuurd.",
]
CONTACT_NOTES = [
    "Klager gebeld; het probleem besproken en uitgelegd wat we gaan doen.",
    "Gesprek gehad met klager over wat de klacht zou oplossen.",
    "Klager per e-mail gevraagd naar een geschikt moment om te bellen.",
]
OTHER_BODIES = ["Waterschap Noorderzijl", "Provincie Noordland", "Belastingdienst"]
REDIRECTS = ["Meldpunt openbare ruimte", "Team bezwaar en beroep", "Klantcontactcentrum"]


def _thresholds(weights: dict) -> tuple[list, list[float]]:
    """(values, lower bounds) for `width_bucket(r, bounds)`: r in [0, 1) lands in the
    bucket of its value with the given weights."""
    total = float(sum(weights.values()))
    values, bounds, running = [], [], 0.0
    for value, weight in weights.items():
        values.append(value)
        bounds.append(running / total)
        running += weight
    return values, bounds


def _pick(name: str, weights: dict, r: str, params: dict, cast: str = "text") -> str:
    """SQL that picks a value of `weights` with the random column `r`."""
    values, bounds = _thresholds(weights)
    params[f"{name}_v"] = values
    params[f"{name}_b"] = bounds
    return f"(%({name}_v)s::{cast}[])[width_bucket({r}, %({name}_b)s::float8[])]"


def prepare_organisation(*, first_year: int, seed: int = DEFAULT_SEED) -> dict:
    """The demo organisation through the ORM (when missing), inhabitants for every year
    of the data, and partners' own reports for those years. Returns the ids the SQL
    needs."""
    from django.db import transaction

    from vangnet.demo import data, organisation
    from vangnet.demo import generate as demo
    from vangnet.organisations.models import InhabitantCount, Municipality

    if not organisation.demo_is_loaded():
        if Municipality.objects.exists():
            raise SystemExit(
                "Er is al een andere gemeente ingesteld; de generator gebruikt de demo."
            )
        demo.load_demo(complaints=0)
    org = organisation.load_org()
    municipality = org.municipality
    for offset, year in enumerate(range(first_year - 1, first_year + 4)):
        InhabitantCount.objects.get_or_create(
            municipality=municipality,
            year=year,
            defaults={"inhabitants": 98_000 + 700 * offset},
        )
    with transaction.atomic():
        _partner_reports(org, first_year=first_year, seed=seed)

    sub_themes, main_themes = {}, {}
    for _name, main_slug, _synonyms, children in data.THEMES:
        main_themes[org.themes[main_slug].pk] = sum(child[4] for child in children) or 1
        for _sub, slug, _syn, department, weight in children:
            dept = org.departments.get(department) if department else None
            sub_themes[(org.themes[slug].pk, dept.pk if dept else 0)] = weight
    partners = {}
    for spec in data.PARTNERS:
        partner = org.partners[spec["slug"]]
        dept = org.departments.get(spec.get("department") or "")
        partners[(partner.pk, dept.pk if dept else 0)] = spec.get("weight", 1)
    handlers = [org.users[name].pk for name in ("handler", "kees", "sanne", "mohamed", "lotte")]
    return {
        "bodies": {org.bodies[kind].pk: share for kind, share in BODY_SHARES.items()},
        "sub_themes": sub_themes,
        "main_themes": main_themes,
        "partners": partners,
        "neighbourhoods": dict(data.NEIGHBOURHOODS),
        "first_names": list(data.FIRST_NAMES),
        "last_names": list(data.LAST_NAMES),
        "handlers": handlers,
        "coordinator": org.users["coordinator"].pk,
    }


def _partner_reports(org, *, first_year: int, seed: int) -> None:
    """Every partner's own figures for every period of the data's years (once)."""
    import random

    from vangnet.demo.partner_reports import partner_line
    from vangnet.partnerportal import figures
    from vangnet.partnerportal.models import PartnerReport, Source

    frequency = org.municipality.partner_report_frequency or figures.QUARTER
    periods = figures.periods_between(
        date(first_year, 1, 1), date(first_year + 2, 12, 31), frequency=frequency
    )
    rng = random.Random(seed)
    coordinator = org.users["coordinator"]
    for _slug, partner in sorted(org.partners.items()):
        themes = list(partner.themes.order_by("slug")) or [None]
        for year, code, _start, _end in periods:
            if PartnerReport.objects.filter(partner=partner, year=year, period=code).exists():
                continue
            figures.submit_report(
                partner=partner,
                year=year,
                period=code,
                lines=[partner_line(rng, theme) for theme in themes],
                actor=coordinator,
                source=Source.FORM,
            )


def truncate() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE")


def _plan_sql(count: int, first_year: int, org: dict, params: dict) -> str:
    """CREATE TEMP TABLE bench_plan: one row per complaint with every draw and date."""
    start = date(first_year, 1, 1)
    days = (date(first_year + 3, 1, 1) - start).days
    params.update(count=count, start=start, days=days, last_year=first_year + 2)
    subs = list(org["sub_themes"].items())
    params["sub_theme_v"] = [theme for (theme, _dept), _w in subs]
    params["sub_dept_v"] = [dept for (_theme, dept), _w in subs]
    _values, params["sub_b"] = _thresholds({i: w for i, (_k, w) in enumerate(subs)})
    mains = list(org["main_themes"].items())
    params["main_v"] = [theme for theme, _w in mains]
    _values, params["main_b"] = _thresholds({i: w for i, (_k, w) in enumerate(mains)})
    partners = list(org["partners"].items())
    params["partner_v"] = [pk for (pk, _dept), _w in partners]
    params["partner_dept_v"] = [dept for (_pk, dept), _w in partners]
    _values, params["partner_b"] = _thresholds({i: w for i, (_k, w) in enumerate(partners)})
    params["handlers"] = org["handlers"]
    params["first_names"] = org["first_names"]
    params["last_names"] = org["last_names"]
    params["descriptions"] = DESCRIPTIONS
    params["other_bodies"] = OTHER_BODIES
    params["redirects"] = REDIRECTS

    kind = _pick("kind", KINDS, "r_kind", params)
    channel = _pick("channel", CHANNELS, "r_channel", params)
    subject = _pick("subject", SUBJECTS, "r_subject", params)
    body = _pick("body", org["bodies"], "r_body", params, cast="int")
    neighbourhood = _pick("hood", org["neighbourhoods"], "r_hood", params)
    formal_route = _pick("froute", FORMAL_ROUTES, "r_route", params)
    light_route = _pick("lroute", LIGHT_ROUTES, "r_route", params)
    target = _pick("target", TARGETS, "r_target", params)
    ground = _pick("ground", DECLINE_GROUNDS, "r_ground", params)
    light_reason = _pick("lreason", LIGHT_REASONS, "r_ground", params)
    open_state = _pick("ostate", OPEN_STATES, "r_target", params)
    n_partners = "cardinality(%(partner_v)s::int[])"
    return f"""
    CREATE TEMP TABLE bench_plan AS
    WITH draws AS (
        SELECT g AS id,
               (%(start)s::date + ((g - 1)::bigint * %(days)s / %(count)s)::int) AS received_on,
               random() AS r_kind, random() AS r_channel, random() AS r_subject,
               random() AS r_body, random() AS r_hood, random() AS r_theme,
               random() AS r_route, random() AS r_target, random() AS r_ground,
               random() AS r_open, random() AS r_lead, random() AS r_formal,
               random() AS r_partner, random() AS r_forward, random() AS r_ack,
               random() AS r_contact, random() AS r_reached, random() AS r_survey,
               random() AS r_answer, random() AS r_reply, random() AS r_name,
               random() AS r_extra
        FROM generate_series(1, %(count)s) AS g
    ), base AS (
        SELECT d.*,
               {kind} AS kind,
               {channel} AS channel,
               {subject} AS subject_type,
               {body} AS body_id,
               {neighbourhood} AS neighbourhood,
               r_formal < 0.85 AS is_formal,
               r_formal >= 0.85 AND r_formal < 0.87 AS advisory_committee,
               width_bucket(r_theme, %(sub_b)s::float8[]) AS sub_index,
               1 + floor(r_partner * {n_partners})::int AS partner_index
        FROM draws d
    ), routed AS (
        SELECT b.*,
               CASE
                   WHEN kind <> 'complaint' THEN 'not_a_complaint'
                   WHEN subject_type = 'partner' AND r_forward < 0.65 THEN 'forward'
                   WHEN is_formal THEN {formal_route}
                   ELSE {light_route}
               END AS route,
               -- More complaints of the last year are still open (about a tenth in all).
               kind = 'complaint' AND r_open < CASE
                   WHEN extract(year FROM received_on) = %(last_year)s
                   THEN 0.08 + 0.6 * greatest(0, (received_on - make_date(%(last_year)s, 9, 1)))
                        / 122.0
                   ELSE 0.04 END AS is_open
        FROM base b
    ), timed AS (
        SELECT r.*,
               CASE route
                   WHEN 'not_a_complaint' THEN 0
                   WHEN 'informal' THEN 2 + floor(power(r_lead, 1.6) * 40)::int
                   WHEN 'formal' THEN 18 + floor(power(r_lead, 0.8) * 80)::int
                   WHEN 'decline' THEN 5 + floor(r_lead * 25)::int
                   WHEN 'withdraw' THEN 3 + floor(r_lead * 40)::int
                   WHEN 'to_body' THEN 1 + floor(r_lead * 10)::int
                   ELSE 8 + floor(r_lead * 40)::int
               END AS lead,
               CASE WHEN advisory_committee AND route = 'formal' THEN 70 ELSE 42 END AS term
        FROM routed r
    )
    SELECT t.id, t.kind, t.received_on, t.channel, t.body_id, t.neighbourhood,
           t.subject_type, t.is_formal, t.advisory_committee AND t.route = 'formal'
               AS advisory_committee,
           t.route, t.is_open, t.lead,
           CASE WHEN t.r_theme < {NO_THEME} AND t.kind = 'complaint' THEN NULL
                WHEN t.r_theme > 1 - {MAIN_THEME_ONLY}
                THEN (%(main_v)s::int[])[width_bucket(t.r_extra, %(main_b)s::float8[])]
                ELSE (%(sub_theme_v)s::int[])[t.sub_index] END AS theme_id,
           CASE WHEN t.subject_type = 'partner' THEN NULL
                ELSE nullif((%(sub_dept_v)s::int[])[t.sub_index], 0) END AS department_id,
           CASE WHEN t.subject_type = 'partner'
                THEN (%(partner_v)s::int[])[width_bucket(t.r_partner, %(partner_b)s::float8[])]
                END AS partner_id,
           CASE WHEN t.subject_type = 'cooperation'
                THEN (%(partner_v)s::int[])[t.partner_index] END AS partner1_id,
           CASE WHEN t.subject_type = 'cooperation'
                THEN (%(partner_v)s::int[])[1 + t.partner_index %% {n_partners}] END
               AS partner2_id,
           CASE WHEN t.route = 'formal' THEN {target}
                WHEN t.route = 'decline' THEN 'not_handled'
                WHEN t.route = 'withdraw' THEN 'withdrawn'
                WHEN t.route = 'to_body' THEN 'forwarded_to_body'
                WHEN t.route = 'forward' THEN 'forwarded_to_partner'
                WHEN t.route = 'informal' THEN 'resolved_informally'
                ELSE 'not_a_complaint' END AS final_outcome,
           CASE WHEN t.route = 'decline' THEN {ground} ELSE '' END AS decline_ground,
           CASE WHEN t.is_formal OR t.kind <> 'complaint' THEN '' ELSE {light_reason} END
               AS light_path_reason,
           CASE WHEN t.is_open THEN {open_state} ELSE 'closed' END AS state,
           t.received_on + t.term AS first_due,
           -- Late formal handlings: most extended by 4 weeks, some of those delayed
           -- further with the complainant's consent.
           t.route = 'formal' AND NOT t.is_open AND t.lead > t.term AND t.r_ground < 0.75
               AS extended,
           t.route = 'formal' AND NOT t.is_open AND t.lead > t.term + 28
               AND t.r_ground < 0.35 AS consented,
           (%(handlers)s::int[])[1 + floor(t.r_name * cardinality(%(handlers)s::int[]))::int]
               AS handler_id,
           (%(first_names)s::text[])[1 + floor(t.r_name * 1e6)::int
               %% cardinality(%(first_names)s::text[])] || ' ' ||
           (%(last_names)s::text[])[1 + floor(t.r_hood * 1e6)::int
               %% cardinality(%(last_names)s::text[])] AS complainant_name,
           t.r_name < 0.8 AS has_email,
           t.r_ack, t.r_contact, t.r_reached, t.r_survey, t.r_answer, t.r_reply, t.r_extra,
           t.r_lead, t.r_target
    FROM timed t
    """


def _complaint_sql() -> str:
    return """
    INSERT INTO complaints_complaint (
        id, reference, kind, state, received_on, channel, body_id, theme_id, neighbourhood,
        subject_type, department_id, person_complained_about, partner_id,
        complainant_name, complainant_street, complainant_postcode, complainant_city,
        complainant_email, complainant_phone, preferred_contact,
        representative_name, representative_email, representative_phone,
        description, desired_outcome, is_formal, light_path_reason, formality_note,
        advisory_committee, redirected_to, handler_id,
        acknowledge_by, first_contact_by, decline_by, decide_by, postponed_to,
        closed_on, outcome, decline_ground, forwarded_to_body, search_text,
        created_at, created_by_id, updated_at
    )
    SELECT
        p.id,
        extract(year FROM p.received_on)::int || '-' || lpad(
            row_number() OVER (PARTITION BY extract(year FROM p.received_on) ORDER BY p.id)::text,
            6, '0'),
        p.kind, p.state, p.received_on, p.channel, p.body_id, p.theme_id, p.neighbourhood,
        p.subject_type, p.department_id, '', p.partner_id,
        p.complainant_name, 'Dorpsstraat ' || (1 + p.id %% 120), '9990 AA', 'Vangstad',
        CASE WHEN p.has_email THEN 'indiener' || p.id || '@example.org' ELSE '' END,
        CASE WHEN p.has_email THEN '' ELSE '0123-' || lpad((p.id %% 1000000)::text, 6, '0') END,
        CASE WHEN p.has_email THEN 'email' ELSE 'phone' END,
        '', '', '',
        (%(descriptions)s::text[])[1 + p.id %% cardinality(%(descriptions)s::text[])], '',
        p.is_formal, p.light_path_reason, '', p.advisory_committee,
        CASE WHEN p.kind <> 'complaint'
             THEN (%(redirects)s::text[])[1 + p.id %% cardinality(%(redirects)s::text[])]
             ELSE '' END,
        CASE WHEN p.kind = 'complaint' AND p.state <> 'received' THEN p.handler_id END,
        CASE WHEN p.kind = 'complaint' THEN p.received_on + 7 END,
        CASE WHEN p.kind = 'complaint' THEN p.received_on + 5 END,
        CASE WHEN p.kind = 'complaint' THEN p.received_on + 28 END,
        CASE WHEN p.kind <> 'complaint' THEN NULL
             WHEN p.consented THEN p.first_due + 28 + 28
             WHEN p.extended THEN p.first_due + 28
             ELSE p.first_due END,
        CASE WHEN p.consented THEN p.first_due + 28 + 28
             WHEN p.extended THEN p.first_due + 28 END,
        CASE WHEN p.state = 'closed' THEN p.received_on + p.lead END,
        CASE WHEN p.state = 'closed' THEN p.final_outcome ELSE '' END,
        CASE WHEN p.state = 'closed' THEN p.decline_ground ELSE '' END,
        CASE WHEN p.state = 'closed' AND p.route = 'to_body'
             THEN (%(other_bodies)s::text[])[1 + p.id %% cardinality(%(other_bodies)s::text[])]
             ELSE '' END,
        p.complainant_name || ' ' || p.neighbourhood,
        (p.received_on + time '09:00' + (p.id %% 480) * interval '1 minute')
            AT TIME ZONE 'Europe/Amsterdam',
        NULL,
        (coalesce(p.received_on + CASE WHEN p.state = 'closed' THEN p.lead END,
                  p.received_on + 3) + time '16:00') AT TIME ZONE 'Europe/Amsterdam'
    FROM bench_plan p
    ORDER BY p.id
    """


def _children_sql() -> list[tuple[str, str]]:
    """(table, INSERT ... SELECT) for the rows hanging off the complaints."""
    local = "AT TIME ZONE 'Europe/Amsterdam'"
    closed_on = "(p.received_on + p.lead)"
    return [
        (
            "complaints_complaint_involved_partners",
            """
            INSERT INTO complaints_complaint_involved_partners (complaint_id, partner_id)
            SELECT id, partner1_id FROM bench_plan WHERE subject_type = 'cooperation'
            UNION ALL
            SELECT id, partner2_id FROM bench_plan
            WHERE subject_type = 'cooperation' AND partner2_id <> partner1_id
            """,
        ),
        (
            "complaints_postponement",
            f"""
            INSERT INTO complaints_postponement (
                complaint_id, kind, previous_due, new_due, reason, consent_on,
                recorded_by_id, created_at)
            SELECT id, 'extension', first_due, first_due + 28,
                   'Het onderzoek en het horen kosten meer tijd.', NULL, handler_id,
                   (first_due - 5 + time '11:00') {local}
            FROM bench_plan WHERE extended OR consented
            UNION ALL
            SELECT id, 'consent', first_due + 28, first_due + 56,
                   'Indiener stemt in met uitstel voor een tweede gesprek.',
                   first_due + 20, handler_id, (first_due + 21 + time '11:00') {local}
            FROM bench_plan WHERE consented
            """,
        ),
        (
            "complaints_contact",
            f"""
            INSERT INTO complaints_contact (
                complaint_id, contacted_on, channel, notes, agreed, reached,
                recorded_by_id, created_at)
            SELECT id, day, channel, note, '', reached, handler_id,
                   (day + time '11:30') {local}
            FROM (
                SELECT p.id, p.handler_id,
                       p.received_on + floor(power(p.r_contact, 2.5) * 9)::int AS day,
                       %(contact_channel)s AS channel,
                       (%(contact_notes)s::text[])[1 + p.id %% 3] AS note,
                       p.r_reached < 0.9 AS reached
                FROM bench_plan p
                WHERE p.kind = 'complaint' AND p.state NOT IN ('received', 'acknowledged')
                  AND p.r_contact < 0.93
                UNION ALL
                SELECT p.id, p.handler_id,
                       p.received_on + floor(power(p.r_contact, 2.5) * 9)::int + 2,
                       'phone', 'Tweede poging: klager nu wel bereikt.', true
                FROM bench_plan p
                WHERE p.kind = 'complaint' AND p.state NOT IN ('received', 'acknowledged')
                  AND p.r_contact < 0.93 AND p.r_reached >= 0.9
            ) c
            """,
        ),
        (
            "letters_letter",
            f"""
            INSERT INTO letters_letter (
                complaint_id, kind, subject, html, pdf, sent_to, sent_copy_to, created_at)
            SELECT p.id, 'acknowledgement', 'Ontvangstbevestiging van uw klacht',
                   '<p>Wij hebben uw klacht ontvangen.</p>', '',
                   CASE WHEN p.has_email THEN 'indiener' || p.id || '@example.org'
                        ELSE 'post' END, '',
                   (p.received_on + floor(power(p.r_ack, 3) * 12)::int + time '10:00') {local}
            FROM bench_plan p
            WHERE p.kind = 'complaint' AND p.state <> 'received' AND p.r_ack < 0.97
            UNION ALL
            SELECT p.id, 'conclusion', 'Afhandeling van uw klacht',
                   '<p>Ons oordeel over uw klacht.</p>', '',
                   CASE WHEN p.has_email THEN 'indiener' || p.id || '@example.org'
                        ELSE 'post' END, '',
                   ({closed_on} + time '10:00') {local}
            FROM bench_plan p
            WHERE p.route = 'formal' AND p.state = 'closed'
            """,
        ),
        (
            "complaints_decision",
            f"""
            INSERT INTO complaints_decision (
                complaint_id, decided_on, findings, conclusions, measures,
                deviates_from_advice, deviation_reasons, decided_by_id, created_at)
            SELECT p.id, {closed_on} - 30, 'Eerdere bevindingen.', 'Eerdere conclusie.', '',
                   false, '', %(coordinator)s, ({closed_on} - 30 + time '12:00') {local}
            FROM bench_plan p
            WHERE p.route = 'formal' AND p.state = 'closed' AND p.r_extra < 0.01
            UNION ALL
            SELECT p.id, {closed_on} - 1,
                   'Wij hebben het dossier bekeken en met betrokkenen gesproken.',
                   'Ons oordeel per klachtonderdeel staat hieronder.',
                   CASE WHEN p.final_outcome IN ('well_founded', 'partly_well_founded')
                             AND p.r_reply < 0.7
                        THEN 'Werkinstructie aangepast en besproken in het team.'
                        ELSE '' END,
                   false, '', %(coordinator)s, ({closed_on} - 1 + time '12:00') {local}
            FROM bench_plan p
            WHERE p.route = 'formal' AND p.state = 'closed'
            """,
        ),
        (
            "complaints_judgmentpart",
            """
            INSERT INTO complaints_judgmentpart (
                decision_id, position, summary, judgment, norms, reasoning)
            SELECT d.id, pos, 'Klachtonderdeel ' || pos,
                   CASE
                       WHEN p.final_outcome = 'partly_well_founded' THEN
                           CASE pos WHEN 1 THEN 'well_founded' WHEN 2 THEN 'unfounded'
                           ELSE CASE WHEN p.r_answer < 0.5 THEN 'well_founded'
                                     ELSE 'partly_well_founded' END END
                       ELSE p.final_outcome END,
                   CASE
                       WHEN p.final_outcome = 'no_judgment' THEN '[]'::jsonb
                       WHEN pos = 2 AND p.r_lead < 0.5 THEN jsonb_build_array(
                           (%(norm_codes)s::text[])[1 + (d.id * 7 + pos) %% %(n_norms)s],
                           (%(norm_codes)s::text[])[1 + (d.id * 13 + pos * 5) %% %(n_norms)s])
                       ELSE jsonb_build_array(
                           (%(norm_codes)s::text[])[1 + (d.id * 7 + pos) %% %(n_norms)s])
                   END,
                   'Motivering van het oordeel.'
            FROM complaints_decision d
            JOIN bench_plan p ON p.id = d.complaint_id
            CROSS JOIN LATERAL generate_series(
                1, CASE WHEN p.final_outcome = 'partly_well_founded'
                        THEN 2 + (p.r_target * 10)::int %% 2
                        ELSE 1 + (p.r_target * 10)::int %% 3 END) AS pos
            """,
        ),
        (
            "complaints_forward",
            f"""
            INSERT INTO complaints_forward (
                complaint_id, partner_id, forwarded_on, forwarded_by_id, note, sent_to,
                reply_token_hash, reply_due_on, reminded_on, escalated_on, replied_at,
                replied_by_id, replied_by_name, reply_action, reply_outcome)
            SELECT f.id, f.partner_id, f.day, f.handler_id,
                   'Graag binnen tien werkdagen terugkoppeling.', 'klachten@partner.invalid',
                   md5(f.id::text) || md5('r' || f.id), f.day + 14,
                   CASE WHEN f.reply_days > 14 THEN f.day + 15 END,
                   CASE WHEN f.reply_days > 21 THEN f.day + 22 END,
                   CASE WHEN f.replied THEN (f.day + f.reply_days + time '14:00') {local} END,
                   NULL,
                   CASE WHEN f.replied THEN 'J. de Vries, klachtenfunctionaris' ELSE '' END,
                   CASE WHEN f.replied THEN 'Indiener gebeld en afspraak gemaakt.' ELSE '' END,
                   CASE WHEN f.replied THEN %(reply_outcome)s ELSE '' END
            FROM (
                SELECT p.id, p.partner_id, p.handler_id, p.r_reply, p.r_answer,
                       p.received_on + 1 + (p.id %% 3) AS day,
                       2 + floor(power(p.r_answer, 1.5) * 28)::int AS reply_days,
                       p.state = 'closed' OR p.r_reply < 0.5 AS replied
                FROM bench_plan p
                WHERE p.route = 'forward'
            ) f
            """,
        ),
        (
            "surveys_surveyinvitation",
            f"""
            INSERT INTO surveys_surveyinvitation (
                complaint_id, token_hash, sent_to, outcome, created_at, expires_at,
                answered_at)
            SELECT p.id, md5('s' || p.id) || md5('t' || p.id),
                   'indiener' || p.id || '@example.org', p.final_outcome,
                   ({closed_on} + time '16:30') {local},
                   ({closed_on} + 30 + time '16:30') {local},
                   CASE WHEN p.r_answer < 0.3
                        THEN ({closed_on} + floor(p.r_answer * 30)::int + time '20:00') {local}
                   END
            FROM bench_plan p
            WHERE p.kind = 'complaint' AND p.state = 'closed' AND p.has_email
              AND p.r_survey < 0.75
            """,
        ),
        (
            "surveys_surveyresponse",
            """
            INSERT INTO surveys_surveyresponse (
                invitation_id, satisfaction, comment, created_at, handled_at, handled_by_id,
                handling)
            SELECT s.id, s.satisfaction, '', s.answered_at,
                   CASE WHEN s.satisfaction <= 2 AND s.answered_at < now() - interval '30 days'
                        THEN s.answered_at + interval '2 days' END,
                   CASE WHEN s.satisfaction <= 2 AND s.answered_at < now() - interval '30 days'
                        THEN %(coordinator)s END,
                   CASE WHEN s.satisfaction <= 2 AND s.answered_at < now() - interval '30 days'
                        THEN 'seen' ELSE '' END
            FROM (
                SELECT i.id, i.answered_at,
                       CASE WHEN i.outcome IN ('resolved_informally', 'well_founded')
                            THEN least(5, %(satisfaction)s + 1)
                            ELSE %(satisfaction)s END AS satisfaction
                FROM surveys_surveyinvitation i
                JOIN bench_plan p ON p.id = i.complaint_id
                WHERE i.answered_at IS NOT NULL
            ) s
            """,
        ),
    ]


def load(
    *, count: int, first_year: int | None = None, seed: int = DEFAULT_SEED, progress=print
) -> dict:
    """Empty the register and write `count` complaints (and their records) over three
    calendar years from `first_year`. Returns {"rows": per table, "seconds"}."""
    from django.db import connection, transaction

    from vangnet.complaints import norms

    first_year = first_year or date.today().year - 3
    started = time.monotonic()
    org = prepare_organisation(first_year=first_year, seed=seed)
    params: dict = {}
    plan = _plan_sql(count, first_year, org, params)
    contact_sql = _pick("cchan", CONTACT_CHANNELS, "p.r_reached", params)
    reply_sql = _pick("reply", PARTNER_OUTCOMES, "f.r_reply", params)
    satisfaction_sql = _pick("sat", SURVEY, "p.r_survey / 0.75", params, cast="int")
    params["contact_notes"] = CONTACT_NOTES
    params["norm_codes"] = list(norms.NORMS)
    params["n_norms"] = len(norms.NORMS)
    params["coordinator"] = org["coordinator"]
    rows: dict[str, int] = {}
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL synchronous_commit = off")
        cursor.execute("SET LOCAL work_mem = '256MB'")
        cursor.execute(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE")
        cursor.execute("SELECT setseed(%s)", [(seed % 1_000_000) / 1_000_000])

        def run(table: str, sql: str) -> None:
            step = time.monotonic()
            cursor.execute(sql, params)
            rows[table] = cursor.rowcount
            if progress:
                progress(
                    f"  {table:<40} {cursor.rowcount:>10,} rijen {time.monotonic() - step:7.1f} s"
                )

        sql_started = time.monotonic()
        run("bench_plan (tijdelijk)", plan)
        rows.pop("bench_plan (tijdelijk)")
        run("complaints_complaint", _complaint_sql())
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('complaints_complaint', 'id'), "
            "(SELECT coalesce(max(id), 1) FROM complaints_complaint))"
        )
        cursor.execute(
            "INSERT INTO complaints_referencecounter (year, last_number) "
            "SELECT extract(year FROM received_on)::int, count(*) FROM complaints_complaint "
            "GROUP BY 1"
        )
        for table, sql in _children_sql():
            sql = sql.replace("%(contact_channel)s", contact_sql)
            sql = sql.replace("%(reply_outcome)s", reply_sql)
            sql = sql.replace("%(satisfaction)s", satisfaction_sql)
            run(table, sql)
        cursor.execute("DROP TABLE bench_plan")
        sql_seconds = time.monotonic() - sql_started
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS bench_meta (key text PRIMARY KEY, value text NOT NULL)"
        )
        cursor.execute("DELETE FROM bench_meta")
        cursor.execute(
            "INSERT INTO bench_meta (key, value) VALUES (%s, %s)",
            ["filled", _stamp(count=count, first_year=first_year, seed=seed)],
        )
    step = time.monotonic()
    with connection.cursor() as cursor:
        for table in TABLES:
            cursor.execute(f"ANALYZE {table}")
    if progress:
        progress(f"  ANALYZE {time.monotonic() - step:.1f} s")
    return {"rows": rows, "seconds": time.monotonic() - started, "sql_seconds": sql_seconds}


def _stamp(*, count: int, first_year: int, seed: int) -> str:
    return f"v{VERSION} count={count} first_year={first_year} seed={seed}"


def is_filled(*, count: int, first_year: int, seed: int = DEFAULT_SEED) -> bool:
    """The database holds exactly what `load()` with these arguments writes (the stamp
    it leaves in the table bench_meta matches, and nobody added complaints since)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('bench_meta') IS NOT NULL")
        if not cursor.fetchone()[0]:
            return False
        cursor.execute("SELECT value FROM bench_meta WHERE key = 'filled'")
        row = cursor.fetchone()
        if not row or row[0] != _stamp(count=count, first_year=first_year, seed=seed):
            return False
        cursor.execute("SELECT count(*) FROM complaints_complaint")
        return cursor.fetchone()[0] == count


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--first-year", type=int, default=None)
    parser.add_argument("--any-database", action="store_true")
    args = parser.parse_args(argv)
    import os

    os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/vangnet_bench_report")
    _create_database(os.environ["DATABASE_URL"])
    setup_django()
    require_postgresql(any_database=args.any_database)
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    result = load(count=args.count, first_year=args.first_year, seed=args.seed)
    print(
        f"{args.count:,} klachten (+ {sum(result['rows'].values()) - args.count:,} "
        f"andere rijen) in {result['seconds']:.1f} s, waarvan SQL {result['sql_seconds']:.1f} s"
    )


if __name__ == "__main__":
    main()
