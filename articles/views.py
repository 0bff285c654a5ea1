"""Reader pages: home, category, author and story pages, plus robots.txt."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView, TemplateView

from .context_processors import site_categories
from .models import Article


class ArticleListView(ListView):
    """Latest published stories, newest first, a page at a time."""

    template_name = "articles/article_list.html"
    context_object_name = "articles"

    def get_paginate_by(self, queryset):
        return settings.ARTICLES_PER_PAGE

    def get_queryset(self):
        return Article.objects.published().for_listing()


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


class AuthorView(ArticleListView):
    # Only people with published stories have a public page.
    allow_empty = False

    def get_queryset(self):
        self.author = get_object_or_404(get_user_model(), username=self.kwargs["username"])
        return super().get_queryset().filter(author=self.author)

    def get_context_data(self, **kwargs):
        return super().get_context_data(author=self.author, **kwargs)


class ArticleDetailView(DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return Article.objects.visible_to(self.request.user).for_listing()


class RobotsView(TemplateView):
    template_name = "robots.txt"
    content_type = "text/plain; charset=utf-8"
