"""Demo data of the standards roadmap: the 52 standards and regulations of ``data/standards.csv``
(the project's own table: each row's facts from the body's catalogue or publication page named in
its ``source_url``), relations between them recorded in those pages, and a first edition.

The file is imported through the same path as ``sustainai standards import``; loading twice
changes nothing.
"""

from __future__ import annotations

from pathlib import Path

from sustainai.toolkits.standards import services
from sustainai.toolkits.standards.models import Edition, Standard
from sustainai.workstreams.models import Workstream

DATA = Path(__file__).parent / "data" / "standards.csv"

# (from, relation, to): each stated on the pages the rows cite.
RELATIONS = (
    ("SCI for AI", "builds-on", "ISO/IEC 21031:2024"),
    ("ETSI ES 204 135", "equivalent-to", "ITU-T L.1801 (02/2026)"),
    ("ETSI ES 204 135", "twinned-with", "ITU-T L.1801 (02/2026)"),
    ("ITU-T L.1801 (02/2026)", "builds-on", "ITU-T L.1410 (11/2024)"),
    ("ITU-T L.1801 (02/2026)", "builds-on", "ITU-T L.1480 (12/2022; new ed. 07/2025)"),
    ("ITU-T L.1801 (02/2026)", "liaises-with", "IEEE P7100"),
    ("ITU-T L.1410 (11/2024)", "builds-on", "ISO 14040:2006 (+Amd 1:2020)"),
    (
        "ITU-T L.1420 (rev. under study)",
        "builds-on",
        "ISO 14064-1:2018 ; 14064-2:2019 ; 14064-3:2019",
    ),
    (
        "ISO/IEC 22237 series / EN 50600 series (incl. EN 50600-4-x)",
        "twinned-with",
        "ISO/IEC 30134-1:2016",
    ),
    ("ISO/IEC 42001:2023", "builds-on", "ISO/IEC 22989:2022"),
)

PRINCIPLES = (
    "1. Measure before comparing: energy, carbon and water figures are reported with their method "
    "and functional unit.\n"
    "2. Reuse the ISO/IEC 22989 life cycle, with hardware manufacturing and end of life, so that "
    "standards can be placed side by side.\n"
    "3. Prefer twinned and equivalent standards to parallel ones; record every equivalence."
)


def load(out) -> None:
    if not Workstream.objects.filter(slug=services.WORKSTREAM_SLUG).exists():
        out.write("standards: no standardisation workstream, nothing loaded")
        return
    result = services.import_file(DATA, origin="demo", is_demo=True)
    by_id = {s.identifier: s for s in Standard.objects.all()}
    for source, type, target in RELATIONS:
        services.relate(by_id[source], type, by_id[target], is_demo=True)
    services.save_principles(PRINCIPLES, is_demo=True)
    if not Edition.objects.filter(name="2026").exists():
        services.publish_edition(services.freeze_edition("2026", is_demo=True))
    out.write(f"standards: {result.created} created, {result.updated} updated")
