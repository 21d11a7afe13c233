"""What an action on a complaint is, and the registry that holds every one.

An action is declared once, as a subclass of `ComplaintAction` in its own module under
`handling/actions/`, decorated with `@register`. The declaration says everything the
rest of Vangnet needs to know about it:

- `name`, `label`: how it is called in code and on screen;
- `permission`: the rule (`core.permissions`) the actor needs on the complaint;
- `step`: for a step of the Awb procedure, the `workflow.Step`: the transition table
  (`complaints.workflow.TRANSITIONS`, the one table of states) then says from which
  states it is allowed and where it leads;
- `when_closed`: whether a closed complaint (or a message that is no complaint) allows
  it; otherwise it is refused (`refused`);
- `refusal(complaint)`: a further condition of the complaint (a cooperation complaint, an
  extension not used yet ...), with the message that says why not;
- `input`: the one form that parses its input, on the page and (converted) in the API;
- `apply(ctx)`: the handler: checks the rules, writes, sends its letters, and returns
  the timeline record (`Done`);
- `event`: the timeline action it writes; `letters`: the letter kinds it may send;
- where it shows: `placement` and `page_path` on the complaint page, `api_path`,
  `api_flag` and the OpenAPI texts in the API.

The guard (`guard.perform`) runs every action the same way; `available.available_actions`
says which actions a user may take on a complaint now, for the page and the API alike.
"""

from dataclasses import dataclass, field
from typing import Any, ClassVar

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from vangnet.complaints.models import Complaint
from vangnet.complaints.workflow import HANDLE, OPEN_STATES, Step, get_transition
from vangnet.core.errors import Errors

#: Where an action shows on the complaint page.
PROCEDURE = "procedure"  # the main path of the procedure ("Behandelen")
OTHER_ENDINGS = "other_endings"  # steps that end the complaint another way
TERM = "term"  # the term (Awb 9:11)
COOPERATION = "cooperation"  # the records of a cooperation complaint
SIDE = "side"  # the actions column
NOWHERE = ""  # not on the complaint page (the resident's, the partner's)
PLACEMENTS = (PROCEDURE, OTHER_ENDINGS, TERM, COOPERATION, SIDE)


#: The code of a `ValidationError` that says the complaint does not allow the action now
#: (its state, closed, not a complaint, a condition of the action). The API answers 409.
REFUSED = "refused"
#: The code of a `ValidationError` that says this actor may not take this action on this
#: complaint, for a reason of the complaint (Awb 9:7). The API answers 403.
NOT_PERMITTED = "not_permitted"


def refused(message, *, field_name: str = "step") -> ValidationError:
    """The error for an action the complaint does not allow now. A `ValidationError`
    keyed by `field_name`, so the page shows it next to the right field; its code says
    it is a refusal (`refusal_in`)."""
    return ValidationError({field_name: [ValidationError(message, code=REFUSED)]})


def not_permitted(message, *, field_name: str = "step") -> ValidationError:
    return ValidationError({field_name: [ValidationError(message, code=NOT_PERMITTED)]})


def _coded(error: ValidationError, code: str) -> str | None:
    for item in getattr(error, "error_list", []) or []:
        if getattr(item, "code", None) == code:
            return str(item.message % item.params if item.params else item.message)
    if hasattr(error, "error_dict"):
        for items in error.error_dict.values():
            for item in items:
                if getattr(item, "code", None) == code:
                    message = item.message % item.params if item.params else item.message
                    return str(message)
    return None


def refusal_in(error: ValidationError) -> str | None:
    """The message of a refusal (`refused`) in `error`, or None."""
    return _coded(error, REFUSED)


def not_permitted_in(error: ValidationError) -> str | None:
    return _coded(error, NOT_PERMITTED)


@dataclass
class Context:
    """What an action's handler gets: the locked complaint, who acts (None: the system
    or the resident), the parsed input, and a place for errors."""

    action: "ComplaintAction"
    complaint: Complaint
    actor: Any
    data: dict
    errors: Errors = field(default_factory=Errors)
    #: Set by a closing step that derives its outcome (the conclusion).
    outcome: str = ""
    #: Set by a step whose input decides where it goes: one of its transition's
    #: `alternatives` (the acknowledgement that could not be sent).
    target: str = ""
    #: Anything the handler wants to pass to `after` (a checked lesson ...).
    extra: dict = field(default_factory=dict)


