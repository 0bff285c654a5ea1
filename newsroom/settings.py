"""Newsroom settings.

Everything that differs between a laptop and production is read from the environment
(django-environ; a `.env` file in the project folder is read too). Each setting has a safe
development default and is documented in `.env.example`.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if (BASE_DIR / ".env").exists():
    env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=True)

# The development key is public (it is in this file), so production must never run with it.
DEVELOPMENT_SECRET_KEY = "django-insecure-newsroom-development-key-do-not-use-in-production"
SECRET_KEY = env("SECRET_KEY", default=DEVELOPMENT_SECRET_KEY)
if not DEBUG and SECRET_KEY == DEVELOPMENT_SECRET_KEY:
    raise ImproperlyConfigured("Set SECRET_KEY to a long random value when DEBUG is off.")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "tinymce",
    "articles",
    "consent",
    "comments",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside session, CSRF and messages, so it sees (and can veto) every cookie they set.
    "consent.middleware.ConsentMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "articles.context_processors.site",
                "consent.context_processors.consent",
            ],
        },
    },
]

# SQLite is the embedded default. WAL lets readers work while one writer writes, the busy
# timeout makes a writer wait instead of failing with "database is locked", and IMMEDIATE
# transactions take the write lock up front so two writers never deadlock mid-transaction.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://newsroom")}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = env("LANGUAGE_CODE", default="en-gb")
TIME_ZONE = env("TIME_ZONE", default="Europe/London")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")

# Messages live in a cookie, so an anonymous reader never needs a session row.
MESSAGE_STORAGE = "django.contrib.messages.storage.cookie.CookieStorage"

SITE_NAME = env("SITE_NAME", default="The Newsroom Ledger")
ARTICLES_PER_PAGE = env.int("ARTICLES_PER_PAGE", default=12)

TINYMCE_DEFAULT_CONFIG = {
    "height": 480,
    "menubar": False,
    "plugins": "link lists autolink code",
    "toolbar": "undo redo | blocks | bold italic | bullist numlist blockquote | link | code",
    "block_formats": "Paragraph=p; Heading 2=h2; Heading 3=h3; Heading 4=h4",
    "license_key": "gpl",
}

# Cookie consent. A decision (given or refused) lasts this many days, then visitors are asked
# again: 182 (six months) is regulators' good practice, 395 (13 months) the most allowed.
CONSENT_MAX_AGE_DAYS = env.int("CONSENT_MAX_AGE_DAYS", default=182)
# Consent log entries older than this are deleted by `manage.py prune_consent_log`. Never
# shorter than CONSENT_MAX_AGE_DAYS, so every consent still in force keeps its proof.
CONSENT_LOG_RETENTION_DAYS = env.int("CONSENT_LOG_RETENTION_DAYS", default=730)
# Store a keyed hash of the visitor's IP address with each decision (never the address).
CONSENT_LOG_IP_HASH = env.bool("CONSENT_LOG_IP_HASH", default=False)
