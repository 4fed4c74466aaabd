"""What a resident wants to do, in their words, and which kinds of service and themes answer it.

The codes show in addresses people share (``/par-ou-commencer/resultat/?besoin=emploi``).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Need(models.TextChoices):
    FARMING = "agriculture", _("set up as a farmer")
    BUSINESS = "activite", _("start my own business")
    JOB = "emploi", _("find a job")
    ASSOCIATION = "association", _("set up an association")
    FOOD = "manger", _("eat well for little money")
    ONLINE = "demarches", _("do my paperwork online")


class Stage(models.TextChoices):
    IDEA = "idee", _("I have an idea")
    STARTING = "demarrage", _("I am getting started")
    RUNNING = "lance", _("it is already running")


# (kinds of service, theme slugs) that answer each need, for the "also matching" suggestions.
ANSWERS = {
    Need.FARMING: (["support", "hosting", "training"], ["agriculture-et-alimentation"]),
    Need.BUSINESS: (["hosting", "support", "funding", "equipment"], ["emploi-et-formation", "artisanat"]),
    Need.JOB: (["support", "training"], ["emploi-et-formation"]),
    Need.ASSOCIATION: (["support", "welcome"], ["vie-associative"]),
    Need.FOOD: (["food"], ["agriculture-et-alimentation", "solidarite"]),
    Need.ONLINE: (["digital"], ["numerique"]),
}

# Where a project stands decides which step of a pathway to read first.
FIRST_STEP = {Stage.IDEA: 0, Stage.STARTING: 1, Stage.RUNNING: 2}
