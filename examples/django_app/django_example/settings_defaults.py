"""Settings as ``django-admin startproject`` leaves them (for the cookies): what the example's
tests fail on.  Select with ``EXAMPLE_CONFIG=defaults`` (see conftest.py) or
``DJANGO_SETTINGS_MODULE=django_example.settings_defaults``."""

SECRET_KEY = "django-insecure-example-only"
DEBUG = True
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
ROOT_URLCONF = "django_example.urls"
INSTALLED_APPS = ["django.contrib.sessions"]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
# No database: sessions live in the local-memory cache, which is enough for an example.
DATABASES: dict[str, dict[str, str]] = {}
SESSION_ENGINE = "django.contrib.sessions.backends.cache"
USE_TZ = True
