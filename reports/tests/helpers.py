"""Shared checks for the reports view tests."""

from django.urls import reverse


def assert_login_redirect(response):
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
