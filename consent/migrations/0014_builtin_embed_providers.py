"""The embed providers the site ships with: videos, posts, charts, a map and podcasts.

Editors can reword them, switch them off or add their own in the admin. Video, social and
podcast players come under Advertisement (they measure and profile viewers for advertising);
charts and the map under Functional (they serve the graphic and see the reader's address).
"""

from django.db import migrations

GOOGLE = "https://policies.google.com/privacy"
PROVIDERS = [
    {
        "slug": "youtube",
        "name": "YouTube",
        "category": "advertisement",
        "url_patterns": "\n".join(
            [
                r"https?://(?:www\.|m\.)?youtube\.com/watch\?(?:[^#]*&)?v=(?P<id>[A-Za-z0-9_-]{11})(?:[&#].*)?",
                r"https?://youtu\.be/(?P<id>[A-Za-z0-9_-]{11})(?:[?#].*)?",
                r"https?://(?:www\.)?youtube\.com/shorts/(?P<id>[A-Za-z0-9_-]{11})(?:[?#].*)?",
            ]
        ),
        "frame_url": "https://www.youtube-nocookie.com/embed/{id}",
        "oembed_endpoint": "https://www.youtube.com/oembed",
        "cookies": "YouTube (Google) stores cookies and local storage in your browser, such as "
        "YSC, VISITOR_INFO1_LIVE and yt-remote-*, and reads your Google account cookies if you "
        "are signed in.",
        "purposes": "Playing the video, counting views, detecting abuse, and measuring and "
        "personalising advertising.",
        "privacy_url": GOOGLE,
        "frame_sources": "https://www.youtube-nocookie.com",
        "frame_height": 0,
    },
    {
        "slug": "vimeo",
        "name": "Vimeo",
        "category": "advertisement",
        "url_patterns": r"https?://(?:www\.)?vimeo\.com/(?P<id>[0-9]{4,12})(?:[/?#].*)?",
        "frame_url": "https://player.vimeo.com/video/{id}",
        "oembed_endpoint": "https://vimeo.com/api/oembed.json",
        "cookies": "Vimeo stores cookies such as vuid and player preferences in your browser.",
        "purposes": "Playing the video, remembering player settings and measuring viewing.",
        "privacy_url": "https://vimeo.com/privacy",
        "frame_sources": "https://player.vimeo.com",
        "frame_height": 0,
    },
    {
        "slug": "x",
        "name": "X (Twitter)",
        "category": "advertisement",
        "url_patterns": r"https?://(?:www\.)?(?:twitter|x)\.com/(?P<user>[A-Za-z0-9_]{1,15})/status/(?P<id>[0-9]{1,20})(?:[/?#].*)?",
        "frame_url": "https://platform.twitter.com/embed/Tweet.html?id={id}",
        "oembed_endpoint": "https://publish.twitter.com/oembed",
        "cookies": "X stores cookies and local storage in your browser and reads your X "
        "account cookies if you are signed in.",
        "purposes": "Showing the post, measuring its audience and personalising advertising.",
        "privacy_url": "https://x.com/en/privacy",
        "frame_sources": "https://platform.twitter.com",
        "frame_height": 600,
    },
    {
        "slug": "instagram",
        "name": "Instagram",
        "category": "advertisement",
        "url_patterns": r"https?://(?:www\.)?instagram\.com/(?:p|reel)/(?P<id>[A-Za-z0-9_-]{5,40})/?(?:[?#].*)?",
        "frame_url": "https://www.instagram.com/p/{id}/embed/",
        "oembed_endpoint": "",
        "cookies": "Instagram (Meta) stores cookies in your browser and reads your Instagram "
        "and Facebook account cookies if you are signed in.",
        "purposes": "Showing the post, measuring its audience and personalising advertising.",
        "privacy_url": "https://privacycenter.instagram.com/policy",
        "frame_sources": "https://www.instagram.com",
        "frame_height": 700,
    },
    {
        "slug": "bluesky",
        "name": "Bluesky",
        "category": "advertisement",
        "url_patterns": r"https?://bsky\.app/profile/(?P<actor>[A-Za-z0-9.:-]{3,253})/post/(?P<rkey>[a-z0-9]{10,16})",
        "frame_url": "https://embed.bsky.app/embed/{actor}/app.bsky.feed.post/{rkey}",
        "oembed_endpoint": "https://embed.bsky.app/oembed",
        "cookies": "Bluesky's embed does not say that it stores cookies; it learns your "
        "address and the page you read.",
        "purposes": "Showing the post.",
        "privacy_url": "https://bsky.social/about/support/privacy-policy",
        "frame_sources": "https://embed.bsky.app",
        "frame_height": 500,
    },
    {
        "slug": "mastodon",
        "name": "Mastodon (mastodon.social)",
        "category": "advertisement",
        "url_patterns": r"https?://mastodon\.social/@(?P<user>[A-Za-z0-9_]{1,30})/(?P<id>[0-9]{1,20})",
        "frame_url": "https://mastodon.social/@{user}/{id}/embed",
        "oembed_endpoint": "https://mastodon.social/api/oembed",
        "cookies": "mastodon.social may store a session cookie in your browser.",
        "purposes": "Showing the post.",
        "privacy_url": "https://mastodon.social/privacy-policy",
        "frame_sources": "https://mastodon.social",
        "frame_height": 500,
    },
    {
        "slug": "datawrapper",
        "name": "Datawrapper",
        "category": "functional",
        "url_patterns": r"https?://(?:datawrapper\.dwcdn\.net|www\.datawrapper\.de/_)/(?P<id>[A-Za-z0-9]{5})(?:/[0-9]{1,3})?/?",
        "frame_url": "https://datawrapper.dwcdn.net/{id}/",
        "oembed_endpoint": "https://api.datawrapper.de/v3/oembed",
        "cookies": "Datawrapper says its charts set no cookies; it learns your address.",
        "purposes": "Drawing the chart.",
        "privacy_url": "https://www.datawrapper.de/privacy",
        "frame_sources": "https://datawrapper.dwcdn.net",
        "frame_height": 450,
    },
    {
        "slug": "flourish",
        "name": "Flourish",
        "category": "functional",
        "url_patterns": "\n".join(
            [
                r"https?://public\.flourish\.studio/visualisation/(?P<id>[0-9]{1,12})/?",
                r"https?://flo\.uri\.sh/visualisation/(?P<id>[0-9]{1,12})(?:/embed)?/?",
            ]
        ),
        "frame_url": "https://flo.uri.sh/visualisation/{id}/embed",
        "oembed_endpoint": "https://app.flourish.studio/api/v1/oembed",
        "cookies": "Flourish may store cookies to measure how graphics are viewed.",
        "purposes": "Drawing the graphic and counting its views.",
        "privacy_url": "https://flourish.studio/privacy/",
        "frame_sources": "https://flo.uri.sh",
        "frame_height": 500,
    },
    {
        "slug": "openstreetmap",
        "name": "OpenStreetMap",
        "category": "functional",
        "url_patterns": r"https://www\.openstreetmap\.org/export/embed\.html\?bbox=(?P<bbox>[-0-9.,]{7,80}|[-0-9.%2C]{7,90})(?:&layer=mapnik)?(?:&marker=[-0-9.,%2C]{3,40})?",
        "frame_url": "https://www.openstreetmap.org/export/embed.html?bbox={bbox}&layer=mapnik",
        "oembed_endpoint": "",
        "cookies": "OpenStreetMap's map frame stores no advertising cookies; it learns your "
        "address and which area you look at.",
        "purposes": "Drawing the map.",
        "privacy_url": "https://osmfoundation.org/wiki/Privacy_Policy",
        "frame_sources": "https://www.openstreetmap.org",
        "frame_height": 400,
    },
    {
        "slug": "spotify",
        "name": "Spotify",
        "category": "advertisement",
        "url_patterns": r"https?://open\.spotify\.com/(?P<kind>episode|show)/(?P<id>[A-Za-z0-9]{22})(?:[?#].*)?",
        "frame_url": "https://open.spotify.com/embed/{kind}/{id}",
        "oembed_endpoint": "https://open.spotify.com/oembed",
        "cookies": "Spotify stores cookies in your browser and reads your Spotify account "
        "cookies if you are signed in.",
        "purposes": "Playing the podcast, measuring listening and personalising advertising.",
        "privacy_url": "https://www.spotify.com/legal/privacy-policy/",
        "frame_sources": "https://open.spotify.com",
        "frame_height": 232,
    },
]


def add_providers(apps, schema_editor):
    CookieCategory = apps.get_model("consent", "CookieCategory")
    EmbedProvider = apps.get_model("consent", "EmbedProvider")
    categories = {category.slug: category for category in CookieCategory.objects.all()}
    for order, fields in enumerate(PROVIDERS, start=1):
        fields = dict(fields)
        category = categories.get(fields.pop("category"))
        if category is None:
            continue
        EmbedProvider.objects.update_or_create(
            slug=fields.pop("slug"), defaults={**fields, "category": category, "order": order}
        )


def remove_providers(apps, schema_editor):
    EmbedProvider = apps.get_model("consent", "EmbedProvider")
    EmbedProvider.objects.filter(
        slug__in=[provider["slug"] for provider in PROVIDERS], embeds__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("consent", "0013_embed_providers_and_embeds")]

    operations = [migrations.RunPython(add_providers, remove_providers)]
