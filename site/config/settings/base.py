"""Settings shared by every environment; each value that differs comes from the environment."""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parents[3]
SITE_DIR = BASE_DIR / "site"


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).strip().lower() in {
        "1",
        "true",
        "yes",
        "on",
    }


def env_list(name, default=""):
    return [
        item.strip()
        for item in os.environ.get(name, default).split(",")
        if item.strip()
    ]


DEBUG = env_bool("DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "accounts",
    "cms",
    "contrats",
    "participation",
    "mayors",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtailgeowidget",
    "wagtail_honeypot",
    "modelcluster",
    "taggit",
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
]
# The demo content and its load_demo command: the dev and test settings install it,
# any other environment only with DEMO=1; production never needs it.
if env_bool("DEMO"):
    INSTALLED_APPS.append("demo")

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
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "cms.sites.SiteMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Short web queries never gain from JIT compilation; a misestimated plan would pay
    # tens of milliseconds for it on every request.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "accounts.hashers.OwaspArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français"))]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
PRIVATE_MEDIA_ROOT = Path(
    os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "var" / "private")
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # django-redis, degrading while Redis is away (see cms.redis_cache).
            "BACKEND": "cms.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "gq",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
        },
        "renditions": {
            "BACKEND": "cms.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "gq-renditions",
            "TIMEOUT": 60 * 60 * 24 * 7,
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
        },
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "gq",
        },
        "renditions": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "gq-renditions",
        },
    }
PAGE_CACHE_TIMEOUT = int(os.environ.get("PAGE_CACHE_TIMEOUT", 600))
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
# How long a signed-in user's page may be kept for their session (cms.cache), at most.
PRIVATE_PAGE_CACHE_TIMEOUT = int(os.environ.get("PRIVATE_PAGE_CACHE_TIMEOUT", 60))
# Sessions read from the cache, written through to the database.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", 25))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Grand Quercy <ne-pas-repondre@grandquercy.fr>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
STAFF_NOTIFICATION_EMAILS = env_list(
    "STAFF_NOTIFICATION_EMAILS", "contact@grandquercy.fr"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
    },
    "handlers": {"stdout": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["stdout"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}

SITE_ID = 1
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

# django-allauth: e-mail as login, verified before anything else.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Grand Quercy] "
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
}
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PRESERVE_USERNAME_CASING = False

WAGTAIL_SITE_NAME = "Grand Quercy"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAIL_CONTENT_LANGUAGES = [("fr", "Français")]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("fr", "Français")]
WAGTAIL_USER_TIME_ZONES = ["Europe/Paris"]
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        "SEARCH_CONFIG": "french",
    }
}
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "odt",
    "ods",
    "odp",
    "docx",
    "xlsx",
    "pptx",
    "csv",
    "txt",
    "zip",
]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILEMBEDS_FINDERS = []
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# Passwords are reset through allauth only (one door).
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILFORMS_HONEYPOT = True

# Maps: Leaflet is served from our own static files, tiles from a configurable server.
GEO_WIDGET_DEFAULT_LOCATION = {"lat": 44.4475, "lng": 1.4419}
GEO_WIDGET_ZOOM = 10
# The default is the State's Géoplateforme (IGN's "Plan IGN" tiles), which the privacy
# notice names; any XYZ tile server can replace it (MAP_TILE_URL, MAP_TILE_ATTRIBUTION).
GEO_WIDGET_LEAFLET_TILE_LAYER = os.environ.get(
    "MAP_TILE_URL",
    "https://data.geopf.fr/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0"
    "&LAYER=GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2&STYLE=normal&TILEMATRIXSET=PM"
    "&FORMAT=image/png&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}",
)
GEO_WIDGET_LEAFLET_TILE_LAYER_OPTIONS = {
    "attribution": os.environ.get(
        "MAP_TILE_ATTRIBUTION",
        '&copy; <a href="https://www.ign.fr/">IGN — Géoplateforme</a>',
    )
}
MAP_TILE_URL = GEO_WIDGET_LEAFLET_TILE_LAYER
MAP_TILE_ATTRIBUTION = GEO_WIDGET_LEAFLET_TILE_LAYER_OPTIONS["attribution"]

