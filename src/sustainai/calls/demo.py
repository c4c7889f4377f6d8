"""Demo calls: the coalition's 2025 call (closed, tallied, partly decided) and an open call.

Source of the 2025 call: the coalition's call for expressions of interest in workstreams (2025),
kept at shared/reference/coalition-call-2025.txt. Its facts are kept (the seven workstream titles,
the deadline of 30 September 2025, interest counted per workstream, respondents contacted when a
workstream is confirmed, results presented at events such as AI summits and COPs); every text here
is our own wording. The source gives a context and an implementation for the first workstream only;
the others are our illustrative summaries of their titles. The opening date, the thresholds, the
expressions, decisions and contacts are demo data (the organisations are the members app's fictional
demo organisations). The confirmed proposals open their workstreams, whose spaces the workstreams
app's demo fills.
"""

from __future__ import annotations

import datetime
import zoneinfo

from django.utils import timezone

from sustainai.calls import services
from sustainai.calls.models import Call, Choice, Expression, ProposalStatus, ProposedWorkstream
from sustainai.members.models import Organisation

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
CALL_2025 = "workstreams-2025"
OPEN_CALL = "workstreams-demo-open"


def paris(year: int, month: int, day: int, hour: int, minute: int) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=PARIS)


WORKSTREAMS_2025 = [
    (
        "standardization-roadmap",
        "Roadmap of Standardization for AI environmental sustainability",
        "During the AI Action Summit in Paris, standards experts from ISO, IEEE and ITU, joined by "
        "UNESCO and the OECD, reviewed the standards on the environmental sustainability of AI that "
        "are published or under way, and agreed on shared principles for the next ones. Keeping "
        "that roadmap current keeps the standards being written consistent with one another.",
        "Two working-group meetings to update the roadmap, open to new participants from "
        "international organisations, NGOs and companies.",
    ),
    (
        "public-procurement-toolkit",
        "Public Procurement Toolkit for Sustainable AI Systems",
        "Public buyers increasingly purchase AI systems but rarely have criteria to compare their "
        "energy, carbon and water footprint.",
        "Collect the criteria and contract clauses already used by member administrations and "
        "assemble them into a toolkit that procurement officers can reuse.",
    ),
    (
        "ai-pilots-showcase",
        "AI Pilots Showcase",
        "Members run pilots where AI is designed to be frugal or serves environmental goals; they "
        "are little known outside their sector.",
        "Select a set of documented pilots with measured results and present them together.",
    ),
    (
        "transparency-trade-sensitivity",
        "Guidelines to combine environmental transparency with trade sensitivity",
        "Disclosing the footprint of AI systems can expose commercially sensitive facts such as "
        "hardware fleets or training budgets.",
        "Draft guidelines on what can be disclosed, at which level of aggregation and to whom.",
    ),
    (
        "data-challenges-hackathons",
        "Data challenges and Hackathons",
        "Open challenges draw researchers and students to measurement and efficiency problems.",
        "Co-organise data challenges and hackathons on efficient models and footprint data.",
    ),
    (
        "agentic-ai-foresight",
        "Foresight into the environmental challenges of Agentic AI",
        "Agents chain many model calls and tools; their footprint may grow differently from that "
        "of single queries.",
        "Hold foresight sessions with researchers and industry and publish scenarios.",
    ),
    (
        "compressed-models-library",
        "Open Library of Compressed AI models",
        "Quantised, pruned and distilled models can cut inference energy, but are scattered and "
        "unevenly documented.",
        "Gather compressed models with their measured savings in an open, documented library.",
    ),
]

