from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from qnet import dashboard, notifications, privacy, selectors, services
from qnet.feedback import flash_service_call, flash_service_error, form_add_service_error
from qnet.forms import (
    EraseAccountForm,
    InvitationAcceptForm,
    InvitationForm,
    LanguageForm,
    NotificationPreferencesForm,
    ProfileForm,
)
from qnet.rules import invitable_roles, roles_of


@require_GET
def home(request):
    if not request.user.is_authenticated:
        return render(request, "qnet/landing.html")
    return render(
        request,
        "qnet/dashboard.html",
        {"panels": dashboard.panels_for(request), "roles": roles_of(request.user)},
    )


@login_required
@require_GET
def organisations(request):
    return render(
        request, "qnet/organisations.html", selectors.organisations_for_user(request.user)
    )


@login_required
@require_GET
def organisation_detail(request, kind: str, pk: int):
    scope = selectors.scope_get_for_user(user=request.user, kind=kind, pk=pk)
    roles = invitable_roles(request.user, scope)
    context = {
        "scope": scope,
        "kind": kind,
        "members": selectors.members_of(scope),
        "can_invite": bool(roles),
        "invitations": selectors.open_invitations_for(scope) if roles else [],
    }
    if kind == "network":
        context["schools"] = selectors.network_schools(scope)
    elif kind == "authority":
        context["schools"] = selectors.authority_schools(scope)
    return render(request, "qnet/organisation_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def invitation_create(request, kind: str, pk: int):
    scope = selectors.scope_get_for_user(user=request.user, kind=kind, pk=pk)
    roles = invitable_roles(request.user, scope)
    if not roles:
        raise PermissionDenied
    form = InvitationForm(request.POST or None, roles=roles)
    if request.method == "POST" and form.is_valid():
        try:
            invitation, _token = services.invitation_create(
                invited_by=request.user,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                scope=scope,
            )
        except ValidationError as error:
            form_add_service_error(form, error, field="email")
        else:
            messages.success(
                request, _("Invitation sent to %(email)s.") % {"email": invitation.email}
            )
            return redirect("qnet:organisation_detail", kind=kind, pk=pk)
    return render(
        request, "qnet/invitation_form.html", {"form": form, "scope": scope, "kind": kind}
    )


@login_required
@require_POST
def invitation_revoke(request, pk: int):
    invitation = selectors.invitation_get_for_manager(user=request.user, pk=pk)
    scope = invitation.scope
    flash_service_call(
        request,
        lambda: services.invitation_revoke(actor=request.user, invitation=invitation),
        success=_("The invitation to %(email)s was revoked.") % {"email": invitation.email},
    )
    return redirect("qnet:organisation_detail", kind=scope._meta.model_name, pk=scope.pk)


@never_cache
@require_http_methods(["GET", "POST"])
def invitation_accept(request, token: str):
    invitation = selectors.invitation_get_by_token(token=token)
    if invitation is None or invitation.state != "open":
        state = invitation.state if invitation else "unknown"
        return render(request, "qnet/invitation_invalid.html", {"state": state}, status=410)
    user = request.user if request.user.is_authenticated else None
    if user is not None and user.email.lower() != invitation.email.lower():
        return render(request, "qnet/invitation_invalid.html", {"state": "other_user"}, status=403)
    existing_account = user is None and selectors.user_exists(email=invitation.email)
    form = None
    if user is None and not existing_account:
        form = InvitationAcceptForm(
            request.POST or None,
            email=invitation.email,
            initial={"full_name": invitation.full_name},
        )
    if request.method == "POST" and not existing_account and (form is None or form.is_valid()):
        try:
            accepted_by = services.invitation_accept(
                invitation_id=invitation.pk,
                user=user,
                full_name=form.cleaned_data["full_name"] if form else "",
                password=form.cleaned_data["password1"] if form else None,
            )
        except ValidationError as error:
            flash_service_error(request, error)
            return redirect("qnet:invitation_accept", token=token)
        if user is None:
            login(request, accepted_by, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request,
            _("Welcome! You are now %(role)s at %(scope)s.")
            % {"role": invitation.get_role_display(), "scope": invitation.scope},
        )
        return redirect("home")
    return render(
        request,
        "qnet/invitation_accept.html",
        {
            "invitation": invitation,
            "form": form,
            "existing_account": existing_account,
            "login_url": reverse("account_login") + "?next=" + request.path,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    user = request.user
    form = ProfileForm(
        request.POST or None,
        initial={"full_name": user.full_name, "preferred_language": user.preferred_language},
    )
    if request.method == "POST" and form.is_valid():
        services.user_update_profile(user=user, **form.cleaned_data)
        messages.success(request, _("Your profile was saved."))
        response = redirect("qnet:profile")
        if user.preferred_language:
            response.set_cookie(settings.LANGUAGE_COOKIE_NAME, user.preferred_language)
        return response
    return render(
        request,
        "qnet/profile.html",
        {"form": form, "memberships": selectors.user_memberships(user)},
    )


@require_POST
def language_set(request):
    form = LanguageForm(request.POST)
    if not form.is_valid():
        return redirect("home")
    language = form.cleaned_data["language"]
    services.user_set_language(user=request.user, language=language)
    target = form.cleaned_data["next"]
    # A path of this site only: redirect() would take a bare word for a URL name (and
    # fail to reverse it), another host would be an open redirect.
    if not target.startswith("/") or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("home")
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=365 * 24 * 3600,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
    )
    return response


@login_required
@require_GET
def audit_log(request):
    if not request.user.has_perm("qnet.read_audit_log"):
        raise PermissionDenied
    page = Paginator(selectors.audit_entries_for(request.user), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "qnet/audit_log.html", {"page": page})


@login_required
@require_GET
def notices(request):
    page = selectors.notices_page(request.user, page=request.GET.get("page"))
    return render(request, "qnet/notices.html", {"page": page})


@login_required
@require_POST
def notice_open(request, pk: int):
    """Opening a notice marks it read, then follows its link (a path of this site)."""
    notice = selectors.notice_get_for_user(user=request.user, pk=pk)
    notifications.notice_open(user=request.user, notice=notice)
    if notice.url.startswith("/") and url_has_allowed_host_and_scheme(
        notice.url, allowed_hosts={request.get_host()}
    ):
        return HttpResponseRedirect(notice.url)
    return redirect("qnet:notices")


@login_required
@require_POST
def notices_mark_all_read(request):
    notifications.notices_mark_all_read(user=request.user)
    messages.success(request, _("All notices are marked as read."))
    return redirect("qnet:notices")


@login_required
@require_http_methods(["GET", "POST"])
def notice_preferences(request):
    form = NotificationPreferencesForm(
        request.POST or None, initial=selectors.notification_preferences_of(request.user)
    )
    if request.method == "POST" and form.is_valid():
        notifications.notification_preferences_save(user=request.user, choices=form.cleaned_data)
        messages.success(request, _("Your notification settings were saved."))
        return redirect("qnet:notice_preferences")
    return render(request, "qnet/notice_preferences.html", {"form": form})


@require_GET
@never_cache
def health(request):
    """Database and broker state for load balancers and monitoring."""
    state = {"database": "ok", "broker": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # noqa: BLE001 - any failure means "not ok"
        state["database"] = "error"
    if settings.CELERY_TASK_ALWAYS_EAGER:
        state["broker"] = "eager"
    else:
        from qnet.celery import app

        try:
            with app.connection_for_write() as conn:
                conn.ensure_connection(max_retries=1, timeout=2)
        except Exception:  # noqa: BLE001
            state["broker"] = "error"
    healthy = "error" not in state.values()
    state["status"] = "ok" if healthy else "error"
    return JsonResponse(state, status=200 if healthy else 503)


@login_required
@require_GET
def data_export(request):
    """Everything qnet holds about the signed-in person, as a JSON download."""
    response = HttpResponse(
        privacy.user_data_json(user=request.user), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="my-qnet-data.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def account_erase(request):
    form = EraseAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        privacy.user_erase(user=request.user)
        logout(request)
        messages.success(request, _("Your account was erased. Thank you for taking part."))
        return redirect("home")
    return render(request, "qnet/account_erase.html", {"form": form})


@require_GET
def privacy_page(request):
    return render(request, "qnet/privacy.html", {"retention_days": settings.EVENTS_RETENTION_DAYS})


@require_GET
def accessibility_page(request):
    return render(request, "qnet/accessibility.html")
