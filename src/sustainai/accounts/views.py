import rules
from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from sustainai.accounts import password_reset as reset_limits
from sustainai.core.permissions import permission_required, public


@permission_required("accounts.view_own_profile")
def profile(request):
    return render(request, "accounts/profile.html", {"profile_user": request.user})


class LimitedPasswordResetView(auth_views.PasswordResetView):
    """Django's, sending no mail past the limits (``accounts.password_reset``), with the same
    answer either way."""

    def form_valid(self, form):
        if reset_limits.allow_mail(self.request, form.cleaned_data["email"]):
            return super().form_valid(form)
        return HttpResponseRedirect(self.get_success_url())


class LoginView(auth_views.LoginView):
    """Django's, sending a coordinator to the coordination page unless a ``next`` says otherwise."""

    template_name = "accounts/login.html"

    def get_default_redirect_url(self):
        if rules.has_perm("core.view_coordination", self.request.user):
            return reverse("core:coordination")
        return super().get_default_redirect_url()


# Django's authentication views, with our templates (Django's admin ships templates of the same
# names under registration/, so ours live under accounts/ and are named explicitly).
login = public(LoginView.as_view())
logout = public(auth_views.LogoutView.as_view())
password_reset = public(
    LimitedPasswordResetView.as_view(
        template_name="accounts/password_reset_form.html",
        email_template_name="accounts/password_reset_email.html",
        subject_template_name="accounts/password_reset_subject.txt",
        success_url="/accounts/password-reset/done/",
    )
)
password_reset_done = public(
    auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html")
)
password_reset_confirm = public(
    auth_views.PasswordResetConfirmView.as_view(
        template_name="accounts/password_reset_confirm.html",
        success_url="/accounts/reset/done/",
    )
)
password_reset_complete = public(
    auth_views.PasswordResetCompleteView.as_view(
        template_name="accounts/password_reset_complete.html"
    )
)
