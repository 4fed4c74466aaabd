"""Home's models, where Django and the other apps find them.

The page types live in this package. What they build on lives beside it, so that the modules
between the two (forms, tasks, navigation) never load the pages: the site settings in
home.site_settings and the contact messages in home.contact_messages. Inside home, import those
from their own modules.
"""

from home.contact_messages import ContactSubmission
from home.editor_preferences import EditorPreference
from home.site_settings import FooterText, LegalSettings, MenuItem, SiteSettings, SocialLink

from .contact import ContactPage
from .pages import (
    ArticleIndexPage,
    ArticlePage,
    HomePage,
    ManifestoPage,
    SitemapPage,
    StandardPage,
)

__all__ = [
    "ArticleIndexPage",
    "ArticlePage",
    "ContactPage",
    "ContactSubmission",
    "EditorPreference",
    "FooterText",
    "HomePage",
    "LegalSettings",
    "ManifestoPage",
    "MenuItem",
    "SiteSettings",
    "SitemapPage",
    "SocialLink",
    "StandardPage",
]
