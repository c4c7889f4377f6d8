"""The benchmark of an entry, run by the worker with its progress recorded on the run."""

from django_tasks import task

from sustainai.toolkits.models import services
from sustainai.toolkits.models.models import BenchmarkRun


@task()
def benchmark_task(run_id: int) -> str:
    run = BenchmarkRun.objects.select_related("entry__base").filter(pk=run_id).first()
    if run is None:
        return "gone"
    return services.perform_run(run).status
