# ruff: noqa: E501 (demo data reads best one record a line)
"""Resources and documents the demo partners lend and share, at every visibility level."""

from django.core.files.base import ContentFile
from django.db import transaction

from annuaire import access
from annuaire.access import Visibility
from annuaire.models import Circle, Organisation
from extranet.models import Document, Resource

RESOURCES = [
    (
        "Médiathèque L'Alambic",
        "Salle de réunion de l'Alambic",
        "room",
        Visibility.PARTNERS,
        None,
        "Salle de 20 places avec écran, fibre optique et accès à la cafétéria.",
        "Gratuit pour les partenaires ; réserver une semaine avant.",
        "Médiathèque L'Alambic",
        20,
    ),
    (
        "Médiathèque L'Alambic",
        "Espace coworking",
        "room",
        Visibility.PUBLIC,
        None,
        "Postes de travail partagés pour les porteurs de projet.",
        "Ouvert du mardi au samedi.",
        "Médiathèque L'Alambic",
        8,
    ),
    (
        "Cyberun",
        "Imprimantes 3D du Fablab",
        "equipment",
        Visibility.CIRCLE,
        "Fabrique Case Rurale",
        "Deux imprimantes 3D et une découpeuse vinyle, avec l'aide d'un animateur.",
        "Matière première à la charge de l'emprunteur.",
        "Local de Cyberun",
        None,
    ),
    (
        "CCAS — Épicerie sociale Mon Bertel",
        "Véhicule utilitaire",
        "vehicle",
        Visibility.CIRCLE,
        "Comité de coopération transversale",
        "Fourgon de 9 m³ pour les livraisons et les marchés.",
        "Avec chauffeur du CCAS uniquement.",
        "Épicerie sociale",
        None,
    ),
    (
        "Réseau Cocagne — jardin d'insertion",
        "Accompagnement au montage de dossiers de financement",
        "skill",
        Visibility.PARTNERS,
        None,
        "Une encadrante aide à monter un dossier LEADER ou PAT.",
        "Deux demi-journées par mois, en échange d'un coup de main au jardin.",
        "",
        None,
    ),
    (
        "Médiathèque L'Alambic",
        "Vidéoprojecteur",
        "equipment",
        Visibility.ORGANISATION,
        None,
        "Vidéoprojecteur portable et son écran.",
        "Usage interne pour l'instant.",
        "Médiathèque L'Alambic",
        None,
    ),
]
DOCUMENTS = [
    (
        "Commune de Trois-Bassins — La Case Rurale",
        "Compte rendu de la Fabrique #1",
        Visibility.PARTNERS,
        None,
        "fabrique-1-compte-rendu.txt",
        "Fabrique #1 — 09.06.23 — 30 participants à l'Alambic.\nBriques de la coopération : confiance, réciprocité, mutualisation.\n",
    ),
    (
        "Commune de Trois-Bassins — La Case Rurale",
        "Calendrier partagé des animations",
        Visibility.CIRCLE,
        "Comité de coopération transversale",
        "calendrier-animations.csv",
        "date;lieu;animation\n2026-12-05;Case Rurale;Atelier fabrication de savon\n2026-12-05;Case Rurale;Marché éphémère\n",
    ),
    (
        "Médiathèque L'Alambic",
        "Règlement de l'espace coworking",
        Visibility.ORGANISATION,
        None,
        "reglement-coworking.txt",
        "Règlement intérieur de l'espace coworking de l'Alambic.\n",
    ),
]


@transaction.atomic
def run(progress):
    organisations = {organisation.name: organisation for organisation in Organisation.objects.all()}
    circles = {circle.name: circle for circle in Circle.objects.all()}
    for owner, name, kind, visibility, circle, description, conditions, location, capacity in RESOURCES:
        if Resource.objects.filter(name=name, owner=organisations[owner]).exists():
            continue
        progress(f"Ressource « {name} »")
        resource = Resource(
            owner=organisations[owner],
            name=name,
            kind=kind,
            description=description,
            conditions=conditions,
            location=location,
            capacity=capacity,
        )
        access.share(resource, visibility=visibility, circles=[circles[circle]] if circle else [])
    for owner, title, visibility, circle, filename, text in DOCUMENTS:
        if Document.objects.filter(title=title, owner=organisations[owner]).exists():
            continue
        progress(f"Document « {title} »")
        document = Document(owner=organisations[owner], title=title)
        document.file.save(filename, ContentFile(text.encode()), save=False)
        document.size = document.file.size
        access.share(document, visibility=visibility, circles=[circles[circle]] if circle else [])
