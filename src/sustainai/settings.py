"""Django settings, read from environment variables.

Production needs ``SECRET_KEY``, ``ALLOWED_HOSTS`` and ``DATABASE_URL``; with none set the platform runs
on an embedded SQLite database under ``var/`` (``SUSTAINAI_VAR_DIR``) with a secret key generated there
on first run.
"""

from __future__ import annotations

import os
import secrets
from email.utils import getaddresses
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
# The source checkout (``src/sustainai`` → repository root); node_modules lives there after ``npm ci``.
SOURCE_ROOT = PACKAGE_DIR.parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def cache_settings(url: str) -> dict:
    """``CACHES`` from ``CACHE_URL``.

    Unset or ``locmem://``: this process's memory, enough for one web process. ``redis://`` or
    ``rediss://`` (``redis://host:6379/0``): a Redis server shared by every process, which several
    web processes need so that the application form's rate limit counts an address's posts once
    and the Atlas's cached figures are computed once for all.
    """
    scheme = url.partition("://")[0].lower() if url else "locmem"
    if scheme == "locmem":
        return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    if scheme in {"redis", "rediss"}:
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": url,
                "KEY_PREFIX": "sustainai",
            }
        }
    raise ValueError(f"CACHE_URL: unknown scheme {scheme!r} (use redis://, rediss:// or locmem://)")


VAR_DIR = Path(os.environ.get("SUSTAINAI_VAR_DIR", Path.cwd() / "var")).resolve()
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(64))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# A banner on every page says that the data shown are demo data (`make serve` sets it).
DEMO_MODE = env_bool("SUSTAINAI_DEMO", False)
# Fernet keys of the confidential figures (workstream 4), newest first; comma-separated.
SUSTAINAI_CONFIDENTIAL_KEYS = env_list("SUSTAINAI_CONFIDENTIAL_KEYS")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "django_countries",
    "simple_history",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "ninja",  # serves Swagger UI from its own static files instead of a CDN
    # Ours, leaves first.
    "sustainai.core",
    "sustainai.accounts",
    "sustainai.members",
    "sustainai.atlas",
    "sustainai.linkage",
    "sustainai.outbox",
    "sustainai.consultations",
    "sustainai.workstreams",
    "sustainai.calls",
    "sustainai.calculator",
    "sustainai.toolkits.transparency",
    "sustainai.toolkits.foresight",
    "sustainai.toolkits.standards",
    "sustainai.toolkits.procurement",
    "sustainai.toolkits.pilots",
    "sustainai.toolkits.challenges",
    "sustainai.toolkits.models",
    "sustainai.reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "sustainai.core.middleware.VisitorTimezoneMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "sustainai.urls"
