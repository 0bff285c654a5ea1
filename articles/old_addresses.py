"""Old addresses: a story or section whose slug changed still answers at its old address.

Rules this module owns:
- When a saved story or section leaves a slug, the slug is recorded as an old address of that
  story or section (the record names the object, not its new slug, so a slug changed twice
  still leads straight to the current address).
- A slug belongs to whoever holds it now: a story or section that takes a slug drops the old
  address recorded under it, and while it holds the slug its own page answers there.
- The old address is looked up only when nothing answers at the address (the page would be a
  404), so normal pages pay nothing for it. It answers with a permanent redirect (301) to the
  current address in the language of the address asked for, the query string kept. A story the
  reader may not see is not pointed to (its new slug stays private).
- Browsers keep a 301 as long as they are told: the redirect is private (the page cache never
  stores it, it stores only 200s) and kept at most PAGE_CACHE_SECONDS, so a slug taken by
  another story reaches every reader soon after.
"""

from functools import wraps

from django.conf import settings
from django.db import models, router, transaction
from django.http import Http404, HttpResponsePermanentRedirect
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _

from newsroom.addresses import url


class OldAddressQuerySet(models.QuerySet):
    def record_move(self, owner, left_slug):
        """Record that `owner` (a story or section just saved under its current slug) left
        `left_slug` (None when it kept its slug or is new), and drop any old address its current
        slug had: the slug is its own now."""
        kind = kind_of(owner)
        self.filter(kind=kind, slug=owner.slug).delete()
        if left_slug and left_slug != owner.slug:
            self.update_or_create(
                kind=kind, slug=left_slug, defaults={**_owner_fields(kind, owner)}
            )

    def current_address(self, kind, slug, user, view_name, kwargs):
        """The current address of what used to answer at `slug` (through the view `view_name`
        with URL arguments `kwargs`), or None if nothing did or `user` may not see it."""
        # The story model through the relation: models.py imports this module, not the reverse.
        stories = self.model._meta.get_field("article").related_model
        moved = self.filter(kind=kind, slug=slug)
        if kind == OldAddress.Kind.STORY:
            moved = moved.filter(article__in=stories.objects.visible_to(user))
        old = moved.select_related(_owner_field(kind)).first()
        if old is None:
            return None
        owner = getattr(old, _owner_field(kind))
        return url(view_name, *[owner.slug if name == "slug" else kwargs[name] for name in kwargs])


class OldAddress(models.Model):
    class Kind(models.TextChoices):
        STORY = "story", _("Story")
        SECTION = "section", _("Section")

    kind = models.CharField(verbose_name=_("kind"), max_length=10, choices=Kind.choices)
    slug = models.SlugField(verbose_name=_("old slug"), max_length=200)
    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="old_addresses",
    )
    category = models.ForeignKey(
        "articles.Category",
        verbose_name=_("category"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="old_addresses",
    )
    created_at = models.DateTimeField(verbose_name=_("created at"), auto_now_add=True)

    objects = OldAddressQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("old address")
        verbose_name_plural = _("old addresses")
        constraints = [
            # One owner per old slug: the last one to leave it.
            models.UniqueConstraint(fields=["kind", "slug"], name="old_address_one_owner"),
            models.CheckConstraint(
                condition=(
                    models.Q(kind="story", article__isnull=False, category__isnull=True)
                    | models.Q(kind="section", article__isnull=True, category__isnull=False)
                ),
                name="old_address_names_its_owner",
            ),
        ]

    def __str__(self):
        return f"{self.kind}: {self.slug}"


def kind_of(owner):
    return (
        OldAddress.Kind.SECTION if owner._meta.model_name == "category" else OldAddress.Kind.STORY
    )


def _owner_field(kind):
    return "category" if kind == OldAddress.Kind.SECTION else "article"


def _owner_fields(kind, owner):
    return {"article": None, "category": None, _owner_field(kind): owner}


class KeepsOldAddresses(models.Model):
    """For a model with a `slug` in its address: a save that changes the slug records the old
    one (see the module's rules)."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "slug" not in update_fields:
            super().save(*args, **kwargs)
            return
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        stored_slug = getattr(self, "_stored_slug", None)
        if stored_slug is None and not self._state.adding:
            # Loaded without its slug (deferred) or made by hand: ask the database.
            stored = type(self)._base_manager.using(using).filter(pk=self.pk)
            stored_slug = stored.values_list("slug", flat=True).first()
        if not self._state.adding and stored_slug == self.slug:
            super().save(*args, **kwargs)
            return
        with transaction.atomic(using=using):
            super().save(*args, **kwargs)
            OldAddress.objects.using(using).record_move(self, stored_slug)
        self._stored_slug = self.slug

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # The slug as stored, unless it was not loaded (deferred).
        instance._stored_slug = instance.__dict__.get("slug")
        return instance


def redirects_old_addresses(view, kind):
    """`view` (whose URL names a story's or section's `slug`), answering an address that would
    be a 404 with a permanent redirect to the current address, if the slug is an old one."""

    @wraps(view)
    def serve(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Http404:
            view_name = request.resolver_match.view_name
            address = OldAddress.objects.current_address(
                kind, kwargs["slug"], request.user, view_name, kwargs
            )
            if address is None:
                raise
        query = request.META.get("QUERY_STRING", "")
        response = HttpResponsePermanentRedirect(f"{address}?{query}" if query else address)
        patch_cache_control(response, private=True, max_age=settings.PAGE_CACHE_SECONDS)
        return response

    return serve
