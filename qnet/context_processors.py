from django.conf import settings

from qnet.rules import roles_of


def portal(request):
    user = getattr(request, "user", None)
    return {
        "portal_languages": settings.LANGUAGES,
        "roles": roles_of(user) if user is not None else None,
    }
