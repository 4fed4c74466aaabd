"""A translation of a funding call shares the relations, visibility and rights of the French original."""

from annuaire.translations import share_with_translations
from appels.models import FundingCall

# Who sees a call is decided by the original: its translations follow it (SynchronizedField in the
# model says so to wagtail-localize, which only copies them when an editor syncs the translation).
share_with_translations(
    FundingCall,
    relations=["themes", "beneficiaries", "funders", "circles"],
    synchronized=["owner", "visibility"],
)