# organisation slug → (contact name, contact e-mail, submitted on, [(workstream, role, motivation)])
EXPRESSIONS_2025 = {
    "demo-greencompute": (
        "Morgan Member",
        "member@example.org",
        datetime.date(2025, 8, 28),
        [
            ("standardization-roadmap", "lead", "We chair a national mirror committee on AI."),
            ("ai-pilots-showcase", "contributor", "Two pilots of frugal vision models."),
            ("data-challenges-hackathons", "contributor", "We can host a challenge."),
            ("compressed-models-library", "lead", "We publish quantised models already."),
        ],
    ),
    "demo-nordic-ai-institute": (
        "Ingrid Holm",
        "ingrid.holm@nordic-ai.example.org",
        datetime.date(2025, 9, 3),
        [
            ("standardization-roadmap", "contributor", "Measurement methods research."),
            ("data-challenges-hackathons", "contributor", "Benchmarks and datasets."),
            ("agentic-ai-foresight", "lead", "We study agent workloads."),
            ("compressed-models-library", "contributor", "Distillation experiments."),
            ("ai-pilots-showcase", "lead", "Pilots of grid forecasting with utilities."),
        ],
    ),
    "demo-terra-ventures": (
        "Jonas Weber",
        "jonas.weber@terra-ventures.example.org",
        datetime.date(2025, 9, 12),
        [
            ("public-procurement-toolkit", "observer", "Interested in buyer criteria."),
            ("transparency-trade-sensitivity", "contributor", "Portfolio companies' concerns."),
            ("agentic-ai-foresight", "observer", ""),
        ],
    ),
    "demo-savanna-data": (
        "Achieng Otieno",
        "achieng.otieno@savanna-data.example.org",
        datetime.date(2025, 9, 19),
        [
            ("public-procurement-toolkit", "contributor", "Experience with public tenders."),
            ("data-challenges-hackathons", "lead", "We run hackathons across East Africa."),
            ("compressed-models-library", "contributor", "Models for low-resource settings."),
            ("agentic-ai-foresight", "contributor", "Agents where bandwidth is scarce."),
        ],
    ),
    "demo-andes-cloud": (
        "Valentina Rojas",
        "valentina.rojas@andes-cloud.example.org",
        datetime.date(2025, 9, 29),
        [
            ("standardization-roadmap", "contributor", "Data-centre metering practice."),
            ("ai-pilots-showcase", "contributor", "A pilot on cooling optimisation."),
            ("compressed-models-library", "contributor", "Hosting for the library."),
        ],
    ),
    "demo-ministry-ecology": (
        "Claire Martin",
        "claire.martin@ministry.example.org",
        datetime.date(2025, 9, 30),
        [
            ("standardization-roadmap", "observer", "Policy follow-up."),
            ("public-procurement-toolkit", "lead", "We drafted green IT procurement guidance."),
        ],
    ),
}

# Six workstreams gathered the three interested organisations they needed and open, each with
# its toolkit; the seventh (one organisation) is not confirmed, as a coordinator would decide.
DECISIONS_2025 = [
    ("standardization-roadmap", True),
    ("public-procurement-toolkit", True),
    ("ai-pilots-showcase", True),
    ("transparency-trade-sensitivity", False),
    ("data-challenges-hackathons", True),
    ("agentic-ai-foresight", True),
    ("compressed-models-library", True),
]

# The workstreams' titles in French: our own translations of the titles above.
FRENCH_TITLES = {
    "standardization-roadmap": "Feuille de route de la normalisation pour une IA durable",
    "public-procurement-toolkit": "Boîte à outils de la commande publique d'IA durable",
    "ai-pilots-showcase": "Vitrine de projets pilotes d'IA",
    "transparency-trade-sensitivity": (
        "Concilier transparence environnementale et secret des affaires"
    ),
    "data-challenges-hackathons": "Défis de données et hackathons",
    "agentic-ai-foresight": "Prospective des enjeux environnementaux de l'IA agentique",
    "compressed-models-library": "Bibliothèque ouverte de modèles d'IA compressés",
    "water-footprint-datacentres": "Empreinte eau des centres de données d'IA (démo)",
    "energy-reporting-model-cards": ("Déclaration de l'énergie dans les fiches de modèles (démo)"),
    "sustainable-ai-curriculum": "Formation à l'IA durable (démo)",
}

OPEN_WORKSTREAMS = [
    (
        "water-footprint-datacentres",
        "Water footprint of AI data centres (demo)",
        "Cooling water is the least reported of the footprints of AI.",
        "Compare reporting methods and publish a short guide.",
    ),
    (
        "energy-reporting-model-cards",
        "Energy reporting in model cards (demo)",
        "Model cards rarely state the energy used to train and serve a model.",
        "Propose a common section for model cards, tested on members' models.",
    ),
    (
        "sustainable-ai-curriculum",
        "Sustainable AI curriculum (demo)",
        "Engineering courses seldom teach how to measure and reduce the footprint of AI.",
        "Assemble open teaching material with universities among the members.",
    ),
]


def _call(slug, defaults) -> Call:
    call, created = Call.objects.get_or_create(slug=slug, defaults=defaults)
    changed = not created and call.closes_at != defaults["closes_at"]
    if not created:
        for field, value in defaults.items():
            setattr(call, field, value)
        call.save()
    if created or changed:
        services.schedule_closing(call)
    return call


