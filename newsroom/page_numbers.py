"""A page number in a reader's address is a short number, or the address does not exist.

The `page`, `comments`, `before` and `after` parameters choose a page of a list (the last two
by a story's id). Anything reading them as a number (the page cache's spelling check, a
paginator) calls int(), which Python refuses for more than 4,300 digits: a 500 for
`?page=999…`. A value longer than LONGEST_NUMBER is answered 404 before anything reads it.
"""

from functools import wraps

from django.http import Http404

from .pagecache import LIST_PAGE_PARAMETERS, LONGEST_NUMBER


def has_page_number_too_long(request):
    return any(
        len(value) > LONGEST_NUMBER
        for name in LIST_PAGE_PARAMETERS
        for value in request.GET.getlist(name)
    )


def page_numbers_checked(view):
    """`view`, answering 404 to a page parameter too long to be a page number."""

    @wraps(view)
    def checked(request, *args, **kwargs):
        if has_page_number_too_long(request):
            raise Http404("No such page.")
        return view(request, *args, **kwargs)

    return checked
