"""Signals keeping both indexes current on single saves.

``post_save`` of an initiative or an organisation, the changes of an initiative's organisations,
topics and countries: forms, the admin, moderation and merges that save rows stay indexed without
knowing about search. Bulk writes that send no signal (``bulk_create``, ``QuerySet.update``, the
import's raw inserts) call ``fulltext.reindex`` and ``facets.refresh`` on what they wrote.
"""

from __future__ import annotations

from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from sustainai.atlas import warming
from sustainai.atlas.models import Actor, Initiative, InitiativeCountry, Topic
from sustainai.atlas.search.facets import refresh
from sustainai.atlas.search.fulltext import reindex

# --- The facet index ---------------------------------------------------------------------------


@receiver(post_save, sender=Initiative, dispatch_uid="atlas_facets_initiative_saved")
def _facets_initiative_saved(sender, instance, raw=False, using="default", **kwargs):
    refresh(Initiative.objects.filter(pk=instance.pk), using=using)


@receiver(post_delete, sender=Initiative, dispatch_uid="atlas_facets_initiative_deleted")
def _facets_initiative_deleted(sender, instance, using="default", **kwargs):
    # The delete trigger removed its document and changed the version.
    warming.after_change(using=using)


@receiver(post_save, sender=InitiativeCountry, dispatch_uid="atlas_facets_country_saved")
@receiver(post_delete, sender=InitiativeCountry, dispatch_uid="atlas_facets_country_deleted")
def _facets_country_changed(sender, instance, using="default", **kwargs):
    refresh(Initiative.objects.filter(pk=instance.initiative_id), using=using)


@receiver(m2m_changed, sender=Initiative.topics.through, dispatch_uid="atlas_facets_topics")
def _facets_topics_changed(sender, instance, action, reverse, model, pk_set, using, **kwargs):
    # Changes from the topic's side (``topic.initiatives.add(...)``) are refused by
    # simple_history's m2m tracking, so ``instance`` is an initiative here.
    if action in {"post_add", "post_remove", "post_clear"} and not reverse:
        refresh(Initiative.objects.filter(pk=instance.pk), using=using)


# --- The full-text index -----------------------------------------------------------------------


@receiver(post_save, sender=Initiative, dispatch_uid="atlas_search_initiative_saved")
def _fulltext_initiative_saved(sender, instance, raw=False, using="default", **kwargs):
    reindex(Initiative.objects.filter(pk=instance.pk), using=using)


@receiver(post_save, sender=Actor, dispatch_uid="atlas_search_actor_saved")
def _fulltext_actor_saved(sender, instance, created=False, raw=False, using="default", **kwargs):
    if created:
        return  # a new organisation belongs to no initiative yet
    linked = Initiative.objects.filter(
        Q(
            pk__in=Initiative.lead_organisations.through.objects.filter(actor=instance).values(
                "initiative"
            )
        )
        | Q(
            pk__in=Initiative.partner_organisations.through.objects.filter(actor=instance).values(
                "initiative"
            )
        )
    )
    reindex(linked, using=using)


def _fulltext_organisations_changed(
    sender, instance, action, reverse, model, pk_set, using, **kwargs
):
    # Changes from the organisation's side (``actor.leads.add(...)``) are refused by
    # simple_history's m2m tracking, so ``instance`` is an initiative here.
    if action in {"post_add", "post_remove", "post_clear"} and not reverse:
        reindex(Initiative.objects.filter(pk=instance.pk), using=using)


for _through in (Initiative.lead_organisations.through, Initiative.partner_organisations.through):
    m2m_changed.connect(
        _fulltext_organisations_changed,
        sender=_through,
        dispatch_uid=f"atlas_search_{_through.__name__}",
    )


@receiver(m2m_changed, sender=Initiative.topics.through, dispatch_uid="atlas_search_topics")
def _fulltext_topics_changed(sender, instance, action, reverse, model, pk_set, using, **kwargs):
    # The documents hold the topics' names (``fulltext.text_columns``).
    if action in {"post_add", "post_remove", "post_clear"} and not reverse:
        reindex(Initiative.objects.filter(pk=instance.pk), using=using)


@receiver(post_save, sender=Topic, dispatch_uid="atlas_search_topic_saved")
def _fulltext_topic_saved(sender, instance, created=False, raw=False, using="default", **kwargs):
    if created or raw:
        return  # a new topic belongs to no initiative yet
    reindex(Initiative.objects.filter(topics=instance), using=using)
