# French formats, as Django ships them, with the time written the French way (14 h 30).
from django.conf.locale.fr.formats import *  # noqa: F403

TIME_FORMAT = "H\xa0\\h\xa0i"
DATETIME_FORMAT = "j F Y à H\xa0\\h\xa0i"
