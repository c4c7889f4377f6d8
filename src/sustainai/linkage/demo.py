"""Demo data: the candidate pairs among the Atlas's demo initiatives (the batch run, in-process)."""

from sustainai.linkage import services


def load(out) -> None:
    count = services.refresh_candidates()
    out.write(f"  {count} candidate duplicate pairs in the review queue")
