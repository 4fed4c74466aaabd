"""Documents of funding calls, sent through the view that checked who may read them."""

import mimetypes
import os

from django.http import FileResponse


def serve_attachment(attachment):
    """The file as a download, never shown in the browser, never kept by a cache."""
    filename = os.path.basename(attachment.file.name)
    content_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    response = FileResponse(
        attachment.file.open("rb"), as_attachment=True, filename=filename, content_type=content_type
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
