"""Each person chooses per kind of notice: mail immediately, daily digest, or no mail."""

import pytest

from qnet.models import Delivery, NoticeKind, NotificationPreference

pytestmark = pytest.mark.django_db
URL = "/profile/notifications/"


def all_kinds(delivery=Delivery.IMMEDIATELY, **chosen):
    return {kind: chosen.get(kind, delivery) for kind in NoticeKind.values}


def test_it_offers_every_kind_with_immediately_as_default(login, leader_a):
    response = login(leader_a).get(URL)
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.fields) == set(NoticeKind.values)
    assert all(form[kind].value() == Delivery.IMMEDIATELY for kind in NoticeKind.values)
    assert b"Daily digest" in response.content


def test_it_saves_the_choices_and_shows_them_again(login, leader_a):
    client = login(leader_a)
    data = all_kinds(
        **{NoticeKind.EVENT_PUBLISHED: Delivery.DIGEST, NoticeKind.JOIN_DECIDED: "off"}
    )
    response = client.post(URL, data)
    assert response.status_code == 302
    saved = dict(
        NotificationPreference.objects.filter(user=leader_a).values_list("kind", "delivery")
    )
    assert saved[NoticeKind.EVENT_PUBLISHED] == Delivery.DIGEST
    assert saved[NoticeKind.JOIN_DECIDED] == Delivery.OFF
    form = client.get(URL).context["form"]
    assert form[NoticeKind.EVENT_PUBLISHED].value() == Delivery.DIGEST


def test_it_refuses_an_unknown_choice_and_saves_nothing(login, leader_a):
    response = login(leader_a).post(URL, all_kinds(**{NoticeKind.EVENT_PUBLISHED: "hourly"}))
    assert response.status_code == 200
    assert NoticeKind.EVENT_PUBLISHED in response.context["form"].errors
    assert not NotificationPreference.objects.exists()


def test_it_keeps_each_persons_choices_apart(login, leader_a, leader_b):
    login(leader_a).post(URL, all_kinds(Delivery.OFF))
    assert not NotificationPreference.objects.filter(user=leader_b).exists()


def test_the_profile_links_to_it(login, leader_a):
    assert URL.encode() in login(leader_a).get("/profile/").content


@pytest.mark.parametrize("chosen", [0, 14])
def test_its_query_count_is_constant(login, leader_a, django_assert_num_queries, chosen):
    if chosen:
        login(leader_a).post(URL, all_kinds(Delivery.DIGEST))
    client = login(leader_a)
    with django_assert_num_queries(3):
        assert client.get(URL).status_code == 200


def test_it_redirects_anonymous_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_rejects_put(login, leader_a):
    assert login(leader_a).put(URL).status_code == 405
