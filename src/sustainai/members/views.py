from django.contrib import messages
from django.contrib.auth import logout
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sustainai.core import charts, personal_data
from sustainai.core.permissions import permission_required, public
from sustainai.members import consent, selectors, services, spam
from sustainai.members.forms import ApplicationForm, ContactForm, OrganisationProfileForm
from sustainai.members.models import Contact, MembershipApplication, Organisation


@public
def directory(request):
    data = selectors.directory()
    return render(
        request,
        "members/directory.html",
        {
            "directory": data,
            "kind_chart": charts.bar_chart(data.by_kind, title=_("Organisations by kind")),
            "country_chart": charts.bar_chart(data.by_country, title=_("Organisations by country")),
            "time_chart": charts.line_chart(
                data.over_time,
                title=_("Organisations in the directory over time"),
                description=_("Running total of listed organisations by the month they joined."),
                date_format="%Y-%m",
            ),
        },
    )


@public
def apply(request):
    if request.method == "POST" and not spam.allow_post(request):
        limit = spam.rate_limit()
        response = render(request, "members/apply_limited.html", {"limit": limit}, status=429)
        response["Retry-After"] = str(limit.period)  # at the latest
        return response
    form = ApplicationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = services.ApplicationData(**form.application_data())
        try:
            services.apply_for_membership(data, user=request.user)
        except services.ApplicationError as error:
            form.add_error(error.field, error.message)
        else:
            return redirect("members:applied")
    status = 400 if form.errors else 200
    return render(request, "members/apply.html", {"form": form}, status=status)


@public
def applied(request):
    return render(request, "members/applied.html")


@permission_required("members.review_applications")
def applications(request):
    return render(
        request,
        "members/applications.html",
        {
            "pending": selectors.pending_applications(),
            "decided": selectors.decided_applications()[:50],
        },
    )


@require_POST
@permission_required("members.review_applications")
def decide(request, pk: int):
    application = get_object_or_404(
        MembershipApplication.objects.select_related("organisation"), pk=pk
    )
    site_url = request.build_absolute_uri("/").rstrip("/")
    try:
        if request.POST.get("decision") == "approve":
            services.approve_application(application, by=request.user, site_url=site_url)
            messages.success(
                request,
                _("%(organisation)s is approved; the welcome e-mail is in the outbox.")
                % {"organisation": application.organisation},
            )
        elif request.POST.get("decision") == "reject":
            services.reject_application(
                application, by=request.user, reason=request.POST.get("reason", "")
            )
            messages.success(
                request,
                _("%(organisation)s is rejected; the applicant is told why.")
                % {"organisation": application.organisation},
            )
        else:
            messages.error(request, _("Choose to approve or to reject the application."))
    except services.ApplicationError as error:
        messages.error(request, f"{application.organisation}: {error.message}")
    return redirect("members:applications")


@permission_required("members.manage_own_data")
def my_data(request):
    return render(request, "members/my_data.html")


@permission_required("members.manage_own_data")
def export_my_data(request):
    response = JsonResponse(
        personal_data.export_all(request.user),
        json_dumps_params={"indent": 2, "ensure_ascii": False},
    )
    stamp = timezone.now().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="sustainai-personal-data-{stamp}.json"'
    return response


@permission_required("members.manage_own_data")
def erase_my_data(request):
    if request.method == "POST":
        if request.POST.get("confirm") != "erase":
            messages.error(request, _("Tick the box to confirm the erasure."))
            return render(request, "members/erase_my_data.html", status=400)
        personal_data.erase_all(request.user)
        logout(request)
        messages.success(request, _("Your personal data is erased and your account is closed."))
        return redirect("core:home")
    return render(request, "members/erase_my_data.html")


# --- An organisation's own profile and contacts ------------------------------------------------


def _organisation(request, slug, **kwargs) -> Organisation:
    """The organisation of the URL, fetched once per request (the permission check uses it too)."""
    cached = getattr(request, "_members_organisation", None)
    if cached is None:
        cached = get_object_or_404(Organisation, slug=slug)
        request._members_organisation = cached
    return cached


