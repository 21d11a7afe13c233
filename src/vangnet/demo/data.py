"""The fictional content of the demo: Gemeente Vangstad, its bodies, departments, themes,
partners, staff, and the text blocks complaints are written from.

Everything here is invented. Names of people are common Dutch first and last names put
together at random; no real person is meant. E-mail addresses use `.invalid` or
`example.org`; web addresses use `.invalid`. The one real organisation is the Nationale
ombudsman, with its public contact details.

Texts may hold placeholders, filled in by the generator: {straat}, {wijk}, {datum} (a
day shortly before receipt, e.g. "12 maart"), {weken}, {keer} (a number in words),
{bedrag} and, in complaints about partners, {partner} / {partner1} / {partner2}.
"""

from decimal import Decimal

# --------------------------------------------------------------------------------------
# The municipality

MUNICIPALITY = {
    "name": "Gemeente Vangstad",
    "short_name": "Vangstad",
    "address": "Postbus 1000\n9990 AA Vangstad",
    "phone": "14 0999",
    "email": "klachten@vangstad.invalid",
    "website": "https://www.vangstad.invalid/",
    "report_url": "https://www.vangstad.invalid/melding-openbare-ruimte",
    "primary_colour": "#0b5a6e",
    "accent_colour": "#e3a21a",
    "acknowledge_working_days": 5,
    "first_contact_working_days": 3,
    "due_soon_working_days": 5,
}

#: Inhabitants for the year two years ago, last year and this year.
INHABITANTS = (99_120, 99_870, 100_640)

BODIES = [
    # (name, kind, is_default)
    ("College van burgemeester en wethouders", "college", True),
    ("Burgemeester", "burgemeester", False),
    ("Gemeenteraad", "raad", False),
]

#: (name, e-mail)
DEPARTMENTS = [
    ("Werk en Inkomen", "werkeninkomen@vangstad.invalid"),
    ("Zorg en Jeugd", "zorgenjeugd@vangstad.invalid"),
    ("Beheer Openbare Ruimte", "openbareruimte@vangstad.invalid"),
    ("Klantcontactcentrum", "kcc@vangstad.invalid"),
    ("Burgerzaken", "burgerzaken@vangstad.invalid"),
    ("Belastingen", "belastingen@vangstad.invalid"),
    ("Vergunningen, Toezicht en Handhaving", "vth@vangstad.invalid"),
    ("Parkeren en Mobiliteit", "parkeren@vangstad.invalid"),
]

# The second line (issue 6). The cost terms are the public figures of seed 000 (a
# council's comparison of 2018): the Nationale ombudsman at about € 0,1953 per inhabitant
# (€ 31.191,17 for 2018), a joint regional ombudsman at a yearly contribution of
# € 43.297,29 covering 100 complaints plus € 432,97 per complaint more. The joint
# ombudsman and the own committee are fictional; so are the texts' details, which follow
# the seed's comparison table (independence, local involvement, learning, reach).
NATIONAL_OMBUDSMAN = {
    "name": "Nationale ombudsman",
    "kind": "national",
    "address": "Postbus 93122\n2509 AC Den Haag",
    "phone": "0800-335 55 55",
    "website": "https://www.nationaleombudsman.nl/",
    "petition_term_months": 12,
    "cost_model": "per_inhabitant",
    "amount_per_inhabitant": Decimal("0.1953"),
    "independence": "Onafhankelijk: de gemeente stelt geen voorwaarden aan hoe de ombudsman "
    "zijn werk doet. Hij benadert een probleem neutraal en onbevangen.",
    "local_involvement": "Werkt landelijk, met een regionaal netwerk. Reactief bij de "
    "behandeling van klachten, proactief in advies over klachtbehandeling. Is bereid al in "
    "te grijpen terwijl de gemeente de klacht nog zelf behandelt.",
    "learning": "Stelt rapportages op en adviseert gemeenten over wat zij van klachten "
    "kunnen leren. Legt contact op het niveau waar de klacht wordt behandeld, waar het "
    "leereffect het grootst is, maar ook met bestuur en management. Signaleert problemen "
    "die in meer gemeenten spelen.",
    "reach": "Voor alle klachten over het bestuursorgaan, ook over instellingen die "
    "gemeentetaken uitvoeren. Ombudsman voor honderden aangesloten gemeenten. Inwoners "
    "kennen hem goed.",
}
JOINT_OMBUDSMAN = {
    "name": "Gezamenlijke Ombudsman Vangland",
    "kind": "joint",
    "address": "Postbus 4040\n9990 CA Vangstad",
    "phone": "0123-40 40 40",
    "email": "info@ombudsman-vangland.invalid",
    "website": "https://www.ombudsman-vangland.invalid/",
    "petition_term_months": 12,
    "cost_model": "contribution",
    "yearly_amount": Decimal("43297.29"),
    "included_complaints": 100,
    "price_per_extra_complaint": Decimal("432.97"),
    "independence": "Enigszins afhankelijk: de deelnemende gemeenten stellen samen de "
    "randvoorwaarden van de ombudsfunctie vast (gemeenschappelijke regeling).",
    "local_involvement": "Werkt alleen in de regio, proactief en met veel lokale "
    "betrokkenheid. Houdt spreekuur voor inwoners en brengt klager en gemeente zo nodig "
    "direct om tafel.",
    "learning": "Stelt rapportages op en adviseert de organisatie over klachtbehandeling. "
    "Communiceert vooral met het management. Signaleert problemen die in meer gemeenten "
    "van de regio spelen.",
    "reach": "Voor alle klachten over het bestuursorgaan, ook over instellingen die "
    "gemeentetaken uitvoeren, in de deelnemende gemeenten van Vangland. Inwoners van "
    "Vangstad moeten de ombudsman nog leren kennen.",
}
OWN_OMBUDSMAN = {
    "name": "Ombudscommissie Vangstad",
    "kind": "own",
    "address": "Postbus 1000\n9990 AA Vangstad",
    "email": "ombudscommissie@vangstad.invalid",
    "petition_term_months": 12,
    "cost_model": "fixed",
    "yearly_amount": Decimal("60000.00"),
    "independence": "Benoemd door de gemeenteraad. Inwoners kunnen de commissie zien als "
    "een verlengstuk van de gemeente.",
    "local_involvement": "Kent Vangstad en zijn wijken goed en is dichtbij: de commissie "
    "houdt zitting in het stadhuis.",
    "learning": "Kan de gemeente direct aanspreken, maar leert alleen van klachten over "
    "Vangstad: geen vergelijking met andere gemeenten. Kwetsbaar, want de commissie "
    "is klein.",
    "reach": "Alleen voor klachten over de gemeente Vangstad. Hoge vaste kosten, ook in "
    "een jaar met weinig klachten.",
}
#: Every body is connected to the Nationale ombudsman from this date.
SECOND_LINE_FROM = (2015, 1, 1)
SECOND_LINE_NOTE = (
    "Raadsbesluit: de gemeente blijft aangesloten bij de Nationale ombudsman als tweede lijn."
)
#: The agreed cost terms per body kind: the Nationale ombudsman charges the municipality
#: once, per inhabitant; the college's arrangement carries it, the other bodies have no
#: cost of their own.
SECOND_LINE_TERMS = {
    "college": {"cost_model": "per_inhabitant", "amount_per_inhabitant": Decimal("0.1953")},
    "burgemeester": {"cost_model": "none"},
    "raad": {"cost_model": "none"},
}
SECOND_LINE_NONE_NOTE = "Valt onder de aansluiting van het college: geen eigen kosten."

# --------------------------------------------------------------------------------------
# Themes: (main name, slug, synonyms, [(sub name, slug, synonyms, department, weight)]).
# The weight is the share of complaints about that sub-theme (public space and the
# social domain most).

THEMES = [
    (
        "Sociaal domein",
        "sociaal-domein",
        "zorg, hulp, ondersteuning, sociaal wijkteam",
        [
            (
                "Schuldhulpverlening",
                "schuldhulpverlening",
                "schulden, geldzorgen, schuldhulp, budgetbeheer, beslag, betalingsachterstand, "
                "bewindvoering, deurwaarder",
                "Werk en Inkomen",
                6,
            ),
            (
                "Wmo-voorzieningen",
                "wmo-voorzieningen",
                "wmo, huishoudelijke hulp, thuiszorg, scootmobiel, rolstoel, traplift, "
                "woningaanpassing, begeleiding, dagbesteding, regiotaxi, keukentafelgesprek",
                "Zorg en Jeugd",
                9,
            ),
            (
                "Participatiewet & bijstand",
                "participatiewet-bijstand",
                "bijstand, uitkering, participatiewet, re-integratie, werk zoeken, inkomen, "
                "terugvordering, klantmanager",
                "Werk en Inkomen",
                6,
            ),
            (
                "Jeugdzorg",
                "jeugdzorg",
                "jeugdzorg, jeugdhulp, gezinscoach, pleegzorg, wachtlijst, opvoeding, "
                "consultatiebureau, jeugdteam",
                "Zorg en Jeugd",
                5,
            ),
        ],
    ),
    (
        "Openbare ruimte",
        "openbare-ruimte",
        "straat, buurt, buitenruimte, wijk",
        [
            (
                "Afval",
                "afval",
                "vuilnis, container, grofvuil, kliko, afvalbak, milieustraat, ophalen, "
                "zwerfafval, ondergrondse container",
                "Beheer Openbare Ruimte",
                12,
            ),
            (
                "Groen",
                "groen",
                "bomen, boom, gras, maaien, snoeien, onkruid, plantsoen, park, bladeren, kappen",
                "Beheer Openbare Ruimte",
                7,
            ),
            (
                "Wegen & verlichting",
                "wegen-verlichting",
                "straatverlichting, lantaarnpaal, stoep, tegels, gat in de weg, fietspad, "
                "wegwerkzaamheden, riolering, wateroverlast",
                "Beheer Openbare Ruimte",
                8,
            ),
            (
                "Parkeren",
                "parkeren",
                "parkeervergunning, parkeerboete, naheffing, parkeerplaats, "
                "invalidenparkeerplaats, gehandicaptenparkeerplaats, parkeerautomaat",
                "Parkeren en Mobiliteit",
                7,
            ),
        ],
    ),
    (
        "Dienstverlening",
        "dienstverlening",
        "contact, loket, klantcontact, balie",
        [
            (
                "Bejegening",
                "bejegening",
                "onbeleefd, onvriendelijk, grof, respectloos, behandeling, toon, uitgelachen, "
                "discriminatie",
                "Klantcontactcentrum",
                6,
            ),
            (
                "Bereikbaarheid",
                "bereikbaarheid",
                "telefoon, wachttijd, niet teruggebeld, geen reactie, afspraak, "
                "e-mail niet beantwoord, contactformulier",
                "Klantcontactcentrum",
                6,
            ),
            (
                "Informatie",
                "informatie",
                "brief, onduidelijk, website, uitleg, verkeerde informatie, moeilijke taal",
                "Klantcontactcentrum",
                4,
            ),
            (
                "Burgerzaken",
                "burgerzaken",
                "paspoort, rijbewijs, identiteitskaart, id-kaart, verhuizing, uittreksel, "
                "basisregistratie personen, brp",
                "Burgerzaken",
                4,
            ),
        ],
    ),
    (
        "Belastingen",
        "belastingen",
        "belasting, aanslag, heffing",
        [
            (
                "WOZ",
                "woz",
                "woz-waarde, woz, taxatie, woz-beschikking, taxatieverslag, waardering",
                "Belastingen",
                4,
            ),
            (
                "Gemeentelijke belastingen",
                "gemeentelijke-belastingen",
                "aanslag, afvalstoffenheffing, rioolheffing, ozb, kwijtschelding, "
                "betalingsregeling, aanmaning, dwangbevel",
                "Belastingen",
                5,
            ),
        ],
    ),
    (
        "Vergunningen & handhaving",
        "vergunningen-handhaving",
        "vergunning, toezicht, handhaving",
        [
            (
                "Omgevingsvergunning",
                "omgevingsvergunning",
                "bouwvergunning, verbouwing, dakkapel, aanbouw, kapvergunning, "
                "omgevingsplan, bestemmingsplan",
                "Vergunningen, Toezicht en Handhaving",
                4,
            ),
            (
                "Handhaving & overlast",
                "handhaving-overlast",
                "overlast, boa, handhaver, geluidsoverlast, hondenpoep, jongeren, buren, "
                "bekeuring, dwangsom",
                "Vergunningen, Toezicht en Handhaving",
                6,
            ),
            (
                "Evenementen",
                "evenementen",
                "evenementenvergunning, festival, kermis, markt, buurtfeest, geluid",
                "Vergunningen, Toezicht en Handhaving",
                1,
            ),
        ],
    ),
]

#: Share of complaints addressed to the mayor per sub-theme (the rest: the college).
MAYOR_SHARE = {"handhaving-overlast": 0.4, "evenementen": 0.5}
#: Share of complaints addressed to the council (about the council's own conduct).
COUNCIL_SHARE = 0.01

# --------------------------------------------------------------------------------------
# Partners. `department` is the department that manages the contract; `weight` is the
# share of partner complaints about it.

_WMO_ADVISOR = (
    "Vertrouwenspersoon Wmo, Stichting Cliëntsteun Vangland (onafhankelijk)\n"
    "Telefoon 0123-45 67 89, vertrouwenspersoon@clientsteun-vangland.invalid"
)
_YOUTH_ADVISOR = (
    "Stichting Vertrouwenswerk Jeugd Vangland (onafhankelijk vertrouwenspersoon "
    "jeugdhulp)\nTelefoon 0123-40 50 60, info@vertrouwenswerkjeugd.invalid, "
    "https://www.vertrouwenswerkjeugd.invalid/"
)

