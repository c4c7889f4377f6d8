"""The write side of the Atlas: submission, proposed edits, moderation, import."""

from sustainai.core.views import placeholder

submit = propose_edit = my_submissions = moderation_queue = review = import_file = placeholder
