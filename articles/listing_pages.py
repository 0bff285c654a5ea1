"""Pages of a story list that cost the same at any depth: no count, no skipping from the top.

A list's first page shows its newest stories. Its "Older stories" link asks for the stories
listed after the last one shown (`?before=<its id>`), "Newer stories" for those listed before
the first (`?after=<id>`), and "Oldest stories" for the end of the list (`?after=0`). A page
reads one story more than it shows, to know whether there is a further page, walking the
listing index (section or author, publish time, id) from the story its address names: page
2,000 costs what page 2 costs. Nothing counts the list: counting 100,000 stories took longer
than drawing the page, and readers are told "older" and "newer", not "page 7 of 8,334".

The numbered pages of earlier releases (`?page=7`, in bookmarks and search engines) still
answer, choosing their ids in the index before reading any row; their links are the ones above.
Choosing them means skipping index entries, as many as the stories above the page, so only the
first DEEPEST_NUMBERED_PAGE answer: a deeper number is a 404, like a page past the end.
"""

from django.http import Http404

from newsroom.pagecache import is_canonical_number

from .models import Article

# Where a list is read from: its start, after a story, before one, or its end.
NEWEST, OLDER, NEWER = "newest", "older", "newer"
# ?page=2000 read 24,000 index entries at 100,000 stories (bench/scale), and a deeper number
# more, up to the whole list: the cost of a request a visitor chooses must not grow with the
# archive. Stories further down are reached by the "Older stories" links (each costs what page
# 2 costs) and by search; search engines find every story in the sitemaps.
DEEPEST_NUMBERED_PAGE = 1000


class StoryPage:
    """The stories of one page, with the addresses of the pages around it (None at an end)."""

    def __init__(self, stories, number, *, newer_from=None, older_from=None, oldest=False):
        self.object_list = stories
        # Only a numbered page (the first, or ?page=N) has a number.
        self.number = number
        # The page's own address, after the list's path: one address per page for search
        # engines and social cards.
        self.query = ""
        self.newer_url = None
        if newer_from is not None:
            self.newer_url = f"?after={newer_from}"
        self.older_url = f"?before={older_from}" if older_from is not None else None
        # The end of the list is worth a link from anywhere but the end itself.
        self.oldest_url = None if oldest or older_from is None else "?after=0"

    def has_other_pages(self):
        return self.newer_url is not None or self.older_url is not None


def story_page(stories, parameters, per_page):
    """The page of `stories` (a list, newest first) that a request's GET `parameters` ask for.

    Raises Http404 for a page that does not exist: an address naming no story, a page number
    past the end, or anything but a plain number. Stories newer than one of the first page's
    are the first page (whose own address is the list's)."""
    named = [name for name in ("before", "after", "page") if name in parameters]
    if len(named) > 1:
        raise Http404("Ask for one page at a time.")
    if not named:
        return _page_from(stories, NEWEST, None, per_page, number=1)
    name = named[0]
    value = parameters[name]
    if not is_canonical_number(value):
        raise Http404("No such page.")
    if name == "page":
        page = _numbered_page(stories, int(value), per_page)
    elif name == "after" and value == "0":
        page = _oldest_page(stories, per_page)
    else:
        page = _page_from(stories, OLDER if name == "before" else NEWER, int(value), per_page)
    if page is None:
        return _page_from(stories, NEWEST, None, per_page, number=1)
    if page.number != 1:
        page.query = f"?{name}={value}"
    return page


def _page_from(stories, direction, story_id, per_page, number=None):
    if direction == NEWEST:
        shown, further = _split(stories.order_by("-published_at", "-pk"), per_page)
        return StoryPage(shown, number, older_from=_last_if(further, shown))
    edge = Article.objects.filter(pk=story_id).values_list("published_at", flat=True).first()
    if edge is None:
        raise Http404("No such story to page from.")
    if direction == OLDER:
        # Listed after the story: published earlier, or at the same moment with a lower id.
        # Written as a range from the story (not "earlier, or the same and lower") so that the
        # database starts reading the index at the story instead of at the top of the list.
        older = stories.filter(published_at__lte=edge).exclude(published_at=edge, pk__gte=story_id)
        shown, further = _split(older.order_by("-published_at", "-pk"), per_page)
        if not shown:
            raise Http404("No stories older than this one.")
        return StoryPage(shown, None, newer_from=shown[0].pk, older_from=_last_if(further, shown))
    newer = stories.filter(published_at__gte=edge).exclude(published_at=edge, pk__lte=story_id)
    shown, further = _split(newer.order_by("published_at", "pk"), per_page)
    if not further:
        return None  # the first page
    shown.reverse()
    return StoryPage(shown, None, newer_from=shown[0].pk, older_from=shown[-1].pk)


def _oldest_page(stories, per_page):
    shown, further = _split(stories.order_by("published_at", "pk"), per_page)
    shown.reverse()
    return StoryPage(shown, None, newer_from=shown[0].pk if further else None, oldest=True)


def _numbered_page(stories, number, per_page):
    if not 1 <= number <= DEEPEST_NUMBERED_PAGE:
        raise Http404("No such page.")
    if number == 1:
        return _page_from(stories, NEWEST, None, per_page, number=1)
    skipped = (number - 1) * per_page
    listed = stories.order_by("-published_at", "-pk")
    # The ids are chosen in the listing index (no row read for the skipped stories), and only
    # the chosen stories' rows are read, in the same query.
    chosen = listed.values("pk")[skipped : skipped + per_page + 1]
    shown, further = _split(listed.filter(pk__in=chosen), per_page)
    if not shown:
        raise Http404("No such page.")
    return StoryPage(shown, number, newer_from=shown[0].pk, older_from=_last_if(further, shown))


def _last_if(further, shown):
    return shown[-1].pk if further else None


def _split(stories, per_page):
    """The first `per_page` of `stories`, and whether there are more."""
    found = list(stories[: per_page + 1])
    return found[:per_page], len(found) > per_page
