"""Settings shared by every environment; what differs comes from the environment.

One file of ordered sections (Django, Wagtail, then the project's apps), each setting
written once."""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_int, env_list

BASE_DIR = Path(__file__).resolve().parents[3]
SITE_DIR = BASE_DIR / "site"

# --- core -----------------------------------------------------------------------------
DEBUG = env_bool("DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_ID = 1
ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- applications and middleware ------------------------------------------------------
# The project's apps first: their templates win. Not "rest_framework": its catalogue
# would replace Django's French form errors site-wide (the API words its own).
INSTALLED_APPS = [
    "accounts",
    "cms",
    "contrats",
    "participation",
    "mayors",
    "aides",
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
    "api",
    "drf_spectacular",
    "ops",
    "outbox",
    "csp",
    "allauth.mfa",
]
# The demo content and its load_demo command: the dev and test settings install it,
# any other environment only with DEMO=1; production never needs it.
if env_bool("DEMO"):
    INSTALLED_APPS.append("demo")

MIDDLEWARE = [
    # A request id (or the proxy's X-Request-ID) for the response and each log line.
    "ops.logging.RequestIdMiddleware",
    # CSP headers and hostile input refused: outside the page cache, cached pages too.
    "csp.middleware.CSPMiddleware",
    "cms.security.HostileInputMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Cached pages answered before sessions, routing and Wagtail (signed-in: private).
    "cms.cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.mfa.StaffMfaMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "cms.sites.SiteMiddleware",
]

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

# --- database -------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}", conn_max_age=60
    )
}
# A connection kept between requests (conn_max_age) is checked before it is reused: a
# restarted PostgreSQL costs one reconnection, not one failed request per worker.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Short web queries never gain from JIT compilation; a misestimated plan would pay
    # tens of milliseconds for it on every request.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"