X_FRAME_OPTIONS = "SAMEORIGIN"
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# --- perf ---
# Cached pages are answered before sessions, routing and Wagtail; signed-in pages private.
MIDDLEWARE = [*MIDDLEWARE]
MIDDLEWARE.insert(
    MIDDLEWARE.index("whitenoise.middleware.WhiteNoiseMiddleware") + 1,
    "cms.cache.PageCacheMiddleware",
)
# What a shared cache (CDN, reverse proxy) may keep an anonymous page, in seconds.
PAGE_CACHE_S_MAXAGE = int(os.environ.get("PAGE_CACHE_S_MAXAGE", 60))
PAGE_CACHE_STALE_WHILE_REVALIDATE = int(
    os.environ.get("PAGE_CACHE_STALE_WHILE_REVALIDATE", 30)
)
# Seconds the participation figures shown away from their consultation (home page,
# communes, list of consultations) may lag behind the writes (cms.cache_policy).
PAGE_CACHE_FIGURES_LAG = int(os.environ.get("PAGE_CACHE_FIGURES_LAG", 30))

# --- participation ---
PARTICIPATION_EDIT_WINDOW_MINUTES = int(
    os.environ.get("PARTICIPATION_EDIT_WINDOW_MINUTES", 15)
)
PARTICIPATION_REPORT_THRESHOLD = int(
    os.environ.get("PARTICIPATION_REPORT_THRESHOLD", 3)
)
# Answers promised this many days after a consultation closes, unless staff set a date.
PARTICIPATION_ANSWER_DELAY_DAYS = 90
# Reasons the participation charter hides on, pending review, once the threshold is met.
PARTICIPATION_HIDING_REASONS = ["spam", "offensive", "personal_data"]
# "count/seconds" per user and per IP address; "" turns a limit off.
PARTICIPATION_RATE_LIMITS = {
    "proposal": "5/3600",
    "comment": "20/600",
    "report": "10/3600",
    # Contributions typed in at the mairie for residents: a stack of paper forms.
    "deposit": "60/3600",
    # Per account only, counted from the reports it recorded (a sliding window).
    "report_daily": "20/86400",
}

# --- accounts ---
# Checked against django-allauth 65.22's configuration and rate-limit docs. Rate limits stay
# on (allauth's defaults plus the ones above); only test settings turn them off.
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {"signup": "accounts.forms.SignupForm"}
ACCOUNT_USER_DISPLAY = "accounts.models.user_display"
ACCOUNT_SIGNUP_FORM_HONEYPOT_FIELD = "site_web"
ACCOUNT_SIGNUP_REDIRECT_URL = "accounts:dashboard"
# One address per account, replaced once the new one is verified.
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_EMAIL_NOTIFICATIONS = True  # tell people when their password or address changes

# --- mayors ---
# ClamAV for the intranet's attachments: "clamd" over TCP (CLAMD_ADDRESS, host:port, so
# that every node and worker reaches the same daemon) or its local socket
# (MAYORS_CLAMD_SOCKET), or "clamscan". Unset in development: files are then marked
# "non analysé" (a system check warns in production).
MAYORS_VIRUS_SCANNER = None
if os.environ.get("CLAMD_ADDRESS"):
    MAYORS_VIRUS_SCANNER = {"BACKEND": "clamd", "ADDRESS": os.environ["CLAMD_ADDRESS"]}
elif os.environ.get("MAYORS_CLAMD_SOCKET"):
    MAYORS_VIRUS_SCANNER = {
        "BACKEND": "clamd",
        "SOCKET": os.environ["MAYORS_CLAMD_SOCKET"],
    }
elif os.environ.get("MAYORS_CLAMSCAN_COMMAND"):
    MAYORS_VIRUS_SCANNER = {
        "BACKEND": "clamscan",
        "COMMAND": os.environ["MAYORS_CLAMSCAN_COMMAND"].split(),
    }
