"""Classes: an instructor makes one, learners join it with its code, and only its instructor sees
its gradebook. The cast: an instructor, another instructor, a learner, a stranger (not signed in)."""
from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from lessons.models import INSTRUCTORS_GROUP, Classroom, Enrollment

from .lessons_fixtures import FIRST, SECOND, fixture_lessons  # noqa: F401 (fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fixture_lessons")]


def signed_in(username: str, *, instructor: bool = False, superuser: bool = False) -> Client:
    users = get_user_model().objects
    user = (users.create_superuser(username, password="pw") if superuser
            else users.create_user(username, password="correct horse battery"))
    if instructor:
        user.groups.add(Group.objects.get_or_create(name=INSTRUCTORS_GROUP)[0])
    client = Client()
    client.force_login(user)
    client.user = user          # type: ignore[attr-defined]
    return client


@pytest.fixture
def instructor() -> Client:
    return signed_in("teacher", instructor=True)


@pytest.fixture
def other_instructor() -> Client:
    return signed_in("rival", instructor=True)


@pytest.fixture
def learner() -> Client:
    return signed_in("learner")


@pytest.fixture
def stranger() -> Client:
    return Client()


def make_class(client: Client, name: str = "Pods 101", **extra: object) -> Classroom:
    response = client.post("/classes/new/", {"name": name, "which": "all", **extra})
    assert response.status_code == 302, response.content.decode()
    classroom = Classroom.objects.get(name=name)
    assert response["Location"] == f"/classes/{classroom.pk}/gradebook/"
    return classroom


