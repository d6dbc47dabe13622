"""Discussion between meetings: threads and posts."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from qnet.feedback import form_add_service_error

from .. import rules as crules
from .. import selectors, services
from ..forms import PostForm, ThreadForm
from ._helpers import require

THREADS_PER_PAGE = 20
POSTS_PER_PAGE = 30


@login_required
@require_GET
def discussion(request, pk: int):
    coalition = selectors.coalition_get_for_user(user=request.user, pk=pk)
    page = Paginator(selectors.threads_of(coalition), THREADS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "coalitions/discussion.html",
        {
            "coalition": coalition,
            "page": page,
            "can_post": crules.can_post(request.user, coalition),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def thread_create(request, pk: int):
    coalition = selectors.coalition_get_for_user(user=request.user, pk=pk)
    require(crules.can_post, request.user, coalition)
    form = ThreadForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            thread = services.thread_create(
                author=request.user,
                coalition=coalition,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            return redirect("coalitions:thread", pk=pk, thread_pk=thread.pk)
    return render(request, "coalitions/thread_form.html", {"coalition": coalition, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def thread_detail(request, pk: int, thread_pk: int):
    coalition = selectors.coalition_get_for_user(user=request.user, pk=pk)
    thread = selectors.thread_get(coalition=coalition, pk=thread_pk)
    can_post = crules.can_post(request.user, coalition)
    form = PostForm(request.POST or None)
    if request.method == "POST":
        require(crules.can_post, request.user, coalition)
        if form.is_valid():
            try:
                post = services.post_create(
                    author=request.user, thread=thread, body=form.cleaned_data["body"]
                )
            except ValidationError as error:
                form_add_service_error(form, error)
            else:
                messages.success(request, _("Your reply was posted."))
                count = thread.posts.count()
                last_page = (count - 1) // POSTS_PER_PAGE + 1
                return redirect(f"{request.path}?page={last_page}#post-{post.pk}")
    page = Paginator(selectors.posts_of(thread), POSTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "coalitions/thread_detail.html",
        {
            "coalition": coalition,
            "thread": thread,
            "page": page,
            "form": form if can_post else None,
            "can_moderate": crules.can_manage_content(request.user, coalition),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def post_edit(request, pk: int, post_pk: int):
    coalition = selectors.coalition_get_for_user(user=request.user, pk=pk)
    post = selectors.post_get(coalition=coalition, pk=post_pk)
    if not crules.is_post_author(request.user, post):
        raise PermissionDenied
    require(crules.can_post, request.user, coalition)
    form = PostForm(request.POST or None, initial={"body": post.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.post_edit(actor=request.user, post=post, body=form.cleaned_data["body"])
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("Your post was changed."))
            return redirect("coalitions:thread", pk=pk, thread_pk=post.thread_id)
    return render(
        request,
        "coalitions/post_form.html",
        {"coalition": coalition, "post": post, "thread": post.thread, "form": form},
    )


@login_required
@require_POST
def post_delete(request, pk: int, post_pk: int):
    coalition = selectors.coalition_get_for_user(user=request.user, pk=pk)
    post = selectors.post_get(coalition=coalition, pk=post_pk)
    services.post_delete(actor=request.user, post=post)
    messages.success(request, _("The post was deleted."))
    return redirect("coalitions:thread", pk=pk, thread_pk=post.thread_id)