MAYORS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# The service named on acknowledgements of receipt when the cms site settings lack it.
MAYORS_SERVICE = {
    "name": "Pôle des Politiques Contractuelles — PETR Grand Quercy",
    "address": os.environ.get(
        "MAYORS_SERVICE_ADDRESS", "PETR Grand Quercy, 46000 Cahors"
    ),
    "email": os.environ.get("MAYORS_SERVICE_EMAIL", "contrats@grandquercy.fr"),
    "phone": os.environ.get("MAYORS_SERVICE_PHONE", "05 65 00 00 00"),
}
MAYORS_STAFF_EMAILS = env_list("MAYORS_STAFF_EMAILS")

# --- api ---
# The read-only JSON API (/api/v1/): its views set their own authentication (none),
# renderer (JSON) and throttle, so Wagtail's admin API keeps DRF's defaults.
# "rest_framework" stays out of INSTALLED_APPS, as before: its French catalog would
# replace Django's wording of form errors site-wide; the API words its own messages.
INSTALLED_APPS += ["api", "drf_spectacular"]
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # Requests per client address (ALLAUTH_TRUSTED_PROXY_COUNT behind a proxy).
    "DEFAULT_THROTTLE_RATES": {"api": os.environ.get("API_THROTTLE_RATE", "300/min")},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API ouverte du Grand Quercy",
    "DESCRIPTION": (
        "Consultations, propositions des habitant·es (sans aucune donnée personnelle), "
        "réponses officielles, projets des contrats et communes du PETR Grand Quercy, "
        "en lecture seule. Données publiées sous Licence Ouverte 2.0 (Etalab)."
    ),
    "VERSION": "1.0.0",
    "LICENSE": {
        "name": "Licence Ouverte 2.0",
        "url": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
    },
    "DEFAULT_GENERATOR_CLASS": "api.schema.ApiSchemaGenerator",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": False,
    "ENUM_NAME_OVERRIDES": {
        "ConsultationStateEnum": "participation.phases.State",
        "AnswerStatusEnum": "participation.models.AnswerStatus",
        "ProjectStatusEnum": "contrats.models.Project.Status",
        "FinancingStatusEnum": "contrats.models.FinancingLine.Status",
    },
}

# --- ops ---
# The scheduler (ops.jobs), /healthz, request ids and logs, backups.
INSTALLED_APPS += ["ops"]
# A task still "running" after this long lost its worker: the scheduler requeues it.
OPS_STALLED_TASK_MINUTES = int(os.environ.get("OPS_STALLED_TASK_MINUTES", 30))
OPS_STALLED_TASK_MAX_ATTEMPTS = 3

# --- stack ---
# The client's address behind reverse proxies: each one appends to X-Forwarded-For,
# and only the last TRUSTED_PROXY_COUNT entries are believed. allauth's adapter is the
# one place that reads it: its login limits, the participation limits (participation.
# abuse) and the API throttle (api.throttling) all ask it.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", 0))
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
REST_FRAMEWORK["NUM_PROXIES"] = TRUSTED_PROXY_COUNT
# A connection kept between requests (conn_max_age) is checked before it is reused:
# a restarted PostgreSQL costs one reconnection, not one failed request per worker.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# The file e-mail backend (EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend)
# writes here: the local stack reads what the worker sent.
if os.environ.get("EMAIL_FILE_PATH"):
    EMAIL_FILE_PATH = os.environ["EMAIL_FILE_PATH"]
# Object storage (S3 protocol) for public media and private files (cms.storage): needed
# as soon as there is more than one node or the disk is ephemeral (PaaS).
if os.environ.get("S3_MEDIA_BUCKET"):
    from cms.storage import object_storages

    STORAGES.update(object_storages(os.environ))
    MEDIA_URL = os.environ["S3_MEDIA_URL"]

