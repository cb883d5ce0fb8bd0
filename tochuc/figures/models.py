"""Kept figures: counts per unit and its whole subtree, kept fresh by database triggers.

One row per (unit, cycle, topic, item): ``n`` counts the rows of the unit **and every unit below
it** (people, ratings, tasks...). A cell's row counts its own people; the Centre's row counts the
country. The triggers (``tochuc.figures.triggers``) add to the row of the unit and each ancestor
(found from the unit's path) in the same transaction as the write; ``aggregates_rebuild`` rebuilds
and checks them against the raw tables.
"""

from __future__ import annotations

from django.db import models


class Topic(models.TextChoices):
    YEAR_GENDER = "year_gender"  # item "1980:female": birth year and gender
    ETHNICITY = "ethnicity"
    THEORY = "theory"  # political theory level
    QUALIFICATION = "qualification"  # the free text, grouped when read
    MEMBERSHIP = "membership"  # membership status, "-" for people without a membership record
    RATING = "rating"  # individuals of a cycle: excellent … unrated, not_reviewed
    SCORE = "score"  # individuals of a cycle with a score: n, sum and sum of squares of score × 10
    COLLECTIVE = "collective"  # collectives of a cycle, by rating like individuals
    TASK = "task"  # tasks by lead unit: done_on_time, done_late, "open:<deadline or empty>"
    # The decided rating as the home page shows it: final rating ("" undecided), not_reviewed left out.
    FINAL = "final"  # individuals of a cycle
    FINAL_COLLECTIVE = "final_collective"  # collectives of a cycle
    STAGE = "stage"  # evaluations of a cycle (individuals and collectives) by the stage they stand at


class Figure(models.Model):
    # No foreign keys: the triggers write here for any unit and cycle, and a row is only a number.
    unit_id = models.BigIntegerField()
    cycle_pk = models.BigIntegerField(default=0)  # 0 for figures not tied to an evaluation cycle
    topic = models.CharField(max_length=16, choices=Topic.choices)
    item = models.CharField(max_length=255)
    n = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit_id", "topic", "cycle_pk", "item"], name="figure_unique")
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.topic}/{self.cycle_pk}/{self.item}={self.n}"


class PathLevel(models.Model):
    """0, 1, 2 … one row per possible level of a path: joined to a path, it lists the ancestors."""

    depth = models.PositiveSmallIntegerField(primary_key=True)

    def __str__(self) -> str:
        return str(self.depth)
