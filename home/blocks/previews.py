"""What editors see of each block in the chooser before they fill it in: realistic French values.

Images come from the demo set (home.demo.content.IMAGES, found by title as the seeding does); where
none exists the preview still renders, without the image.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model

from home.demo.content import IMAGES

# The families of the block chooser, one per module of home/blocks/.
TEXT = _("Text")
MEDIA = _("Images and media")
ACTIONS = _("Links and actions")
STRUCTURE = _("Structure and data")

VIDEO_URL = "https://www.youtube.com/watch?v=bK-FFSqcwgI"  # a demo video, in the embeds cache once seeded


def demo_image(key):
    """The demo image ``key``, any image if the demo set is not there, or None."""
    Image = get_image_model()
    return Image.objects.filter(title=IMAGES[key]["title"].fr).first() or Image.objects.order_by("pk").first()


def image_preview():
    return {
        "image": demo_image("jardin"),
        "alt_text": "",
        "decorative": False,
        "caption": "Le jardin partagé de la Case Rurale, cultivé selon les principes de l'agroécologie.",
        "credit": "La Case Rurale",
    }


def cards_preview():
    return {
        "title": "Nos ateliers de la semaine",
        "cards": [
            {
                "title": "Jardin agroécologique",
                "text": "Semis, compost et récolte avec les bénévoles, chaque mercredi matin.",
                "image": demo_image("jardin"),
                "page": None,
            },
            {
                "title": "Marché des producteurs",
                "text": "Les producteurs des hauts de Trois-Bassins vendent leurs légumes le samedi.",
                "image": demo_image("marche"),
                "page": None,
            },
        ],
    }


CALL_TO_ACTION = {
    "title": "Proposez votre projet",
    "text": "Une idée pour le quartier ? L'équipe de la Case Rurale vous aide à la monter.",
    "link": {"text": "Nous écrire", "page": None, "url": "https://www.caserurale.re/contact/"},
}

VIDEO = {
    "video": VIDEO_URL,
    "title": "La Case Rurale en deux minutes",
    "transcript": "Des habitants racontent ce que la Case Rurale a changé dans leur quartier.",
}

ACCORDION = {
    "title": "Questions fréquentes",
    "items": [
        {
            "question": "Qui peut s'inscrire aux ateliers ?",
            "answer": "<p>Tous les habitants de Trois-Bassins et des environs, gratuitement.</p>",
        },
        {
            "question": "Faut-il apporter son matériel ?",
            "answer": "<p>Non : les outils sont prêtés par la Case Rurale.</p>",
        },
    ],
}

TABLE = {
    "caption": "Horaires d'ouverture de la Case Rurale",
    "table": {
        "columns": [{"type": "text", "heading": "Jour"}, {"type": "text", "heading": "Horaires"}],
        "rows": [
            {"values": ["Mardi au vendredi", "8 h 30 – 17 h"]},
            {"values": ["Samedi", "9 h – 12 h"]},
        ],
    },
}
