"""Forms of a workstream's space: meetings, deliverables and events."""

from __future__ import annotations

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from sustainai.core import forms as platform_forms
from sustainai.workstreams import selectors
from sustainai.workstreams.models import Deliverable, Event, Meeting


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class DateInput(forms.DateInput):
    input_type = "date"


def formfield(field, **kwargs):
    """Model fields to form fields; web addresses typed without a scheme are taken as https."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class MeetingForm(platform_forms.ModelForm):
    class Meta:
        formfield_callback = formfield
        model = Meeting
        fields = [
            "title",
            "starts_at",
            "ends_at",
            "place",
            "link",
            "agenda",
            "minutes",
            "attendees",
        ]
        widgets = {
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "attendees": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, workstream, **kwargs):
        super().__init__(*args, **kwargs)
        # Attendees are taken from the workstream's participants (leads included).
        self.fields["attendees"].queryset = selectors.attendee_choices(workstream)

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The meeting must end after it starts."))
        if not cleaned.get("place") and not cleaned.get("link"):
            self.add_error("place", _("Give a place, an online link, or both."))
        return cleaned


class DeliverableForm(platform_forms.ModelForm):
    class Meta:
        formfield_callback = formfield
        model = Deliverable
        fields = ["title", "description", "due_on", "status", "url"]
        widgets = {"due_on": DateInput()}


class EventForm(platform_forms.ModelForm):
    class Meta:
        formfield_callback = formfield
        model = Event
        fields = ["name", "kind", "starts_on", "ends_on", "location", "url", "presentation"]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The event cannot end before it starts."))
        return cleaned