PARTNERS = [
    {
        "slug": "wijkteams-vangstad",
        "name": "Stichting Sociale Wijkteams Vangstad",
        "description": "De wijkteams zijn het eerste aanspreekpunt voor zorg, jeugd en geld.",
        "public_tasks": "Toegang tot Wmo-ondersteuning en jeugdhulp, keukentafelgesprekken, "
        "eerste hulp bij geldzorgen, doorverwijzing naar specialistische hulp.",
        "themes": ["wmo-voorzieningen", "jeugdzorg", "schuldhulpverlening"],
        "complaint_email": "klachten@wijkteamsvangstad.invalid",
        "complaint_phone": "0123-11 22 33",
        "complaint_form_url": "https://www.wijkteamsvangstad.invalid/klacht",
        "complaint_procedure": "Bespreek uw klacht eerst met uw wijkteammedewerker. Komt u er "
        "samen niet uit, dan behandelt de klachtenfunctionaris van de stichting uw klacht.",
        "complaint_term_weeks": 6,
        "regime": "",
        "department": "Zorg en Jeugd",
        "weight": 10,
    },
    {
        "slug": "welzijn-vangstad",
        "name": "Stichting Welzijn Vangstad",
        "description": "Welzijnswerk, ouderenwerk en ondersteuning van mantelzorgers.",
        "public_tasks": "Welzijnswerk, ouderenadvies, mantelzorgondersteuning en "
        "vrijwilligerswerk in de wijken.",
        "themes": ["wmo-voorzieningen"],
        "complaint_email": "klachten@welzijnvangstad.invalid",
        "complaint_address": "Postbus 230\n9990 AB Vangstad",
        "complaint_procedure": "Klachten gaan naar de directeur; u krijgt binnen vier weken "
        "een schriftelijke reactie.",
        "complaint_term_weeks": 4,
        "regime": "",
        "department": "Zorg en Jeugd",
        "weight": 2,
    },
    {
        "slug": "thuiszorg-lindeboom",
        "name": "Thuiszorg De Lindeboom",
        "description": "Huishoudelijke ondersteuning in opdracht van de gemeente.",
        "public_tasks": "Huishoudelijke hulp (Wmo-maatwerkvoorziening).",
        "themes": ["wmo-voorzieningen"],
        "complaint_email": "klachten@lindeboomthuiszorg.invalid",
        "complaint_phone": "0123-22 33 44",
        "complaint_procedure": "Klachtenregeling volgens de Wmo 2015 (art. 3.2): meld uw "
        "klacht bij de klachtenfunctionaris; u kunt hulp vragen van de vertrouwenspersoon.",
        "complaint_term_weeks": 6,
        "regime": "wmo",
        "confidential_advisor": _WMO_ADVISOR,
        "department": "Zorg en Jeugd",
        "weight": 9,
    },
    {
        "slug": "zorgsaam-begeleiding",
        "name": "ZorgSaam Begeleiding",
        "description": "Begeleiding thuis en dagbesteding voor volwassenen.",
        "public_tasks": "Individuele begeleiding en dagbesteding (Wmo).",
        "themes": ["wmo-voorzieningen"],
        "complaint_email": "klacht@zorgsaam-begeleiding.invalid",
        "complaint_form_url": "https://www.zorgsaam-begeleiding.invalid/klachten",
        "complaint_procedure": "Klachtenregeling volgens de Wmo 2015; de klachtencommissie "
        "beslist binnen zes weken.",
        "complaint_term_weeks": 6,
        "regime": "wmo",
        "confidential_advisor": _WMO_ADVISOR,
        "department": "Zorg en Jeugd",
        "weight": 4,
    },
    {
        "slug": "hulpmiddelencentrum-mobiel",
        "name": "Hulpmiddelencentrum Mobiel Vangland",
        "description": "Levering en onderhoud van Wmo-hulpmiddelen.",
        "public_tasks": "Levering, aanpassing en reparatie van scootmobielen, rolstoelen en "
        "trapliften (Wmo).",
        "themes": ["wmo-voorzieningen"],
        "complaint_email": "klantenservice@mobiel-vangland.invalid",
        "complaint_phone": "0123-33 44 55",
        "complaint_procedure": "Klachtenregeling volgens de Wmo 2015. Bel eerst de "
        "klantenservice; lukt het niet, dan gaat uw klacht naar de klachtenfunctionaris.",
        "complaint_term_weeks": 4,
        "regime": "wmo",
        "confidential_advisor": _WMO_ADVISOR,
        "department": "Zorg en Jeugd",
        "weight": 6,
    },
    {
        "slug": "regiotaxi-vangland",
        "name": "Regiotaxi Vangland",
        "description": "Vervoer op maat voor inwoners met een Wmo-indicatie.",
        "public_tasks": "Wmo-vervoer (regiotaxi) in de regio Vangland.",
        "themes": ["wmo-voorzieningen"],
        "complaint_email": "klachten@regiotaxi-vangland.invalid",
        "complaint_phone": "0123-44 55 66",
        "complaint_procedure": "Meld uw klacht binnen een maand na de rit; u krijgt binnen "
        "drie weken antwoord. Klachtenregeling volgens de Wmo 2015.",
        "complaint_term_weeks": 3,
        "regime": "wmo",
        "confidential_advisor": _WMO_ADVISOR,
        "department": "Zorg en Jeugd",
        "weight": 7,
    },
    {
        "slug": "jeugdhulp-kompasroos",
        "name": "Jeugdhulp De Kompasroos",
        "description": "Ambulante jeugdhulp en gezinsbegeleiding.",
        "public_tasks": "Ambulante jeugdhulp, gezinsbegeleiding en opvoedondersteuning (Jeugdwet).",
        "themes": ["jeugdzorg"],
        "complaint_email": "klachtencommissie@kompasroos.invalid",
        "complaint_phone": "0123-55 66 77",
        "complaint_procedure": "Volgens de Jeugdwet heeft De Kompasroos een onafhankelijke "
        "klachtencommissie. De vertrouwenspersoon jeugdhulp helpt u gratis.",
        "complaint_term_weeks": 6,
        "regime": "jeugdwet",
        "confidential_advisor": _YOUTH_ADVISOR,
        "department": "Zorg en Jeugd",
        "weight": 7,
    },
    {
        "slug": "pleegzorg-horizon",
        "name": "Pleegzorg & Gezinshuizen Horizon",
        "description": "Pleegzorg en gezinshuizen in de regio.",
        "public_tasks": "Pleegzorg, gezinshuizen en begeleiding van pleegouders (Jeugdwet).",
        "themes": ["jeugdzorg"],
        "complaint_email": "klachten@horizon-pleegzorg.invalid",
        "complaint_address": "Postbus 77\n9991 AC Vangstad",
        "complaint_procedure": "Klachtenregeling volgens de Jeugdwet met een onafhankelijke "
        "klachtencommissie.",
        "complaint_term_weeks": 6,
        "regime": "jeugdwet",
        "confidential_advisor": _YOUTH_ADVISOR,
        "department": "Zorg en Jeugd",
        "weight": 2,
    },
    {
        "slug": "jgz-vangland",
        "name": "Jeugdgezondheidszorg Vangland",
        "description": "Consultatiebureau en jeugdarts (jeugdgezondheidszorg).",
        "public_tasks": "Jeugdgezondheidszorg: consultatiebureau, vaccinaties, jeugdarts op "
        "school.",
        "themes": ["jeugdzorg"],
        "complaint_email": "klachtenfunctionaris@jgz-vangland.invalid",
        "complaint_phone": "0123-66 77 88",
        "complaint_procedure": "Klachtenregeling volgens de Wkkgz: de klachtenfunctionaris "
        "helpt u; u krijgt binnen zes weken een oordeel (eventueel met vier weken verlengd). "
        "Daarna kunt u naar de geschilleninstantie.",
        "complaint_term_weeks": 6,
        "regime": "wkkgz",
        "department": "Zorg en Jeugd",
        "weight": 2,
    },
    {
        "slug": "schuldhulp-vangstad",
        "name": "Stichting Schuldhulp Vangstad",
        "description": "Schuldhulpverlening in opdracht van de gemeente.",
        "public_tasks": "Schuldhulpverlening: intake, stabilisatie, schuldregeling en nazorg.",
        "themes": ["schuldhulpverlening"],
        "complaint_email": "klachten@schuldhulpvangstad.invalid",
        "complaint_phone": "0123-77 88 99",
        "complaint_form_url": "https://www.schuldhulpvangstad.invalid/klacht",
        "complaint_procedure": "Bespreek uw klacht eerst met uw schuldhulpverlener. Daarna "
        "behandelt de klachtencoördinator van de stichting uw klacht binnen zes weken.",
        "complaint_term_weeks": 6,
        "regime": "",
        "department": "Werk en Inkomen",
        "weight": 14,
    },
    {
        "slug": "budgetbeheer-op-koers",
        "name": "Budgetbeheer Op Koers",
        "description": "Budgetbeheer en budgetcoaching.",
        "public_tasks": "Budgetbeheer en budgetcoaching voor inwoners in de schuldhulp.",
        "themes": ["schuldhulpverlening"],
        "complaint_email": "klachten@opkoers-budget.invalid",
        "complaint_address": "Postbus 512\n9990 AD Vangstad",
        "complaint_procedure": "Stuur uw klacht per e-mail of brief; u krijgt binnen vier "
        "weken antwoord.",
        "complaint_term_weeks": 4,
        "regime": "",
        "department": "Werk en Inkomen",
        "weight": 5,
    },
    {
        "slug": "werkbedrijf-vangland",
        "name": "Werkbedrijf Vangland",
        "description": "Re-integratie en beschut werk voor de regio.",
        "public_tasks": "Re-integratie en beschut werk (Participatiewet), werkgeversservice.",
        "themes": ["participatiewet-bijstand"],
        "complaint_email": "klachten@werkbedrijf-vangland.invalid",
        "complaint_phone": "0123-88 99 00",
        "complaint_procedure": "De klachtencoördinator van het Werkbedrijf behandelt uw "
        "klacht binnen zes weken.",
        "complaint_term_weeks": 6,
        "regime": "",
        "department": "Werk en Inkomen",
        "weight": 5,
    },
    {
        "slug": "afvalbedrijf-vangland",
        "name": "Afvalbedrijf Vangland",
        "description": "Inzameling van huishoudelijk afval en de milieustraat.",
        "public_tasks": "Inzameling van huishoudelijk afval en grofvuil, beheer van "
        "containers en de milieustraat.",
        "themes": ["afval"],
        "complaint_email": "klantenservice@afvalbedrijf-vangland.invalid",
        "complaint_phone": "0123-99 00 11",
        "complaint_form_url": "https://www.afvalbedrijf-vangland.invalid/klacht",
        "complaint_procedure": "Meld uw klacht via het webformulier; u krijgt binnen twee "
        "weken antwoord.",
        "complaint_term_weeks": 2,
        "regime": "",
        "department": "Beheer Openbare Ruimte",
        "weight": 14,
    },
    {
        "slug": "groenbedrijf-hovenier",
        "name": "Groenbedrijf De Hovenier",
        "description": "Onderhoud van openbaar groen.",
        "public_tasks": "Maaien, snoeien en onderhoud van plantsoenen, parken en bomen.",
        "themes": ["groen"],
        "complaint_email": "info@dehovenier-groen.invalid",
        "complaint_phone": "0123-10 20 30",
        "complaint_procedure": "Klachten over het groenonderhoud behandelt de "
        "projectleider binnen drie weken.",
        "complaint_term_weeks": 3,
        "regime": "",
        "department": "Beheer Openbare Ruimte",
        "weight": 5,
    },
    {
        "slug": "belastingsamenwerking-vangland",
        "name": "Belastingsamenwerking Vangland",
        "description": "Heffing en invordering van gemeentelijke belastingen en de WOZ.",
        "public_tasks": "WOZ-waardering, heffing en invordering van gemeentelijke "
        "belastingen, kwijtschelding.",
        "themes": ["woz", "gemeentelijke-belastingen"],
        "complaint_email": "klachten@belastingen-vangland.invalid",
        "complaint_address": "Postbus 88\n9990 AE Vangstad",
        "complaint_form_url": "https://www.belastingen-vangland.invalid/klacht",
        "complaint_procedure": "Klachten volgens hoofdstuk 9 Awb; u krijgt binnen zes weken "
        "antwoord.",
        "complaint_term_weeks": 6,
        "regime": "",
        "department": "Belastingen",
        "weight": 5,
    },
    {
        "slug": "parkeerservice-vangstad",
        "name": "Parkeerservice Vangstad",
        "description": "Parkeercontrole en parkeervergunningen.",
        "public_tasks": "Parkeercontrole, uitgifte van parkeervergunningen en beheer van "
        "parkeerautomaten.",
        "themes": ["parkeren"],
        "complaint_email": "klachten@parkeerservice-vangstad.invalid",
        "complaint_phone": "0123-20 30 40",
        "complaint_procedure": "Stuur uw klacht per e-mail; u krijgt binnen vier weken antwoord.",
        "complaint_term_weeks": 4,
        "regime": "",
        "department": "Parkeren en Mobiliteit",
        "weight": 4,
    },
]

