from django.urls import include, path

from tochuc.api.api import api
from tochuc.core.views import healthz
from tochuc.home.views import home

urlpatterns = [
    path("", home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("accounts/", include("tochuc.accounts.urls")),
    path("units/", include("tochuc.orgunits.urls")),
    path("people/", include("tochuc.people.urls")),
    path("positions/", include("tochuc.positions.urls")),
    path("evaluations/", include("tochuc.evaluations.urls")),
    path("directives/", include("tochuc.directives.urls")),
    path("notifications/", include("tochuc.notifications.urls")),
    path("personnel/", include("tochuc.personnel.urls")),
    path("reports/", include("tochuc.reports.urls")),
    path("audit/", include("tochuc.audit.urls")),
    path("reviews/", include("tochuc.reviews.urls")),
    path("proposals/", include("tochuc.proposals.urls")),
    path("feedback/", include("tochuc.feedback.urls")),
    path("gop-y/", include("tochuc.feedback.urls_public")),
    path("rewards/", include("tochuc.rewards.urls")),
    path("training/", include("tochuc.training.urls")),
    path("award/", include("tochuc.award.urls")),
    path("giai-bua-liem-vang/", include("tochuc.award.urls_public")),
    path("inspections/", include("tochuc.inspections.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
]

handler404 = "tochuc.api.not_found.page_not_found"
