from .contact import ContactPage, ContactSubmission
from .pages import (
    ArticleIndexPage,
    ArticlePage,
    HomePage,
    ManifestoPage,
    SitemapPage,
    StandardPage,
)
from .site_settings import FooterText, LegalSettings, MenuItem, SiteSettings, SocialLink

__all__ = [
    "ArticleIndexPage",
    "ArticlePage",
    "ContactPage",
    "ContactSubmission",
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
