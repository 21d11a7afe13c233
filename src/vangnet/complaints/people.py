"""Who a complaint is about and who hears of it: the rules about the people around a
complaint that several modules need (Awb 9:7 and 9:9)."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .models import Complaint, SubjectType


def is_person_complained_about(complaint: Complaint, user) -> bool:
    """Awb 9:7: whether `user` is the person whose conduct the complaint is about (by
    the user link, or by the name registered)."""
    if user is None:
        return False
    if complaint.person_complained_about_user_id == user.pk:
        return True
    name = (complaint.person_complained_about or "").strip().casefold()
    return bool(name) and name == user.get_full_name().strip().casefold()


@dataclass(frozen=True)
class CopyRecipient:
    """Who gets a copy the law requires (Awb 9:9, 9:10) and where: `email` empty when
    Vangnet knows no address (the copy must go another way)."""

    name: str
    email: str


def copy_recipients(complaint: Complaint) -> list[CopyRecipient]:
    """Whose conduct the complaint is about, each with the address a copy goes to:
    the person complained about (their own address as a user, else their department's);
    else the department; else the partner (its address for forwarded complaints, else
    its complaint address); for a cooperation complaint the department (if any) and
    every involved partner. Empty: nobody is named (the municipality as a whole)."""
    department = complaint.department if complaint.department_id else None
    user = complaint.person_complained_about_user
    if complaint.person_complained_about or user is not None:
        email = (user.email if user is not None else "") or (department.email if department else "")
        return [CopyRecipient(person_complained_about_name(complaint), email)]
    if complaint.subject_type == SubjectType.COOPERATION:
        parties = [CopyRecipient(department.name, department.email)] if department else []
        if complaint.pk:
            parties += [
                CopyRecipient(partner.name, partner.forward_address)
                for partner in complaint.involved_partners.order_by("name")
            ]
        return parties
    if department is not None:
        return [CopyRecipient(department.name, department.email)]
    if complaint.partner_id:
        return [CopyRecipient(complaint.partner.name, complaint.partner.forward_address)]
    return []


def person_complained_about_email(complaint: Complaint) -> str:
    """The first address a copy for the person complained about goes to (see
    `copy_recipients`). Empty: no e-mail known."""
    return next((r.email for r in copy_recipients(complaint) if r.email), "")


def is_a_person(complaint: Complaint) -> bool:
    """Whether the complaint is about a person (a staff member), not an organisation."""
    return bool(complaint.person_complained_about or complaint.person_complained_about_user_id)


def complained_about_anyone(complaint: Complaint) -> bool:
    """Whether the complaint names whose conduct it is about (a person, a department, a
    partner, the parties of a cooperation complaint): they have the right to be heard
    (Awb 9:10 lid 1) and to copies (9:9)."""
    return is_a_person(complaint) or bool(copy_recipients(complaint))


def complained_about_words(complaint: Complaint) -> str:
    """How a letter names whose conduct the complaint is about: "de medewerker" only
    when a person is complained about, else the organisation (the department, the
    partner, the parties of a cooperation complaint, or the municipality)."""
    if is_a_person(complaint):
        return str(_("de medewerker over wie uw klacht gaat"))
    names = [recipient.name for recipient in copy_recipients(complaint)]
    if len(names) == 1:
        return names[0]
    if names:
        return _("%(names)s en %(last)s") % {"names": ", ".join(names[:-1]), "last": names[-1]}
    return str(_("de gemeente"))


def person_complained_about_name(complaint: Complaint) -> str:
    """How the person complained about is named: the name registered, the user, else
    the department or partner whose conduct it is."""
    if complaint.person_complained_about:
        return complaint.person_complained_about
    user = complaint.person_complained_about_user
    if user is not None:
        return user.get_full_name() or user.get_username()
    if complaint.department_id:
        return complaint.department.name
    if complaint.partner_id:
        return complaint.partner.name
    return ""


def complainant_email(complaint: Complaint) -> str:
    """Where e-mail about the complaint goes: the complainant's address, else the
    representative's. Empty: by post."""
    return (complaint.complainant_email or complaint.representative_email or "").strip()


def complainant_postal_address(complaint: Complaint) -> bool:
    """Whether a letter can go by post: a street and a postcode or place."""
    street = (complaint.complainant_street or "").strip()
    place = (complaint.complainant_postcode or complaint.complainant_city or "").strip()
    return bool(street and place)


def can_receive_letters(complaint: Complaint) -> bool:
    """Whether the complainant can be written to at all: an e-mail address (theirs or the
    representative's) or a postal address. Not so for an anonymous complaint or a phone
    call without details: then no acknowledgement can be sent (Awb 9:6)."""
    return bool(complainant_email(complaint)) or complainant_postal_address(complaint)
