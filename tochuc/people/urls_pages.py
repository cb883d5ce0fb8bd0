from django.urls import URLPattern, path, register_converter

from tochuc.people import record_views, views


class PersonCode:
    """Person codes are upper-case (see services.PERSON_CODE), so lower-case paths such as
    ``import/`` stay free for the other pages of the app."""

    regex = r"[A-Z0-9][A-Z0-9._-]{0,39}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(PersonCode, "person")

urlpatterns: list[URLPattern] = [
    path("", views.person_list, name="list"),
    path("export.xlsx", views.person_export, name="export"),
    path("new/", record_views.person_create, name="create"),
    path("<person:code>/", views.person_detail, name="detail"),
    path("<person:code>/2c.docx", views.person_2c, name="download_2c"),
    path("<person:code>/reveal/", views.person_reveal, name="reveal"),
    path("<person:code>/correct/", views.person_correct, name="correct"),
    path("<person:code>/move/", views.person_move, name="move"),
    path("<person:code>/career/new/", views.career_add, name="career_add"),
    path("<person:code>/training/new/", views.training_add, name="training_add"),
    path("<person:code>/rewards/new/", views.reward_add, name="reward_add"),
    path("<person:code>/discipline/new/", views.discipline_add, name="discipline_add"),
    path("<person:code>/relatives/new/", views.relative_add, name="relative_add"),
    path("<person:code>/lines/<slug:kind>/<int:pk>/edit/", record_views.part_edit, name="part_edit"),
    path("<person:code>/lines/<slug:kind>/<int:pk>/delete/", record_views.part_delete, name="part_delete"),
    path("<person:code>/photo/", record_views.person_photo, name="photo"),
    path("<person:code>/photo/upload/", record_views.photo_upload, name="photo_upload"),
    path("<person:code>/photo/remove/", record_views.photo_remove, name="photo_remove"),
]
