from django.contrib.auth import views as auth_views
from django.urls import path

from tochuc.accounts import signin, views
from tochuc.accounts.forms import LoginForm

app_name = "accounts"

urlpatterns = [
    path(
        "login/",
        signin.LoginView.as_view(
            template_name="accounts/login.html",
            authentication_form=LoginForm,
            redirect_authenticated_user=True,
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", views.password_change, name="password_change"),
    path("otp/", views.otp, name="otp"),
    path("grants/", views.grants, name="grants"),
    path("grants/<int:pk>/revoke/", views.grant_revoke, name="grant_revoke"),
    path("grants/<int:pk>/otp/", views.grant_otp, name="grant_otp"),
]