WSGI_APPLICATION = "sustainai.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sustainai.core.context_processors.platform",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'sustainai.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the web process and the task worker share the file.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA mmap_size=1073741824; PRAGMA cache_size=-65536;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Local memory by default; a Redis server shared by the processes with several (``CACHE_URL``).
CACHES = cache_settings(os.environ.get("CACHE_URL", ""))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
# One date and one date-time format per language (sustainai/formats/<language>/formats.py).
FORMAT_MODULE_PATH = ["sustainai.formats"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
NODE_MODULES = Path(os.environ.get("SUSTAINAI_NODE_MODULES", SOURCE_ROOT / "node_modules"))
# Third-party front-end files come pinned from npm (package.json) and are never copied into the
# repository; each entry maps a URL prefix under /static/ to a folder of an installed package.
STATICFILES_DIRS = [
    (prefix, NODE_MODULES / folder)
    for prefix, folder in [
        ("npm/htmx", "htmx.org/dist"),
        ("npm/pico", "@picocss/pico/css"),
    ]
    if (NODE_MODULES / folder).is_dir()
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG and env_bool("SUSTAINAI_STATIC_MANIFEST", True)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG
MEDIA_ROOT = VAR_DIR / "media"

# E-mail: console in development; SMTP (EMAIL_HOST...) or any backend through EMAIL_BACKEND.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "SustainAI <noreply@sustainai.example.org>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work: Django's tasks framework (backport) on the database backend.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# HTTPS hardening whenever DEBUG is off; SUSTAINAI_HTTPS=0 for a plain-HTTP deployment behind
# nothing (the browser tests' live server, for instance).
HTTPS = env_bool("SUSTAINAI_HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

COUNTRIES_FIRST: list[str] = []

# Backups (`sustainai backup` / `sustainai restore`, docs/operations.md).
# The duplicate engine's optional semantic pass (docs/duplicates.md): sentence-embedding neighbours
# as candidates and evidence, for the review queue and ``sustainai duplicates``. Needs the
# ``semantic`` extra; a system check says so when it is asked for and missing.
SUSTAINAI_DUPLICATES_SEMANTIC = env_bool("SUSTAINAI_DUPLICATES_SEMANTIC", False)
SUSTAINAI_BACKUP_DIR = Path(os.environ.get("SUSTAINAI_BACKUP_DIR", VAR_DIR / "backups")).resolve()


# --- Headers and production set-up (issue 14: docs/operations.md, docs/security.md) -----------

# Behind a reverse proxy that ends TLS, Django sees plain HTTP; SUSTAINAI_PROXY_SSL_HEADER=1 makes
# it trust the proxy's X-Forwarded-Proto. Only set it when a proxy always sets (or strips) that
# header: otherwise any client could claim HTTPS.
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("SUSTAINAI_PROXY_SSL_HEADER", False) else None
)
# Django's SecurityMiddleware already sends Referrer-Policy (above) and Cross-Origin-Opener-Policy.
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# No page of ours uses these browser features (core.headers.PermissionsPolicyMiddleware).
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
)
INSTALLED_APPS += ["csp"]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "csp.middleware.CSPMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("csp.middleware.CSPMiddleware") + 1,
    "sustainai.core.headers.PermissionsPolicyMiddleware",
)
# After authentication: it needs request.user.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "sustainai.core.headers.NoStoreMiddleware",
)
# Scripts, styles, fonts and images come from our own static files only; no inline script or style,
# no eval. Pico CSS draws its icons as data: SVG images. django-ninja's Swagger UI (/api/docs) needs
# no exception: its start-up script is a static file. docs/security.md says why each directive is.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Error reports: ERROR records (a 500, a failed task) are mailed to ADMINS when DEBUG is off.
# SUSTAINAI_ADMINS="Ada Lovelace <ada@example.org>,ops@example.org".
ADMINS = [
    (name or address, address)
    for name, address in getaddresses(env_list("SUSTAINAI_ADMINS"))
    if address
]
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
        },
    },
    "root": {
        "handlers": ["console", "mail_admins"],
        "level": os.environ.get("LOG_LEVEL", "WARNING"),
    },
    # Django's own records go through the root's handlers, so that an error is mailed once.
    "loggers": {"django": {"handlers": [], "level": "INFO", "propagate": True}},
}

# --- Sign-in, password reset and API tokens (issue 14; docs/security.md) ---
# django-axes locks sign-in (the site's and the admin's) for an e-mail address from one IP address
# after AXES_FAILURE_LIMIT failures, for AXES_COOLOFF_MINUTES; a successful sign-in resets the count.
INSTALLED_APPS += ["axes"]
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", *AUTHENTICATION_BACKENDS]
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]  # last: it turns a lockout into our page
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = int(os.environ.get("AXES_COOLOFF_MINUTES", "15")) / 60  # hours, as a float
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"  # Django's login forms name the e-mail field so
AXES_USERNAME_CALLABLE = "sustainai.accounts.lockout.username"
AXES_CLIENT_IP_CALLABLE = "sustainai.accounts.lockout.client_ip"
AXES_LOCKOUT_CALLABLE = "sustainai.accounts.lockout.locked_out"
AXES_DISABLE_ACCESS_LOG = True  # failures are what matter; no record of every sign-in
# Password reset: at most this many mails per address, and requests per IP address, in the period.
PASSWORD_RESET_LIMIT_PER_ADDRESS = int(os.environ.get("PASSWORD_RESET_LIMIT_PER_ADDRESS", "3"))
PASSWORD_RESET_LIMIT_PER_IP = int(os.environ.get("PASSWORD_RESET_LIMIT_PER_IP", "10"))
PASSWORD_RESET_PERIOD = int(os.environ.get("PASSWORD_RESET_PERIOD", "3600"))
# API tokens: lifetime at creation, and failed authentications allowed per IP address and period.
API_TOKEN_LIFETIME_DAYS = int(os.environ.get("API_TOKEN_LIFETIME_DAYS", "90"))
API_TOKEN_FAILURE_LIMIT = int(os.environ.get("API_TOKEN_FAILURE_LIMIT", "20"))
API_TOKEN_FAILURE_PERIOD = int(os.environ.get("API_TOKEN_FAILURE_PERIOD", "600"))

# --- Input at the boundary (docs/security.md) ---
# A request body (form fields or JSON, files apart) larger than this is refused with 400.
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("REQUEST_MAX_BYTES", 1024 * 1024))
# An uploaded file of initiatives larger than this is refused by the import page.
ATLAS_IMPORT_MAX_BYTES = int(os.environ.get("ATLAS_IMPORT_MAX_BYTES", 10 * 1024 * 1024))
