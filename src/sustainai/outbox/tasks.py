from django_tasks import task

from sustainai.outbox import services


@task()
def deliver_mail_task(pk: int) -> str:
    return services.deliver(pk).state
