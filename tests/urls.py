"""The site's URLs plus a page that sets cookies on demand, standing in for a site feature.

`/test/set-cookies/?name=a&strict=b&delete=c` sets `a` with no flags (as careless code
might), sets `b` with SameSite=Strict, and deletes `c`. Tests of the consent middleware, the
cookie flags and the browser flows use it to see what the server lets through.
"""

from django.http import HttpResponse
from django.urls import path

from newsroom.urls import urlpatterns as site_urlpatterns


def set_cookies(request):
    response = HttpResponse(
        "<!DOCTYPE html><html lang='en'><title>Cookies</title><p>Cookies requested.</p></html>"
    )
    for name in request.GET.getlist("name"):
        response.set_cookie(name, "set-by-the-site")
    for name in request.GET.getlist("strict"):
        response.set_cookie(name, "set-by-the-site", samesite="Strict")
    for name in request.GET.getlist("delete"):
        response.delete_cookie(name)
    return response


urlpatterns = [
    path("test/set-cookies/", set_cookies),
    # i18n_patterns cannot be included, only listed.
    *site_urlpatterns,
]
