from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sustainai.calls.models import Expression
from sustainai.calls.services import ChoiceInput, ExpressionInput
from sustainai.core import forms as platform_forms
from sustainai.workstreams.models import ParticipantRole


class ExpressionForm(platform_forms.Form):
    """One block per workstream (chosen? role, motivation), then the contact and the consent.

    It only shapes the input; ``services.submit_expression`` validates it (the API shares it), and
    its field errors are put back on the matching fields here.
    """

    contact_name = forms.CharField(label=_("Contact name"), max_length=200)
    contact_email = forms.EmailField(label=_("Contact e-mail"))
    consent = forms.BooleanField(
        label=_(
            "I agree that the coalition's coordination team stores this contact and uses it to "
            "write to me about this call and its workstreams."
        ),
        required=False,
    )

    def __init__(self, *args, call, expression: Expression | None = None, **kwargs):
        self.call = call
        self.workstreams = list(call.workstreams.order_by("position", "slug"))
        initial = kwargs.pop("initial", {}) or {}
        if expression is not None:
            initial.update(
                contact_name=expression.contact_name,
                contact_email=expression.contact_email,
                consent=True,
            )
            for choice in expression.choices.all():
                slug = choice.workstream.slug
                initial[f"ws_{slug}_chosen"] = True
                initial[f"ws_{slug}_role"] = choice.role
                initial[f"ws_{slug}_motivation"] = choice.motivation
        kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        for workstream in self.workstreams:
            slug = workstream.slug
            self.fields[f"ws_{slug}_chosen"] = forms.BooleanField(
                label=_("Interested in “%(title)s”") % {"title": workstream.display_title},
                required=False,
            )
            self.fields[f"ws_{slug}_role"] = forms.ChoiceField(
                label=_("Role"),
                choices=ParticipantRole.choices,
                initial=ParticipantRole.CONTRIBUTOR,
            )
            self.fields[f"ws_{slug}_motivation"] = forms.CharField(
                label=_("Motivation"),
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def workstream_blocks(self):
        for workstream in self.workstreams:
            slug = workstream.slug
            yield {
                "workstream": workstream,
                "chosen": self[f"ws_{slug}_chosen"],
                "role": self[f"ws_{slug}_role"],
                "motivation": self[f"ws_{slug}_motivation"],
            }

    def to_input(self) -> ExpressionInput:
        data = self.cleaned_data
        return ExpressionInput(
            workstreams=[
                ChoiceInput(
                    slug=workstream.slug,
                    role=data.get(f"ws_{workstream.slug}_role", ""),
                    motivation=data.get(f"ws_{workstream.slug}_motivation", ""),
                )
                for workstream in self.workstreams
                if data.get(f"ws_{workstream.slug}_chosen")
            ],
            contact_name=data.get("contact_name", ""),
            contact_email=data.get("contact_email", ""),
            consent=bool(data.get("consent")),
        )

    def add_service_errors(self, errors: dict[str, str], submitted: ExpressionInput) -> None:
        """Map the service's field names (``workstreams[0].role``) back onto this form's fields."""
        for field, message in errors.items():
            if field.startswith("workstreams["):
                index = int(field[len("workstreams[") : field.index("]")])
                slug = submitted.workstreams[index].slug
                suffix = field.rsplit(".", 1)[-1]
                name = f"ws_{slug}_{'chosen' if suffix == 'slug' else suffix}"
                self.add_error(name if name in self.fields else None, message)
            elif field in self.fields:
                self.add_error(field, message)
            else:
                self.add_error(None, message)