#: Cooperation complaints (samenwerkingsklachten): (partners, theme, department, text).
COOPERATION_CASES = [
    (
        ["wijkteams-vangstad", "schuldhulp-vangstad"],
        "schuldhulpverlening",
        "Werk en Inkomen",
        "Het wijkteam zegt dat {partner2} mijn schulden moet oppakken, en {partner2} zegt dat "
        "eerst het wijkteam een intake moet doen. Zo word ik al {weken} weken van het kastje "
        "naar de muur gestuurd, terwijl mijn schulden oplopen.",
    ),
    (
        ["schuldhulp-vangstad", "budgetbeheer-op-koers"],
        "schuldhulpverlening",
        "Werk en Inkomen",
        "{partner1} en {partner2} geven elkaar de schuld van een gemiste betaling aan mijn "
        "verhuurder. Ik heb nu een huurachterstand en niemand neemt de verantwoordelijkheid.",
    ),
    (
        ["thuiszorg-lindeboom", "zorgsaam-begeleiding"],
        "wmo-voorzieningen",
        "Zorg en Jeugd",
        "Mijn vader krijgt hulp van {partner1} en begeleiding van {partner2}, maar zij "
        "overleggen niet met elkaar. Afspraken worden dubbel gepland of vergeten.",
    ),
    (
        ["jeugdhulp-kompasroos", "pleegzorg-horizon", "wijkteams-vangstad"],
        "jeugdzorg",
        "Zorg en Jeugd",
        "Over de hulp voor mijn dochter praten het wijkteam, {partner1} en {partner2} wel "
        "over ons maar niet met ons. Niemand houdt de regie en ieder verwijst naar de ander.",
    ),
    (
        ["afvalbedrijf-vangland", "groenbedrijf-hovenier"],
        "afval",
        "Beheer Openbare Ruimte",
        "Na het snoeien in de {straat} laat {partner2} het snoeiafval liggen. {partner1} zegt "
        "dat het niet hun taak is om het op te halen. Het ligt er nu al {weken} weken.",
    ),
    (
        ["werkbedrijf-vangland", "wijkteams-vangstad"],
        "participatiewet-bijstand",
        "Werk en Inkomen",
        "{partner1} wil dat ik start met een traject, maar het wijkteam vindt dat ik eerst "
        "hulp moet krijgen voor mijn gezondheid. Ik zit er tussenin en mijn uitkering wordt "
        "bedreigd.",
    ),
    (
        ["hulpmiddelencentrum-mobiel", "regiotaxi-vangland"],
        "wmo-voorzieningen",
        "Zorg en Jeugd",
        "Mijn scootmobiel is al {weken} weken in reparatie bij {partner1}. {partner2} wil mij "
        "in de tussentijd niet vervoeren omdat ik 'een scootmobiel heb'.",
    ),
    (
        ["belastingsamenwerking-vangland", "budgetbeheer-op-koers"],
        "gemeentelijke-belastingen",
        "Belastingen",
        "Ik heb via {partner2} kwijtschelding aangevraagd, maar {partner1} zegt de aanvraag "
        "nooit te hebben ontvangen. Nu krijg ik een aanmaning met extra kosten.",
    ),
]

# --------------------------------------------------------------------------------------
# Staff. The password comes from VANGNET_DEMO_PASSWORD (default below).

DEFAULT_PASSWORD = "vangnet-demo"

#: (username, first name, last name, role, department, partner slug, is_staff, is_superuser)
USERS = [
    ("coordinator", "Marieke", "Jansen", "coordinator", None, None, True, False),
    ("handler", "Daan", "Verhoeven", "handler", "Werk en Inkomen", None, False, False),
    ("partner", "Esther", "Kok", "partner", None, "schuldhulp-vangstad", False, False),
    ("viewer", "Wouter", "Smit", "viewer", None, None, False, False),
    ("admin", "Bram", "Hendriks", "administrator", None, None, True, True),
    ("kees", "Kees", "Mulder", "handler", "Werk en Inkomen", None, False, False),
    ("sanne", "Sanne", "Bakker", "handler", "Zorg en Jeugd", None, False, False),
    ("mohamed", "Mohamed", "El Amrani", "handler", "Beheer Openbare Ruimte", None, False, False),
    ("lotte", "Lotte", "de Jong", "handler", "Klantcontactcentrum", None, False, False),
    ("peter", "Peter", "van Dijk", "handler", "Belastingen", None, False, False),
    (
        "ayse",
        "Ayşe",
        "Yılmaz",
        "handler",
        "Vergunningen, Toezicht en Handhaving",
        None,
        False,
        False,
    ),
]

#: The users shown first in the login table, with what they are for.
LOGIN_TABLE = [
    ("coordinator", "klachtcoördinator (ook Django-beheer)"),
    ("handler", "klachtbehandelaar, Werk en Inkomen"),
    ("partner", "medewerker Stichting Schuldhulp Vangstad"),
    ("viewer", "raad / analist (alleen cijfers)"),
    ("admin", "beheerder (superuser)"),
]

#: Who handles complaints of a department: [(username, weight)].
DEPARTMENT_HANDLERS = {
    "Werk en Inkomen": [("handler", 3), ("kees", 2)],
    "Zorg en Jeugd": [("sanne", 1)],
    "Beheer Openbare Ruimte": [("mohamed", 1)],
    "Klantcontactcentrum": [("lotte", 1)],
    "Burgerzaken": [("lotte", 1)],
    "Belastingen": [("peter", 1)],
    "Vergunningen, Toezicht en Handhaving": [("ayse", 1)],
    "Parkeren en Mobiliteit": [("ayse", 1), ("mohamed", 1)],
}
#: Share of complaints the coordinator handles personally.
COORDINATOR_HANDLES = 0.06

# --------------------------------------------------------------------------------------
# People and places (fictional combinations of common names).

FIRST_NAMES = [
    "Anna", "Sophie", "Emma", "Julia", "Fenna", "Saskia", "Ingrid", "Anouk", "Fatima",
    "Samira", "Yasmina", "Priya", "Mei", "Ewa", "Els", "Joke", "Ilse", "Marloes", "Karin",
    "Petra", "Monique", "Ria", "Truus", "Naima", "Lisa", "Nicole", "Wendy", "Hanneke",
    "Henk", "Jan", "Piet", "Bart", "Thijs", "Ruben", "Sven", "Mohammed", "Youssef", "Ahmet",
    "Mehmet", "Hamza", "Rajesh", "Kevin", "Dennis", "Gerrit", "Ton", "Willem", "Tim",
    "Lucas", "Noah", "Sem", "Maarten", "Gert-Jan", "Erik", "Marco", "Johan", "Rob", "Arjen",
    "Jeroen", "Stefan", "Tomasz",
]  # fmt: skip

LAST_NAMES = [
    "de Vries", "Jansen", "de Jong", "van den Berg", "Bakker", "Visser", "Smit", "Meijer",
    "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen",
    "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer",
    "van der Linden", "Kok", "Jacobs", "de Haan", "Vermeulen", "van den Heuvel",
    "van der Veen", "van den Broek", "de Bruijn", "van der Heijden", "Schouten", "van Beek",
    "Willems", "van Vliet", "van de Ven", "Hoekstra", "Maas", "Koster", "van Dam", "Prins",
    "Blom", "Huisman", "Postma", "El Idrissi", "Öztürk", "Kaya", "Bouali", "Ramdin",
    "Sewnath", "Nguyen", "Kowalski", "Nowak", "Tahiri", "Haddou", "Çelik", "Wouters",
    "Kuipers",
]  # fmt: skip

#: Names that occur rarely (about one complainant in a thousand): a search for one of
#: them finds a handful of complaints, as a real rare name would.
RARE_LAST_NAMES = ["Wolterbeek", "Tjallingii", "Oudshoorn-Blaauw", "Zwanikken"]

STREETS = [
    "Kerkstraat", "Molenweg", "Dorpsstraat", "Lindelaan", "Havenkade", "Beukenlaan",
    "Sportlaan", "Schoolstraat", "Julianastraat", "Wilhelminastraat", "Stationsweg",
    "Parkweg", "Eikenlaan", "Vlasakker", "Zwanenvliet", "Reigerstraat", "Merelstraat",
    "Tulpstraat", "Rozenlaan", "Dijkweg", "Polderweg", "Marktplein", "Nieuwe Gracht",
    "Oude Haven", "Zuiderdiep", "Kastanjelaan", "Populierenweg", "Meidoornstraat",
    "Akkerweg", "Weidelaan",
]  # fmt: skip

NEIGHBOURHOODS = [
    # (name, weight)
    ("Centrum", 14),
    ("Havenkwartier", 10),
    ("Molenwijk", 12),
    ("Vangstad-Noord", 13),
    ("Zuiderveld", 11),
    ("De Kooi", 8),
    ("Bloemenbuurt", 9),
    ("Polderzicht", 7),
    ("Rietkraag", 8),
    ("Eikenhorst", 8),
]

CITY = "Vangstad"

REPRESENTATIVES = [
    "Stichting Sociaal Raadslieden Vangstad",
    "Cliëntondersteuner Stichting Cliëntsteun Vangland",
    "dochter van klager",
    "zoon van klager",
    "mantelzorger",
    "bewindvoerder",
]

NUMBER_WORDS = ["twee", "drie", "vier", "vijf"]

MONTHS = [
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
    "september", "oktober", "november", "december",
]  # fmt: skip

# --------------------------------------------------------------------------------------
# Complaint texts per sub-theme: descriptions, desired outcomes and (optional) who is
# complained about (a function, never a name).

