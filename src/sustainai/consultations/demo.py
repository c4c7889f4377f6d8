"""Demo consultation: the coalition's 2025 members' consultation (closed), with demo answers.

Its first question lists the seven workstream topics of the coalition's 2025 call for expressions
of interest, which were identified from a members' consultation; the answers are fictional.
"""

from __future__ import annotations

import datetime
import zoneinfo

from sustainai.atlas.services import submit_initiative
from sustainai.consultations.models import (
    Answer,
    AnswerItem,
    Choice,
    Consultation,
    ProposedInitiative,
    Question,
    QuestionKind,
)
from sustainai.members.models import Organisation

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
SLUG = "members-consultation-2025"

WORKSTREAM_TOPICS = [
    "Roadmap of Standardization for AI environmental sustainability",
    "Public Procurement Toolkit for Sustainable AI Systems",
    "AI Pilots Showcase",
    "Guidelines to combine environmental transparency with trade sensitivity",
    "Data challenges and Hackathons",
    "Foresight into the environmental challenges of Agentic AI",
    "Open Library of Compressed AI models",
]
ROLES = ["Lead a workstream", "Contribute to a workstream", "Follow as an observer"]
EVENTS = [
    "COP30 (Belém, November 2025)",
    "AI Impact Summit (New Delhi, February 2026)",
    "Both",
    "Neither",
]

QUESTIONS = [
    # key, text, kind, required, choices, help
    (
        "topics",
        "Which topics should the coalition's workstreams address first?",
        QuestionKind.MULTIPLE,
        True,
        WORKSTREAM_TOPICS,
        "Choose as many as you like.",
    ),
    (
        "role",
        "How would your organisation take part in a workstream?",
        QuestionKind.SINGLE,
        True,
        ROLES,
        "",
    ),
    (
        "events",
        "Where should the coalition present its first results?",
        QuestionKind.SINGLE,
        False,
        EVENTS,
        "",
    ),
    (
        "obstacle",
        "What is your main obstacle to measuring the environmental footprint of your AI systems?",
        QuestionKind.TEXT,
        True,
        [],
        "Energy, carbon, water, hardware: tell us what is missing.",
    ),
    (
        "atlas",
        "Which sustainable-AI initiatives should the Atlas include?",
        QuestionKind.TEXT,
        False,
        [],
        "You may also propose one formally at the end of the form.",
    ),
]

# organisation slug → (contact name, contact e-mail, topics, role, event, obstacle, atlas text)
ANSWERS = {
    "demo-greencompute": (
        "Morgan Member",
        "member@example.org",
        [0, 6],
        1,
        1,
        "Our cloud providers report energy per month and per account, not per training run.",
        "Energy-efficiency leaderboards for open models.",
    ),
    "demo-nordic-ai-institute": (
        "Erik Lindqvist",
        "erik@nordic-ai.example.org",
        [0, 5, 6],
        0,
        2,
        "Water use of data centres is rarely published, and never per workload.",
        "",
    ),
    "demo-terra-ventures": (
        "Anna Weber",
        "anna.weber@terra-ventures.example.org",
        [1, 2],
        2,
        1,
        "Start-ups we invest in lack a common reporting template.",
        "",
    ),
    "demo-savanna-data": (
        "Wanjiru Otieno",
        "wanjiru@savanna-data.example.org",
        [2, 4],
        1,
        0,
        "Grid carbon intensity data for East Africa is coarse and out of date.",
        "Community data challenges on low-resource, low-energy models.",
    ),
    "demo-andes-cloud": (
        "Diego Rojas",
        "diego.rojas@andes-cloud.example.org",
        [3, 0],
        1,
        3,
        "Customers ask for figures we consider commercially sensitive.",
        "",
    ),
}
# One answer proposes an initiative for the Atlas (queued there for moderation).
PROPOSAL = (
    "demo-greencompute",
    "GreenCompute training-energy probe (demo)",
    "An open-source probe that measures the energy of each training run on shared GPU clusters.",
    "https://demo-greencompute.example.org/probe",
)


def load(out) -> None:
    consultation, _ = Consultation.objects.update_or_create(
        slug=SLUG,
        defaults={
            "title": "2025 members' consultation on the coalition's priorities (demo)",
            "introduction": (
                "Before its first call for expressions of interest, the coalition asks its members "
                "which workstreams to open, how they would take part, and what stands in the way "
                "of measuring the environmental footprint of AI."
            ),
            "opens_at": datetime.datetime(2025, 4, 14, 9, 0, tzinfo=PARIS),
            "closes_at": datetime.datetime(2025, 5, 31, 23, 59, tzinfo=PARIS),
            "is_demo": True,
        },
    )
    questions = {}
    for position, (key, text, kind, required, labels, help_text) in enumerate(QUESTIONS):
        question, _ = Question.objects.update_or_create(
            consultation=consultation,
            position=position,
            defaults={"text": text, "kind": kind, "required": required, "help_text": help_text},
        )
        choices = []
        for choice_position, label in enumerate(labels):
            choice, _ = Choice.objects.update_or_create(
                question=question, position=choice_position, defaults={"label": label}
            )
            choices.append(choice)
        questions[key] = (question, choices)

    organisations = Organisation.objects.in_bulk(list(ANSWERS), field_name="slug")
    for slug, (name, email, topics, role, event, obstacle, atlas) in ANSWERS.items():
        answer, _ = Answer.objects.update_or_create(
            consultation=consultation,
            organisation=organisations[slug],
            defaults={
                "contact_name": name,
                "contact_email": email,
                "is_demo": True,
                "submitted_at": datetime.datetime(2025, 5, 2 + len(topics), 10, 0, tzinfo=PARIS),
                "updated_at": datetime.datetime(2025, 5, 20, 16, 30, tzinfo=PARIS),
            },
        )
        values = {
            "topics": ("", [questions["topics"][1][i] for i in topics]),
            "role": ("", [questions["role"][1][role]]),
            "events": ("", [questions["events"][1][event]]),
            "obstacle": (obstacle, []),
            "atlas": (atlas, []),
        }
        for key, (text, chosen) in values.items():
            item, _ = AnswerItem.objects.update_or_create(
                answer=answer, question=questions[key][0], defaults={"text": text}
            )
            item.choices.set(chosen)

    slug, name, summary, website = PROPOSAL
    answer = Answer.objects.get(consultation=consultation, organisation=organisations[slug])
    if not ProposedInitiative.objects.filter(answer=answer, name=name).exists():
        initiative = submit_initiative(
            submitted_by=None,
            name=name,
            summary=summary,
            website=website,
            description=f"Proposed by {organisations[slug].name} in “{consultation.title}”.",
            is_demo=True,
        )
        ProposedInitiative.objects.create(answer=answer, initiative=initiative, name=name)
    out.write(f"  consultation “{consultation.title}” with {len(ANSWERS)} demo answers")
