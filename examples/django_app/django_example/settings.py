"""Production settings: Django's deployment checklist for cookies and https.

The cookie settings are the ones the tests prove; the https settings around them make them
consistent (plain http is redirected before any cookie is set)."""

import os

from .settings_defaults import *  # noqa: F403

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "example-only-set-DJANGO_SECRET_KEY")
DEBUG = False

SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True  # Django's default, stated so that nobody turns it off
SESSION_COOKIE_SAMESITE = "Lax"  # Django's default, likewise
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_SAMESITE = "Lax"
# CSRF_COOKIE_HTTPONLY stays False: JavaScript that posts forms reads the token (the policy
# does not ask CSRF cookies for HttpOnly unless secure_cookies_csrf_httponly = true).

SECURE_SSL_REDIRECT = True  # plain http gets a redirect, never a cookie
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")  # behind a TLS-terminating proxy
