"""A URLconf whose view sets a cookie with no flags, as careless code elsewhere might."""

from django.http import HttpResponse
from django.urls import path


def bare_cookie_view(request):
    response = HttpResponse("cookie set")
    response.set_cookie("bare_cookie", "1")
    response.set_cookie("strict_cookie", "1", samesite="Strict")
    return response


urlpatterns = [path("cookie/", bare_cookie_view)]