# --- security (issue 14) ---
# One login door: the Wagtail admin signs in through allauth (verified address, rate
# limits and lockout of ACCOUNT_RATE_LIMITS); /admin/login/ redirects there (config.urls).
WAGTAILADMIN_LOGIN_URL = "account_login"
# Reports from accounts younger than this count in the moderation queue, never toward
# hiding a contribution automatically.
PARTICIPATION_REPORT_COUNTING_AGE_HOURS = int(
    os.environ.get("PARTICIPATION_REPORT_COUNTING_AGE_HOURS", 72)
)
# Every request gets an id (or keeps the proxy's X-Request-ID), told back in the response
# and written on each log line; LOG_FORMAT=json writes one JSON object per line.
MIDDLEWARE.insert(0, "ops.logging.RequestIdMiddleware")
LOGGING["filters"] = {"request_id": {"()": "ops.logging.RequestIdFilter"}}
LOGGING["handlers"]["stdout"]["filters"] = ["request_id"]
LOGGING["formatters"]["json"] = {"()": "ops.logging.JsonFormatter"}
LOGGING["formatters"]["plain"]["format"] = (
    "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
)
if os.environ.get("LOG_FORMAT", "plain") == "json":
    LOGGING["handlers"]["stdout"]["formatter"] = "json"
# Error reports to Sentry or a self-hosted GlitchTip (same protocol) when SENTRY_DSN is
# set; no personal data is sent, and events carry the request id as a tag.
if os.environ.get("SENTRY_DSN"):
    import sentry_sdk

    sentry_sdk.init(
        dsn=os.environ["SENTRY_DSN"],
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        release=os.environ.get("SENTRY_RELEASE") or None,
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", 0)),
        send_default_pii=False,
    )
# Where `manage.py backup` writes its archives unless told otherwise; copy them off-site.
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", BASE_DIR / "var" / "backups"))

# --- busy day ---
# Every e-mail recorded in an outbox and retried with backoff until sent (outbox).
INSTALLED_APPS += ["outbox"]
OUTBOX_MAX_ATTEMPTS = int(os.environ.get("OUTBOX_MAX_ATTEMPTS", 12))
OUTBOX_MAX_DELAY_MINUTES = int(os.environ.get("OUTBOX_MAX_DELAY_MINUTES", 360))
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", 10))

# --- resident (res): French formats, « 09 h 19 » (config/formats/fr) ---
FORMAT_MODULE_PATH = ["config.formats"]

# Hostile input (cms.security) first, then the Content-Security-Policy (django-csp),
# outside the page cache so that cached pages carry them too.
MIDDLEWARE.insert(1, "cms.security.HostileInputMiddleware")
MIDDLEWARE.insert(1, "csp.middleware.CSPMiddleware")
INSTALLED_APPS += ["csp"]
# Our own files, the media storage and the map's tile host; no inline script or style anywhere on the public
# site. Wagtail's admin sets inline styles from its widgets: it stays out of the policy.
MAP_TILE_HOST = "{0.scheme}://{0.netloc}".format(urlsplit(MAP_TILE_URL))
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": [
            "'self'",
            "data:",
            MAP_TILE_HOST,
            *(
                ["{0.scheme}://{0.netloc}".format(urlsplit(MEDIA_URL))]
                if "//" in MEDIA_URL
                else []
            ),
        ],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    },
}
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)
# Two-factor authentication (allauth.mfa): required to enter the admin (accounts.mfa),
# offered to mayors and delegates; test settings turn the requirement off.
INSTALLED_APPS += ["allauth.mfa"]
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Grand Quercy"
MFA_REQUIRED_FOR_STAFF = env_bool("MFA_REQUIRED_FOR_STAFF", True)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.messages.middleware.MessageMiddleware") + 1,
    "accounts.mfa.StaffMfaMiddleware",
)
# Retention periods the privacy notice states, enforced daily (accounts.retention).
RETENTION_CONTACT_DAYS = int(os.environ.get("RETENTION_CONTACT_DAYS", 365))
RETENTION_INACTIVE_ACCOUNT_DAYS = int(
    os.environ.get("RETENTION_INACTIVE_ACCOUNT_DAYS", 3 * 365)
)
RETENTION_WARNING_DAYS = int(os.environ.get("RETENTION_WARNING_DAYS", 30))
