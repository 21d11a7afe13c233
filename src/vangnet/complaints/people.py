"""Who a complaint is about and who hears of it: the rules about the people around a
complaint that several modules need (Awb 9:7 and 9:9)."""

from .models import Complaint


def is_person_complained_about(complaint: Complaint, user) -> bool:
    """Awb 9:7: whether `user` is the person whose conduct the complaint is about (by
    the user link, or by the name registered)."""
    if user is None:
        return False
    if complaint.person_complained_about_user_id == user.pk:
        return True
    name = (complaint.person_complained_about or "").strip().casefold()
    return bool(name) and name == user.get_full_name().strip().casefold()


def person_complained_about_email(complaint: Complaint) -> str:
    """Where a copy for the person complained about goes (Awb 9:9): their own address
    when they are a user with one, else their department's. Empty: no e-mail known."""
    user = complaint.person_complained_about_user
    if user is not None and user.email:
        return user.email
    if complaint.department_id and complaint.department.email:
        return complaint.department.email
    return ""


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
