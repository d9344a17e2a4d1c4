"""Concerto settings: read from the environment, with safe local defaults.

Defaults give the embedded setup (SQLite, local files, console e-mail, tasks
run by the database worker, keys generated once under VAR_DIR); production sets
DATABASE_URL, and then must set its secrets, hosts and e-mail through the
environment: without them it refuses to start.
"""

import os
import secrets
import tempfile
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("CONCERTO_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)  # holds the embedded SQLite file and uploads


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")


def local_secret(name: str) -> str:
    """The embedded setup's secret `name`: generated on first start, then read from
    VAR_DIR/name (mode 0600). Written whole to a private temporary file, then linked
    into place, which fails if it exists: processes starting together (web server and
    task worker) all end up reading the one file that won."""
    path = VAR_DIR / name
    if not path.exists():
        handle, temporary = tempfile.mkstemp(dir=VAR_DIR, prefix=f".{name}.")  # mode 0600
        try:
            with os.fdopen(handle, "w") as file:
                file.write(secrets.token_urlsafe(50))
                file.flush()
                os.fsync(file.fileno())
            try:
                os.link(temporary, path)
            except FileExistsError:
                pass  # another process got there first: its key is the one
        finally:
            os.unlink(temporary)
    value = path.read_text().strip()
    if not value:
        raise ImproperlyConfigured(f"Le fichier {path} est vide : supprimez-le pour en générer un.")
    return value


# Production (DATABASE_URL set: PostgreSQL, possibly several servers sharing their keys)
# refuses to start unless every secret and setting it needs comes from the environment;
# the embedded setup (`make run`) generates its keys and keeps them under VAR_DIR.
PRODUCTION = bool(os.environ.get("DATABASE_URL", "").strip())
# Values published in this repository's history: never a secret.
PUBLIC_KEYS = {"concerto-local-only-insecure-key-change-me", "concerto-local-only-pseudonyms"}


def required_settings() -> list[str]:
    names = ["SECRET_KEY", "PSEUDONYMISATION_KEY", "ALLOWED_HOSTS", "SITE_URL", "EMAIL_BACKEND"]
    for provider in ("PROCONNECT", "FRANCECONNECT"):
        if os.environ.get(f"{provider}_CLIENT_ID", "").strip():
            names.append(f"{provider}_CLIENT_SECRET")
    if os.environ.get("EMAIL_BACKEND", "").strip() == "django.core.mail.backends.smtp.EmailBackend":
        names.append("EMAIL_HOST")
    return names


if PRODUCTION:
    problems = []
    if missing := [name for name in required_settings() if not os.environ.get(name, "").strip()]:
        problems.append("variables d'environnement manquantes : " + ", ".join(missing))
    keys = {
        name: os.environ.get(name, "").strip() for name in ("SECRET_KEY", "PSEUDONYMISATION_KEY")
    }
    if public := [name for name, value in keys.items() if value in PUBLIC_KEYS]:
        problems.append("valeurs publiques, donc non secrètes : " + ", ".join(public))
    if keys["SECRET_KEY"] and keys["SECRET_KEY"] == keys["PSEUDONYMISATION_KEY"]:
        problems.append("PSEUDONYMISATION_KEY doit différer de SECRET_KEY")
    # The demo's simulated identity providers (make run) let anyone choose who to be.
    if os.environ.get("DEMO_IDENTITY_PROVIDERS") == "1":
        problems.append("DEMO_IDENTITY_PROVIDERS active les fournisseurs d'identité simulés")
    if problems:
        raise ImproperlyConfigured(
            "Concerto refuse de démarrer : DATABASE_URL est définie (production), mais "
            + " ; ".join(problems)
            + ". Voir la section « Mise en production » du README."
        )
SECRET_KEY = os.environ.get("SECRET_KEY", "").strip() or local_secret("secret_key")
# Keys the pseudonymous author ids of the API, open data and exports (concerto/opendata):
# a secret of its own, so that neither SECRET_KEY nor this one alone links them to accounts.
PSEUDONYMISATION_KEY = os.environ.get("PSEUDONYMISATION_KEY", "").strip() or local_secret(
    "pseudonymisation_key"
)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # dsfr before django.forms: its widget templates override Django's.
    "dsfr",
    "django.forms",
    "widget_tweaks",
    "django_tasks",
    # Before django_tasks_db: its `db_worker` command (a heartbeat, task leases) replaces
    # that of django_tasks_db.
    "concerto.jobs",
    "django_tasks_db",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "rest_framework",
    "drf_spectacular",
    "concerto.accounts",
    "concerto.pages",
    "concerto.dashboards",
    "concerto.administration",
    "concerto.activity",
    "concerto.notifications",
    "concerto.mailing",
    "concerto.follows",
    "concerto.processes",
    "concerto.participation",
    "concerto.dossiers",
    "concerto.questionnaires",
    "concerto.proposals",
    "concerto.meetings",
    "concerto.panels",
    "concerto.opinionmaps",
    "concerto.codrafting",
    "concerto.followup",
    "concerto.identity",
    "concerto.analysis",
    "concerto.resources",
    "concerto.community",
    "concerto.trainings",
    "concerto.support",
    "concerto.procurement",
    "concerto.network",
    "concerto.evaluation",
    "concerto.representativeness",
    "concerto.expertgroups",
    "concerto.api",
    "concerto.opendata",
    "concerto.privacy",
    "concerto.scheduler",
    "concerto.backups",
    "concerto.demo",
    "concerto.newsletter",
    # The resource centre's content editor (issue 9): pages, revisions, scheduled publication.
    "wagtail.documents",
    "wagtail.images",
    "wagtail.snippets",
    "wagtail.users",
    "wagtail.sites",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # One door: a session lacking its second factor or confirmed address ends here.
    "concerto.identity.gate.SessionGateMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # A bare 405 becomes a page in words (under CSP's, which then reads the page's nonce).
    "concerto.pages.errors.MethodNotAllowedPageMiddleware",
    # Last, as django-axes requires: it turns a lockout into its response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "concerto.urls"
CSRF_FAILURE_VIEW = "concerto.pages.views.csrf_failure"
WSGI_APPLICATION = "concerto.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "concerto" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            # « 1er janvier »: the `date` filter of every template (concerto/frenchdates.py);
            # « 20 000 »: its `nombre` filter (concerto/frenchnumbers.py).
            "builtins": [
                "concerto.templatetags.frenchdates",
                "concerto.templatetags.frenchnumbers",
            ],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "concerto.pages.context_processors.site_config",
                "concerto.accounts.context_processors.abilities",
                "concerto.pages.context_processors.layout",
                "concerto.pages.context_processors.csp_nonce",
            ],
        },
    },
]
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'concerto.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL lets the web server and the task worker use one SQLite file at once.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dashboards:home"
LOGOUT_REDIRECT_URL = "pages:home"