def _contact(request, slug, pk) -> Contact:
    return get_object_or_404(Contact, pk=pk, organisation=_organisation(request, slug))


@require_GET
@permission_required("members.edit_organisation", _organisation)
def organisation(request, slug):
    organisation = _organisation(request, slug)
    can_manage_contacts = request.user.has_perm("members.manage_contacts", organisation)
    return render(
        request,
        "members/organisation.html",
        {
            "organisation": organisation,
            "can_manage_contacts": can_manage_contacts,
            "contacts": selectors.contacts_of(organisation) if can_manage_contacts else [],
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required("members.edit_organisation", _organisation)
def edit_organisation(request, slug):
    organisation = _organisation(request, slug)
    form = OrganisationProfileForm(
        request.POST or None, initial=OrganisationProfileForm.initial_for(organisation)
    )
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.update_profile(
                organisation, services.ProfileData(**form.cleaned_data), by=request.user
            )
        except services.ProfileError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(
                request,
                _("The profile of %(organisation)s is saved.") % {"organisation": organisation},
            )
            return redirect("members:organisation", slug=organisation.slug)
    status = 400 if form.errors else 200
    return render(
        request,
        "members/organisation_form.html",
        {"organisation": organisation, "form": form},
        status=status,
    )


def _contact_form_page(request, organisation, form, contact=None):
    return render(
        request,
        "members/contact_form.html",
        {
            "organisation": organisation,
            "form": form,
            "contact": contact,
            "consent_text": consent.MEMBERSHIP_CONTACT_TEXT,
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@permission_required("members.manage_contacts", _organisation)
def add_contact(request, slug):
    organisation = _organisation(request, slug)
    form = ContactForm(request.POST or None, adding=True)
    if request.method == "POST" and form.is_valid():
        try:
            contact = services.add_contact(
                organisation,
                services.ContactData(**form.contact_data()),
                by=request.user,
                site_url=request.build_absolute_uri("/").rstrip("/"),
            )
        except services.ProfileError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("%(name)s is a contact now.") % {"name": contact.full_name})
            return redirect("members:organisation", slug=organisation.slug)
    return _contact_form_page(request, organisation, form)


@require_http_methods(["GET", "POST"])
@permission_required("members.manage_contacts", _organisation)
def edit_contact(request, slug, pk):
    organisation = _organisation(request, slug)
    contact = _contact(request, slug, pk)
    form = ContactForm(request.POST or None, adding=False, initial=ContactForm.initial_for(contact))
    if request.method == "POST" and form.is_valid():
        try:
            contact = services.update_contact(contact, services.ContactData(**form.contact_data()))
        except services.ProfileError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(
                request, _("The details of %(name)s are saved.") % {"name": contact.full_name}
            )
            return redirect("members:organisation", slug=organisation.slug)
    return _contact_form_page(request, organisation, form, contact)


@require_http_methods(["GET", "POST"])
@permission_required("members.manage_contacts", _organisation)
def remove_contact(request, slug, pk):
    organisation = _organisation(request, slug)
    contact = _contact(request, slug, pk)
    if request.method == "POST":
        try:
            services.remove_contact(contact)
        except services.ProfileError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("%(name)s is no longer a contact.") % {"name": contact.full_name}
            )
        return redirect("members:organisation", slug=organisation.slug)
    return render(
        request,
        "members/contact_remove.html",
        {"organisation": organisation, "contact": contact},
    )


@public  # the signed token in the link is the permission: the person it was sent to
@never_cache  # shows the contact's name and e-mail address (core.headers)
@require_http_methods(["GET", "POST"])
def withdraw_contact(request, token):
    contact = services.contact_for_withdrawal(token)
    if contact is None:
        return render(request, "members/withdraw_contact.html", {"contact": None}, status=404)
    if request.method == "POST":
        organisation = contact.organisation
        services.withdraw_contact(contact)
        return render(
            request,
            "members/withdraw_contact.html",
            {"contact": None, "withdrawn_from": organisation},
        )
    return render(request, "members/withdraw_contact.html", {"contact": contact})
