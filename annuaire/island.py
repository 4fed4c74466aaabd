"""La Réunion drawn offline: its coast as an SVG path and where a point falls on it.

Drawn from our own numbers, so a page can show where a place is without asking a tile server:
the event page's map, and the directory's map of the network before (or without) Leaflet.
"""

import math

# The coastline, clockwise from Pointe des Galets (latitude, longitude); approximate, for a
# small map that draws with no tile server.
COAST = (
    (-20.930, 55.285), (-20.936, 55.300), (-20.926, 55.330), (-20.905, 55.365), (-20.888, 55.405),
    (-20.878, 55.450), (-20.884, 55.495), (-20.890, 55.530), (-20.898, 55.575), (-20.906, 55.610),
    (-20.928, 55.640), (-20.955, 55.667), (-20.988, 55.698), (-21.030, 55.720), (-21.068, 55.745),
    (-21.100, 55.770), (-21.130, 55.795), (-21.170, 55.815), (-21.210, 55.830), (-21.250, 55.838),
    (-21.290, 55.830), (-21.320, 55.810), (-21.348, 55.790), (-21.365, 55.765), (-21.374, 55.735),
    (-21.380, 55.700), (-21.386, 55.660), (-21.389, 55.620), (-21.376, 55.582), (-21.364, 55.550),
    (-21.352, 55.512), (-21.340, 55.476), (-21.320, 55.442), (-21.296, 55.410), (-21.272, 55.368),
    (-21.242, 55.332), (-21.206, 55.302), (-21.170, 55.285), (-21.140, 55.270), (-21.110, 55.256),
    (-21.080, 55.236), (-21.050, 55.222), (-21.022, 55.236), (-21.000, 55.262), (-20.966, 55.280),
)  # fmt: skip
NORTH, WEST = -20.84, 55.19
SCALE = 1000  # SVG units per degree of latitude
LONGITUDE_FACTOR = math.cos(math.radians(21.13))  # a degree of longitude is shorter than one of latitude here
VIEWBOX = (0, 0, round((55.86 - WEST) * LONGITUDE_FACTOR * SCALE), round((NORTH + 21.41) * SCALE))


def project(latitude, longitude):
    return (
        round((float(longitude) - WEST) * LONGITUDE_FACTOR * SCALE, 1),
        round((NORTH - float(latitude)) * SCALE, 1),
    )


ISLAND_PATH = "M" + " L".join("{},{}".format(*project(*point)) for point in COAST) + " Z"
