from django.urls import path

from tochuc.orgunits import views

app_name = "orgunits"

urlpatterns = [
    path("", views.tree, name="tree"),
    path("search/", views.search, name="search"),
    path("functions/overlaps/", views.overlaps, name="overlaps"),
    path("<str:code>/", views.detail, name="detail"),
    path("<str:code>/children/", views.children, name="children"),
    path("<str:code>/subtree/", views.subtree, name="subtree"),
    path("<str:code>/new/", views.create_child, name="create_child"),
    path("<str:code>/rename/", views.rename, name="rename"),
    path("<str:code>/move/", views.move, name="move"),
    path("<str:code>/merge/", views.merge, name="merge"),
    path("<str:code>/split/", views.split, name="split"),
    path("<str:code>/dissolve/", views.dissolve, name="dissolve"),
    path("<str:code>/functions/new/", views.function_create, name="function_create"),
]