COMPLAINT_TEXTS = {
    "schuldhulpverlening": {
        "descriptions": [
            "Ik heb op {datum} schuldhulp aangevraagd, maar na {weken} weken heb ik nog steeds "
            "niets gehoord. Mijn schulden lopen ondertussen op en ik krijg brieven van de "
            "deurwaarder.",
            "Tijdens het intakegesprek voor schuldhulp werd ik behandeld alsof ik mijn "
            "geldzorgen aan mezelf te danken heb. De medewerker zuchtte steeds en keek op de "
            "klok.",
            "Mijn dossier bij schuldhulpverlening is al {keer} keer kwijtgeraakt. Elke keer moet "
            "ik alle papieren opnieuw inleveren: loonstroken, bankafschriften en brieven van "
            "schuldeisers.",
            "Ik had op {datum} een afspraak voor een gesprek over mijn schulden, maar er was "
            "niemand. Niemand heeft mij laten weten dat de afspraak niet doorging.",
            "Mijn aanvraag voor schuldhulp is afgewezen met een brief waarin niet staat waarom. "
            "Ik begrijp niet wat ik nu moet doen en niemand kan het mij uitleggen.",
            "Er wordt beslag gelegd op mijn loon terwijl de gemeente had beloofd contact op te "
            "nemen met mijn schuldeisers over een betalingsregeling. Dat is niet gebeurd.",
        ],
        "outcomes": [
            "Ik wil dat mijn aanvraag nu snel wordt behandeld en dat ik een vaste "
            "contactpersoon krijg.",
            "Excuses, en een nieuwe afspraak met een andere medewerker.",
            "Een duidelijke uitleg waarom mijn aanvraag is afgewezen.",
            "Dat de gemeente met mijn schuldeisers belt, zodat het beslag stopt.",
        ],
        "persons": ["schuldhulpverlener", "medewerker intake schuldhulp"],
    },
    "wmo-voorzieningen": {
        "descriptions": [
            "Mijn moeder van 84 wacht al {weken} weken op een beslissing over haar aanvraag voor "
            "een traplift. Ze kan de trap bijna niet meer op en slaapt nu in de woonkamer.",
            "Mijn huishoudelijke hulp is zonder overleg teruggebracht van drie naar anderhalf "
            "uur per week. In het keukentafelgesprek was daar niets over gezegd.",
            "Bij het keukentafelgesprek op {datum} voelde ik me niet gehoord. De consulent had "
            "haar oordeel al klaar voordat ik iets had kunnen vertellen.",
            "De beschikking voor mijn scootmobiel is onduidelijk. Ik weet niet of ik een eigen "
            "bijdrage moet betalen en hoeveel.",
            "Ik heb {keer} keer gebeld over de woningaanpassing die in het voorjaar zou "
            "beginnen. Iedere keer word ik doorverbonden en niemand weet iets.",
            "Mijn aanvraag voor begeleiding is afgewezen omdat ik 'zelf een netwerk heb'. Maar "
            "mijn familie woont ver weg en kan niet helpen.",
        ],
        "outcomes": [
            "Een snelle beslissing over de aanvraag.",
            "Dat de uren huishoudelijke hulp worden teruggezet zoals afgesproken.",
            "Een nieuw gesprek met een andere consulent.",
            "Een duidelijke uitleg over de eigen bijdrage.",
        ],
        "persons": ["Wmo-consulent", "medewerker Zorgloket"],
    },
    "participatiewet-bijstand": {
        "descriptions": [
            "Mijn bijstandsuitkering is deze maand te laat betaald, zonder enige uitleg. "
            "Daardoor kon ik mijn huur niet op tijd betalen.",
            "De klantmanager dreigde mijn uitkering te stoppen omdat ik een formulier te laat "
            "had ingeleverd. Dat formulier heb ik nooit ontvangen.",
            "Ik moest op {datum} voor de zoveelste keer dezelfde gegevens inleveren. Het lijkt "
            "alsof de afdeling niet weet wat ik al heb gestuurd.",
            "In het gesprek over mijn re-integratie werd over mijn hoofd heen beslist dat ik "
            "ander werk moet gaan doen, zonder naar mijn gezondheid te kijken.",
            "Ik moet ineens {bedrag} euro bijstand terugbetalen. Niemand heeft mij vooraf "
            "gewaarschuwd dat ik iets fout deed.",
        ],
        "outcomes": [
            "Dat de uitkering voortaan op tijd wordt betaald en de aanmaningskosten worden "
            "vergoed.",
            "Een gesprek met de teamleider.",
            "Een betalingsregeling die ik kan volhouden.",
            "Excuses en een eerlijk gesprek.",
        ],
        "persons": ["klantmanager Werk en Inkomen", "consulent Participatiewet"],
    },
    "jeugdzorg": {
        "descriptions": [
            "Mijn zoon van twaalf staat al {weken} weken op de wachtlijst voor jeugdhulp. Het "
            "gaat steeds slechter met hem en niemand houdt ons op de hoogte.",
            "De gezinscoach is in een halfjaar {keer} keer gewisseld. Elke keer moeten we ons "
            "verhaal opnieuw vertellen.",
            "De toekenning voor de jeugdhulp van mijn dochter loopt af en de verlenging is nog "
            "niet geregeld. Ik krijg geen antwoord op mijn e-mails.",
            "In het gesprek over de jeugdhulp voor onze kinderen werd alleen met mijn ex-partner "
            "gesproken. Ik ben niet uitgenodigd, terwijl ik ook het gezag heb.",
            "Wij kregen op {datum} een brief dat de jeugdhulp stopt, zonder dat iemand met ons "
            "heeft gesproken.",
        ],
        "outcomes": [
            "Duidelijkheid over wanneer de hulp begint.",
            "Eén vaste contactpersoon voor ons gezin.",
            "Dat ik voortaan bij de gesprekken word betrokken.",
            "Dat de verlenging nog deze maand wordt geregeld.",
        ],
        "persons": ["jeugdconsulent", "medewerker jeugdteam"],
    },
    "afval": {
        "descriptions": [
            "De container in de {straat} is al {keer} keer niet geleegd. Het afval ligt nu naast "
            "de container en trekt ratten aan. Mijn meldingen hebben niets opgeleverd.",
            "Ik had een afspraak om op {datum} grofvuil op te laten halen, maar er is niemand "
            "gekomen. Mijn oude bank staat nog steeds buiten.",
            "Mijn kliko is bij het legen kapotgegaan. Ik heb om een nieuwe gevraagd, maar na "
            "{weken} weken heb ik nog niets.",
            "De pas voor de ondergrondse container in {wijk} werkt al maanden niet. Ik heb het "
            "{keer} keer gemeld en er gebeurt niets.",
            "De vuilniswagen rijdt elke week over de stoep en heeft nu de tegels voor mijn huis "
            "in de {straat} kapotgereden.",
        ],
        "outcomes": [
            "Dat de container weer op tijd wordt geleegd.",
            "Een nieuwe afspraak voor het grofvuil, en dit keer echt.",
            "Een nieuwe container, zonder kosten.",
            "Dat iemand eindelijk reageert op mijn meldingen.",
            "Dat de stoep wordt hersteld.",
        ],
        "persons": [],
    },
    "groen": {
        "descriptions": [
            "Op {datum} is de boom voor mijn huis in de {straat} gekapt zonder dat de bewoners "
            "iets wisten. Er is ook geen nieuwe boom geplant.",
            "Het gras in het plantsoen in {wijk} wordt al weken niet gemaaid. Mijn melding is "
            "afgesloten zonder dat er iets is gebeurd.",
            "De boom naast mijn huis hangt over mijn dak. Ik heb {keer} keer gevraagd om te "
            "snoeien en krijg elke keer een ander antwoord.",
            "De medewerkers van het groenonderhoud blazen de bladeren elke week mijn tuin in. "
            "Toen ik er iets van zei, werd ik uitgescholden.",
            "Het onkruid op het speelveld in {wijk} is bespoten terwijl er kinderen speelden. "
            "Er stond geen bord en niemand waarschuwde.",
        ],
        "outcomes": [
            "Een nieuwe boom, en voortaan vooraf informatie.",
            "Dat er vóór de winter wordt gesnoeid.",
            "Dat mijn melding serieus wordt opgepakt.",
            "Uitleg over welk middel is gebruikt.",
        ],
        "persons": ["medewerker groenonderhoud", "wijkbeheerder"],
    },
    "wegen-verlichting": {
        "descriptions": [
            "De straatverlichting in de {straat} is al {weken} weken kapot. Mijn melding is "
            "gesloten terwijl de lampen nog steeds uit zijn. 's Avonds durf ik er niet meer te "
            "lopen.",
            "Ik ben op {datum} gevallen over een losliggende stoeptegel in de {straat}. Die "
            "tegel was al maanden geleden gemeld.",
            "Door de wegwerkzaamheden in {wijk} kan ik met mijn rollator mijn huis niet meer "
            "uit. Er is geen omleiding en niemand heeft ons geïnformeerd.",
            "Het fietspad langs de {straat} staat na elke regenbui onder water. Dat speelt al "
            "jaren en ik krijg steeds te horen dat het 'op de planning' staat.",
            "Er zit al maanden een groot gat in de weg voor mijn deur. De gemeente zegt steeds "
            "dat het is ingepland, maar er gebeurt niets.",
        ],
        "outcomes": [
            "Dat de lampen snel worden gerepareerd.",
            "Vergoeding van mijn schade en dat de tegel wordt vastgelegd.",
            "Een veilige looproute tijdens de werkzaamheden.",
            "Een datum waarop het wordt opgelost.",
        ],
        "persons": ["wijkbeheerder", "projectleider wegwerkzaamheden"],
    },
    "parkeren": {
        "descriptions": [
            "Ik kreeg op {datum} een parkeerboete terwijl ik een geldige parkeervergunning heb. "
            "Die staat gewoon op mijn kenteken.",
            "Mijn aanvraag voor een gehandicaptenparkeerplaats ligt al {weken} weken stil. Ik "
            "kan niet ver lopen en moet nu elke dag ver weg parkeren.",
            "De parkeerautomaat in de {straat} werkt al weken niet, maar er worden wel "
            "naheffingen uitgeschreven.",
            "De parkeercontroleur was erg onvriendelijk toen ik vroeg waarom ik een naheffing "
            "kreeg. Hij liep gewoon weg.",
            "Ik heb twee keer betaald voor dezelfde parkeervergunning. Ik krijg het geld niet "
            "terug en niemand reageert op mijn e-mails.",
        ],
        "outcomes": [
            "Dat de naheffing wordt ingetrokken.",
            "Een snelle beslissing over de parkeerplaats.",
            "Het dubbel betaalde bedrag terug.",
            "Excuses van de parkeercontroleur.",
        ],
        "persons": ["parkeercontroleur", "medewerker parkeervergunningen"],
    },
    "bejegening": {
        "descriptions": [
            "Aan de balie van het stadskantoor werd ik op {datum} uitgelachen toen ik om uitleg "
            "vroeg over een brief. Ik voelde me dom en vernederd.",
            "De medewerker aan de telefoon was kortaf en hing op voordat ik mijn vraag had "
            "kunnen stellen.",
            "Tijdens een huisbezoek maakte de medewerker opmerkingen over mijn huis die daar "
            "niets mee te maken hadden. Dat vond ik respectloos.",
            "Ik werd in de wachtruimte aangesproken over mijn schulden, waar iedereen bij was. "
            "Iedereen kon het horen.",
            "Omdat ik niet goed Nederlands spreek, werd ik niet geholpen. Ik werd weggestuurd "
            "met de boodschap dat ik maar iemand mee moest nemen.",
        ],
        "outcomes": [
            "Excuses van de medewerker.",
            "Dat er met de medewerker wordt gesproken over hoe je met mensen omgaat.",
            "Dat gesprekken over persoonlijke zaken voortaan in een aparte ruimte zijn.",
            "Een tolk, of iemand die rustig uitlegt.",
        ],
        "persons": ["baliemedewerker", "medewerker Klantcontactcentrum", "medewerker huisbezoek"],
    },
    "bereikbaarheid": {
        "descriptions": [
            "Ik heb de afgelopen {weken} weken {keer} keer gebeld en elke keer werd beloofd dat "
            "ik zou worden teruggebeld. Dat is nooit gebeurd.",
            "Mijn e-mail van {datum} is nog steeds niet beantwoord, terwijl op de website staat "
            "dat u binnen vijf werkdagen reageert.",
            "Ik heb meer dan veertig minuten in de wacht gestaan. Daarna werd de verbinding "
            "verbroken.",
            "Ik kan alleen online een afspraak maken, maar ik heb geen computer. Aan de "
            "telefoon zeggen ze dat ik het via de website moet doen.",
            "Ik heb via het contactformulier een vraag gesteld en kreeg een automatisch "
            "antwoord. Daarna niets meer.",
        ],
        "outcomes": [
            "Dat iemand mij gewoon terugbelt.",
            "Een antwoord op mijn e-mail.",
            "Dat je ook telefonisch een afspraak kunt maken.",
            "Een vaste contactpersoon.",
        ],
        "persons": ["medewerker Klantcontactcentrum"],
    },
    "informatie": {
        "descriptions": [
            "In de brief van {datum} staat dat ik binnen twee weken moet reageren, maar niet "
            "waarop of bij wie. Niemand kan mij uitleggen wat er bedoeld wordt.",
            "Op de website staat informatie die niet meer klopt. Daardoor heb ik de verkeerde "
            "formulieren ingevuld en ben ik {weken} weken verder.",
            "Ik kreeg van twee medewerkers twee verschillende antwoorden op dezelfde vraag. Nu "
            "weet ik niet wat ik moet doen.",
            "De gemeente stuurt mijn post naar mijn oude adres, terwijl ik mijn verhuizing op "
            "tijd heb doorgegeven.",
            "De brieven van de gemeente zijn zo ingewikkeld dat ik ze niet begrijp. Ik vroeg om "
            "een eenvoudige uitleg, maar die kreeg ik niet.",
        ],
        "outcomes": [
            "Een brief in begrijpelijke taal.",
            "Dat de website wordt aangepast.",
            "Eén duidelijk antwoord.",
            "Dat mijn gegevens worden verbeterd.",
        ],
        "persons": [],
    },
    "burgerzaken": {
        "descriptions": [
            "Volgens de sms was mijn paspoort op {datum} klaar, maar toen ik het kwam ophalen "
            "was het er niet. Ik moest twee keer vrij nemen van mijn werk.",
            "Voor de verlenging van mijn rijbewijs kon ik pas over {weken} weken terecht, "
            "terwijl mijn rijbewijs volgende week verloopt.",
            "Mijn verhuizing is verkeerd ingeschreven. Daardoor komt de post van de gemeente op "
            "mijn oude adres.",
            "Ik ben aan de balie weggestuurd omdat ik mijn afspraakbevestiging niet kon laten "
            "zien, terwijl ik wel een afspraak had.",
        ],
        "outcomes": [
            "Vergoeding van de gemiste werkuren.",
            "Een afspraak op korte termijn.",
            "Dat mijn adres wordt verbeterd.",
            "Excuses.",
        ],
        "persons": ["baliemedewerker Burgerzaken"],
    },
    "woz": {
        "descriptions": [
            "De WOZ-waarde van mijn woning is fors gestegen, terwijl er niets aan mijn huis is "
            "veranderd. Ik vroeg om het taxatieverslag, maar dat kreeg ik niet.",
            "Ik belde op {datum} met een vraag over mijn WOZ-beschikking. De medewerker zei dat "
            "ik maar bezwaar moest maken en hing op.",
            "De taxateur kwam zonder afspraak langs en wilde mijn huis van binnen bekijken. Hij "
            "was erg opdringerig.",
            "Ik heb {weken} weken geleden om uitleg gevraagd over de vergelijkbare woningen in "
            "mijn taxatieverslag en nog steeds geen antwoord gekregen.",
        ],
        "outcomes": [
            "Het taxatieverslag, en uitleg.",
            "Een medewerker die mijn vraag wel beantwoordt.",
            "Dat taxateurs voortaan een afspraak maken.",
        ],
        "persons": ["taxateur", "medewerker WOZ"],
    },
    "gemeentelijke-belastingen": {
        "descriptions": [
            "Ik heb op {datum} kwijtschelding aangevraagd en toch kreeg ik een aanmaning met "
            "extra kosten.",
            "De afvalstoffenheffing is berekend voor een meerpersoonshuishouden, terwijl ik "
            "alleen woon. Ik heb dit al {keer} keer doorgegeven.",
            "Mijn betalingsregeling is zonder overleg stopgezet. Nu moet ik ineens {bedrag} euro "
            "in één keer betalen.",
            "Ik kreeg een dwangbevel terwijl ik de aanslag gewoon had betaald. Niemand wil naar "
            "mijn bankafschrift kijken.",
        ],
        "outcomes": [
            "Dat de aanmaningskosten vervallen.",
            "Een juiste aanslag.",
            "Dat de betalingsregeling weer doorloopt.",
            "Dat het dwangbevel wordt ingetrokken en excuses.",
        ],
        "persons": ["medewerker invordering"],
    },
    "omgevingsvergunning": {
        "descriptions": [
            "Mijn aanvraag voor een dakkapel ligt al {weken} weken bij de gemeente. De termijn "
            "is voorbij en ik krijg geen antwoord op mijn vragen.",
            "De buren hebben een vergunning gekregen voor een aanbouw. Wij zijn als direct "
            "omwonenden niet geïnformeerd.",
            "De medewerker vergunningen gaf mij aan de telefoon een verkeerde uitleg, waardoor ik "
            "onnodig kosten heb gemaakt voor een architect.",
            "Ik heb {keer} keer aanvullende stukken moeten sturen, telkens gevraagd door een "
            "andere medewerker.",
        ],
        "outcomes": [
            "Een beslissing op mijn aanvraag.",
            "Dat omwonenden voortaan worden geïnformeerd.",
            "Vergoeding van de kosten.",
            "Eén vaste contactpersoon.",
        ],
        "persons": ["medewerker vergunningen"],
    },
    "handhaving-overlast": {
        "descriptions": [
            "Ik heb de afgelopen maanden {keer} keer overlast gemeld van een bedrijf in de "
            "{straat}, maar handhaving doet niets.",
            "Een boa sprak mij op {datum} op een intimiderende manier aan toen ik mijn hond "
            "uitliet. Hij wilde niet zeggen waarom.",
            "De gemeente heeft mijn buren een last onder dwangsom opgelegd, maar controleert "
            "niet of die wordt nageleefd.",
            "Jongeren veroorzaken elke avond overlast bij het winkelcentrum in {wijk}. Mijn "
            "meldingen worden niet beantwoord.",
            "Ik kreeg een boete voor een afvalzak naast de container, terwijl die zak niet van "
            "mij was. De handhaver wilde niet luisteren.",
        ],
        "outcomes": [
            "Dat er eindelijk wordt opgetreden.",
            "Excuses van de boa.",
            "Dat de gemeente controleert en mij laat weten wat er gebeurt.",
            "Dat de boete wordt ingetrokken.",
        ],
        "persons": ["boa", "handhaver", "medewerker toezicht"],
    },
    "evenementen": {
        "descriptions": [
            "Tijdens het festival in het park op {datum} was het tot na middernacht extreem "
            "luid, terwijl de vergunning tot 23.00 uur geldt. Niemand van de gemeente was "
            "bereikbaar.",
            "Voor de kermis in {wijk} werd onze straat afgesloten zonder dat de bewoners vooraf "
            "zijn ingelicht.",
            "Mijn aanvraag voor een buurtfeest is zonder uitleg afgewezen, terwijl dezelfde "
            "aanvraag vorig jaar wel werd goedgekeurd.",
        ],
        "outcomes": [
            "Dat de gemeente de vergunningvoorwaarden controleert.",
            "Voortaan vooraf een brief aan de bewoners.",
            "Uitleg over de afwijzing.",
        ],
        "persons": ["medewerker evenementen"],
    },
}

