"""Classes: an instructor makes one and shares its join code; learners join it; its gradebook.

Every page needs a signed-in user (an anonymous visitor is sent to log in, then back). A class's
gradebook, its CSV and a learner's detail are its instructor's alone (and a superuser's): anyone
else gets a 404, as if the class did not exist, so that a guessed number tells nothing.
"""
from __future__ import annotations

import re
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from lessons import catalog, gradebook
from lessons.models import Classroom, Enrollment, is_instructor
from lessons.progress import Progress
from lessons.replay import replay
from lessons.views import language
from sandbox.models import Sandbox


# -- forms -----------------------------------------------------------------------------------------
class ClassForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=120, strip=True)
    which = forms.ChoiceField(label=gettext_lazy("Lessons"), initial="all", widget=forms.RadioSelect,
                              choices=[("all", gettext_lazy("Every lesson")), ("chosen", gettext_lazy("Only these:"))])
    lessons = forms.MultipleChoiceField(label=gettext_lazy("Lessons"), required=False,
                                        widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        lang = language()
        self.fields["lessons"].choices = [(lesson.slug, lesson.title.get(lang)) for lesson in catalog.all_lessons()]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("which") == "chosen" and not data.get("lessons"):
            self.add_error("lessons", _("Pick at least one lesson, or choose every lesson."))
        return data

    def chosen(self) -> list[str]:
        """The slugs kept on the class: none means every lesson, those added later too."""
        return list(self.cleaned_data["lessons"]) if self.cleaned_data["which"] == "chosen" else []


def normal_code(code: str) -> str:
    """A code as read aloud or pasted: any case, spaces and dashes ignored."""
    return re.sub(r"[\s-]+", "", code).upper()


class JoinForm(forms.Form):
    code = forms.CharField(label=gettext_lazy("Join code"), max_length=32)

    def clean_code(self) -> Classroom:
        code = normal_code(self.cleaned_data["code"])
        classroom = Classroom.objects.filter(join_code=code).first()
        if classroom is None:
            raise forms.ValidationError(_("No class has the code %(code)s. Check it with your instructor."),
                                        params={"code": code})
        return classroom


# -- pages -----------------------------------------------------------------------------------------
@login_required
@require_safe
def class_list(request: HttpRequest) -> HttpResponse:
    taught = Classroom.objects.filter(instructor=request.user)
    joined = Classroom.objects.filter(enrollments__learner=request.user).select_related("instructor")
    return render(request, "classes/list.html", {
        "taught": [(c, c.enrollments.count()) for c in taught], "joined": joined,
        "instructor": is_instructor(request.user), "form": JoinForm()})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def new_class(request: HttpRequest) -> HttpResponse:
    if not is_instructor(request.user):
        raise PermissionDenied("Only instructors make classes.")
    form = ClassForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        classroom = Classroom.objects.create(name=form.cleaned_data["name"], instructor=request.user,
                                             lessons=form.chosen())
        return redirect("gradebook", classroom.pk)
    return render(request, "classes/new.html", {"form": form})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def join_class(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = JoinForm(request.POST)
        if form.is_valid():
            classroom = form.cleaned_data["code"]
            _enrollment, made = Enrollment.objects.get_or_create(classroom=classroom, learner=request.user)
            text = _("You joined %(name)s.") if made else _("You are already in %(name)s.")
            messages.success(request, text % {"name": classroom.name})
            return redirect("classes")
    else:
        form = JoinForm(initial={"code": request.GET.get("code", "")})
    return render(request, "classes/join.html", {"form": form})


def taught(request: HttpRequest, classroom_id: int) -> Classroom:
    """The class if the visitor teaches it (or is a superuser); a 404 for anyone else."""
    classroom = Classroom.objects.filter(pk=classroom_id).first()
    user = request.user
    if classroom is None or not (user.is_superuser or classroom.instructor_id == user.pk):
        raise Http404("No such class")
    return classroom


@login_required
@require_safe
def gradebook_page(request: HttpRequest, classroom_id: int) -> HttpResponse:
    classroom = taught(request, classroom_id)
    sort = request.GET.get("sort", "name")
    book = gradebook.build(classroom, language(), sort if sort in gradebook.SORTS else "name")
    join_url = request.build_absolute_uri(f"{reverse('join_class')}?code={classroom.join_code}")
    return render(request, "classes/gradebook.html", {"book": book, "classroom": classroom, "sort": sort,
                                                      "join_url": join_url})


@login_required
@require_safe
def gradebook_csv(request: HttpRequest, classroom_id: int) -> HttpResponse:
    classroom = taught(request, classroom_id)
    response = HttpResponse(gradebook.as_csv(gradebook.build(classroom, "en")), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="gradebook-{classroom.pk}.csv"'
    return response


@login_required
@require_safe
def learner_page(request: HttpRequest, classroom_id: int, user_id: int, slug: str) -> HttpResponse:
    """One learner's lesson: their steps, commands and a read-only replay of their sandbox."""
    classroom = taught(request, classroom_id)
    enrolled = Enrollment.objects.filter(classroom=classroom, learner_id=user_id).exists()
    lessons = {lesson.slug: lesson for lesson in gradebook.class_lessons(classroom)}
    if not enrolled or slug not in lessons:
        raise Http404("No such learner or lesson in this class")
    learner = get_user_model().objects.get(pk=user_id)
    lesson, lang = lessons[slug], language()
    row = gradebook.newest_progress([learner.pk], [slug]).get((learner.pk, slug))
    cell = gradebook.lesson_cell(lesson, row, lang)
    shown = None
    if row is not None:
        # Read with values_list: the row is never locked nor saved (the page must not change it).
        state, screen = Sandbox.objects.values_list("state", "screen").get(pk=row.sandbox_id)
        started = Progress.from_json(row.progress).started_at if row.progress else 0.0
        shown = replay(state, screen, started)
    return render(request, "classes/learner.html", {
        "classroom": classroom, "learner": learner, "lesson": lesson, "title": lesson.title.get(lang),
        "cell": cell, "replay": shown, "progress_row": row})