# Sign-in through the State's identity providers (OpenID Connect, see concerto/identity).
# Endpoints and signing keys come from each provider's discovery document; a
# provider without a client id is not offered on the sign-in page.
IDENTITY_PROVIDERS = {
    "proconnect": {
        "discovery_url": os.environ.get(
            "PROCONNECT_DISCOVERY_URL",
            "https://fca.integ01.dev-agentconnect.fr/api/v2/.well-known/openid-configuration",
        ),
        "client_id": os.environ.get("PROCONNECT_CLIENT_ID", ""),
        "client_secret": os.environ.get("PROCONNECT_CLIENT_SECRET", ""),
        "scopes": "openid email given_name usual_name uid siret",
        "acr_values": "eidas1",
    },
    "franceconnect": {
        "discovery_url": os.environ.get(
            "FRANCECONNECT_DISCOVERY_URL",
            "https://fcp-low.sbx.dev-franceconnect.fr/api/v2/.well-known/openid-configuration",
        ),
        "client_id": os.environ.get("FRANCECONNECT_CLIENT_ID", ""),
        "client_secret": os.environ.get("FRANCECONNECT_CLIENT_SECRET", ""),
        "scopes": "openid given_name family_name email",
        "acr_values": "eidas1",
    },
}
OIDC_TIMEOUT = 10
# `make run` points the providers at the demo's simulated ProConnect and FranceConnect on
# loopback (concerto/demo/identity.py); the sign-in pages then say so.
DEMO_IDENTITY_PROVIDERS = os.environ.get("DEMO_IDENTITY_PROVIDERS") == "1"
# Two-factor authentication (TOTP) for CIPC advisors and administrators, whose sessions
# also end after 30 idle minutes and 12 hours in all (concerto/identity/gate.py).
STAFF_SESSION_IDLE_TIMEOUT = 30 * 60
STAFF_SESSION_MAX_AGE = 12 * 3600
OTP_TOTP_ISSUER = "Concerto"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français"))]
LOCALE_PATHS = [BASE_DIR / "concerto" / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise warns about a missing one before collectstatic
# Hashed names, cached for years; a file not collected never fails the page
# (concerto/staticstorage.py).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "concerto.staticstorage.StaticFilesStorage"},
}
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Files (uploads, meeting reports, open data, CMS documents and images) go to an
# S3-compatible object store when S3_BUCKET is set, so every app server sees the same
# files; to MEDIA_ROOT on the local disk otherwise. Private files are served through the
# app (concerto/uploads/responses.py), which checks who asks; the store needs no public
# access. Names are never overwritten (Django's local default), and path-style
# addresses suit self-hosted stores (SeaweedFS, MinIO, Garage).
S3_BUCKET = os.environ.get("S3_BUCKET", "")
S3_ENDPOINT_URL = os.environ.get("S3_ENDPOINT_URL", "")


