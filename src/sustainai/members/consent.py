"""The consent texts people agree to; a contact records the version and the exact text shown.

A new wording gets a new version (never edit a published one), so that every contact's consent
can be traced to what they read.
"""

from django.utils.translation import gettext_lazy as _

MEMBERSHIP_CONTACT = "membership_contact"
MEMBERSHIP_CONTACT_VERSION = "2025-01"
MEMBERSHIP_CONTACT_TEXT = _(
    "I agree that the coalition for environmentally sustainable AI stores my name, e-mail address "
    "and position to handle my organisation's membership and to contact me about the coalition's "
    "consultations, calls and workstreams. My details are never published; I can export or erase "
    "them at any time from my account."
)
