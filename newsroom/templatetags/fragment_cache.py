"""`{% cache %}` as Django has it, except that anything but text found under a fragment's key
is a miss: a cache may be shared with other programs, and what it holds is never trusted to be
what we stored."""

from django.core.cache import caches
from django.core.cache.utils import make_template_fragment_key
from django.template import Library
from django.templatetags.cache import CacheNode, do_cache
from django.utils.translation import get_language

register = Library()


class CheckedCacheNode(CacheNode):
    def render(self, context):
        expire_time = int(self.expire_time_var.resolve(context))
        store = caches[self.cache_name.resolve(context) if self.cache_name else "default"]
        # Fragments hold interface text, so each language has its own copy.
        vary_on = [var.resolve(context) for var in self.vary_on] + [get_language()]
        key = make_template_fragment_key(self.fragment_name, vary_on)
        value = store.get(key)
        if not isinstance(value, str):
            value = self.nodelist.render(context)
            store.set(key, value, expire_time)
        return value


@register.tag("cache")
def checked_cache(parser, token):
    node = do_cache(parser, token)
    return CheckedCacheNode(
        node.nodelist, node.expire_time_var, node.fragment_name, node.vary_on, node.cache_name
    )