def s3_storage(bucket: str, endpoint_url: str, access_key: str, secret_key: str, **extra) -> dict:
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint_url or None,
            "access_key": access_key,
            "secret_key": secret_key,
            "region_name": "us-east-1",
            "addressing_style": "path",
            "signature_version": "s3v4",
            "file_overwrite": False,
            "default_acl": None,
            "querystring_auth": True,
            **extra,
        },
    }


if S3_BUCKET:
    STORAGES["default"] = s3_storage(
        S3_BUCKET,
        S3_ENDPOINT_URL,
        os.environ.get("S3_ACCESS_KEY_ID", ""),
        os.environ.get("S3_SECRET_ACCESS_KEY", ""),
        region_name=os.environ.get("S3_REGION", "us-east-1"),
        location=os.environ.get("S3_PREFIX", ""),
    )
# Wagtail's documents go through its view (permissions, content policy), not a redirect
# to the store.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Largest upload per kind of file, in bytes (concerto.uploads); a form may set its own.
UPLOAD_MAX_SIZES = {
    kind: int(os.environ.get(f"UPLOAD_MAX_{kind.upper()}_MB", default)) * 1024 * 1024
    for kind, default in {
        "document": 10, "image": 5, "text": 5, "archive": 20, "video": 500,
    }.items()
}  # fmt: skip

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# Used by the file-based backend (e.g. the load harness counts the e-mails actually sent).
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(VAR_DIR / "emails"))
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Concerto <ne-pas-repondre@concerto.gouv.fr>"
)

TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# A task whose worker has given no sign of life for this long is queued again
# (concerto/jobs/lease.py); longer than any write transaction of a task.
TASK_LEASE_SECONDS = float(os.environ.get("TASK_LEASE_SECONDS", "60"))
# A due task waiting this long means the queue stalls: the CIPC and the administrators
# are told (concerto/pages/queue_stall.py).
QUEUE_STALL_AFTER_SECONDS = float(os.environ.get("QUEUE_STALL_AFTER_SECONDS", "600"))

# Bulk e-mail (concerto/mailing): a campaign's sender renews its lease after each batch;
# a killed sender's campaign is taken over once the lease has run out.
MAILING_LEASE_SECONDS = float(os.environ.get("MAILING_LEASE_SECONDS", "60"))
MAILING_BATCH_SIZE = int(os.environ.get("MAILING_BATCH_SIZE", "200"))
# Workers that can send one campaign at once, each over its own SMTP connection.
MAILING_LANES = int(os.environ.get("MAILING_LANES", "4"))
# Messages a second over one SMTP connection (0: as fast as the server accepts them),
# for relays that throttle.
MAILING_MAX_PER_SECOND = float(os.environ.get("MAILING_MAX_PER_SECOND", "0"))

