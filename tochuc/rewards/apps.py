from django.apps import AppConfig


class RewardsConfig(AppConfig):
    name = "tochuc.rewards"
    label = "rewards"
    verbose_name = "Khen thưởng, kỷ luật"

    def ready(self) -> None:
        from tochuc.orgunits.moves import subtree_moved
        from tochuc.rewards.paths import follow_moved_subtree

        subtree_moved.connect(follow_moved_subtree, dispatch_uid="rewards.follow_moved_subtree")
