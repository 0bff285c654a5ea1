"""Reader pages: home, category, author, story, corrections and search pages, plus robots.txt."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django.views.decorators.cache import cache_control
from django.views.generic import DetailView, ListView, TemplateView

from newsroom.copies import is_list_of, kept
from newsroom.models import SITE_SCOPE, story_scope
from newsroom.pagecache import generation, generations, settled_generation

from .context_processors import show_sections_in_language, site_categories
from .forms import SearchForm
from .listing_pages import story_page
from .models import Article, Byline, Correction

RELATED_STORIES = 4


class ArticleListView(ListView):
    """Latest published stories, newest first, a page at a time (articles/listing_pages.py)."""

    template_name = "articles/article_list.html"
    context_object_name = "articles"

    def get_paginate_by(self, queryset):
        return settings.ARTICLES_PER_PAGE

    def paginate_queryset(self, queryset, page_size):
        page = story_page(queryset, self.request.GET, page_size)
        return None, page, page.object_list, page.has_other_pages()

    def get_queryset(self):
        return Article.objects.published().for_listing()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        stories = show_sections_in_language(self.request, list(context["object_list"]))
        context["object_list"] = context["articles"] = stories
        page.object_list = stories
        context["canonical_path"] = f"{self.request.path}{page.query}"
        context["page_title"], context["page_description"] = self.describe_page()
        return context

    def describe_page(self):
        """The title and one-line description social cards and search engines show."""
        return settings.SITE_NAME, gettext("News from %(site_name)s.") % {
            "site_name": settings.SITE_NAME
        }


class HomeView(ArticleListView):
    pass


class CategoryView(ArticleListView):
    def get_queryset(self):
        # Found among the sections the navigation shows anyway: one query fewer per page.
        sections = {category.slug: category for category in site_categories(self.request)}
        self.category = sections.get(self.kwargs["slug"])
        if self.category is None:
            raise Http404("No such section.")
        return super().get_queryset().filter(category=self.category)

    def get_context_data(self, **kwargs):
        return super().get_context_data(category=self.category, **kwargs)

    def describe_page(self):
        site_title, site_description = super().describe_page()
        return self.category.name, self.category.description or site_description


class AuthorView(ArticleListView):
    # Only people with published stories have a public page.
    allow_empty = False

    def get_queryset(self):
        # Found by the byline's slug: a login name never appears in a reader's address.
        bylines = Byline.objects.select_related("user")
        self.author = get_object_or_404(bylines, slug=self.kwargs["slug"])
        return super().get_queryset().filter(author=self.author.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(author=self.author, **kwargs)

    def describe_page(self):
        names = {"name": self.author.name, "site": settings.SITE_NAME}
        return gettext("Stories by %(name)s") % names, (
            gettext("Stories by %(name)s in %(site)s.") % names
        )


class ArticleDetailView(DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get(self, request, *args, **kwargs):
        # The page shows things kept per site generation (sections, related stories) and per
        # story generation (its comments): both read in one query.
        generations(request, [SITE_SCOPE, story_scope(kwargs["slug"])])
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        # Whether the story has corrections comes with it: most have none, and their pages
        # then cost no query for them.
        corrections = Correction.objects.filter(article=OuterRef("pk"))
        # The search vector is as long as the body and never shown.
        return (
            Article.objects.visible_to(self.request.user)
            .select_related("author__byline")
            .defer("search_vector")
            .annotate(has_corrections=Exists(corrections))
        )

    def get_object(self, queryset=None):
        article = super().get_object(queryset)
        # Its section is among those the navigation shows anyway: no join for it. (A section
        # made since they were read is fetched the usual way when the page asks for it.)
        sections = {category.pk: category for category in site_categories(self.request)}
        if article.category_id in sections:
            article.category = sections[article.category_id]
        return article

    def get_context_data(self, **kwargs):
        related = show_sections_in_language(
            self.request, related_stories(self.request, self.object)
        )
        corrections = list(self.object.corrections.all()) if self.object.has_corrections else []
        return super().get_context_data(related_stories=related, corrections=corrections, **kwargs)


class CorrectionsView(ListView):
    """Every correction, clarification and update of the live stories, newest first."""

    template_name = "articles/corrections.html"
    context_object_name = "corrections"

    def get_paginate_by(self, queryset):
        return settings.ARTICLES_PER_PAGE

    def get_queryset(self):
        return Correction.objects.public().for_listing()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        query = f"?page={page.number}" if page is not None and page.number > 1 else ""
        context["canonical_path"] = f"{self.request.path}{query}"
        return context


def related_stories(request, article):
    """The stories listed under `article`. Finding them is a full-text query whose answer only
    changes when a story is published, edited or withdrawn, which starts a new site generation
    of cached pages: so the answer is kept per generation, for readers the page cache does not
    serve (editors, readers with personal cookies)."""
    return kept(
        "related",
        is_list_of(Article),
        lambda: list(
            Article.objects.published().for_listing().related_to(article, RELATED_STORIES)
        ),
        owner=article,
        generations=[generation(request, SITE_SCOPE)],
    )


# Never shared by a cache in front: every query would be a copy of its own, so visitors could
# fill the cache at will. The app keeps answers in its own bounded store ("search") instead.
@cache_control(private=True)
def search(request):
    """Published stories matching the reader's query and filters, best match first."""
    sections = site_categories(request)
    form = SearchForm(request.GET or None, sections=sections)
    section, first_day, last_day = form.filters()
    stories = Article.objects.published().published_between(first_day, last_day)
    if section is not None:
        stories = stories.filter(category=section)
    # Answers are kept until the site's stories change (a new site generation), for these filters.
    site = settled_generation(request, SITE_SCOPE)
    searched = None if site is None else (site, (section and section.pk, first_day, last_day))
    paginator = Paginator(stories.search(form.query, searched), settings.ARTICLES_PER_PAGE)
    # A page number that is not one shows the first page, one past the end the last.
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = show_sections_in_language(request, list(page.object_list))
    context = {
        "form": form,
        "query": form.query,
        "searched": bool(form.query),
        "articles": page.object_list,
        "page_obj": page,
        "paginator": paginator,
        "is_paginated": page.has_other_pages(),
    }
    return render(request, "articles/search.html", context)


class RobotsView(TemplateView):
    template_name = "robots.txt"
    content_type = "text/plain; charset=utf-8"

    def get_context_data(self, **kwargs):
        # Search answers are endless and private: crawlers stay off them in every language.
        search_paths = []
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                search_paths.append(reverse("articles:search"))
        return super().get_context_data(search_paths=sorted(set(search_paths)), **kwargs)