#: Complaints about the council's own conduct (addressed to the council, handled by the
#: coordinator): (theme slug, description, desired outcome).
COUNCIL_TEXTS = [
    (
        "bejegening",
        "Tijdens de raadsvergadering van {datum} mocht ik als inspreker mijn verhaal niet "
        "afmaken. De voorzitter onderbrak mij steeds en een raadslid lachte erom.",
        "Excuses, en dat insprekers voortaan hun verhaal kunnen doen.",
    ),
    (
        "informatie",
        "Ik heb de griffie {keer} keer gevraagd om de stukken voor de commissievergadering, "
        "maar ik kreeg ze pas na de vergadering.",
        "Dat stukken op tijd openbaar zijn.",
    ),
]

#: Complaints about a partner, per partner slug.
PARTNER_TEXTS = {
    "wijkteams-vangstad": [
        "De medewerker van {partner} zou mij binnen een week terugbellen over mijn aanvraag "
        "voor hulp. Dat is nu {weken} weken geleden.",
        "Bij {partner} heb ik mijn verhaal al aan {keer} verschillende medewerkers verteld. "
        "Niemand lijkt mijn dossier te kennen.",
    ],
    "welzijn-vangstad": [
        "De mantelzorgondersteuning van {partner} is zonder bericht gestopt. Ik sta er nu "
        "alleen voor met de zorg voor mijn man.",
    ],
    "thuiszorg-lindeboom": [
        "De huishoudelijke hulp van {partner} komt al {weken} weken onregelmatig en soms "
        "helemaal niet. Er wordt niet afgebeld.",
        "Bij {partner} wisselt mijn hulp steeds. Ik moet elke keer opnieuw uitleggen wat er "
        "moet gebeuren, en dat kost mij veel energie.",
    ],
    "zorgsaam-begeleiding": [
        "De begeleider van {partner} komt vaak te laat en blijft korter dan afgesproken. Mijn "
        "klacht bij de organisatie zelf is niet beantwoord.",
    ],
    "hulpmiddelencentrum-mobiel": [
        "Mijn scootmobiel staat al {weken} weken bij {partner} voor reparatie. Ik kom de deur "
        "niet meer uit.",
        "De traplift die {partner} heeft geplaatst, valt steeds uit. De monteur komt pas na dagen.",
    ],
    "regiotaxi-vangland": [
        "De regiotaxi van {partner} kwam op {datum} anderhalf uur te laat, waardoor ik mijn "
        "afspraak in het ziekenhuis miste.",
        "De chauffeur van {partner} hielp mij niet met mijn rollator en was onvriendelijk.",
    ],
    "jeugdhulp-kompasroos": [
        "Mijn zoon staat al {weken} weken op de wachtlijst bij {partner}. Er is niemand die "
        "ons in de tussentijd helpt.",
        "De gezinsbegeleider van {partner} heeft zonder overleg met ons informatie gedeeld met "
        "de school.",
    ],
    "pleegzorg-horizon": [
        "Als pleegouders worden wij door {partner} niet op de hoogte gehouden van de afspraken "
        "over ons pleegkind.",
    ],
    "jgz-vangland": [
        "Op het consultatiebureau van {partner} werd ik als moeder niet serieus genomen toen ik "
        "mij zorgen maakte over de groei van mijn baby.",
    ],
    "schuldhulp-vangstad": [
        "Mijn schuldhulpverlener bij {partner} reageert al {weken} weken niet op mijn e-mails. "
        "Ondertussen krijg ik weer brieven van de deurwaarder.",
        "Bij {partner} zijn mijn papieren voor de schuldregeling kwijtgeraakt. Ik moet alles "
        "opnieuw aanleveren en het traject begint weer van voren af aan.",
        "{partner} heeft mij uit het traject gezet omdat ik een afspraak miste, terwijl ik die "
        "dag in het ziekenhuis lag.",
    ],
    "budgetbeheer-op-koers": [
        "{partner} heeft mijn energierekening {keer} keer te laat betaald. Nu krijg ik "
        "aanmaningen met extra kosten.",
        "Ik krijg van {partner} geen overzicht van wat er met mijn geld gebeurt.",
    ],
    "werkbedrijf-vangland": [
        "Bij {partner} moet ik werk doen dat ik door mijn rugklachten niet kan. Mijn "
        "doktersverklaring wordt niet gelezen.",
        "De jobcoach van {partner} zegt afspraken steeds op het laatste moment af.",
    ],
    "afvalbedrijf-vangland": [
        "{partner} heeft de container in de {straat} al {keer} weken niet geleegd. Mijn "
        "meldingen bij {partner} worden gesloten zonder dat er iets gebeurt.",
        "Het grofvuil is door {partner} niet opgehaald, terwijl ik daarvoor had betaald en een "
        "afspraak had voor {datum}.",
        "De chauffeurs van {partner} laten na het legen de containers midden op de stoep "
        "staan, zodat ik er met mijn rolstoel niet langs kan.",
    ],
    "groenbedrijf-hovenier": [
        "{partner} heeft bij het maaien in {wijk} de tegels van mijn oprit beschadigd en wil "
        "niet betalen.",
        "De medewerkers van {partner} laten al weken snoeiafval liggen in de {straat}.",
    ],
    "belastingsamenwerking-vangland": [
        "Bij {partner} is mijn aanvraag voor kwijtschelding {keer} keer 'niet ontvangen'. Nu "
        "krijg ik een aanmaning.",
        "{partner} reageert al {weken} weken niet op mijn vraag over de WOZ-waarde.",
    ],
    "parkeerservice-vangstad": [
        "{partner} heeft mijn bezoekersvergunning zonder bericht stopgezet, waardoor mijn "
        "mantelzorger een boete kreeg.",
        "De parkeercontroleur van {partner} was intimiderend toen ik uitleg vroeg over een "
        "naheffing.",
    ],
}

#: Appended to some descriptions.
EXTRA_SENTENCES = [
    "Ik heb hier eerder over gebeld, maar er is niets mee gedaan.",
    "Dit is niet de eerste keer.",
    "Ik voel mij niet serieus genomen.",
    "Ik hoop dat u hier echt iets mee doet.",
    "Mijn buren hebben hetzelfde probleem.",
    "Het kost mij veel stress en slaap.",
    "Ik wil graag dat iemand mij belt.",
]

#: Put in front of a complaint about conduct towards someone else (Awb 9:1, third party).
THIRD_PARTY_PREFIXES = [
    "Ik schrijf over wat mijn buurvrouw is overkomen, want zij durft zelf niet te klagen. ",
    "Ik was erbij toen het volgende gebeurde met mijn oudere buurman. ",
    "Dit gaat over mijn moeder; ik ben niet haar gemachtigde, maar ik maak mij zorgen. ",
]

LIGHT_PATH_NOTES = {
    "oral": [
        "Telefonisch ingediend; afspraken per e-mail bevestigd.",
        "Mondeling aan de balie ingediend; klager wil het liefst gebeld worden.",
        "Telefonisch ingediend; klager wil geen brief.",
    ],
    "third_party": ["Klager klaagt over gedrag tegenover een ander."],
    "incomplete": [
        "Adres ontbreekt; klager per e-mail gevraagd dit aan te vullen.",
        "Naam en adres ontbreken in het webformulier; via e-mail nagevraagd.",
    ],
    "unsigned": ["Brief niet ondertekend; klager gevraagd de brief te ondertekenen."],
}

# --------------------------------------------------------------------------------------
# Messages that are not complaints: (kind, theme slug, text, redirected to).

NOT_COMPLAINTS = [
    (
        "report",
        "wegen-verlichting",
        "De lantaarnpaal voor {straat} 14 brandt niet.",
        "Meldingen openbare ruimte (melding aangemaakt)",
    ),
    (
        "report",
        "afval",
        "Er ligt een grote stapel grofvuil naast de container in de {straat}.",
        "Meldingen openbare ruimte (melding aangemaakt)",
    ),
    (
        "report",
        "groen",
        "In het plantsoen in {wijk} is een grote tak afgebroken; hij hangt boven het fietspad.",
        "Meldingen openbare ruimte (melding aangemaakt)",
    ),
    (
        "report",
        "wegen-verlichting",
        "Er zit een diep gat in het fietspad bij de {straat}.",
        "Meldingen openbare ruimte (melding aangemaakt)",
    ),
    (
        "objection",
        "woz",
        "Ik ben het niet eens met de WOZ-waarde van mijn woning en wil dat die omlaag gaat.",
        "Team Bezwaar Belastingen (klager gewezen op de bezwaartermijn van zes weken)",
    ),
    (
        "objection",
        "parkeren",
        "Ik ben het niet eens met de naheffingsaanslag parkeerbelasting van {datum}.",
        "Team Bezwaar Belastingen",
    ),
    (
        "objection",
        "omgevingsvergunning",
        "Ik ben het niet eens met de vergunning voor de aanbouw van mijn buren.",
        "Bezwaarschriftencommissie",
    ),
    (
        "objection",
        "wmo-voorzieningen",
        "Ik ben het niet eens met de afwijzing van mijn aanvraag voor een scootmobiel.",
        "Juridische Zaken, bezwaar Wmo",
    ),
    (
        "question",
        "afval",
        "Wanneer wordt in {wijk} het grofvuil opgehaald?",
        "Klantcontactcentrum (vraag beantwoord)",
    ),
    (
        "question",
        "parkeren",
        "Hoe vraag ik een parkeervergunning aan voor bezoek?",
        "Klantcontactcentrum (vraag beantwoord)",
    ),
    (
        "question",
        "schuldhulpverlening",
        "Waar kan ik hulp krijgen bij het invullen van formulieren voor mijn schulden?",
        "Sociale Wijkteams Vangstad (vraag doorgezet)",
    ),
    (
        "question",
        "burgerzaken",
        "Kan ik mijn paspoort ook op zaterdag ophalen?",
        "Burgerzaken (vraag beantwoord)",
    ),
]

# --------------------------------------------------------------------------------------
# What handlers write on the timeline.

FIRST_CONTACT_NOTES = [
    "Klager gebeld. Verhaal aangehoord en uitgelegd hoe de klachtbehandeling verloopt. "
    "Afgesproken dat ik binnen een week terugkom met meer informatie.",
    "Klager teruggebeld; voicemail ingesproken en een e-mail gestuurd met het verzoek om "
    "terug te bellen.",
    "Gesprek met klager gevoerd. Navraag gedaan bij de afdeling; de betrokken medewerker "
    "geeft een andere lezing van het gesprek.",
    "Klager gebeld en excuses aangeboden voor de lange wachttijd. Dossier opgevraagd bij de "
    "afdeling.",
    "Telefonisch contact met klager. Samen besproken wat de klacht zou oplossen; dat per "
    "e-mail bevestigd.",
]

PROGRESS_NOTES = [
    "Reactie van de afdeling ontvangen; ik bespreek die deze week met klager.",
    "Nog wachten op informatie van de afdeling; klager daarover geïnformeerd.",
    "Casus ingebracht in het casuïstiekoverleg; de regel laat geen maatwerk toe (regelknelpunt).",
    "Klager wil graag een gesprek op het stadskantoor; afspraak gemaakt.",
]

