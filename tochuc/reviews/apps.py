from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "tochuc.reviews"
    label = "reviews"
    verbose_name = "Sơ kết, tổng kết định kỳ"
