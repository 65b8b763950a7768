"""Log in with a form protected by Django's CSRF middleware; the session holds the user.

(A real project would use django.contrib.auth; this example keeps to sessions and CSRF so
that it needs no database.)"""

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.middleware.csrf import get_token, rotate_token
from django.views.decorators.http import require_http_methods, require_POST

USERS = {"alice": "correct horse battery staple"}


@require_http_methods(["GET", "POST"])
def login(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        token = get_token(request)  # sets the csrftoken cookie
        return HttpResponse(
            '<form method="post"><input type="hidden" name="csrfmiddlewaretoken" '
            f'value="{token}"><input name="username"> <input name="password" type="password">'
            '<button type="submit">Log in</button></form>'
        )
    name = request.POST.get("username", "")
    if USERS.get(name) != request.POST.get("password"):
        return HttpResponse("wrong user name or password", status=401)
    request.session.cycle_key()  # a new session id at login: no session fixation
    request.session["user"] = name
    rotate_token(request)  # and a new CSRF token, as django.contrib.auth.login does
    return HttpResponseRedirect("/account/")


def account(request: HttpRequest) -> HttpResponse:
    user = request.session.get("user")
    return HttpResponse(f"Hello, {user}") if user else HttpResponseRedirect("/login/")


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    request.session.flush()  # deletes the sessionid cookie
    return HttpResponseRedirect("/login/")