HEARING_NOTES = [
    "Hoorzitting gehouden met klager en de betrokken medewerker (Awb 9:10). Verslag "
    "toegevoegd aan het dossier.",
    "Klager ziet af van horen (Awb 9:10 lid 2); schriftelijke reactie van de afdeling opgevraagd.",
    "Klager en beklaagde apart gehoord; verslagen zijn aan beiden toegestuurd.",
]

COMMITTEE_NOTES = [
    "Klacht voorgelegd aan de klachtadviescommissie (Awb 9:14); de commissie hoort klager "
    "en beklaagde.",
]

FORWARD_NOTES = [
    "Klager akkoord met doorsturen naar de partner; de gemeente volgt de afhandeling.",
    "Doorgestuurd met het verzoek binnen tien werkdagen terug te koppelen wat met de klacht "
    "is gedaan.",
]

INFORMAL_SOLUTIONS = [
    "de achterstand is ingehaald",
    "er is een nieuwe afspraak gemaakt",
    "de afdeling heeft excuses aangeboden",
    "de betaling is alsnog gedaan",
    "de melding is opnieuw ingepland en uitgevoerd",
    "klager heeft een vaste contactpersoon gekregen",
]

CLOSING_NOTES = {
    "resolved_informally": [
        "Opgelost in een telefoongesprek: {oplossing}. Klager is tevreden en akkoord met "
        "informele afhandeling (Awb 9:5); per e-mail bevestigd.",
        "Klager is tevreden: {oplossing}. Informele afhandeling (Awb 9:5) schriftelijk bevestigd.",
    ],
    "well_founded": [
        "Klacht gegrond. Afhandelingsbrief verstuurd met excuses en de maatregelen die de "
        "afdeling neemt.",
        "Klacht gegrond: de afspraak is niet nagekomen. Excuses aangeboden; leerpunt voor het "
        "team vastgelegd.",
    ],
    "partly_well_founded": [
        "Klacht deels gegrond: de communicatie schoot tekort, het besluit zelf was juist. "
        "Afhandelingsbrief verstuurd.",
    ],
    "unfounded": [
        "Klacht ongegrond na hoor en wederhoor. In de afhandelingsbrief uitgelegd waarom, met "
        "verwijzing naar de Nationale ombudsman.",
    ],
    "no_judgment": [
        "Geen oordeel: de lezingen van klager en medewerker verschillen en er zijn geen andere "
        "gegevens. Wel excuses voor hoe het gesprek is gelopen.",
    ],
    "not_handled": [
        "Niet in behandeling genomen (Awb 9:8 lid 1 onder c): tegen het besluit staat bezwaar "
        "open. Klager gewezen op de bezwaarprocedure.",
        "Niet in behandeling genomen (Awb 9:8 lid 1 onder b): de gedraging vond meer dan een "
        "jaar voor de klacht plaats.",
        "Niet in behandeling genomen (Awb 9:8 lid 1 onder a): over dezelfde gedraging is al "
        "eerder een klacht behandeld.",
    ],
    "withdrawn": [
        "Klager trekt de klacht in; het probleem was inmiddels opgelost.",
        "Klager heeft de klacht na het eerste gesprek ingetrokken.",
    ],
    "forwarded_to_partner": [
        "De partner heeft teruggekoppeld dat de klacht met klager is opgelost; klager "
        "bevestigt dat.",
        "Terugkoppeling van de partner ontvangen: klacht behandeld volgens de eigen "
        "klachtenregeling. Klager geïnformeerd.",
    ],
    "forwarded_to_body": [
        "Doorgestuurd naar het waterschap (Awb 2:3); klager daarover geïnformeerd.",
        "Doorgestuurd naar de provincie (Awb 2:3); klager daarover geïnformeerd.",
    ],
}

# --------------------------------------------------------------------------------------
# The handling procedure (issue 4): what handlers record in each step.

#: Calls within days of receipt: (notes, what was agreed). {oplossing} is filled in.
CONTACT_INFORMAL = [
    (
        "Klager gebeld. Verhaal aangehoord en uitgelegd hoe de klachtbehandeling verloopt. "
        "Klager wil vooral dat het probleem wordt opgelost.",
        "Ik zoek het uit bij de afdeling en bel uiterlijk over een week terug. Klager is "
        "tevreden als {oplossing}.",
    ),
    (
        "Telefonisch contact met klager. Samen besproken wat de klacht zou oplossen.",
        "Klager is geholpen als {oplossing}; dat regel ik met de afdeling.",
    ),
    (
        "Klager gebeld. Klager was boos maar het gesprek verliep goed.",
        "Excuses aangeboden. Afgesproken dat {oplossing}; ik bevestig dat per e-mail.",
    ),
    (
        "Klager gebeld en excuses aangeboden voor de lange wachttijd. Dossier opgevraagd bij "
        "de afdeling.",
        "Klager wil geen formele behandeling als {oplossing}.",
    ),
]
CONTACT_FORMAL = [
    (
        "Klager gebeld. Klager wil een formeel oordeel over hoe de medewerker heeft "
        "gehandeld, niet alleen een oplossing.",
        "De klacht wordt formeel behandeld; klager krijgt een uitnodiging om gehoord te worden.",
    ),
    (
        "Gesprek met klager gevoerd. Navraag gedaan bij de afdeling; de betrokken medewerker "
        "geeft een andere lezing van het gesprek.",
        "Formele behandeling met hoor en wederhoor.",
    ),
    (
        "Klager teruggebeld. Klager vindt dat de gemeente structureel tekortschiet en wil "
        "dat de klacht op papier wordt beoordeeld.",
        "Formele behandeling; klager ontvangt een afhandelingsbrief met het oordeel.",
    ),
]
#: Notes of a contact that was not a phone call (the handler's words differ).
CONTACT_NOTES_BY_CHANNEL = {
    "email": [
        "Klager per e-mail benaderd (geen telefoonnummer bekend) en gevraagd wat de klacht "
        "zou oplossen. Klager antwoordde dezelfde dag uitgebreid.",
        "E-mailwisseling met klager over de klacht en wat er nu gebeurt.",
    ],
    "visit": [
        "Gesprek met klager aan de balie van het stadskantoor. Klager was boos maar het "
        "gesprek verliep goed.",
        "Klager kwam langs op het stadskantoor; het gesprek samen met de teamleider gevoerd.",
    ],
    "letter": [
        "Klager heeft geen telefoon of e-mail opgegeven; per brief uitgenodigd voor een "
        "gesprek. Klager belde daarop terug vanaf een ander nummer.",
    ],
}
CONTACT_NOT_REACHED = [
    "Klager gebeld; voicemail ingesproken en een e-mail gestuurd met het verzoek om terug "
    "te bellen.",
    "Twee keer gebeld, niet bereikt. Morgen opnieuw proberen.",
]
CONTACT_FOLLOW_UP = [
    (
        "Klager teruggebeld met de uitkomst van mijn navraag bij de afdeling.",
        "Klager is akkoord met de oplossing: {oplossing}.",
    ),
    (
        "Klager belde zelf terug. Afdeling heeft inmiddels actie ondernomen.",
        "Klager bevestigt dat {oplossing}; de klacht is daarmee opgelost.",
    ),
]
CONTACT_FORWARD = [
    (
        "Klager gebeld en uitgelegd dat {partner} de klacht zelf eerst behandelt; de "
        "gemeente volgt het.",
        "Klager is akkoord met doorsturen naar {partner}.",
    ),
]

#: The solutions agreed with the complainant (9:5); {oplossing} above.
AGREEMENTS = [
    "Excuses van de afdeling; {oplossing}. Klager is daarmee tevreden.",
    "Afgesproken is dat {oplossing}. Klager stemt in met informele afhandeling.",
    "Klager is tevreden nu {oplossing}, en heeft geen behoefte meer aan een formeel oordeel.",
]

#: A copy of the complaint handed over another way (no e-mail address known).
COPY_NOTES = [
    "Kopie van de klacht en de bijlagen persoonlijk overhandigd aan de teamleider.",
]

HEARING_LOCATIONS = [
    "Stadskantoor Vangstad, Marktplein 1, spreekkamer 2.14",
    "Stadskantoor Vangstad, Marktplein 1, spreekkamer 0.07",
    "Videogesprek (Teams); de link staat in de uitnodiging",
    "Telefonisch",
]
HEARING_RECORDS = [
    "Klager licht de klacht toe: {kern} De medewerker erkent dat de communicatie beter had "
    "gekund, maar stelt dat de regels juist zijn toegepast. Beide partijen zijn gehoord "
    "over elkaars lezing.",
    "Klager herhaalt de klacht en vertelt wat dit voor het gezin betekende. De "
    "teamleider legt uit hoe het proces werkt en waar het is misgegaan. Afgesproken dat "
    "klager het oordeel schriftelijk ontvangt.",
    "Klager en beklaagde zijn na elkaar gehoord. Klager: {kern} Beklaagde herkent een deel "
    "van het verhaal; het gesprek was volgens hem zakelijk maar niet onvriendelijk.",
]
HEARING_SKIPS = {
    "waived": "Klager gaf telefonisch aan niet gehoord te willen worden; de schriftelijke "
    "klacht is duidelijk genoeg.",
    "no_response": "Klager reageerde niet op de uitnodiging om gehoord te worden, ook niet "
    "na een herinnering per e-mail.",
    "manifestly_unfounded": "Uit het dossier blijkt zonder twijfel dat de afspraak wel is "
    "nagekomen: de brief is op de genoemde datum verstuurd en bezorgd.",
}
#: Why the person complained about was not heard when the complainant's hearing was
#: skipped (Awb 9:10 lid 2 is about the complainant only).
PERSON_NOT_HEARD = [
    "Beklaagde gaf een schriftelijke reactie op de klacht en wilde niet apart gehoord worden.",
    "Beklaagde is in de gelegenheid gesteld gehoord te worden en zag daarvan af; de "
    "schriftelijke reactie ligt in het dossier.",
]

COMMITTEE = "Onafhankelijke klachtadviescommissie Vangstad"
ADVICE_TEXTS = {
    "well_founded": "De commissie heeft klager en beklaagde gehoord. Zij vindt de klacht "
    "gegrond: de gemeente heeft haar toezeggingen niet nagekomen en klager onvoldoende "
    "geïnformeerd. Advies: excuses aanbieden en de werkwijze aanpassen.",
    "partly_well_founded": "De commissie vindt de klacht deels gegrond. De gemeente mocht het "
    "besluit nemen, maar heeft het niet goed uitgelegd en klager te lang laten wachten.",
    "unfounded": "De commissie vindt de klacht ongegrond. De medewerker heeft zorgvuldig en "
    "binnen de regels gehandeld; wel kan de gemeente beter uitleggen waarom.",
    "": "De commissie geeft geen eindoordeel, maar beveelt aan om met klager in gesprek te "
    "gaan over een oplossing.",
}
DEVIATION_REASONS = (
    "Het college wijkt af van het advies: na het advies is gebleken dat de toezegging wel "
    "schriftelijk is vastgelegd en op tijd is nagekomen. De commissie had die brief niet."
)

#: Parts a decision judges: (summary, norms, reasoning if well-founded, reasoning if not).
JUDGMENT_PARTS = [
    (
        "Klager is niet teruggebeld, terwijl dat wel was toegezegd.",
        ["reliability", "promptness"],
        "Uit het dossier blijkt dat de toezegging is gedaan maar niet is nagekomen. Dat is "
        "niet betrouwbaar.",
        "Klager is op de toegezegde dag gebeld en heeft een voicemail ontvangen; dat staat in "
        "het contactregister.",
    ),
    (
        "De medewerker was onvriendelijk en liet klager niet uitpraten.",
        ["decent_treatment", "listening"],
        "De medewerker erkent dat het gesprek gehaast was. Klager is niet fatsoenlijk bejegend.",
        "De lezingen verschillen; uit de gespreksnotitie blijkt een zakelijk maar correct gesprek.",
    ),
    (
        "Klager wachtte veel te lang op een reactie.",
        ["promptness", "good_organisation"],
        "De wettelijke termijn is ruim overschreden zonder bericht aan klager.",
        "De reactie kwam binnen de termijn die de regeling stelt.",
    ),
    (
        "De informatie op de website en in de brief was onduidelijk.",
        ["good_information", "transparent"],
        "De brief noemde een verkeerde termijn en verwees naar een pagina die niet bestaat.",
        "De brief en de website geven de juiste informatie; wel is die informatie lastig te "
        "vinden. De gemeente kijkt daarnaar.",
    ),
    (
        "Het besluit is niet uitgelegd.",
        ["good_reasoning"],
        "In het besluit ontbreekt waarom de aanvraag is afgewezen.",
        "Het besluit is met redenen omkleed; klager is het met de uitkomst niet eens, maar "
        "daarvoor staat bezwaar open.",
    ),
    (
        "Er is geen rekening gehouden met de persoonlijke situatie van klager.",
        ["tailored", "special_care", "proportionality"],
        "De gemeente had ruimte voor maatwerk en heeft die niet gebruikt.",
        "De regeling laat geen ruimte voor een andere uitkomst; de medewerker heeft dat "
        "goed uitgelegd.",
    ),
]
FINDINGS = [
    "Wij hebben het dossier bekeken, met de afdeling gesproken en u en de betrokken "
    "medewerker gehoord. Daaruit blijkt het volgende. {kern}",
    "Wij hebben uw klacht, de reactie van de afdeling en het verslag van het horen naast "
    "elkaar gelegd. {kern}",
]
CONCLUSIONS = {
    "well_founded": "Uw klacht is terecht. Wij bieden u hiervoor onze excuses aan.",
    "partly_well_founded": "Uw klacht is voor een deel terecht. Voor dat deel bieden wij u "
    "onze excuses aan.",
    "unfounded": "Wij begrijpen dat u ontevreden bent, maar wij vinden uw klacht niet terecht.",
    "no_judgment": "Wij kunnen niet vaststellen wat er precies is gebeurd en geven daarom "
    "geen oordeel. Wel nemen wij uw ervaring mee.",
}
MEASURES = [
    "Het team bespreekt deze klacht in het werkoverleg. Terugbelverzoeken worden voortaan "
    "in het zaaksysteem vastgelegd met een datum.",
    "De standaardbrief wordt aangepast, zodat de termijnen kloppen en de uitleg begrijpelijk is.",
    "De afdeling krijgt een training klantgericht werken.",
    "",
]

