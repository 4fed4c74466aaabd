# Réunion Creole writes dates and numbers the French way.
from caserurale.formats.fr.formats import *  # noqa: F403

DATETIME_FORMAT = "j F Y, H\xa0\\h\xa0i"
