from django.urls import path

from . import views

urlpatterns = [
    path("login/", views.login, name="login"),
    path("account/", views.account, name="account"),
    path("logout/", views.logout, name="logout"),
]
