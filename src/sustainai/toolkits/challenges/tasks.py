from django_tasks import task

from sustainai.toolkits.challenges import services


@task()
def evaluate_submission_task(submission_id: int) -> str:
    """Run a submission in the sandbox and score it; returns its status."""
    return services.evaluate_submission(submission_id)


@task()
def finalise_task(challenge_id: int) -> int:
    """Re-run the best submissions of a challenge for its final ranking."""
    return services.finalise(challenge_id)