def _workstreams(call, rows, threshold) -> dict[str, ProposedWorkstream]:
    found = {}
    for position, (slug, title, context, implementation) in enumerate(rows, start=1):
        workstream, _created = ProposedWorkstream.objects.update_or_create(
            call=call,
            slug=slug,
            defaults={
                "position": position,
                "title": title,
                "title_fr": FRENCH_TITLES.get(slug, ""),
                "context": context,
                "implementation": implementation,
                "confirmation_threshold": threshold,
            },
        )
        found[slug] = workstream
    return found


def _expressions(call, workstreams, rows) -> int:
    organisations = Organisation.objects.in_bulk(list(rows), field_name="slug")
    count = 0
    for slug, (name, email, day, choices) in rows.items():
        organisation = organisations.get(slug)
        if organisation is None:
            continue
        moment = datetime.datetime.combine(day, datetime.time(10, 30), tzinfo=PARIS)
        expression, _created = Expression.objects.update_or_create(
            call=call,
            organisation=organisation,
            defaults={
                "contact_name": name,
                "contact_email": email,
                "consent_at": moment,
                "created_at": moment,
                "updated_at": moment,
                "is_demo": True,
            },
        )
        for workstream_slug, role, motivation in choices:
            Choice.objects.update_or_create(
                expression=expression,
                workstream=workstreams[workstream_slug],
                defaults={"role": role, "motivation": motivation},
            )
        count += 1
    return count


def load(out) -> None:
    from sustainai.accounts.models import User

    call = _call(
        CALL_2025,
        {
            "title": "Call for expressions of interest in the coalition's workstreams (2025)",
            "title_fr": "Appel à manifestation d'intérêt pour les axes de travail de la coalition "
            "(2025)",
            "introduction": (
                "The coordination team has mapped the international initiatives on sustainable "
                "AI, so that efforts complement rather than duplicate one another. Members' answers "
                "to the consultation pointed to seven possible workstreams. Tell us which ones your "
                "organisation would join and in which role: a workstream goes ahead when enough "
                "organisations are interested, and we then come back to the respondents. Results "
                "may be presented at international events such as AI summits and COPs."
            ),
            "opens_at": paris(2025, 7, 15, 9, 0),
            "closes_at": paris(2025, 9, 30, 23, 59),
            "is_demo": True,
        },
    )
    workstreams = _workstreams(call, WORKSTREAMS_2025, threshold=3)
    expressions = _expressions(call, workstreams, EXPRESSIONS_2025)
    # Counted at the deadline, as the scheduled task would have done, not on the day of loading.
    services.tally_call(call.pk, now=call.closes_at)
    coordinator = User.objects.filter(is_staff=True).order_by("pk").first()
    drafts = 0
    for slug, confirm in DECISIONS_2025:
        workstream = workstreams[slug]
        workstream.refresh_from_db()
        if workstream.status == ProposalStatus.PROPOSED:
            drafts += len(services.decide(workstream, confirm=confirm, user=coordinator))

    today = timezone.localdate(timezone=PARIS)
    open_call = _call(
        OPEN_CALL,
        {
            "title": "Call for expressions of interest: new workstreams (demo)",
            "title_fr": "Appel à manifestation d'intérêt\u00a0: nouveaux axes de travail (démo)",
            "introduction": (
                "A demonstration call that stays open: members can express interest in these "
                "workstreams until its deadline."
            ),
            "opens_at": datetime.datetime.combine(
                today - datetime.timedelta(days=14), datetime.time(9, 0), tzinfo=PARIS
            ),
            "closes_at": datetime.datetime.combine(
                today + datetime.timedelta(days=45), datetime.time(23, 59), tzinfo=PARIS
            ),
            "is_demo": True,
        },
    )
    open_workstreams = _workstreams(open_call, OPEN_WORKSTREAMS, threshold=3)
    _expressions(
        open_call,
        open_workstreams,
        {
            "demo-nordic-ai-institute": (
                "Ingrid Holm",
                "ingrid.holm@nordic-ai.example.org",
                today - datetime.timedelta(days=3),
                [("energy-reporting-model-cards", "lead", "Our model cards report energy.")],
            ),
            "demo-andes-cloud": (
                "Valentina Rojas",
                "valentina.rojas@andes-cloud.example.org",
                today - datetime.timedelta(days=1),
                [("water-footprint-datacentres", "contributor", "We meter cooling water.")],
            ),
        },
    )
    out.write(
        f"  2 calls ({len(workstreams)} + {len(open_workstreams)} workstreams), "
        f"{expressions} expressions in the 2025 call, {drafts} new decision draft(s) in the outbox"
    )