def join(client: Client, code: str) -> str:
    return client.post("/classes/join/", {"code": code}, follow=True, HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_it_sends_a_stranger_to_log_in_first(stranger, instructor):
    classroom = make_class(instructor)
    for url in ("/classes/", "/classes/join/", "/classes/new/", f"/classes/{classroom.pk}/gradebook/",
                f"/classes/{classroom.pk}/gradebook.csv"):
        response = stranger.get(url)
        assert response.status_code == 302 and response["Location"] == f"/accounts/login/?next={url}", url
    # A join code shared as a link survives the detour through the login page.
    response = stranger.get(f"/classes/join/?code={classroom.join_code}")
    assert response["Location"] == f"/accounts/login/?next=/classes/join/%3Fcode%3D{classroom.join_code}"
    assert not Enrollment.objects.exists()


def test_it_lets_an_instructor_create_a_class_and_shows_its_join_code(instructor):
    form = instructor.get("/classes/new/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "A practice pod" in form and "The second lesson" in form
    classroom = make_class(instructor)
    assert classroom.instructor == instructor.user and classroom.lessons == []   # []: every lesson
    assert len(classroom.join_code) == 8
    page = instructor.get(f"/classes/{classroom.pk}/gradebook/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert classroom.join_code in page and f"/classes/join/?code={classroom.join_code}" in page
    assert "No learner has joined yet." in page
    listing = instructor.get("/classes/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Classes you teach" in listing and "Pods 101" in listing and classroom.join_code in listing


def test_it_makes_a_class_of_chosen_lessons_only(instructor):
    classroom = make_class(instructor, "Deleting", which="chosen", lessons=[SECOND])
    assert classroom.lessons == [SECOND]
    page = instructor.get(f"/classes/{classroom.pk}/gradebook/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    # No learner yet, so no table; the class's lessons show once someone joins.
    Enrollment.objects.create(classroom=classroom, learner=get_user_model().objects.create_user("someone"))
    page = instructor.get(f"/classes/{classroom.pk}/gradebook/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f'data-lesson="{SECOND}"' in page and f'data-lesson="{FIRST}"' not in page


def test_it_wants_a_name_and_at_least_one_chosen_lesson(instructor):
    response = instructor.post("/classes/new/", {"name": "", "which": "chosen"}, HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 200 and "This field is required." in html
    assert "Pick at least one lesson, or choose every lesson." in html
    response = instructor.post("/classes/new/", {"name": "X", "which": "chosen", "lessons": ["no-such-lesson"]})
    assert response.status_code == 200 and not Classroom.objects.exists()


def test_it_lets_only_instructors_create_classes(learner):
    assert learner.get("/classes/new/").status_code == 403
    assert learner.post("/classes/new/", {"name": "Mine", "which": "all"}).status_code == 403
    assert not Classroom.objects.exists()
    # A learner's class list has no "New class" button.
    assert "/classes/new/" not in learner.get("/classes/").content.decode()


def test_it_lets_a_learner_join_with_a_code_and_joining_twice_is_harmless(instructor, learner):
    classroom = make_class(instructor)
    # Read aloud and typed back: lower case, a space, a dash (the alphabet has no 0/O or 1/I).
    typed = f"{classroom.join_code[:4].lower()} -{classroom.join_code[4:]}"
    html = join(learner, typed)
    assert "You joined Pods 101." in html and "Classes you joined" in html and "Taught by teacher" in html
    html = join(learner, classroom.join_code)
    assert "You are already in Pods 101." in html
    assert Enrollment.objects.filter(classroom=classroom, learner=learner.user).count() == 1
    # The join page prefills the code of a shared link.
    page = learner.get(f"/classes/join/?code={classroom.join_code}").content.decode()
    assert f'value="{classroom.join_code}"' in page


def test_it_says_clearly_when_a_code_is_wrong(instructor, learner):
    make_class(instructor)
    response = learner.post("/classes/join/", {"code": "nope-0000"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "No class has the code NOPE0000. Check it with your instructor." in response.content.decode()
    assert not Enrollment.objects.exists()


def test_it_lists_each_users_own_classes(instructor, other_instructor, learner):
    mine, theirs = make_class(instructor, "Mine"), make_class(other_instructor, "Theirs")
    join(learner, theirs.join_code)
    listing = instructor.get("/classes/").content.decode()
    assert "Mine" in listing and "Theirs" not in listing
    listing = learner.get("/classes/").content.decode()
    assert "Theirs" in listing and "Mine" not in listing and mine.join_code not in listing
    # The header links to the classes for anyone signed in.
    assert 'href="/classes/"' in learner.get("/lessons/").content.decode()


def test_it_shows_a_gradebook_to_its_instructor_only(instructor, other_instructor, learner):
    classroom = make_class(instructor)
    join(learner, classroom.join_code)
    urls = [f"/classes/{classroom.pk}/gradebook/", f"/classes/{classroom.pk}/gradebook.csv",
            f"/classes/{classroom.pk}/learners/{learner.user.pk}/{FIRST}/"]
    for url in urls:
        assert instructor.get(url).status_code == 200, url
        # 404, not 403: a guessed class number tells nobody that the class exists.
        assert other_instructor.get(url).status_code == 404, url
        assert learner.get(url).status_code == 404, url
        assert signed_in(f"admin-{len(url)}", superuser=True).get(url).status_code == 200, url
    assert instructor.get("/classes/999/gradebook/").status_code == 404


def test_it_shows_no_detail_of_someone_outside_the_class_or_its_lessons(instructor, learner):
    classroom = make_class(instructor, "Deleting", which="chosen", lessons=[SECOND])
    outsider = get_user_model().objects.create_user("outsider")
    assert instructor.get(f"/classes/{classroom.pk}/learners/{outsider.pk}/{SECOND}/").status_code == 404
    join(learner, classroom.join_code)
    assert instructor.get(f"/classes/{classroom.pk}/learners/{learner.user.pk}/{FIRST}/").status_code == 404
    page = instructor.get(f"/classes/{classroom.pk}/learners/{learner.user.pk}/{SECOND}/",
                          HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "This learner has not opened the lesson yet." in page


def test_it_shows_the_classes_in_the_admin_with_their_learners(instructor, learner):
    classroom = make_class(instructor)
    join(learner, classroom.join_code)
    admin = signed_in("admin", superuser=True)
    for url in ("/admin/lessons/classroom/", "/admin/lessons/enrollment/", "/admin/lessons/lessonprogress/",
                "/admin/lessons/apitoken/", "/admin/sandbox/sandbox/"):
        assert admin.get(url).status_code == 200, url
    page = admin.get(f"/admin/lessons/classroom/{classroom.pk}/change/").content.decode()
    assert "enrollments-TOTAL_FORMS" in page and f'value="{learner.user.pk}"' in page
