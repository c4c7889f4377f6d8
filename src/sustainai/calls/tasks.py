from django_tasks import task

from sustainai.calls import services


@task()
def tally_call_task(call_id: int) -> bool:
    """Run at the call's deadline; does nothing before it or when the call is already tallied."""
    return services.tally_call(call_id)
