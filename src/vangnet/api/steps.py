"""The procedure's steps as API endpoints: one path per step of `workflow.Step`, each
with its own request body derived from the step's form in `complaints/inputs.py`.

`STEP_ENDPOINTS[step]` says where the step lives (`/api/v1/complaints/{id}/<path>/`),
its operation id (`complaints_<step>`), how it is documented and which serializer parses
its input. `views.ComplaintViewSet` turns each into an action; `step_arguments` turns the
validated input into what `procedure.perform` takes.
"""

from dataclasses import dataclass

from rest_framework import serializers

from vangnet.complaints import inputs
from vangnet.complaints.procedure import PARTS_MAX
from vangnet.complaints.workflow import Step

from . import enums  # noqa: F401  (registers the enums the converter looks up)
from .form_serializers import serializer_from_form


@dataclass(frozen=True)
class StepEndpoint:
    step: str
    #: Method name on the viewset (and URL name: `api:complaint-<name with dashes>`).
    name: str
    #: Path under the complaint, without slashes at the ends.
    path: str
    summary: str
    description: str
    #: The request body; None: the step takes no input.
    serializer: type[serializers.Serializer] | None
    #: Accept multipart/form-data (a file) besides JSON; `json_serializer` documents the
    #: JSON body (without the file).
    multipart: bool = False
    json_serializer: type[serializers.Serializer] | None = None

    @property
    def operation_id(self) -> str:
        return f"complaints_{self.step}"

    @property
    def url_name(self) -> str:
        return self.name.replace("_", "-")


def _form(step: str, name: str, doc: str, **kwargs) -> type[serializers.Serializer]:
    return serializer_from_form(inputs.STEP_INPUTS[step], name=name, doc=doc, **kwargs)


JudgmentPartInputSerializer = serializer_from_form(
    inputs.JudgmentPartInput,
    name="JudgmentPartInputSerializer",
    doc="The judgment on one part of the complaint (Awb 9:12).",
)

LogContactSerializer = _form(
    Step.LOG_CONTACT,
    "LogContactSerializer",
    "A contact with the complainant: date, how, whether they were reached, what was "
    "discussed and agreed.",
)
ResolveInformallySerializer = _form(
    Step.RESOLVE_INFORMALLY,
    "ResolveInformallySerializer",
    "The solution the complainant agreed to (Awb 9:5).",
)
SendConclusionSerializer = _form(
    Step.SEND_CONCLUSION,
    "SendConclusionSerializer",
    "Optional: the complaint's lesson (`cause` id, `lessons`, `norms`), recorded with the "
    "closing when `cause` is given.",
)
StartFormalSerializer = _form(
    Step.START_FORMAL,
    "StartFormalSerializer",
    "Formal handling. The person complained about gets a copy of the complaint (Awb "
    "9:9): by e-mail when an address is known, otherwise `copy_note` says how.",
)
OfferHearingSerializer = _form(
    Step.OFFER_HEARING, "OfferHearingSerializer", "Offer the hearing of Awb 9:10."
)
PlanHearingSerializer = _form(
    Step.PLAN_HEARING, "PlanHearingSerializer", "When and where the hearing takes place."
)
HoldHearingSerializer = _form(
    Step.HOLD_HEARING, "HoldHearingSerializer", "The record of the hearing (Awb 9:10 lid 3)."
)
SkipHearingSerializer = _form(
    Step.SKIP_HEARING,
    "SkipHearingSerializer",
    "Why the complainant is not heard (Awb 9:10 lid 2).",
)
RequestAdviceSerializer = _form(
    Step.REQUEST_ADVICE,
    "RequestAdviceSerializer",
    "The advisory committee or adviser asked for advice (Awb 9:14).",
)
RecordAdviceSerializer = _form(
    Step.RECORD_ADVICE,
    "RecordAdviceSerializer",
    "The advice received; `file` (multipart only) is the advice itself, a PDF, JPG or PNG.",
)
RecordAdviceJsonSerializer = _form(
    Step.RECORD_ADVICE,
    "RecordAdviceJsonSerializer",
    "The advice received, without a file.",
    exclude=["file"],
)
DecideSerializer = _form(
    Step.DECIDE,
    "DecideSerializer",
    "The decision (Awb 9:12): findings, conclusions, measures and a judgment per part of "
    "the complaint with the Behoorlijkheidswijzer norms concerned.",
    extra={
        "parts": JudgmentPartInputSerializer(
            many=True,
            required=False,
            help_text=f"A judgment per part of the complaint: at least one, at most {PARTS_MAX}. "
            "A well-founded or partly well-founded part names the norm(s) not met.",
        )
    },
)
DeclineSerializer = _form(
    Step.DECLINE,
    "DeclineSerializer",
    "Not handled (Awb 9:8): the ground and the explanation for the letter.",
)
WithdrawSerializer = _form(
    Step.WITHDRAW, "WithdrawSerializer", "How and when the complainant withdrew."
)
ForwardToBodySerializer = _form(
    Step.FORWARD_TO_BODY,
    "ForwardToBodySerializer",
    "The body the complaint goes to (Awb 2:3) and what the complainant is told.",
)
CloseForwardedSerializer = _form(
    Step.CLOSE_FORWARDED, "CloseForwardedSerializer", "A note on closing."
)
ReopenSerializer = _form(Step.REOPEN, "ReopenSerializer", "Why the complaint is reopened.")

_HANDLER = "The coordinator and the assigned handler."

