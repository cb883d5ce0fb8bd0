from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "tochuc.feedback"
    label = "feedback"
    verbose_name = "Phản ánh của nhân dân, báo chí"