DSFR_MARK_OPTIONAL_FIELDS = True
# django-dsfr's tags mark what they are given as safe HTML unless told not to: the site
# notice, written by staff from the administration space, and any table, alert or
# accordion filled with people's text must be escaped like everything else.
DSFR_CONTENT_IS_SAFE = False

# Wagtail edits the resource centre (guide, FAQ, capsules); its public pages live under
# /ressources/ and its editor under /cms/, reached through the platform's own sign-in.
WAGTAIL_SITE_NAME = "Concerto — Centre de ressources"
WAGTAILADMIN_BASE_URL = SITE_URL
# Its door refuses a signed-in person without access (403) rather than looping to sign-in.
WAGTAILADMIN_LOGIN_URL = "/cms/login/"
WAGTAIL_I18N_ENABLED = False
# Passwords are reset through the platform's own throttled pages, not Wagtail's.
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILDOCS_EXTENSIONS = ["pdf", "mp4", "webm", "vtt", "srt", "odt", "docx"]
# Its upload form adds the content check every upload of the platform goes through.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "concerto.resources.forms.DocumentForm"
# Database full-text search: PostgreSQL's French configuration in production, SQLite FTS5
# (accents folded) by default; concerto.resources.search adds French stems for both.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "french"}
}

# The cache every app server shares (concerto/cache.py): Redis/Valkey in production
# (CACHE_URL=redis://…), the database by default; sessions read from it with Redis.
from concerto.cache import caches_setting, session_engine  # noqa: E402

CACHES = caches_setting(os.environ.get("CACHE_URL", ""))
SESSION_ENGINE = session_engine(CACHES)

# Addresses or networks of the reverse proxies and load balancers in front of the app
# servers: only requests from them have their X-Forwarded-For believed
# (concerto/clientaddress.py). Empty: the socket's address is the client's.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")

# Participation rate limits: action -> (count, window in seconds), per person and per address.
PARTICIPATION_RATE_LIMITS = {
    "contribute": (int(os.environ.get("RATE_LIMIT_CONTRIBUTIONS", "20")), 600),
    "vote": (int(os.environ.get("RATE_LIMIT_VOTES", "200")), 600),
    # E-mails anyone can trigger (confirmation, sign-in link, password reset): per address
    # asked for, and per client asking.
    "account_email_address": (int(os.environ.get("RATE_LIMIT_ACCOUNT_EMAILS", "3")), 3600),
    "account_email_client": (int(os.environ.get("RATE_LIMIT_ACCOUNT_EMAILS_CLIENT", "20")), 3600),
    # The newsletter's confirmation (or unsubscribe link): one e-mail per address and hour.
    "newsletter_email": (1, 3600),
    # An editor's test send of an edition: a double click sends one.
    "newsletter_test_send": (1, 60),
}

# Public API (read-only, anonymous) and organisations' API (tokens, scoped, throttled).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "concerto.api.authentication.OrganisationTokenAuthentication"
    ],
    "DEFAULT_PERMISSION_CLASSES": ["concerto.api.permissions.ReadOnlyOrScopedToken"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["concerto.api.parsers.BoundedJSONParser"],
    "DEFAULT_PAGINATION_CLASS": "concerto.api.pagination.Cursor",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": [
        "concerto.api.throttling.AnonymousThrottle",
        "concerto.api.throttling.TokenThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anonymous": os.environ.get("API_RATE_ANONYMOUS", "600/hour"),
        "token": os.environ.get("API_RATE_TOKEN", "1200/hour"),
    },
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API de Concerto",
    "DESCRIPTION": (
        "Données publiques de la plateforme de participation citoyenne de l'État "
        "(dispositifs, modules, contributions anonymisées, réponses, chiffres du devoir de "
        "suite) et API des organisations (jeton par organisation, portées)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "PREPROCESSING_HOOKS": ["concerto.api.schema.only_public_api"],
}
# Open data: producer named in every published file.
OPENDATA_PRODUCER = os.environ.get(
    "OPENDATA_PRODUCER", "Centre interministériel de la participation citoyenne (DITP)"
)