@dataclass
class Done:
    """What an action did, for the timeline and the caller: the record line, the
    changes (field -> (before, after)), the object it made (a forward, a contribution,
    stored attachments ...). `log=False`: nothing happened worth a line (assigning the
    handler the complaint already has)."""

    summary: Any = ""
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    record: Any = None
    log: bool = True


@dataclass
class Result:
    """What `perform` returns: the complaint as saved and the action's own record."""

    complaint: Complaint
    record: Any = None
    #: The draft letter that waits for sign-off instead of the step (`signoff`).
    prepared: Any = None


class ComplaintAction:
    """Base of every action; see the module's docstring."""

    name: ClassVar[str]
    label: ClassVar[Any]
    event: ClassVar[str]
    permission: ClassVar[str | None] = HANDLE
    step: ClassVar[str | None] = None
    when_closed: ClassVar[bool] = False
    input: ClassVar[type[forms.Form] | None] = None
    letters: ClassVar[tuple[str, ...]] = ()
    #: Awb 9:7: the person complained about never takes a step of the procedure.
    forbids_person_complained_about: ClassVar[bool] = False
    #: Who acts: staff with `permission`, or (False) someone the caller authorised by a
    #: secret link (the resident's status link, the partner's reply link).
    by_staff: ClassVar[bool] = True

    # --- the complaint page
    placement: ClassVar[str] = NOWHERE
    page_path: ClassVar[str] = ""
    help: ClassVar[Any] = ""
    button: ClassVar[Any] = None
    #: The page's template for this action's form (`None`: the placement's default).
    template: ClassVar[str | None] = None
    #: The message after the action succeeded on the page.
    done_message: ClassVar[Any] = None

    # --- the API
    api_path: ClassVar[str | None] = None
    api_flag: ClassVar[str | None] = None
    api_operation: ClassVar[str | None] = None
    api_summary: ClassVar[str] = ""
    api_description: ClassVar[str] = ""
    api_created: ClassVar[bool] = False
    #: The request body's name in the OpenAPI file (default: the action's name in
    #: CamelCase), kept stable for the API's clients.
    api_component: ClassVar[str | None] = None
    #: The request formats: ("json",), ("multipart",) for files, or both.
    api_formats: ClassVar[tuple[str, ...]] = ("json",)
    #: The message when a closed complaint (or a non-complaint) refuses it.
    closed_message: ClassVar[Any] = _("Deze klacht is afgesloten.")
    #: The input field a refusal is reported on (besides the API's 409 `detail`).
    refusal_field: ClassVar[str] = "step"

    # --- what the guard asks --------------------------------------------------------

    def refusal(self, complaint: Complaint, actor) -> str | None:
        """Why the complaint does not allow this action now, beyond its state; None
        when it does. Override for conditions such as 'a cooperation complaint'.
        `actor` may be None (the system, the resident)."""
        return None

    def state_refusal(self, complaint: Complaint) -> str | None:
        """Why the complaint's kind or state does not allow this action, or None."""
        if self.step is not None:
            if not complaint.is_complaint or get_transition(complaint.state, self.step) is None:
                return step_refusal_message(complaint, self.step)
            return None
        if self.when_closed:
            return None
        if not complaint.is_complaint:
            return not_a_complaint_message(complaint)
        if complaint.state not in OPEN_STATES:
            return str(self.closed_message)
        return None

    def why_not(self, complaint: Complaint, actor=None, *, approving: bool = False) -> str | None:
        """Everything about the complaint that refuses the action now (state first); for
        an action that sends letters, also a draft of it waiting for sign-off, unless
        the step is being taken for that approved draft (`approving`, `signoff`)."""
        reason = self.state_refusal(complaint) or self.refusal(complaint, actor)
        if reason or approving or not self.letters:
            return reason
        from .signoff import draft_refusal

        return draft_refusal(self, complaint)

    def apply(self, ctx: Context) -> Done:  # pragma: no cover - every action has one
        raise NotImplementedError

    def after(self, ctx: Context) -> None:
        """Runs after the state moved and the event is written (in the transaction)."""

    # --- what the surfaces ask ------------------------------------------------------

    def make_form(self, complaint: Complaint | None = None, data=None, files=None, **kwargs):
        """The input form, bound to `data`/`files` or empty."""
        if self.input is None:
            return forms.Form(data, files, **kwargs)
        return self.input(data, files, **kwargs)

    def page_form(self, complaint: Complaint, records: dict, data=None, files=None):
        """The form on the complaint page: bound to the posted input, or empty with its
        starting values; ids unique on the page; adapted to the complaint."""
        initial = self.initial(complaint, records) if data is None else {}
        form = self.make_form(complaint, data, files, auto_id=f"{self.name}_%s", initial=initial)
        self.adapt_form(form, complaint, records)
        return form

    def initial(self, complaint: Complaint, records: dict) -> dict:
        """What the page's empty form starts with (`records`: what the complaint page
        already read, `backoffice.complaint_page.records`)."""
        return {}

    def adapt_form(self, form: forms.Form, complaint: Complaint, records: dict) -> None:
        """Adjust the page's form to the complaint (leave out fields that do not apply).
        `records` is empty for a posted form: read what is needed then."""

    def arguments(self, cleaned: dict) -> dict:
        """The handler's `data` from a valid form's or serializer's cleaned data."""
        return dict(cleaned)

    def message(self, result: Result) -> str:
        """The message after the action succeeded on the page."""
        if result.prepared is not None:
            return str(
                _(
                    "De brief wacht op ondertekening door de klachtcoördinator of een "
                    "gemandateerd ondertekenaar; hij is nog niet verstuurd."
                )
            )
        if self.done_message is not None:
            return str(self.done_message)
        return str(_("De status is nu ‘%(state)s’.")) % {
            "state": result.complaint.get_state_display()
        }

    @property
    def operation_id(self) -> str:
        return self.api_operation or f"complaints_{self.name}"


