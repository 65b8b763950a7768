"""The exact setting each stack uses for Secure, HttpOnly, SameSite, lifetime and Domain.

Keyed by stack (see ``judging.fixes.Fixer.for_cookie``), then by need.  Texts are ``str.format``
templates: ``{SameSite}`` is the value to set as browsers write it ("Lax"), ``{samesite}``
the same in lower case (Starlette, Express, Rails); literal braces are doubled.
"""

from __future__ import annotations

_STORAGE_KEYWORDS = {
    "secure": "secure=True", "httponly": "httponly=True", "samesite": 'samesite="{SameSite}"',
    "lifetime": "max_age=<seconds>", "host_only": "domain=None",
}


def _storage(call: str) -> dict[str, str]:
    """An aiohttp-session storage's settings: ``call`` with each keyword in place of {}."""
    return {need: call.replace("{}", keyword) + " (aiohttp-session)"
            for need, keyword in _STORAGE_KEYWORDS.items()}


STACK_SETTINGS: dict[str, dict[str, str]] = {
    "flask-session": {
        "secure": 'app.config["SESSION_COOKIE_SECURE"] = True',
        "httponly": 'app.config["SESSION_COOKIE_HTTPONLY"] = True',
        "samesite": 'app.config["SESSION_COOKIE_SAMESITE"] = "{SameSite}"',
        "lifetime": 'app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(...) (shorter)',
        "host_only": 'app.config["SESSION_COOKIE_DOMAIN"] = None',
    },
    "quart-session": {
        "secure": 'app.config["SESSION_COOKIE_SECURE"] = True (Quart)',
        "httponly": 'app.config["SESSION_COOKIE_HTTPONLY"] = True (Quart)',
        "samesite": 'app.config["SESSION_COOKIE_SAMESITE"] = "{SameSite}" (Quart)',
        "lifetime": 'app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(...) (Quart)',
        "host_only": 'app.config["SESSION_COOKIE_DOMAIN"] = None (Quart)',
    },
    "flask-login": {
        "secure": 'app.config["REMEMBER_COOKIE_SECURE"] = True (Flask-Login)',
        "httponly": 'app.config["REMEMBER_COOKIE_HTTPONLY"] = True (Flask-Login)',
        "samesite": 'app.config["REMEMBER_COOKIE_SAMESITE"] = "{SameSite}" (Flask-Login)',
        "lifetime": 'app.config["REMEMBER_COOKIE_DURATION"] = timedelta(...) (Flask-Login)',
        "host_only": 'app.config["REMEMBER_COOKIE_DOMAIN"] = None (Flask-Login)',
    },
    "quart-auth": {
        "secure": 'app.config["QUART_AUTH_COOKIE_SECURE"] = True (Quart-Auth)',
        "httponly": 'app.config["QUART_AUTH_COOKIE_HTTP_ONLY"] = True (Quart-Auth)',
        "samesite": 'app.config["QUART_AUTH_COOKIE_SAMESITE"] = "{SameSite}" (Quart-Auth)',
        "lifetime": 'app.config["QUART_AUTH_DURATION"] = <seconds> (Quart-Auth)',
        "host_only": 'app.config["QUART_AUTH_COOKIE_DOMAIN"] = None (Quart-Auth)',
    },
    "django-session": {
        "secure": "SESSION_COOKIE_SECURE = True in settings.py",
        "httponly": "SESSION_COOKIE_HTTPONLY = True in settings.py",
        "samesite": 'SESSION_COOKIE_SAMESITE = "{SameSite}" in settings.py',
        "lifetime": "a shorter SESSION_COOKIE_AGE (seconds) in settings.py",
        "host_only": "SESSION_COOKIE_DOMAIN = None in settings.py",
    },
    "django-csrf": {
        "secure": "CSRF_COOKIE_SECURE = True in settings.py",
        "httponly": "CSRF_COOKIE_HTTPONLY = True in settings.py",
        "samesite": 'CSRF_COOKIE_SAMESITE = "{SameSite}" in settings.py',
        "lifetime": "a shorter CSRF_COOKIE_AGE (seconds) in settings.py",
        "host_only": "CSRF_COOKIE_DOMAIN = None in settings.py",
    },
    # A signed `session` cookie whose server is unknown: Flask and Starlette both sign it
    # with itsdangerous; an ASGI server makes it Starlette's or Quart's.
    "itsdangerous-session": {
        "secure": 'Flask: app.config["SESSION_COOKIE_SECURE"] = True; Starlette: '
                  "SessionMiddleware(app, secret_key=..., https_only=True)",
        "httponly": 'Flask: app.config["SESSION_COOKIE_HTTPONLY"] = True (Starlette\'s '
                    "SessionMiddleware always sets HttpOnly)",
        "samesite": 'Flask: app.config["SESSION_COOKIE_SAMESITE"] = "{SameSite}"; Starlette: '
                    'SessionMiddleware(app, secret_key=..., same_site="{samesite}")',
        "lifetime": 'Flask: app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(...); '
                    "Starlette: SessionMiddleware(app, secret_key=..., max_age=<seconds>)",
        "host_only": 'Flask: app.config["SESSION_COOKIE_DOMAIN"] = None; Starlette: '
                     "SessionMiddleware(app, secret_key=..., domain=None)",
    },
    "itsdangerous-asgi": {
        "secure": "Starlette: SessionMiddleware(app, secret_key=..., https_only=True); "
                  'Quart: app.config["SESSION_COOKIE_SECURE"] = True',
        "httponly": 'Quart: app.config["SESSION_COOKIE_HTTPONLY"] = True (Starlette\'s '
                    "SessionMiddleware always sets HttpOnly)",
        "samesite": 'Starlette: SessionMiddleware(app, secret_key=..., same_site="{samesite}"); '
                    'Quart: app.config["SESSION_COOKIE_SAMESITE"] = "{SameSite}"',
        "lifetime": "Starlette: SessionMiddleware(app, secret_key=..., max_age=<seconds>); "
                    'Quart: app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(...)',
        "host_only": "Starlette: SessionMiddleware(app, secret_key=..., domain=None); "
                     'Quart: app.config["SESSION_COOKIE_DOMAIN"] = None',
    },
    "starlette-session": {
        "secure": "SessionMiddleware(app, secret_key=..., https_only=True)",
        "samesite": 'SessionMiddleware(app, secret_key=..., same_site="{samesite}")',
        "lifetime": "SessionMiddleware(app, secret_key=..., max_age=<seconds>) (shorter)",
        "host_only": "SessionMiddleware(app, secret_key=..., domain=None)",
    },
    "litestar-session": {
        "secure": "CookieBackendConfig(secret=..., secure=True)",
        "httponly": "CookieBackendConfig(secret=..., httponly=True)",
        "samesite": 'CookieBackendConfig(secret=..., samesite="{samesite}")',
        "lifetime": "CookieBackendConfig(secret=..., max_age=<seconds>) (shorter)",
        "host_only": "CookieBackendConfig(secret=..., domain=None)",
    },
    "litestar-csrf": {
        "secure": "CSRFConfig(secret=..., cookie_secure=True)",
        "httponly": "CSRFConfig(secret=..., cookie_httponly=True)",
        "samesite": 'CSRFConfig(secret=..., cookie_samesite="{samesite}")',
        "host_only": "CSRFConfig(secret=..., cookie_domain=None)",
    },
    # aiohttp-session: each storage takes the cookie's attributes as its own keywords.
    "aiohttp-session": _storage("EncryptedCookieStorage(secret_key, {})"),
    "aiohttp-session-simple": _storage("SimpleCookieStorage({})"),
    "aiohttp-session-nacl": _storage("NaClCookieStorage(secret_key, {})"),
    "aiohttp-session-storage": _storage(
        "the storage passed to aiohttp_session.setup(app, ...) with {}"),
    "tornado-xsrf": {
        "secure": 'Application(..., xsrf_cookie_kwargs={{"secure": True}})',
        "httponly": 'Application(..., xsrf_cookie_kwargs={{"httponly": True}})',
        "samesite": 'Application(..., xsrf_cookie_kwargs={{"samesite": "{SameSite}"}})',
    },
    "pyramid-authtkt": {
        "secure": "AuthTktCookieHelper(secret, secure=True) (or AuthTktAuthenticationPolicy)",
        "httponly": "AuthTktCookieHelper(secret, http_only=True)",
        "samesite": 'AuthTktCookieHelper(secret, samesite="{SameSite}")',
        "lifetime": "AuthTktCookieHelper(secret, max_age=<seconds>, timeout=<seconds>)",
        "host_only": "AuthTktCookieHelper(secret, domain=None, wild_domain=False)",
    },
    "pyramid-session": {
        "secure": "SignedCookieSessionFactory(secret, secure=True)",
        "httponly": "SignedCookieSessionFactory(secret, httponly=True)",
        "samesite": 'SignedCookieSessionFactory(secret, samesite="{SameSite}")',
        "lifetime": "SignedCookieSessionFactory(secret, max_age=<seconds>, timeout=<seconds>)",
        "host_only": "SignedCookieSessionFactory(secret, domain=None)",
    },
    "beaker": {
        "secure": "session.secure = true in the Beaker configuration",
        "httponly": "session.httponly = true in the Beaker configuration",
        "samesite": "session.samesite = {SameSite} in the Beaker configuration",
        "lifetime": "a shorter session.cookie_expires / session.timeout (Beaker)",
        "host_only": "remove session.cookie_domain from the Beaker configuration",
    },
    "express-session": {
        "secure": "session({{cookie: {{secure: true}}}}) (express-session), and "
                  "app.set('trust proxy', 1) behind a TLS-terminating proxy",
        "httponly": "session({{cookie: {{httpOnly: true}}}}) (express-session)",
        "samesite": "session({{cookie: {{sameSite: '{samesite}'}}}}) (express-session)",
        "lifetime": "session({{cookie: {{maxAge: <milliseconds>}}}}) (express-session)",
        "host_only": "leave cookie.domain unset in session({{cookie: ...}}) (express-session)",
    },
    "cookie-session": {
        "secure": "cookieSession({{secure: true}}) (cookie-session), and "
                  "app.set('trust proxy', 1) behind a TLS-terminating proxy",
        "httponly": "cookieSession({{httpOnly: true}}) (cookie-session)",
        "samesite": "cookieSession({{sameSite: '{samesite}'}}) (cookie-session)",
        "lifetime": "cookieSession({{maxAge: <milliseconds>}}) (cookie-session)",
        "host_only": "leave domain unset in cookieSession({{...}}) (cookie-session)",
    },
    "java": {
        "secure": "web.xml <session-config><cookie-config><secure>true</secure>"
                  "</cookie-config></session-config> (or cookie.setSecure(true))",
        "httponly": "web.xml <session-config><cookie-config><http-only>true</http-only>"
                    "</cookie-config></session-config> (or cookie.setHttpOnly(true))",
        "samesite": "web.xml <cookie-config><attribute><attribute-name>SameSite"
                    "</attribute-name><attribute-value>{SameSite}</attribute-value>"
                    "</attribute></cookie-config> (Servlet 6; Spring Boot: "
                    "server.servlet.session.cookie.same-site={samesite})",
        "lifetime": "web.xml <cookie-config><max-age>seconds</max-age></cookie-config>",
        "host_only": "remove <domain> from web.xml <cookie-config>",
    },
    "aspnet": {
        "secure": 'Web.config <system.web><httpCookies requireSSL="true"/></system.web>',
        "httponly": 'Web.config <system.web><httpCookies httpOnlyCookies="true"/></system.web>',
        "samesite": 'Web.config <httpCookies sameSite="{SameSite}"/> and '
                    '<sessionState cookieSameSite="{SameSite}"/>',
        "lifetime": 'a shorter timeout in Web.config <sessionState> / <forms>',
        "host_only": 'remove domain="..." from Web.config <httpCookies>',
    },
    "aspnetcore": {
        "secure": "CookieOptions {{ Secure = true }} (auth and session cookies: "
                  "options.Cookie.SecurePolicy = CookieSecurePolicy.Always)",
        "httponly": "CookieOptions {{ HttpOnly = true }} (options.Cookie.HttpOnly = true)",
        "samesite": "CookieOptions {{ SameSite = SameSiteMode.{SameSite} }} "
                    "(options.Cookie.SameSite = SameSiteMode.{SameSite})",
        "lifetime": "a shorter options.ExpireTimeSpan / CookieOptions.MaxAge",
        "host_only": "options.Cookie.Domain = null",
    },
    "rails": {
        "secure": "config.force_ssl = true (or secure: true on config.session_store)",
        "httponly": "config.session_store :cookie_store, httponly: true",
        "samesite": "config.session_store :cookie_store, same_site: :{samesite} "
                    "(or config.action_dispatch.cookies_same_site_protection = :{samesite})",
        "lifetime": "config.session_store :cookie_store, expire_after: <duration> (shorter)",
        "host_only": "drop domain: (e.g. domain: :all) from config.session_store",
    },
    "php": {
        "secure": "session.cookie_secure=1 in php.ini "
                  "(or session_set_cookie_params(['secure' => true]))",
        "httponly": "session.cookie_httponly=1 in php.ini",
        "samesite": "session.cookie_samesite={SameSite} in php.ini",
        "lifetime": "a shorter session.cookie_lifetime in php.ini",
        "host_only": "leave session.cookie_domain empty in php.ini",
    },
    "laravel": {
        "secure": "'secure' => true in config/session.php (SESSION_SECURE_COOKIE=true)",
        "httponly": "'http_only' => true in config/session.php",
        "samesite": "'same_site' => '{samesite}' in config/session.php",
        "lifetime": "a shorter 'lifetime' in config/session.php (SESSION_LIFETIME, minutes)",
        "host_only": "'domain' => null in config/session.php (SESSION_DOMAIN)",
    },
}