# The CIPC's service level: working days to issue an opinion after a referral.
# Retention periods enforced by `concerto privacy retention` (see concerto/privacy/register.py).
PRIVACY_RETENTION_DAYS = {
    "participant_profiles": int(os.environ.get("RETENTION_PROFILE_DAYS", 2 * 365)),
    "inactive_accounts": int(os.environ.get("RETENTION_INACTIVE_ACCOUNT_DAYS", 3 * 365)),
    "access_log": int(os.environ.get("RETENTION_ACCESS_LOG_DAYS", 365)),
    "newsletter_unconfirmed": int(os.environ.get("RETENTION_NEWSLETTER_UNCONFIRMED_DAYS", 30)),
    "mailing_deliveries": int(os.environ.get("RETENTION_MAILING_DELIVERIES_DAYS", 90)),
    "activity_log": int(os.environ.get("RETENTION_ACTIVITY_LOG_DAYS", 5 * 365)),
}

CIPC_REVIEW_WORKING_DAYS = int(os.environ.get("CIPC_REVIEW_WORKING_DAYS", "15"))
# Days the government has to answer an expert group's recommendation (shown late after).
EXPERT_RECOMMENDATION_ANSWER_DAYS = int(os.environ.get("EXPERT_RECOMMENDATION_ANSWER_DAYS", "90"))

SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG and SITE_URL.startswith("https"))
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Behind HTTPS (SITE_URL https://…): redirect to HTTPS and send HSTS for a year.
HTTPS_ONLY = SITE_URL.startswith("https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", HTTPS_ONLY and not DEBUG)
SECURE_HSTS_SECONDS = 31_536_000 if HTTPS_ONLY and not DEBUG else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS_ONLY
SECURE_HSTS_PRELOAD = HTTPS_ONLY
if env_bool("BEHIND_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content-Security-Policy: scripts only from this site, and DSFR's tags carry the
# per-request nonce. Styles only from stylesheets of this site: pages carry no
# style attribute nor <style> element (charts use SVG attributes); DSFR's scripts
# set styles through the DOM, which the policy does not restrict. Media and frames
# only from this site: the capsules' videos and captions are its own documents, and
# no page embeds another site. Forms post to this site, whose sign-in and sign-out
# redirect to the identity providers offered (concerto/content_policy.py).
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE  # noqa: E402

from concerto.content_policy import form_action  # noqa: E402

# Wagtail's images (renditions) are links to the object store when there is one.
STORE_ORIGIN = [S3_ENDPOINT_URL.rstrip("/")] if S3_BUCKET and S3_ENDPOINT_URL else []

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *STORE_ORIGIN],
        "font-src": [SELF, "data:"],
        "media-src": [SELF],
        "frame-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": form_action(IDENTITY_PROVIDERS),
        "frame-ancestors": [NONE],
    },
}
# Django's admin works under this policy (its scripts and styles are files); Wagtail's
# editor (/cms/) runs inline scripts and styles, and previews pages in a frame of its
# own: its views send this one instead. It contacts no other site: no avatar from
# Gravatar (which would learn the editors' addresses), no check for a newer release.
CONTENT_SECURITY_POLICY_CMS = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", *STORE_ORIGIN],
        "font-src": [SELF, "data:"],
        "media-src": [SELF],
        "frame-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": form_action(IDENTITY_PROVIDERS),
        "frame-ancestors": [SELF],
    },
}
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Where to report a security flaw (an address or a URL): /.well-known/security.txt and
# the /securite/ page. A placeholder until the operator sets theirs.
SECURITY_CONTACT = os.environ.get("SECURITY_CONTACT", "securite@concerto.gouv.fr")

# Brute-force protection on sign-in (django-axes, concerto/accounts/lockout.py): after
# AXES_FAILURE_LIMIT failures on one account, from any address and in any spelling, it
# waits an hour (failures during the lock do not extend it); a success, a sign-in link or
# a password reset lifts it. Counts live in the database, shared by every app server.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend, with each signed-in request's user read from the shared cache. (Not
    # beside it: a wrong password would be hashed twice. Sessions opened before it named
    # ModelBackend, and end.)
    "concerto.accounts.backends.KeptUserBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "concerto.accounts.lockout.username_of"
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "concerto.clientaddress.client_address"
# axes warns that a lockout without the address can be dodged by rotating user agents: not
# here, where the count sums every address and user agent of the account
# (tests/security/test_lockout.py measures it).
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.template": {"level": "INFO"}},
}