EXTENSION_REASONS = [
    "De afdeling heeft meer tijd nodig om de stukken te verzamelen, en de hoorzitting kon "
    "niet eerder worden gepland.",
    "Er moet nog informatie komen van een samenwerkingspartner.",
    "Door vakantie van de betrokken medewerker kon het horen pas later plaatsvinden.",
]
CONSENT_REASONS = [
    "Het advies van de klachtadviescommissie komt later dan verwacht; klager stemt per "
    "e-mail in met uitstel.",
]

DECLINES = {
    "objection_possible": "Uw klacht gaat over de inhoud van het besluit. Daartegen kunt u "
    "bezwaar maken; in de brief over het besluit staat hoe.",
    "older_than_a_year": "Wat u beschrijft gebeurde meer dan een jaar geleden. Daarom "
    "behandelen wij uw klacht niet meer.",
    "handled_before": "Over dezelfde gebeurtenis hebben wij uw klacht al eerder behandeld "
    "en beantwoord.",
    "court": "Over deze zaak loopt een procedure bij de rechter. De rechter oordeelt daarover.",
    "too_small": "Het gaat om een eenmalige vergissing die al is hersteld; wij vinden het "
    "belang te klein voor een klachtbehandeling.",
}
DECLINE_WEIGHTS = {
    "objection_possible": 6,
    "older_than_a_year": 3,
    "handled_before": 2,
    "court": 1,
    "too_small": 2,
}

WITHDRAW_NOTES = [
    "Klager belde: het probleem is inmiddels opgelost en de klacht hoeft niet verder.",
    "Klager heeft de klacht per e-mail ingetrokken na het eerste gesprek.",
    "Klager trekt de klacht in; hij wil er geen energie meer in steken.",
]

#: (name, contact for the complainant, explanation) of another body (Awb 2:3).
OTHER_BODIES = [
    (
        "Waterschap Noorderzijl",
        "Waterschap Noorderzijl, Postbus 55, 9990 ZZ Vangstad, klachten@noorderzijl.invalid",
        "Het onderhoud van deze sloot en de kade valt onder het waterschap.",
    ),
    (
        "Provincie Noordland",
        "Provincie Noordland, Postbus 610, 9700 AP Noordstad, 050-000 00 00",
        "De provinciale weg en de bushalte vallen onder de provincie.",
    ),
    (
        "Belastingdienst",
        "Belastingdienst, BelastingTelefoon 0800-0543",
        "De toeslag waar uw klacht over gaat, komt van de Belastingdienst.",
    ),
]

#: A partner's report-back: outcome -> what it did.
PARTNER_REPLIES = {
    "resolved": [
        "Onze klachtenfunctionaris heeft de indiener gebeld. Er is een nieuwe afspraak "
        "gemaakt en de indiener is daar tevreden mee.",
        "Wij hebben excuses aangeboden en de achterstand ingehaald. De indiener bevestigde "
        "telefonisch dat het zo is opgelost.",
    ],
    "well_founded": [
        "Wij vinden de klacht terecht. De medewerker is erop aangesproken en de werkwijze "
        "voor terugbelverzoeken is aangepast.",
    ],
    "unfounded": [
        "Na gesprekken met de indiener en de medewerker vinden wij de klacht niet terecht. "
        "Wij hebben dat de indiener schriftelijk uitgelegd.",
    ],
    "own_procedure": [
        "De klacht is in behandeling bij onze klachtencommissie volgens onze eigen "
        "klachtenregeling. De indiener krijgt binnen zes weken een oordeel.",
    ],
    "not_reached": [
        "Wij hebben de indiener drie keer gebeld en een brief gestuurd, maar geen reactie "
        "gekregen.",
    ],
}
PARTNER_REPLY_WEIGHTS = {
    "resolved": 50,
    "well_founded": 14,
    "unfounded": 12,
    "own_procedure": 16,
    "not_reached": 8,
}
#: Who answers through the reply link.
PARTNER_REPLIERS = [
    "J. de Vries, klachtenfunctionaris",
    "M. Bosman, teamleider",
    "A. Öztürk, kwaliteitsmedewerker",
    "R. Peeters, klachtenfunctionaris",
]
CLOSE_FORWARDED_NOTES = [
    "De partner heeft teruggekoppeld; klager gebeld en die bevestigt dat het is opgelost.",
    "Terugkoppeling van de partner ontvangen: behandeld volgens de eigen klachtenregeling. "
    "Klager daarover geïnformeerd.",
]

#: Cooperation complaints: what each party tells, and the joint case discussion.
CONTRIBUTIONS = [
    "Wij hebben de aanmelding ontvangen, maar wachtten op een intake door de andere partij. "
    "Achteraf hadden wij de klager direct moeten bellen.",
    "Volgens ons dossier was de overdracht rond. Wij zien nu dat niemand de regie had en "
    "nemen die graag op ons.",
    "Onze medewerker heeft de klager doorverwezen zonder te controleren of de andere partij "
    "de zaak oppakte.",
]
JOINT_PARTICIPANTS = "Klager, {handler} (gemeente, regie), {partner1}, {partner2}"
JOINT_AGREEMENTS = [
    "{partner1} neemt de regie en belt klager binnen drie werkdagen. {partner2} levert de "
    "gegevens binnen een week aan. Over vier weken evalueren wij samen met klager.",
    "Er komt één contactpersoon voor klager. De partijen stemmen afspraken voortaan af in "
    "een gezamenlijk overleg; de gemeente bewaakt dat.",
]

REOPEN_REASONS = [
    "Klager belde: de afgesproken oplossing is toch niet uitgevoerd.",
    "Klager is ontevreden over de afhandeling (tevredenheidsvragen) en licht dat "
    "telefonisch toe; wij kijken er opnieuw naar.",
    "Er is nieuwe informatie waaruit blijkt dat het probleem nog speelt.",
]
SURVEY_COMMENTS = {
    1: ["Er is niets veranderd. Ik voel me niet serieus genomen."],
    2: ["Vriendelijk contact, maar de afspraak is niet nagekomen."],
    3: ["Het duurde lang, maar het is opgelost.", ""],
    4: ["Fijn dat ik gebeld werd.", ""],
    5: ["Snel en goed geholpen, dank u wel!", ""],
}
SURVEY_WEIGHTS = {1: 10, 2: 12, 3: 18, 4: 32, 5: 28}

# --------------------------------------------------------------------------------------
# Learning from complaints (issue 6): lessons, improvement measures, rule bottlenecks,
# case discussions and ombudsman cases. Days are counted back from today.

#: Share of closed complaints, per outcome, whose handler recorded a lesson.
LESSON_SHARE = {
    "well_founded": 0.9,
    "partly_well_founded": 0.9,
    "unfounded": 0.8,
    "no_judgment": 0.6,
    "resolved_informally": 0.7,
    "forwarded_to_partner": 0.5,
}
#: Cause (by its name in the default list) -> weight, per outcome.
LESSON_CAUSES = {
    "well_founded": {
        "Communicatie en informatie": 25,
        "Bejegening": 15,
        "Termijn niet gehaald": 20,
        "Fout in de uitvoering": 25,
        "Regel of beleid": 8,
        "Samenwerking tussen organisaties": 7,
    },
    "unfounded": {
        "Geen fout gevonden": 60,
        "Communicatie en informatie": 25,
        "Bejegening": 8,
        "Regel of beleid": 7,
    },
    "no_judgment": {"Geen fout gevonden": 50, "Anders": 30, "Regel of beleid": 20},
    "resolved_informally": {
        "Communicatie en informatie": 30,
        "Termijn niet gehaald": 20,
        "Fout in de uitvoering": 20,
        "Bejegening": 10,
        "Samenwerking tussen organisaties": 8,
        "Geen fout gevonden": 10,
        "Anders": 2,
    },
    "forwarded_to_partner": {
        "Samenwerking tussen organisaties": 30,
        "Communicatie en informatie": 30,
        "Termijn niet gehaald": 20,
        "Fout in de uitvoering": 20,
    },
}
LESSON_CAUSES["partly_well_founded"] = LESSON_CAUSES["well_founded"]
#: Norms of the Behoorlijkheidswijzer (codes of `complaints.norms.NORMS`) per cause.
LESSON_NORMS = {
    "Communicatie en informatie": ["good_information", "transparent", "listening"],
    "Bejegening": ["decent_treatment", "listening", "de_escalation"],
    "Termijn niet gehaald": ["promptness", "reliability"],
    "Fout in de uitvoering": ["professionalism", "good_organisation", "good_preparation"],
    "Regel of beleid": ["tailored", "proportionality", "reasonableness"],
    "Samenwerking tussen organisaties": ["cooperation", "good_organisation"],
    "Geen fout gevonden": [],
    "Anders": [],
}
#: What the handler wrote down, per cause ("" now and then: nothing to add).
LESSON_TEXTS = {
    "Communicatie en informatie": [
        "Leg in de eerste brief uit wat de inwoner kan verwachten en wanneer.",
        "De inwoner wist niet dat de aanvraag nog niet compleet was. Bel bij een "
        "onvolledige aanvraag in plaats van alleen een brief te sturen.",
        "Onze website gaf oude informatie. Tekst laten aanpassen.",
    ],
    "Bejegening": [
        "Het gesprek liep uit de hand. Even pauzeren en later terugbellen had geholpen.",
        "Excuses gemaakt. In het teamoverleg besproken hoe we boze bellers te woord staan.",
    ],
    "Termijn niet gehaald": [
        "De aanvraag lag weken stil door ziekte. Werkvoorraad bij afwezigheid overdragen.",
        "Wij beloofden terug te bellen en deden het niet. Terugbelafspraken in de agenda zetten.",
    ],
    "Fout in de uitvoering": [
        "Verkeerd adres in het systeem. Gegevens bij elk contact controleren.",
        "De melding is per ongeluk afgesloten. Afsluiten alleen na controle ter plaatse.",
        "Betaling te laat door een fout in de koppeling. Gemeld bij de applicatiebeheerder.",
    ],
    "Regel of beleid": [
        "De regel past niet bij deze situatie. Voorgelegd aan het casusoverleg.",
        "Binnen de regels kon het niet anders, maar de uitkomst voelt niet redelijk.",
    ],
    "Samenwerking tussen organisaties": [
        "Niemand had de regie tussen wijkteam en partner. Eén contactpersoon afspreken.",
        "De overdracht ging per e-mail en bleef liggen. Voortaan warm overdragen.",
    ],
    "Geen fout gevonden": [
        "Uitleg gegeven over de regels. Klager begrijpt het nu beter.",
        "Er ging niets mis, maar een snellere eerste reactie had de klacht voorkomen.",
    ],
    "Anders": ["Bijzondere situatie; geen algemene les."],
}

