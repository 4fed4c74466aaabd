"""The questionnaire's answers in words, for the result page and the e-mail that carries it."""

from annuaire.organisations import Audience
from parcours.needs import Need, Stage


def answer_labels(answers, locale):
    """``{"public", "besoin", "stade"}``: what the resident chose, in the active language (audiences in ``locale``)."""
    return {
        "public": Audience.names(locale).get(answers.get("public", "")) if answers.get("public") else None,
        "besoin": Need(answers["besoin"]).label if answers.get("besoin") in Need.values else None,
        "stade": dict(Stage.choices).get(answers.get("stade")),
    }