class ProcedureStep(ComplaintAction):
    """A step of the Awb procedure (`workflow.Step`): allowed from the states the
    transition table says, never by the person complained about (Awb 9:7), shown in
    the procedure on the complaint page (`placement`) and with an endpoint of its own in
    the API. Its name, label, timeline event and operation id follow from the step."""

    forbids_person_complained_about = True
    placement = PROCEDURE
    #: The step a handler most likely takes next in these states: its form opens.
    next_in: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        step = cls.__dict__.get("step")
        if step is not None:
            for attribute, value in (
                ("name", str(step)),
                ("label", Step(step).label),
                ("event", str(step)),
            ):
                if attribute not in cls.__dict__:
                    setattr(cls, attribute, value)

    def target(self, complaint: Complaint) -> str | None:
        transition = get_transition(complaint.state, self.step)
        return transition.target_for(complaint.state) if transition else None

    def closes(self, complaint: Complaint) -> bool:
        transition = get_transition(complaint.state, self.step)
        return bool(transition and transition.closes)


def not_a_complaint_message(complaint: Complaint) -> str:
    return str(_("Een %(kind)s wordt niet behandeld als klacht.")) % {
        "kind": complaint.get_kind_display().lower()
    }


def step_refusal_message(complaint: Complaint, step: str) -> str:
    """Why a step cannot be taken: not a complaint, or not in its state."""
    label = Step(step).label if step in Step.values else step
    if not complaint.is_complaint:
        return not_a_complaint_message(complaint)
    return str(_("‘%(step)s’ kan niet bij een klacht met status ‘%(state)s’.")) % {
        "step": label,
        "state": complaint.get_state_display(),
    }


#: name -> the action (an instance), in the order of registration (= on the page).
ACTIONS: dict[str, ComplaintAction] = {}


def register(cls: type[ComplaintAction]) -> type[ComplaintAction]:
    """Class decorator: put one instance of the action in `ACTIONS`."""
    if cls.name in ACTIONS:
        raise ValueError(f"Two actions are called {cls.name!r}")
    if cls.placement and cls.placement not in PLACEMENTS:
        raise ValueError(f"{cls.name}: unknown placement {cls.placement!r}")
    ACTIONS[cls.name] = cls()
    return cls


def arrange(order: list[str]) -> None:
    """Put `ACTIONS` in `order` (every registered action, once): the order of the page
    and of `allowed_actions`."""
    if sorted(order) != sorted(ACTIONS):
        raise ValueError(f"The order names {sorted(order)}, the registry {sorted(ACTIONS)}")
    arranged = {name: ACTIONS[name] for name in order}
    ACTIONS.clear()
    ACTIONS.update(arranged)


def get(name: str) -> ComplaintAction:
    try:
        return ACTIONS[name]
    except KeyError:
        raise LookupError(f"No action called {name!r}") from None
