"""Newsroom settings.

Everything that differs between a laptop and production is read from the environment
(django-environ; a `.env` file in the project folder is read too). Each setting has a safe
development default and is documented in `.env.example`.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from newsroom.logs import stdout_logging

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if (BASE_DIR / ".env").exists():
    env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=True)

# The development key is public (it is in this file), so production must never run with it.
DEVELOPMENT_SECRET_KEY = "django-insecure-newsroom-development-key-do-not-use-in-production"
SECRET_KEY = env("SECRET_KEY", default=DEVELOPMENT_SECRET_KEY)
if not DEBUG and SECRET_KEY in ("", DEVELOPMENT_SECRET_KEY):
    raise ImproperlyConfigured("Set SECRET_KEY to a long random value when DEBUG is off.")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
# Origins (scheme://host) allowed to POST forms, needed when the site is served on a name that
# the browser's Origin header and the Host header the proxy forwards do not agree on.
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # First, so its admin templates (newsroom/templates/admin/) override the admin's own.
    "newsroom",
    # Django's admin with our site class (newsroom/admin_site.py).
    "newsroom.apps.NewsroomAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # Before staticfiles, so `runserver` serves static files the way production does.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "tinymce",
    # Every saved story keeps a revision (articles/admin_revisions.py).
    "reversion",
    "articles",
    "consent",
    "comments",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside every middleware that sets cookies, so it gives each of them its flags.
    "newsroom.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside session, CSRF and messages, so it sees (and can veto) every cookie they set.
    "consent.middleware.ConsentMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Picks the language: from the URL on reader pages, from the visitor on the admin.
    "newsroom.locale.ReaderLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

# Reader pages are Jinja2 templates in templates/ (newsroom/templating.py says why); the admin
# and the apps' own admin templates keep Django's template language.
CONTEXT_PROCESSORS = [
    "django.template.context_processors.request",
    "django.contrib.auth.context_processors.auth",
    "django.contrib.messages.context_processors.messages",
    "articles.context_processors.site",
    "consent.context_processors.consent",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {
            "environment": "newsroom.templating.environment",
            "context_processors": [*CONTEXT_PROCESSORS, "newsroom.templating.csrf_input_once"],
            # What each app offers reader templates besides the context.
            "globals": [
                "articles.templating.GLOBALS",
                "comments.templating.GLOBALS",
                "consent.templating.GLOBALS",
            ],
        },
    },
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Admin overrides in templates/admin/ (and registration/), where Django's documentation
        # puts them; the Jinja2 engine above leaves those folders to this one
        # (newsroom/templating.py, ReaderTemplates).
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": CONTEXT_PROCESSORS},
    },
]

# SQLite is the embedded default. WAL lets readers work while one writer writes, the busy
# timeout makes a writer wait instead of failing with "database is locked", and IMMEDIATE
# transactions take the write lock up front so two writers never deadlock mid-transaction.
# Memory-mapped reads: a search looks up hundreds of stories by id, and through SQLite's small
# default page cache each lookup is a read() call; a mapping is shared by every worker.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA mmap_size=268435456;"
            ),
        }
    )
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Reusing a connection for a minute saves a PostgreSQL handshake per request; the health check
# drops connections the server closed meanwhile. SQLite opens files, which is cheap either way.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0 if DEBUG else 60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Local memory is per process: fine for one developer, wrong for several workers, whose rate
# limits and login lockouts must add up. Production points CACHE_URL at a shared Redis.
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://newsroom")}
# Copies of reader pages live apart from everything else, so page traffic (which visitors steer)
# never evicts other entries. Security counters are not cached at all (newsroom/models.py).
CACHES["pages"] = env.cache("PAGE_CACHE_URL", default=env.str("CACHE_URL", "locmemcache://pages"))
for alias in CACHES.values():
    # django-environ leaves `?key_prefix=` from the URL in lower case, where Django ignores it.
    if "key_prefix" in alias:
        alias["KEY_PREFIX"] = alias.pop("key_prefix")
    # Everything cached can be rebuilt from the database, so Redis being down means slower
    # pages, never error pages (newsroom/cache.py).
    if alias["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
        alias["BACKEND"] = "newsroom.cache.ResilientRedisCache"
# Under the deployment's own prefix, if it has one: sites sharing a Redis must not share pages.
CACHES["pages"]["KEY_PREFIX"] = ":".join(filter(None, [CACHES["pages"].get("KEY_PREFIX"), "pages"]))
if CACHES["pages"]["BACKEND"].endswith("LocMemCache"):
    CACHES["pages"]["LOCATION"] = "newsroom-pages"
    CACHES["pages"].setdefault("OPTIONS", {}).setdefault(
        "MAX_ENTRIES", env.int("PAGE_CACHE_MAX_ENTRIES", default=1000)
    )

# Answers to searches (articles/search.py) are kept in each process's own memory, in a store
# of their own: every new query a visitor types makes an entry, so a flood of made-up searches
# only pushes out other searches, never pages or anything else, and never grows past this.
CACHES["search"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "newsroom-search",
    "OPTIONS": {"MAX_ENTRIES": env.int("SEARCH_CACHE_MAX_ENTRIES", default=500)},
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages the site is shown in (docs/languages.md). Reader pages in the default language
# keep their unprefixed URLs; the others live under /de/, /fr/ (newsroom/urls.py). LANGUAGE_CODE
# may name a regional variant ("en-gb"): the site runs in the language of LANGUAGES it belongs to.
LANGUAGES = [("en", _("English")), ("de", _("German")), ("fr", _("French"))]
LANGUAGE_CODE = env("LANGUAGE_CODE", default="en").lower().replace("_", "-").split("-")[0]
if LANGUAGE_CODE not in dict(LANGUAGES):
    raise ImproperlyConfigured(f"LANGUAGE_CODE must be one of {', '.join(dict(LANGUAGES))}.")
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates as each language writes them ("30 November 2026", "30. November 2026").
FORMAT_MODULE_PATH = ["newsroom.formats"]
# Django's language cookie: declared Necessary (it carries out the visitor's own choice), and
# only read on the bare home page and the admin (newsroom/locale.py).
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
TIME_ZONE = env("TIME_ZONE", default="Europe/London")
USE_I18N = True
USE_TZ = True

# A CDN in front of the site (or a separate static host) goes in STATIC_URL as a full URL.
STATIC_URL = env("STATIC_URL", default="/static/")
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env("MEDIA_URL", default="/media/")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Embeds (consent/embed_fetching.py): a directory answering oEmbed and thumbnail fetches from
# files instead of the network (the demo and the tests); empty in production.
EMBED_FIXTURES_DIR = env("EMBED_FIXTURES_DIR", default="")
# Lets Django serve uploads itself, for a single machine with no web server or CDN in front.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=DEBUG)

# Production serves collected files under content-hashed names, compressed, cached for a year
# (`manage.py collectstatic` at deploy time). Development and the test suite read the source
# folders directly, so they need no collectstatic run.
STORAGES = {
    # Uploads. Every app machine must see the same files: either one MEDIA_ROOT they all mount
    # (served by the web server in front, as `make cluster` does), or object storage through a
    # storage class such as django-storages' S3Storage (install it first), configured with
    # MEDIA_STORAGE_OPTIONS (a JSON object of the class's keyword arguments).
    "default": {
        "BACKEND": env(
            "MEDIA_STORAGE_BACKEND", default="django.core.files.storage.FileSystemStorage"
        ),
        "OPTIONS": env.json("MEDIA_STORAGE_OPTIONS", default={}),
    },
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Decided here rather than from DEBUG at run time, which the test runner switches off.
WHITENOISE_AUTOREFRESH = DEBUG
WHITENOISE_USE_FINDERS = DEBUG

# Messages live in a cookie, so an anonymous reader never needs a session row.
MESSAGE_STORAGE = "django.contrib.messages.storage.cookie.CookieStorage"

SITE_NAME = env("SITE_NAME", default="The Newsroom Ledger")
ARTICLES_PER_PAGE = env.int("ARTICLES_PER_PAGE", default=12)
# PostgreSQL's text search configuration for the site's language (english, german, french...):
# how words are stemmed and which are too common to count. Run `manage.py
# rebuild_search_index` after changing it. SQLite's index always stems English words.
SEARCH_CONFIG = env("SEARCH_CONFIG", default="english")

# Uploaded pictures (articles/picture_uploads.py): larger files, longer sides or more pixels
# are refused with a form error before anything is decoded, so no upload holds a worker for
# long. 40 million pixels decode in well under a second and fill about 160 MB of memory.
PICTURE_MAX_BYTES = env.int("PICTURE_MAX_BYTES", default=25_000_000)
PICTURE_MAX_SIDE = env.int("PICTURE_MAX_SIDE", default=12_000)
PICTURE_MAX_PIXELS = env.int("PICTURE_MAX_PIXELS", default=40_000_000)

# The editor's script and assets are static files; none of django-tinymce's views (compressor,
# file browser, link list) is routed, so none of them may be switched on.
TINYMCE_COMPRESSOR = False
TINYMCE_FILEBROWSER = False
TINYMCE_DEFAULT_CONFIG = {
    "height": 480,
    "menubar": False,
    "plugins": "link lists autolink code image",
    "toolbar": (
        "undo redo | blocks | bold italic | bullist numlist blockquote | link image | code"
    ),
    # The image button offers the media library (articles/admin_pictures.py); a picture from
    # anywhere else is removed when the story is saved (articles/sanitize.py). Addresses are
    # kept as the library gives them (/media/...), not rewritten relative to the admin page.
    "image_list": "/admin/articles/picture/choices.json",
    "image_dimensions": False,
    "relative_urls": False,
    "remove_script_host": True,
    "block_formats": "Paragraph=p; Heading 2=h2; Heading 3=h3; Heading 4=h4",
    "license_key": "gpl",
    # TinyMCE ships no British English pack; asking for one would fetch a missing file.
    "language": "en_US",
}
# Gives TinyMCE 7's resize handle the role its label needs, and its editing area a title and a
# language (axe-core); see the files.
TINYMCE_EXTRA_MEDIA = {
    "js": ["editors/tinymce-resize-handle.js", "editors/tinymce-editing-area.js"]
}

# HTTPS. Production runs behind a load balancer or proxy that ends TLS and forwards plain HTTP;
# BEHIND_HTTPS_PROXY trusts its X-Forwarded-Proto header to tell which requests came in over
# HTTPS. Only turn it on when the proxy always sets (or strips) that header.
if env.bool("BEHIND_HTTPS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# Load balancers probe over plain HTTP; a redirect would read as "unhealthy".
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Cookies. Secure (HTTPS only) whenever DEBUG is off; `make serve` turns it off to run over
# plain HTTP on a laptop. No script of ours reads the session or CSRF cookies: forms carry the
# token in a hidden field. Messages ride in a cookie that takes the session cookie's flags.
SECURE_COOKIES = env.bool("SECURE_COOKIES", default=not DEBUG)
# Django's own database sessions: a sign-out is seen at once by every worker and machine, which a
# session kept in each worker's memory (cached_db with a local cache) would not give.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
LANGUAGE_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Reverse proxies in front of the app that append to X-Forwarded-For (0: clients connect
# directly). Decides which address rate limits and the admin lockout count against.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# Admin login lockout (newsroom/admin_login.py): after this many failed logins in the window,
# from one client address or for one username, further attempts are refused until it ends.
# One client adds at most its own limit to a username's count, so the username limit, ten times
# higher, takes ten clients to reach: a lock that also shuts out the real editor.
ADMIN_LOGIN_FAILURES_PER_ADDRESS = env.int("ADMIN_LOGIN_FAILURES_PER_ADDRESS", default=5)
ADMIN_LOGIN_FAILURES_PER_USERNAME = env.int("ADMIN_LOGIN_FAILURES_PER_USERNAME", default=50)
ADMIN_LOGIN_LOCKOUT_SECONDS = env.int("ADMIN_LOGIN_LOCKOUT_SECONDS", default=15 * 60)

# One JSON object per line on stdout, for the platform's log collector (newsroom/logs.py).
LOG_LEVEL = env("LOG_LEVEL", default="INFO")
LOGGING = stdout_logging(
    LOG_LEVEL,
    {
        "django": LOG_LEVEL,
        # Django logs every 4xx as a warning; a bot probing for /wp-login.php is not news.
        "django.request": "ERROR",
        "django.server": LOG_LEVEL,
    },
)

# Email: Django's backend from a URL. The console backend prints mail in development; use
# e.g. smtp+tls://user:password@mail.example.net:587 in production. With DEBUG off the default
# is Django's own, a mail server on this machine: printed mail would break the one-line logs.
vars().update(
    env.email_url("EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25")
)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="newsroom@localhost")

# Comments (see comments/closing.py, moderation.py and spam.py for the rules these tune).
COMMENTS_CLOSE_AFTER_DAYS = env.int("COMMENTS_CLOSE_AFTER_DAYS", default=30)
COMMENTS_HOLD_ALL = env.bool("COMMENTS_HOLD_ALL", default=False)
COMMENTS_MAX_LINKS = env.int("COMMENTS_MAX_LINKS", default=2)
COMMENTS_FORM_MAX_AGE_HOURS = env.int("COMMENTS_FORM_MAX_AGE_HOURS", default=24)
COMMENTS_POSTS_PER_FORM_TOKEN = env.int("COMMENTS_POSTS_PER_FORM_TOKEN", default=10)
COMMENTS_RATE_LIMIT_WINDOW = env.int("COMMENTS_RATE_LIMIT_WINDOW", default=600)
COMMENTS_RATE_LIMIT_HOLD = env.int("COMMENTS_RATE_LIMIT_HOLD", default=5)
COMMENTS_RATE_LIMIT_REJECT = env.int("COMMENTS_RATE_LIMIT_REJECT", default=10)
COMMENTS_PER_PAGE = env.int("COMMENTS_PER_PAGE", default=50)
COMMENTS_NOTIFY_EMAILS = env.list("COMMENTS_NOTIFY_EMAILS", default=[])
COMMENTS_EDIT_MINUTES = env.int("COMMENTS_EDIT_MINUTES", default=15)
# Distinct clients whose open reports hide a published comment until a moderator decides.
COMMENTS_REPORTS_TO_HIDE = env.int("COMMENTS_REPORTS_TO_HIDE", default=3)
# Quiet hours (comments/quiet_hours.py): local times like "22:00"; either empty is off.
COMMENTS_QUIET_HOURS_START = env("COMMENTS_QUIET_HOURS_START", default="")
COMMENTS_QUIET_HOURS_END = env("COMMENTS_QUIET_HOURS_END", default="")
# Where `manage.py train_moderation_assist` saves the model that orders the moderation queue
# (comments/assist.py). A pickle: keep it out of MEDIA_ROOT and anywhere uploads can write.
COMMENTS_ASSIST_MODEL_PATH = Path(
    env("COMMENTS_ASSIST_MODEL_PATH", default=str(BASE_DIR / "var" / "moderation-assist.joblib"))
)
COMMENTS_SITE_REPLY_NAME = env("COMMENTS_SITE_REPLY_NAME", default="")
# Where `manage.py run_consent_exports` writes consent log CSVs for editors to download
# (consent/exports.py): private (never under MEDIA_ROOT, which may be public), shared by every
# app machine and the machine running the command.
CONSENT_EXPORT_ROOT = Path(
    env("CONSENT_EXPORT_ROOT", default=str(BASE_DIR / "var" / "consent-exports"))
)

# Cookie consent. A decision (given or refused) lasts this many days, then visitors are asked
# again: 182 (six months) is regulators' good practice, 395 (13 months) the most allowed.
CONSENT_MAX_AGE_DAYS = env.int("CONSENT_MAX_AGE_DAYS", default=182)
# Consent log entries older than this are deleted by `manage.py prune_consent_log`. Never
# shorter than CONSENT_MAX_AGE_DAYS, so every consent still in force keeps its proof.
CONSENT_LOG_RETENTION_DAYS = env.int("CONSENT_LOG_RETENTION_DAYS", default=730)
# Store a keyed hash of the visitor's IP address with each decision (never the address).
CONSENT_LOG_IP_HASH = env.bool("CONSENT_LOG_IP_HASH", default=False)
# Bounds on what posting the consent form can write (consent/decision.py): the same decision
# from the same visitor within this many seconds is logged once, and one client address writes
# at most this many rows per window; past that its visitors' cookies are still set.
CONSENT_LOG_REPEAT_SECONDS = env.int("CONSENT_LOG_REPEAT_SECONDS", default=10 * 60)
CONSENT_LOG_ROWS_PER_CLIENT = env.int("CONSENT_LOG_ROWS_PER_CLIENT", default=100)
CONSENT_LOG_CLIENT_WINDOW_SECONDS = env.int("CONSENT_LOG_CLIENT_WINDOW_SECONDS", default=60 * 60)

# Longest time a reader page is served from the cache. Pages are retired as soon as what they
# show changes (newsroom/pagecache.py); this only bounds a change made behind Django's back.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
# Names this deployment's code in every kept copy's key (newsroom/copies.py), e.g. a git commit.
# Empty: a digest of the code, templates, translations and page-shaping settings, worked out
# when a process starts.
RELEASE_ID = env("RELEASE_ID", default="")
# What HTTP caches in front (nginx, a CDN) may do with a shared page: keep it this long, then
# serve it stale for at most PAGE_STALE_SECONDS more while fetching a fresh copy. A correction
# reaches readers within the first, a withdrawn story is gone everywhere within the sum.
PAGE_SHARED_SECONDS = env.int("PAGE_SHARED_SECONDS", default=10)
PAGE_STALE_SECONDS = env.int("PAGE_STALE_SECONDS", default=30)
