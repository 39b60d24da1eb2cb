"""Writing, editing and deleting comments."""

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from cms import cache_policy

from .. import abuse, rules
from ..forms import CommentEditForm, CommentForm
from ..models import (
    Comment,
    Proposal,
)
from ..pages.threads import comment_page_number
from .base import (
    FIRST_CONTRIBUTION_MESSAGE,
    consultation_or_404,
    refused,
    under_visible_consultation,
)


def comment_create(request, kind, pk):
    if kind == "proposition":
        proposal = get_object_or_404(
            under_visible_consultation(
                Proposal.objects.select_related("consultation"), request
            ),
            pk=pk,
        )
        consultation = proposal.consultation.specific
        proposal.consultation = consultation
        cache_policy.writes_concern(consultation.pk, proposal_pk=proposal.pk)
        target = proposal
    else:
        proposal = None
        consultation = consultation_or_404(request, pk)
        cache_policy.writes_concern(consultation.pk, proposals=False)
        target = consultation
    message = rules.refusal(request.user, "participation.add_comment", target)
    if message:
        return refused(request, message)
    form = CommentForm(
        request.POST or None,
        consultation=consultation,
        proposal=proposal,
        initial={"parent": request.GET.get("parent")},
    )
    status = 200
    if request.method == "POST":
        if not form.is_valid():
            status = 400
        elif not abuse.consume(request, "comment"):
            form.add_error(None, abuse.LIMIT_MESSAGE)
            status = 429
        else:
            comment = form.save(commit=False)
            comment.consultation = consultation
            comment.proposal = proposal
            comment.parent = form.cleaned_data["parent"]
            comment.author = request.user
            comment.status = comment.initial_status(request)
            # The comment, its proposal's count and the reply's e-mail together or
            # not at all, even when the node dies halfway.
            with transaction.atomic():
                comment.save()
                if comment.is_published:
                    comment.notify_reply()
            if comment.is_published:
                messages.success(request, _("Votre commentaire est publié."))
            elif not consultation.pre_moderated:
                messages.success(request, FIRST_CONTRIBUTION_MESSAGE)
            else:
                messages.success(
                    request,
                    _(
                        "Votre commentaire sera publié après sa relecture par "
                        "l’équipe de modération."
                    ),
                )
            page = comment_page_number(comment)
            param = "page" if proposal else "cpage"
            base = proposal.get_absolute_url() if proposal else consultation.url
            return HttpResponseRedirect(
                f"{base}?{param}={page}#commentaire-{comment.pk}"
            )
    parent_id = request.POST.get("parent") or request.GET.get("parent")
    parent = (
        form.fields["parent"]
        .queryset.select_related("author")
        .filter(pk=parent_id)
        .first()
        if parent_id and parent_id.isdigit()
        else None
    )
    return render(
        request,
        "participation/comment_form.html",
        {
            "form": form,
            "consultation": consultation,
            "target": target,
            "parent": parent,
        },
        status=status,
    )


def own_comment(request, pk):
    comment = get_object_or_404(
        under_visible_consultation(
            Comment.objects.select_related("consultation", "proposal"), request
        ),
        pk=pk,
    )
    comment.consultation = comment.consultation.specific
    cache_policy.writes_concern(
        comment.consultation_id,
        proposal_pk=comment.proposal_id,
        proposals=comment.proposal_id is not None,
    )
    return comment


def comment_edit(request, pk):
    comment = own_comment(request, pk)
    message = rules.refusal(request.user, "participation.change_comment", comment)
    if message:
        return refused(request, message)
    form = CommentEditForm(
        request.POST or None,
        initial={"body": comment.body, "stance": comment.stance},
        instance=comment,
    )
    if request.method == "POST" and form.is_valid():
        body, stance = form.cleaned_data["body"], form.cleaned_data["stance"]
        comment.refresh_from_db(fields=["body", "stance"])
        comment.edit(body, stance)
        messages.success(request, _("Votre commentaire a été modifié."))
        return redirect(comment.get_absolute_url())
    return render(
        request,
        "participation/comment_edit.html",
        {"form": form, "comment": comment},
        status=400 if form.is_bound else 200,
    )


def comment_delete(request, pk):
    comment = own_comment(request, pk)
    message = rules.refusal(request.user, "participation.delete_comment", comment)
    if message:
        return refused(request, message)
    if request.method == "POST":
        target_url = (
            comment.proposal.get_absolute_url()
            if comment.proposal_id
            else comment.consultation.url
        )
        comment.remove()
        messages.success(request, _("Votre commentaire a été supprimé."))
        return HttpResponseRedirect(target_url)
    return render(request, "participation/comment_delete.html", {"comment": comment})