# The setting that names each stack's cookie, with Secure, for an ASVS profile's prefix
# (``Fixer.prefixed``): ``{prefixed}`` is the new name, ``{host}`` the second text when the
# prefix is __Host- (Path=/ and no Domain), else nothing.
PREFIX_SETTINGS: dict[str, tuple[str, str]] = {
    "django-session": ('SESSION_COOKIE_NAME = "{prefixed}", SESSION_COOKIE_SECURE = True{host} '
                       "in settings.py", ', SESSION_COOKIE_PATH = "/", no SESSION_COOKIE_DOMAIN'),
    "django-csrf": ('CSRF_COOKIE_NAME = "{prefixed}", CSRF_COOKIE_SECURE = True{host} in '
                    "settings.py", ', CSRF_COOKIE_PATH = "/", no CSRF_COOKIE_DOMAIN'),
    "flask-session": ('app.config["SESSION_COOKIE_NAME"] = "{prefixed}", '
                      'app.config["SESSION_COOKIE_SECURE"] = True{host}',
                      ', app.config["SESSION_COOKIE_PATH"] = "/", '
                      'app.config["SESSION_COOKIE_DOMAIN"] = None'),
    "quart-session": ('app.config["SESSION_COOKIE_NAME"] = "{prefixed}", '
                      'app.config["SESSION_COOKIE_SECURE"] = True{host} (Quart)',
                      ', app.config["SESSION_COOKIE_PATH"] = "/", '
                      'app.config["SESSION_COOKIE_DOMAIN"] = None'),
    "flask-login": ('app.config["REMEMBER_COOKIE_NAME"] = "{prefixed}", '
                    'app.config["REMEMBER_COOKIE_SECURE"] = True{host} (Flask-Login)',
                    ', app.config["REMEMBER_COOKIE_PATH"] = "/", '
                    'app.config["REMEMBER_COOKIE_DOMAIN"] = None'),
    "quart-auth": ('app.config["QUART_AUTH_COOKIE_NAME"] = "{prefixed}", '
                   'app.config["QUART_AUTH_COOKIE_SECURE"] = True{host} (Quart-Auth)',
                   ', app.config["QUART_AUTH_COOKIE_PATH"] = "/", '
                   'app.config["QUART_AUTH_COOKIE_DOMAIN"] = None'),
    "starlette-session": ('SessionMiddleware(app, secret_key=..., session_cookie="{prefixed}", '
                          "https_only=True{host})", ', path="/", domain=None'),
    "litestar-session": ('CookieBackendConfig(secret=..., key="{prefixed}", secure=True{host})',
                         ', path="/", domain=None'),
    "aiohttp-session": ('EncryptedCookieStorage(secret_key, cookie_name="{prefixed}", '
                        "secure=True{host}) (aiohttp-session)", ', path="/", domain=None'),
    "pyramid-authtkt": ('AuthTktCookieHelper(secret, cookie_name="{prefixed}", secure=True{host})',
                        ', path="/", wild_domain=False, parent_domain=False, domain=None'),
    "pyramid-session": ('SignedCookieSessionFactory(secret, cookie_name="{prefixed}", '
                        "secure=True{host})", ', path="/", domain=None'),
    "express-session": ("session({{name: '{prefixed}', cookie: {{secure: true{host}}}}}) "
                        "(express-session)", ", path: '/'"),
    "cookie-session": ("cookieSession({{name: '{prefixed}', secure: true{host}}}) "
                       "(cookie-session)", ", path: '/'"),
    "java": ("web.xml <cookie-config><name>{prefixed}</name><secure>true</secure>{host}"
             "</cookie-config> (Spring Boot: server.servlet.session.cookie.name={prefixed})",
             "<path>/</path>"),
    "aspnetcore": ('options.Cookie.Name = "{prefixed}", options.Cookie.SecurePolicy = '
                   "CookieSecurePolicy.Always{host}",
                   ', options.Cookie.Path = "/", options.Cookie.Domain = null'),
    "rails": ('config.session_store :cookie_store, key: "{prefixed}", secure: true{host}',
              ', path: "/" (no domain:)'),
    "php": ("session.name={prefixed}, session.cookie_secure=1{host} in php.ini",
            ", session.cookie_path=/, an empty session.cookie_domain"),
    "laravel": ("'cookie' => '{prefixed}', 'secure' => true{host} in config/session.php",
                ", 'path' => '/', 'domain' => null"),
}