STEP_ENDPOINTS: dict[str, StepEndpoint] = {
    endpoint.step: endpoint
    for endpoint in [
        StepEndpoint(
            Step.ACKNOWLEDGE,
            "acknowledge",
            "acknowledge",
            "Acknowledge receipt (Awb 9:6)",
            "Sends the acknowledgement letter (with the status link when the complainant "
            f"has an e-mail address). From `received`. {_HANDLER}",
            None,
        ),
        StepEndpoint(
            Step.LOG_CONTACT,
            "log_contact",
            "contacts",
            "Log a contact with the complainant",
            "The call within days, or any later contact. From `acknowledged` it moves the "
            "complaint to `in_progress`; later it is recorded without changing the state. "
            f"{_HANDLER}",
            LogContactSerializer,
        ),
        StepEndpoint(
            Step.RESOLVE_INFORMALLY,
            "resolve_informally",
            "resolve-informally",
            "Resolved informally (Awb 9:5)",
            "Closes the complaint with the solution the complainant agreed to, after a "
            "contact in which they were reached; sends the confirmation letter unless "
            f"`send_confirmation` is false. {_HANDLER}",
            ResolveInformallySerializer,
        ),
        StepEndpoint(
            Step.START_FORMAL,
            "start_formal",
            "start-formal",
            "Start formal handling (Awb 9:9)",
            f"Sends the person complained about a copy of the complaint. {_HANDLER}",
            StartFormalSerializer,
        ),
        StepEndpoint(
            Step.OFFER_HEARING,
            "offer_hearing",
            "hearing/offer",
            "Offer a hearing (Awb 9:10)",
            "Sends the invitation to the complainant and the person complained about; "
            f"`respond_by` defaults to 10 working days from today. {_HANDLER}",
            OfferHearingSerializer,
        ),
        StepEndpoint(
            Step.PLAN_HEARING,
            "plan_hearing",
            "hearing/plan",
            "Plan (or move) the hearing",
            f"`planned_at` in the future; sends the invitation. {_HANDLER}",
            PlanHearingSerializer,
        ),
        StepEndpoint(
            Step.HOLD_HEARING,
            "hold_hearing",
            "hearing/hold",
            "Record the hearing (Awb 9:10 lid 3)",
            "Who was there and the record; sends the record to the complainant and the "
            f"person complained about unless `send_record` is false. {_HANDLER}",
            HoldHearingSerializer,
        ),
        StepEndpoint(
            Step.SKIP_HEARING,
            "skip_hearing",
            "hearing/skip",
            "Skip the hearing (Awb 9:10 lid 2)",
            "With a ground; `manifestly_unfounded` needs a `note`. " + _HANDLER,
            SkipHearingSerializer,
        ),
        StepEndpoint(
            Step.REQUEST_ADVICE,
            "request_advice",
            "advice/request",
            "Ask the advisory committee (Awb 9:14)",
            f"The term becomes 10 weeks from receipt (Awb 9:11). {_HANDLER}",
            RequestAdviceSerializer,
        ),
        StepEndpoint(
            Step.RECORD_ADVICE,
            "record_advice",
            "advice/record",
            "Record the advice",
            "multipart/form-data with an optional `file` (the advice: PDF, JPG or PNG, "
            "recognised by content), or JSON without one; a summary (`text`) or the file "
            f"is needed. {_HANDLER}",
            RecordAdviceSerializer,
            multipart=True,
            json_serializer=RecordAdviceJsonSerializer,
        ),
        StepEndpoint(
            Step.DECIDE,
            "decide",
            "decision",
            "Record the decision (Awb 9:12)",
            "Findings, conclusions, measures and `parts`: a judgment per part with the "
            "norms (codes) concerned. Deviating from a received advice needs "
            "`deviates_from_advice` and reasons (Awb 9:15). Allowed again in `decided` to "
            f"correct the decision (the latest one counts). {_HANDLER}",
            DecideSerializer,
        ),
        StepEndpoint(
            Step.SEND_CONCLUSION,
            "send_conclusion",
            "conclusion",
            "Send the conclusion letter and close (Awb 9:12)",
            "The letter with the findings, the judgment per part, the norms and the "
            "second-line ombudsman; the outcome follows from the judgments. " + _HANDLER,
            SendConclusionSerializer,
        ),
        StepEndpoint(
            Step.DECLINE,
            "decline",
            "decline",
            "Do not handle the complaint (Awb 9:8)",
            "With a ground and an explanation, within 4 weeks of receipt; sends the letter "
            f"and closes. {_HANDLER}",
            DeclineSerializer,
        ),
        StepEndpoint(
            Step.WITHDRAW,
            "withdraw",
            "withdraw",
            "Record that the complainant withdrew",
            f"Closes the complaint. {_HANDLER}",
            WithdrawSerializer,
        ),
        StepEndpoint(
            Step.FORWARD_TO_BODY,
            "forward_to_body",
            "forward-to-body",
            "Forward to another body (Awb 2:3)",
            f"Sends the complainant the forward notice and closes. {_HANDLER}",
            ForwardToBodySerializer,
        ),
        StepEndpoint(
            Step.CLOSE_FORWARDED,
            "close_forwarded",
            "close-forwarded",
            "Close: handled by the partner",
            "After a partner reported back on the forwarded complaint (400 otherwise). " + _HANDLER,
            CloseForwardedSerializer,
        ),
        StepEndpoint(
            Step.REOPEN,
            "reopen",
            "reopen",
            "Reopen a closed complaint",
            "With a reason; the complaint goes back to `in_progress`. Coordinator only.",
            ReopenSerializer,
        ),
    ]
}
assert set(STEP_ENDPOINTS) == set(Step.values)


def step_arguments(endpoint: StepEndpoint, validated_data: dict) -> tuple[dict, list]:
    """(`data`, `files`) for `procedure.perform` from a step's validated input."""
    data = dict(validated_data)
    files: list = []
    upload = data.pop("file", None)
    if upload is not None:
        files.append(upload)
    if "parts" in data:
        data["parts"] = [dict(part) for part in data["parts"]]
    return data, files