#: Improvement measures: (owner "department:<name>" or "partner:<slug>", title,
#: description, state, opened days ago, due days after opening, closed days ago or
#: None, result). Two open measures are past their due date.
MEASURES = [
    (
        "department:Klantcontactcentrum",
        "Terugbelverzoeken binnen twee werkdagen afhandelen",
        "Alle terugbelverzoeken komen in één werkbak. De teamleider kijkt elke dag of "
        "iedereen binnen twee werkdagen is teruggebeld.",
        "done",
        520,
        90,
        430,
        "Werkbak ingericht. Nu wordt 94% binnen twee werkdagen teruggebeld.",
    ),
    (
        "department:Werk en Inkomen",
        "Brief over terugvordering bijstand herschrijven in eenvoudige taal",
        "De brief is moeilijk te lezen. Herschrijven op taalniveau B1 en testen met inwoners.",
        "done",
        410,
        120,
        300,
        "De nieuwe brief is in gebruik. Een lezerspanel van vijf inwoners heeft hem getest.",
    ),
    (
        "partner:schuldhulp-vangstad",
        "Wachttijd voor een eerste gesprek schuldhulp naar drie weken",
        "Inwoners wachten nu soms acht weken op een eerste gesprek. De stichting zet een "
        "extra intakemedewerker in.",
        "in_progress",
        200,
        365,
        None,
        "",
    ),
    (
        "department:Beheer Openbare Ruimte",
        "Melder krijgt bericht als een melding openbare ruimte is afgehandeld",
        "Melders hoorden niets en meldden opnieuw. Het meldingensysteem stuurt voortaan "
        "een e-mail bij afhandeling.",
        "done",
        340,
        150,
        190,
        "Sinds de aanpassing daalde het aantal herhaalde meldingen met een derde.",
    ),
    (
        "partner:afvalbedrijf-vangland",
        "Gemiste containers binnen 48 uur alsnog legen",
        "Als een container is vergeten, leegt de chauffeur hem binnen twee werkdagen en "
        "krijgt de melder bericht.",
        "open",
        150,
        120,
        None,
        "",
    ),
    (
        "department:Belastingen",
        "Aanvraagformulier kwijtschelding eenvoudiger maken",
        "Minder vragen, en duidelijk welke bewijsstukken echt nodig zijn.",
        "in_progress",
        160,
        140,
        None,
        "",
    ),
    (
        "partner:regiotaxi-vangland",
        "Reizigers bellen bij meer dan 15 minuten vertraging",
        "De centrale belt de reiziger zelf als de taxi meer dan een kwartier later komt.",
        "open",
        60,
        120,
        None,
        "",
    ),
    (
        "department:Zorg en Jeugd",
        "Vaste contactpersoon voor elke Wmo-aanvraag",
        "Elke aanvrager krijgt één contactpersoon bij de gemeente.",
        "cancelled",
        380,
        180,
        250,
        "Vervallen: de wijkteams geven elke aanvrager al één vaste contactpersoon (zie "
        "de maatregel van de wijkteams).",
    ),
    (
        "partner:wijkteams-vangstad",
        "Warme overdracht tussen wijkteam en schuldhulp",
        "Bij geldzorgen maakt de wijkteammedewerker samen met de inwoner de afspraak bij "
        "schuldhulp en gaat mee naar het eerste gesprek.",
        "done",
        250,
        90,
        150,
        "Werkafspraak vastgelegd en met alle wijkteams besproken.",
    ),
    (
        "department:Vergunningen, Toezicht en Handhaving",
        "Omwonenden informeren over een handhavingsverzoek",
        "Wie een handhavingsverzoek doet, hoort binnen twee weken wat de gemeente ermee doet.",
        "open",
        30,
        90,
        None,
        "",
    ),
    (
        "department:Parkeren en Mobiliteit",
        "Bezwaar tegen een parkeerboete ook online indienen",
        "Een online formulier naast de brief.",
        "done",
        600,
        200,
        480,
        "Het formulier staat op de website. Twee derde van de bezwaren komt nu online.",
    ),
    (
        "department:Klantcontactcentrum",
        "Medewerkers trainen in de-escalerende gesprekken",
        "Alle medewerkers aan de telefoon en de balie volgen een training van twee dagdelen.",
        "in_progress",
        90,
        120,
        None,
        "",
    ),
]

#: Case discussions: (held days ago, subject, participants, departments, partner slugs,
#: agreements, [(action, owner, due days after, done days after or None)]).
CASE_DISCUSSIONS = [
    (
        420,
        "Jongeren en inkomen",
        "Marieke Jansen (klachtcoördinator, voorzitter), Daan Verhoeven (Werk en Inkomen), "
        "Sanne Bakker (Zorg en Jeugd), teamleider Stichting Sociale Wijkteams Vangstad, "
        "beleidsadviseur Participatiewet, oliemannetje sociaal domein",
        ["Werk en Inkomen", "Zorg en Jeugd"],
        ["wijkteams-vangstad"],
        "Jongeren die uit jeugdhulp komen en geen vangnet hebben, krijgen geen zoektermijn "
        "van vier weken. De klantmanager beslist dat zelf. Het wijkteam meldt zulke "
        "jongeren vooraf aan bij Werk en Inkomen.",
        [
            (
                "Werkinstructie zoektermijn aanvullen met de uitzondering.",
                "Werk en Inkomen, teamleider klantmanagers",
                42,
                30,
            ),
            (
                "Jongeren die uit jeugdhulp komen vooraf aanmelden bij Werk en Inkomen.",
                "Stichting Sociale Wijkteams Vangstad",
                60,
                55,
            ),
        ],
    ),
    (
        260,
        "Geldzaken en parkeren",
        "Marieke Jansen (klachtcoördinator, voorzitter), Peter van Dijk (Belastingen), "
        "Ayşe Yılmaz (Parkeren en Mobiliteit), Kees Mulder (Werk en Inkomen), "
        "klachtenfunctionaris Stichting Schuldhulp Vangstad, Belastingsamenwerking Vangland",
        ["Belastingen", "Parkeren en Mobiliteit", "Werk en Inkomen"],
        ["schuldhulp-vangstad", "belastingsamenwerking-vangland"],
        "Voor kwijtschelding is voortaan ook een saldo-overzicht van de bank of een "
        "verklaring van de schuldhulpverlener genoeg. De regel van één bewonersvergunning "
        "per adres blijft; in de afwijzing wijzen wij op de bezoekersregeling.",
        [
            (
                "Beleidsregel kwijtschelding aanpassen en publiceren.",
                "Belastingen, beleidsadviseur",
                60,
                48,
            ),
            (
                "Afwijzingsbrief parkeervergunning aanvullen met de bezoekersregeling.",
                "Parkeren en Mobiliteit",
                30,
                None,
            ),
        ],
    ),
    (
        130,
        "Wmo en hulpmiddelen",
        "Marieke Jansen (klachtcoördinator, voorzitter), Sanne Bakker (Zorg en Jeugd), "
        "Hulpmiddelencentrum Mobiel Vangland, Thuiszorg De Lindeboom, "
        "Wmo-consulent, oliemannetje sociaal domein",
        ["Zorg en Jeugd"],
        ["hulpmiddelencentrum-mobiel", "thuiszorg-lindeboom"],
        "Een traplift in een huurwoning kan ook als verhuizen voor de inwoner geen "
        "redelijke oplossing is. De verordening wordt daarop aangepast. Het "
        "hulpmiddelencentrum belt voortaan binnen een week na de aanvraag.",
        [
            (
                "Voorstel wijziging Verordening maatschappelijke ondersteuning.",
                "Zorg en Jeugd, beleidsadviseur Wmo",
                90,
                None,
            ),
            (
                "Binnen een week na de aanvraag bellen.",
                "Hulpmiddelencentrum Mobiel Vangland",
                21,
                20,
            ),
        ],
    ),
    (
        25,
        "Terugvordering en openbare ruimte",
        "Marieke Jansen (klachtcoördinator, voorzitter), Daan Verhoeven (Werk en Inkomen), "
        "Mohamed El Amrani (Beheer Openbare Ruimte), Afvalbedrijf Vangland, "
        "jurist Werk en Inkomen",
        ["Werk en Inkomen", "Beheer Openbare Ruimte"],
        ["afvalbedrijf-vangland"],
        "Over terugvordering na een fout van de gemeente besluiten wij in het volgende "
        "overleg, na advies van de jurist. Grofvuil kan ook telefonisch worden "
        "aangemeld; het afvalbedrijf zoekt uit wat dat kost.",
        [
            (
                "Advies over afzien van terugvordering bij een fout van de gemeente.",
                "Werk en Inkomen, jurist",
                30,
                None,
            ),
            (
                "Kosten van telefonisch aanmelden grofvuil uitzoeken.",
                "Afvalbedrijf Vangland",
                45,
                None,
            ),
        ],
    ),
]

#: Rule bottlenecks: (department of the complaint, rule, problem, proposal, discussion
#: index or None, raised days ago when not discussed, decision, decision note,
#: follow-up, follow-up done days after the decision or None).
BOTTLENECKS = [
    (
        "Werk en Inkomen",
        "Participatiewet: zoektermijn van vier weken voor jongeren onder de 27",
        "Een jongere die net uit een jeugdhulpinstelling komt, heeft vier weken geen "
        "inkomen en dreigt zijn kamer kwijt te raken.",
        "De zoektermijn niet toepassen bij jongeren die uit jeugdhulp komen en geen "
        "vangnet hebben.",
        0,
        None,
        "exception",
        "Uitzondering gemaakt voor deze jongere. De klantmanager mag dit voortaan zelf beslissen.",
        "Werkinstructie aanvullen.",
        30,
    ),
    (
        "Belastingen",
        "Kwijtschelding alleen met bankafschriften van de laatste drie maanden",
        "Inwoners zonder internetbankieren krijgen de afschriften niet op tijd. Hun "
        "aanvraag wordt afgewezen als onvolledig.",
        "Ook een saldo-overzicht van de bank of een verklaring van de "
        "schuldhulpverlener accepteren.",
        1,
        None,
        "changed",
        "De beleidsregel wordt aangepast.",
        "Beleidsregel aanpassen en op de website zetten.",
        48,
    ),
    (
        "Parkeren en Mobiliteit",
        "Eén bewonersvergunning per adres",
        "Een mantelzorger komt elke dag bij zijn moeder en betaalt elke dag parkeergeld.",
        "Een mantelzorgvergunning invoeren.",
        1,
        None,
        "stays",
        "De regel blijft: de parkeerdruk in het centrum is te hoog. Klager kan de "
        "bezoekersregeling met korting gebruiken.",
        "De bezoekersregeling noemen in de afwijzingsbrief.",
        None,
    ),
    (
        "Zorg en Jeugd",
        "Wmo: traplift alleen als verhuizen niet mogelijk is",
        "Een oudere inwoner moet verhuizen uit de wijk waar haar mantelzorgers wonen, "
        "omdat een traplift in een huurwoning niet wordt vergoed.",
        "Ook naar het netwerk van de inwoner kijken, niet alleen naar de woning.",
        2,
        None,
        "changed",
        "De verordening wordt aangepast; tot die tijd beslist de consulent met maatwerk.",
        "Voorstel wijziging verordening naar de raad.",
        None,
    ),
    (
        "Werk en Inkomen",
        "Terugvorderen van bijstand, ook als de gemeente de fout maakte",
        "Klager gaf zijn inkomen op tijd door, maar de gemeente verwerkte het te laat. "
        "Nu moet hij € 1.800 terugbetalen.",
        "Afzien van terugvordering als de fout bij de gemeente ligt.",
        3,
        None,
        "",
        "",
        "",
        None,
    ),
    (
        "Beheer Openbare Ruimte",
        "Grofvuil alleen ophalen na een afspraak via de website",
        "Oudere inwoners zonder computer kunnen geen afspraak maken en zetten het "
        "grofvuil dan toch buiten.",
        "Aanmelden ook telefonisch via het Klantcontactcentrum.",
        None,
        40,
        "",
        "",
        "",
        None,
    ),
    (
        "Vergunningen, Toezicht en Handhaving",
        "Handhavingsverzoek alleen van een direct belanghebbende",
        "Een buurtvereniging meldt overlast namens tien bewoners, maar het verzoek wordt "
        "niet in behandeling genomen.",
        "Een verzoek van een vereniging namens bewoners ook behandelen.",
        None,
        10,
        "",
        "",
        "",
        None,
    ),
]

#: Ombudsman cases (all with the Nationale ombudsman, the body's second line):
#: (received days ago, days until closed or None, kind, outcome, with a complaint,
#: summary, outcome note, [(recommendation, respond weeks, response, answered days after
#: it was made or None, response text)]). Recommendations are made on the closing day.
OMBUDSMAN_CASES = [
    (
        600,
        20,
        "intervention",
        "intervention",
        True,
        "Klager wacht al maanden op een besluit over bijzondere bijstand.",
        "Na een telefoontje van de ombudsman besliste de gemeente binnen een week.",
        [],
    ),
    (
        430,
        100,
        "investigation",
        "report",
        True,
        "Terugvordering van bijstand nadat de gemeente een inkomenswijziging te laat verwerkte.",
        "Rapport: de klacht is gegrond op het punt van voortvarendheid.",
        [
            (
                "Maak bij een terugvordering duidelijk welk deel door een fout van de "
                "gemeente komt, en zie daarvan af.",
                8,
                "followed",
                40,
                "De werkinstructie is aangepast. Klager hoeft € 600 niet terug te betalen.",
            ),
            (
                "Bied klager excuses aan.",
                4,
                "followed",
                10,
                "De teamleider heeft klager bezocht en excuses aangeboden.",
            ),
        ],
    ),
    (
        360,
        10,
        "intervention",
        "not_admissible",
        False,
        "Klacht over de aanpak van een bouwproject in de wijk.",
        "Klager had de klacht nog niet bij de gemeente ingediend. De ombudsman verwees "
        "hem naar de gemeente.",
        [],
    ),
    (
        300,
        180,
        "report",
        "report",
        True,
        "Bereikbaarheid van het Wmo-loket en de afspraken uit het keukentafelgesprek.",
        "Rapport met twee aanbevelingen.",
        [
            (
                "Zorg dat inwoners binnen twee werkdagen worden teruggebeld.",
                8,
                "partly",
                50,
                "Het Klantcontactcentrum belt terug binnen twee werkdagen; voor de "
                "Wmo-consulenten lukt dat nog niet altijd.",
            ),
            (
                "Vergoed de kosten die klager maakte door de late beslissing.",
                8,
                "not_followed",
                63,
                "De gemeente vindt dat de kosten niet door de late beslissing komen. Dat "
                "is klager uitgelegd.",
            ),
        ],
    ),
    (
        250,
        60,
        "investigation",
        "other",
        True,
        "Klacht over de afhandeling van een melding over overlast van een buurman.",
        "Klager trok het verzoek in nadat de gemeente een nieuw gesprek aanbood.",
        [],
    ),
    (
        200,
        175,
        "report",
        "report",
        True,
        "Een parkeerboete die bleef staan terwijl de parkeerautomaat defect was.",
        "Rapport met één aanbeveling; de reactie van de gemeente volgt.",
        [
            (
                "Controleer bij een bezwaar tegen een parkeerboete eerst of de automaat werkte.",
                8,
                "",
                None,
                "",
            ),
        ],
    ),
    (
        12,
        None,
        "intervention",
        "",
        True,
        "Klager vindt dat de gemeente zijn klacht over de wijkteams te snel afsloot.",
        "",
        [],
    ),
]
