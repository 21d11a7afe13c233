"""The small template language of the editable letter texts: only the allowed tags,
filters and variables, everything escaped, clear Dutch messages for the rest."""

import pytest

from vangnet.letters import samples, templating
from vangnet.letters.models import Letter
from vangnet.letters.services import text_variables

ACK = Letter.Kind.ACKNOWLEDGEMENT


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("{% load i18n %}Hallo", "{% load %} kunt u hier niet gebruiken"),
        ('{% include "letters/base.html" %}', "{% include %} kunt u hier niet gebruiken"),
        ('{% extends "letters/base.html" %}', "{% extends %} kunt u hier niet gebruiken"),
        ("{% debug %}", "{% debug %} kunt u hier niet gebruiken"),
        ("{% autoescape off %}{{ naam }}{% endautoescape %}", "{% autoescape %} kunt u"),
        ("{% url 'admin:index' %}", "{% url %} kunt u hier niet gebruiken"),
        ("{% for x in naam %}{% endfor %}", "{% for %} kunt u hier niet gebruiken"),
        ("{{ naam|safe }}", "het filter |safe kunt u hier niet gebruiken"),
        ("{{ klant }}", "de variabele {{ klant }} bestaat niet in deze brief"),
        ("{% if klant %}x{% endif %}", "de variabele {{ klant }} bestaat niet"),
        ("{% if naam == klant %}x{% endif %}", "de variabele {{ klant }} bestaat niet"),
        ("{{ naam|default:klant }}", "de variabele {{ klant }} bestaat niet"),
        ("{% firstof klant naam %}", "de variabele {{ klant }} bestaat niet"),
        ("{{ complaint.complainant_email }}", "{{ complaint.complainant_email }} kan niet"),
        ("{{ naam.upper }}", "Gebruik een variabele zonder punt"),
        ("{% if naam %}x", "bij {% if %} ontbreekt het einde, {% endif %}"),
        ("Beste {{ naam }", "hier staat een {{, }}, {% of %} die niet klopt"),
        # Variables of another kind are unknown here.
        ("{{ nieuwe_termijn }}", "de variabele {{ nieuwe_termijn }} bestaat niet"),
    ],
)
def test_refused_with_a_dutch_message(source, message):
    errors = templating.check(ACK, source)
    assert errors, source
    assert any(message in error for error in errors), errors
    assert all("U kunt deze variabelen gebruiken" in e for e in errors if "bestaat niet" in e)


def test_message_names_the_line():
    errors = templating.check(ACK, "Beste {{ naam }},\n\nUw klacht {{ kenmerk }}.\n{{ klant }}")
    assert errors == [
        "Regel 4: de variabele {{ klant }} bestaat niet in deze brief. U kunt deze variabelen "
        "gebruiken: naam, kenmerk, datum_ontvangst, datum_brief, gemeente, bestuursorgaan, "
        "behandelaar, uiterlijk_contact, uiterlijk_antwoord."
    ]


@pytest.mark.parametrize(
    "source",
    [
        "",
        "Gewone tekst zonder variabelen.",
        "Beste {{ naam }}, uw kenmerk is {{ kenmerk }}.",
        "{% if behandelaar %}Uw behandelaar is {{ behandelaar }}.{% else %}Nog niemand.{% endif %}",
        "{% firstof behandelaar 'een medewerker' %} belt u.",
        "{{ naam|upper }} {{ gemeente|default:'de gemeente' }}",
        "{# een opmerking #}{% comment %}{{ wat dan ook }}{% endcomment %}Tekst",
    ],
)
def test_allowed(source):
    assert templating.check(ACK, source) == []


@pytest.mark.parametrize("kind", Letter.Kind.values)
def test_the_defaults_pass_the_check(kind):
    texts = templating.default_texts(kind)
    for source in (texts.subject, texts.opening, texts.closing):
        assert templating.check(kind, source) == []


def test_text_is_escaped_and_split_into_paragraphs():
    html = templating.render_text(
        "Beste {{ naam }}, <b>dit</b> & dat\nnieuwe regel\n\nNieuwe alinea.",
        {"naam": "<script>alert(1)</script>"},
    )
    assert html == (
        "<p>Beste &lt;script&gt;alert(1)&lt;/script&gt;, &lt;b&gt;dit&lt;/b&gt; &amp; dat<br>"
        "nieuwe regel</p>\n\n<p>Nieuwe alinea.</p>"
    )
    assert templating.render_text("   \n ", {}) == ""
    # Quoted text in the template is plain text too.
    html = templating.render_text(
        '{{ naam|default:"<b>x</b>" }} {% firstof behandelaar "<i>y</i>" %}',
        {"naam": "", "behandelaar": ""},
    )
    assert html == "<p>&lt;b&gt;x&lt;/b&gt; &lt;i&gt;y&lt;/i&gt;</p>"
    html = templating.render_text('{{ naam|yesno:"<ja>,nee" }}', {"naam": "x"})
    assert html == "<p>&lt;ja&gt;</p>"


def test_subject_is_one_line_of_plain_text():
    subject = templating.render_subject("Klacht {{ kenmerk }}\n & <meer>", {"kenmerk": "2026-1"})
    assert subject == "Klacht 2026-1 & <meer>"


@pytest.mark.django_db
@pytest.mark.parametrize("kind", Letter.Kind.values)
def test_documented_variables_are_the_ones_a_letter_gets(kind):
    """The list the administrator sees is exactly what the letter fills in, and each
    variable has a value for the sample complaint."""
    letter = samples.sample_letter(kind)
    values = text_variables(kind, letter.context)
    assert list(values) == [variable.name for variable in templating.variables_of(kind)]
    assert all(values.values()), values
    assert all(variable.description for variable in templating.variables_of(kind))


@pytest.mark.django_db
@pytest.mark.parametrize("kind", Letter.Kind.values)
def test_every_variable_can_be_used_in_a_text(kind):
    names = [variable.name for variable in templating.variables_of(kind)]
    source = "\n".join(f"{name}=[{{{{ {name} }}}}]" for name in names)
    assert templating.check(kind, source) == []
    texts = templating.Texts(subject="{{ kenmerk }}", opening=source, closing="")
    letter = samples.sample_letter(kind, texts=texts)
    for name in names:
        assert f"{name}=[]" not in letter.html
        assert f"{name}=[" in letter.html