# --- accounts: one login door (allauth), e-mail as login, two factors for staff -------
AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "accounts.hashers.OwaspArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
_validation = "django.contrib.auth.password_validation."
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": _validation + "UserAttributeSimilarityValidator"},
    {"NAME": _validation + "MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": _validation + "CommonPasswordValidator"},
    {"NAME": _validation + "NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
# The admin signs in through allauth too: /admin/login/ redirects there (config.urls).
WAGTAILADMIN_LOGIN_URL = "account_login"
# django-allauth 65.22: the address is verified before anything else. Rate limits stay
# on (allauth's defaults plus these); only the test settings turn them off.
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
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {"signup": "accounts.forms.SignupForm"}
ACCOUNT_USER_DISPLAY = "accounts.models.user_display"
ACCOUNT_SIGNUP_FORM_HONEYPOT_FIELD = "site_web"
ACCOUNT_SIGNUP_REDIRECT_URL = "accounts:dashboard"
# One address per account, replaced once the new one is verified.
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_EMAIL_NOTIFICATIONS = True  # tell people when their password or address changes
# Two-factor authentication (allauth.mfa): required to enter the admin (accounts.mfa),
# offered to mayors and delegates; the test settings turn the requirement off.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Grand Quercy"
MFA_REQUIRED_FOR_STAFF = env_bool("MFA_REQUIRED_FOR_STAFF", True)

# Retention periods the privacy notice states, enforced daily (accounts.retention).
RETENTION_CONTACT_DAYS = env_int("RETENTION_CONTACT_DAYS", 365)
RETENTION_INACTIVE_ACCOUNT_DAYS = env_int("RETENTION_INACTIVE_ACCOUNT_DAYS", 3 * 365)
RETENTION_WARNING_DAYS = env_int("RETENTION_WARNING_DAYS", 30)

# --- language: French only, « 09 h 19 » (config/formats/fr) ---------------------------
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français"))]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["config.formats"]

# --- files: static, public media, private files ---------------------------------------
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
# Object storage (S3) for media and private files (cms.storage): several nodes, PaaS.
if os.environ.get("S3_MEDIA_BUCKET"):
    from cms.storage import object_storages

    STORAGES.update(object_storages(os.environ))
    MEDIA_URL = os.environ["S3_MEDIA_URL"]
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

# --- cache, page cache and sessions ---------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    # django-redis, degrading while Redis is away (see cms.redis_cache).
    _redis = {
        "BACKEND": "cms.redis_cache.RedisCache",
        "LOCATION": REDIS_URL,
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
    }
    CACHES = {
        "default": {**_redis, "KEY_PREFIX": "gq"},
        "renditions": {**_redis, "KEY_PREFIX": "gq-renditions", "TIMEOUT": 7 * 86_400},
    }
else:
    _locmem = "django.core.cache.backends.locmem.LocMemCache"
    CACHES = {
        "default": {"BACKEND": _locmem, "LOCATION": "gq"},
        "renditions": {"BACKEND": _locmem, "LOCATION": "gq-renditions"},
    }
PAGE_CACHE_TIMEOUT = env_int("PAGE_CACHE_TIMEOUT", 600)
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
# How long a signed-in user's page may be kept for their session (cms.cache), at most.
PRIVATE_PAGE_CACHE_TIMEOUT = env_int("PRIVATE_PAGE_CACHE_TIMEOUT", 60)
# What a shared cache (CDN, reverse proxy) may keep an anonymous page, in seconds.
PAGE_CACHE_S_MAXAGE = env_int("PAGE_CACHE_S_MAXAGE", 60)
PAGE_CACHE_STALE_WHILE_REVALIDATE = env_int("PAGE_CACHE_STALE_WHILE_REVALIDATE", 30)
# Seconds participation figures away from their consultation may lag (cms.cache_policy).
PAGE_CACHE_FIGURES_LAG = env_int("PAGE_CACHE_FIGURES_LAG", 30)
# Sessions read from the cache, written through to the database.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# --- tasks and e-mail: every e-mail recorded in the outbox and retried until sent -----
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
# The file backend (EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend)
# writes here: the local stack reads what the worker sent.
if os.environ.get("EMAIL_FILE_PATH"):
    EMAIL_FILE_PATH = os.environ["EMAIL_FILE_PATH"]
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Grand Quercy <ne-pas-repondre@grandquercy.fr>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
STAFF_NOTIFICATION_EMAILS = env_list(
    "STAFF_NOTIFICATION_EMAILS", "contact@grandquercy.fr"
)
OUTBOX_MAX_ATTEMPTS = env_int("OUTBOX_MAX_ATTEMPTS", 12)
OUTBOX_MAX_DELAY_MINUTES = env_int("OUTBOX_MAX_DELAY_MINUTES", 360)

# --- logs and error reports -----------------------------------------------------------
# Each line carries the request id (ops.logging); LOG_FORMAT=json: JSON lines.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "ops.logging.RequestIdFilter"}},
    "formatters": {
        "plain": {
            "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
        },
        "json": {"()": "ops.logging.JsonFormatter"},
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "formatter": "json" if os.environ.get("LOG_FORMAT") == "json" else "plain",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["stdout"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}
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

# --- security: headers, cookies, proxies ----------------------------------------------
X_FRAME_OPTIONS = "SAMEORIGIN"
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)
# Behind proxies, only the last TRUSTED_PROXY_COUNT entries of X-Forwarded-For count;
# allauth's adapter reads the address for every limit (logins, participation, API).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT

# --- Wagtail --------------------------------------------------------------------------
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
_office_documents = ["odt", "ods", "odp", "docx", "xlsx", "pptx"]
WAGTAILDOCS_EXTENSIONS = ["pdf", *_office_documents, "csv", "txt", "zip"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILEMBEDS_FINDERS = []
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# Passwords are reset through allauth only (one door).
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILFORMS_HONEYPOT = True

# --- maps: Leaflet from our own static files, tiles from a configurable server --------
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
MAP_TILE_HOST = "{0.scheme}://{0.netloc}".format(urlsplit(MAP_TILE_URL))

# Content-Security-Policy (django-csp): our files, the media storage, the tile host; no
# inline script or style on the public site (the admin, whose widgets use them, is out).
_media = urlsplit(MEDIA_URL)
_media_hosts = [f"{_media.scheme}://{_media.netloc}"] if "//" in MEDIA_URL else []
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", MAP_TILE_HOST, *_media_hosts],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    },
}

# --- participation --------------------------------------------------------------------
PARTICIPATION_EDIT_WINDOW_MINUTES = env_int("PARTICIPATION_EDIT_WINDOW_MINUTES", 15)
PARTICIPATION_REPORT_THRESHOLD = env_int("PARTICIPATION_REPORT_THRESHOLD", 3)
# Reports from accounts younger than this count in the moderation queue, never toward
# hiding a contribution automatically.
PARTICIPATION_REPORT_COUNTING_AGE_HOURS = env_int(
    "PARTICIPATION_REPORT_COUNTING_AGE_HOURS", 72
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

# --- mayors ---------------------------------------------------------------------------
# ClamAV for attachments: "clamd" over TCP (CLAMD_ADDRESS, host:port, one daemon for all
# nodes) or its socket (MAYORS_CLAMD_SOCKET), or "clamscan". Unset in development: files
# are marked "non analysé" (a system check warns in production).
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

# --- api: the read-only JSON API (/api/v1/) -------------------------------------------
# Its views set their own authentication (none), renderer, throttle; the admin's: DRF's.
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # Requests per client address (TRUSTED_PROXY_COUNT behind a proxy).
    "DEFAULT_THROTTLE_RATES": {"api": os.environ.get("API_THROTTLE_RATE", "300/min")},
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
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

# --- ops: the scheduler (ops.jobs), /healthz, request ids, backups --------------------
# A task still "running" after this long lost its worker: the scheduler requeues it.
OPS_STALLED_TASK_MINUTES = env_int("OPS_STALLED_TASK_MINUTES", 30)
OPS_STALLED_TASK_MAX_ATTEMPTS = 3
# Where `manage.py backup` writes its archives unless told otherwise (copy them away).
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", BASE_DIR / "var" / "backups"))
