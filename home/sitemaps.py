from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class BilingualSitemap(Sitemap):
    """Wagtail's sitemap lists the tree under the site's root page only, the French one:
    this one lists every language's tree. Untranslated aliases are left out, as they
    only repeat the French text."""

    def items(self):
        root = self.get_wagtail_site().root_page
        trees = Q()
        for translation in Page.objects.filter(translation_key=root.translation_key):
            trees |= Q(path__startswith=translation.path)
        return (
            Page.objects.filter(trees)
            .filter(alias_of__isnull=True)
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .specific()
        )
