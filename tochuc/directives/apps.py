from django.apps import AppConfig


class DirectivesConfig(AppConfig):
    name = "tochuc.directives"
    label = "directives"
    verbose_name = "Văn bản chỉ đạo, nhiệm vụ"

    def ready(self) -> None:
        from tochuc.directives.services.paths import follow_moved_subtree
        from tochuc.orgunits.moves import subtree_moved

        subtree_moved.connect(follow_moved_subtree, dispatch_uid="directives.follow_moved_subtree")
