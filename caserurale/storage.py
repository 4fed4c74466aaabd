"""Where private files are kept: outside MEDIA_ROOT, so that no URL serves them but a permission-checked view.

Every app that stores such files (the extranet's documents, the funding calls' attachments) names
this callable as its FileField's storage; migrations record it by this import path.
"""

from django.core.files.storage import storages


def private_storage():
    """The ``private`` storage of STORAGES, looked up when used, so that tests may swap it."""
    return storages["private"]
