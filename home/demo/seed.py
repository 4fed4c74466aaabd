"""Builds the demo site from ``home.demo.content``: French pages, then their Creole translations.

Idempotent: what exists is left as it is, so running it twice changes nothing.
"""

import datetime
import io
import json
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.db import transaction
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Site
from wagtail_localize.models import LocaleSynchronization
from wagtail_localize.synctree import synchronize_tree

from agenda.models import AgendaPage
from annuaire.models import DirectoryPage
from appels.models import FundingPage
from caserurale.demo import translate_into_creole, translation_memory
from home.demo import content, images
from home.models import (
    ArticleIndexPage,
    ArticlePage,
    ContactPage,
    FooterText,
    HomePage,
    LegalSettings,
    ManifestoPage,
    MenuItem,
    SitemapPage,
    SiteSettings,
    SocialLink,
    StandardPage,
)

PAGE_TYPES = {
    "standard": StandardPage,
    "manifesto": ManifestoPage,
    "article_index": ArticleIndexPage,
    "article": ArticlePage,
    "contact": ContactPage,
    "sitemap": SitemapPage,
    "directory": DirectoryPage,
    "agenda": AgendaPage,
    "funding": FundingPage,
}
LEGAL_SLUGS = {
    "legal_notice_page": "mentions-legales",
    "accessibility_page": "accessibilite",
    "privacy_page": "donnees-personnelles",
    "sitemap_page": "plan-du-site",
}
DEMO_ADMIN = {"username": "admin@caserurale.re", "email": "admin@caserurale.re", "password": "CaseRurale-demo-2030"}


def stream(blocks):
    """StreamField data in its stored (JSON) form, where choosers hold primary keys."""
    return json.dumps([{"type": block_type, "value": value} for block_type, value in blocks])


def paragraphs(items):
    return "".join(f"<p>{item.fr}</p>" for item in items)


class DemoSeeder:
    def __init__(self, progress):
        self.progress = progress
        self.images = {}
        self.pages = {}
        self.created = set()
        self.memory = translation_memory(
            content.IMAGES, content.HOME, content.PAGES, content.FOOTER_TEXT, content.CONTACT_DETAILS
        )

    def seed_foundations(self):
        """What migrations create, rebuilt if a database was emptied since (flushed test databases)."""
        self.fr = Locale.objects.get_or_create(language_code="fr")[0]
        self.rcf = Locale.objects.get_or_create(language_code="rcf")[0]
        LocaleSynchronization.objects.get_or_create(locale=self.rcf, defaults={"sync_from": self.fr})
        if not Collection.objects.exists():
            Collection.add_root(name="Root")
        if not Page.objects.exists():
            Page.add_root(instance=Page(title="Root", slug="root", locale=self.fr, live=True))

    # Images and embeds -------------------------------------------------------
    def seed_images(self):
        Image = get_image_model()
        collection = Collection.get_first_root_node()
        demo = collection.get_children().filter(name="Démo").first() or collection.add_child(name="Démo")
        for key, meta in content.IMAGES.items():
            image = Image.objects.filter(title=meta["title"].fr).first()
            if image is None:
                self.progress(f"Image « {meta['title'].fr} »")
                image = Image(title=meta["title"].fr, description=meta["description"].fr, collection=demo)
                image.file = ImageFile(_named_bytes(images.render(key), f"{key}.jpg"), name=f"{key}.jpg")
                image.save()
            self.images[key] = image

    def seed_embeds(self):
        """Record the two videos in Wagtail's embed cache, so pages never call YouTube's oEmbed."""
        for page in content.PAGES:
            for block_type, value in page["body"]:
                if block_type != "video":
                    continue
                video_id = value["url"].rsplit("v=", 1)[-1]
                Embed.objects.get_or_create(
                    hash=get_embed_hash(value["url"]),
                    defaults={
                        "url": value["url"],
                        "type": "video",
                        "title": value["title"].fr,
                        "provider_name": "YouTube",
                        "width": 560,
                        "height": 315,
                        "html": (
                            f'<iframe width="560" height="315" src="https://www.youtube-nocookie.com/embed/{video_id}" '
                            f'title="{value["title"].fr}" loading="lazy" allowfullscreen></iframe>'
                        ),
                    },
                )

    # Pages -------------------------------------------------------------------
    def seed_home(self):
        site = Site.objects.filter(is_default_site=True).first()
        home = HomePage.objects.filter(locale=self.fr).first()
        if home is None:
            self.progress("Page d'accueil")
            root = Page.get_first_root_node()
            data = content.HOME
            home = HomePage(
                title=data["title"].fr,
                slug="accueil",
                locale=self.fr,
                search_description=data["seo_description"].fr,
                hero_title=data["hero_title"].fr,
                hero_intro=data["hero_intro"].fr,
                hero_image=self.images.get(data["hero_image"]),
                hero_link_text=data["hero_link_text"].fr,
                missions_title=data["missions_title"].fr,
                ingredients_title=data["ingredients_title"].fr,
                ingredients_intro=data["ingredients_intro"].fr,
                ingredients=stream(
                    ("ingredient", {"title": item["title"].fr, "text": item["text"].fr}) for item in data["ingredients"]
                ),
            )
            root.add_child(instance=home)
            home.save_revision().publish()
            self.created.add(home.pk)
            # Wagtail's placeholder "Welcome" page goes once our home page takes its place.
            old_root = site.root_page if site else None
            # The site answers at the address the admin links to (127.0.0.1:8000 for `make run`),
            # so that the sitemap and e-mails carry full URLs that work.
            address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
            site = site or Site(is_default_site=True)
            site.hostname = address.hostname
            site.port = address.port or (443 if address.scheme == "https" else 80)
            site.root_page = home
            site.site_name = "La Case Rurale"
            site.save()
            if old_root is not None and old_root.specific_class is Page and old_root.pk != home.pk:
                old_root.delete()
        self.pages[None] = home
        self.site = site
        return home

    def seed_pages(self):
        for data in content.PAGES:
            parent = self.pages[data["parent"]]
            page = Page.objects.child_of(parent).filter(slug=data["slug"]).first()
            if page is None:
                self.progress(f"Page « {data['title'].fr} »")
                page = PAGE_TYPES[data["type"]](**self.page_fields(data))
                parent.add_child(instance=page)
                page.save_revision().publish()
                self.created.add(page.pk)
            self.pages[data["slug"]] = page.specific

    def page_fields(self, data):
        fields = {
            "title": data["title"].fr,
            "slug": data["slug"],
            "locale": self.fr,
            "search_description": data["seo_description"].fr if data.get("seo_description") else "",
        }
        kind = data["type"]
        if kind in {"standard", "manifesto", "article"}:
            fields.update(
                intro=data["intro"].fr if data.get("intro") else "",
                image=self.images.get(data.get("image")),
                body=stream(self.block(block_type, value) for block_type, value in data["body"]),
            )
        elif data.get("intro"):
            fields["intro"] = data["intro"].fr
        if kind == "manifesto":
            fields.update(call=data["call"].fr, hashtags=data["hashtags"])
        if kind == "article":
            fields["date"] = datetime.date.fromisoformat(data["date"])
        if kind == "contact":
            fields["thank_you_text"] = data["thank_you_text"].fr
        return fields

    def block(self, block_type, value):
        """One StreamField block from the demo's compact description."""
        if block_type == "heading":
            return ("heading", {"text": value["text"].fr, "level": value.get("level", "h2")})
        if block_type == "paragraph":
            return ("paragraph", paragraphs(value))
        if block_type == "list":
            return ("paragraph", "<ul>" + "".join(f"<li>{item.fr}</li>" for item in value) + "</ul>")
        if block_type == "quote":
            return ("quote", {"text": value["text"].fr, "author": value["author"].fr if value.get("author") else ""})
        if block_type == "image":
            return (
                "image",
                {
                    "image": self.images[value["image"]].pk,
                    "alt_text": "",
                    "decorative": False,
                    "caption": value["caption"].fr if value.get("caption") else "",
                    "credit": value["credit"].fr if value.get("credit") else "",
                },
            )
        if block_type == "call_to_action":
            return (
                "call_to_action",
                {
                    "title": value["title"].fr,
                    "text": value["text"].fr if value.get("text") else "",
                    "link": {"text": value["link_text"].fr, "page": self.page_pk(value["page"]), "url": ""},
                },
            )
        if block_type == "cards":
            return (
                "cards",
                {
                    "title": value["title"].fr if value.get("title") else "",
                    "cards": [
                        {
                            "title": card["title"].fr,
                            "text": card["text"].fr if card.get("text") else "",
                            "image": self.images[card["image"]].pk if card.get("image") else None,
                            "page": self.page_pk(card.get("page")),
                        }
                        for card in value["cards"]
                    ],
                },
            )
        if block_type == "accordion":
            return (
                "accordion",
                {
                    "title": value["title"].fr if value.get("title") else "",
                    "items": [
                        {"question": item["question"].fr, "answer": paragraphs(item["answer"])}
                        for item in value["items"]
                    ],
                },
            )
        if block_type == "table":
            return (
                "table",
                {
                    "caption": value["caption"].fr,
                    "table": {
                        "columns": [{"type": "text", "heading": column.fr} for column in value["columns"]],
                        "rows": [{"values": [cell.fr for cell in row]} for row in value["rows"]],
                    },
                },
            )
        if block_type == "video":
            return (
                "video",
                {
                    "video": value["url"],
                    "title": value["title"].fr,
                    "transcript": value["transcript"].fr if value.get("transcript") else "",
                },
            )
        raise ValueError(f"Unknown demo block type: {block_type}")

    def page_pk(self, slug):
        """Pages may point at pages built later: link_pages() fills those links in."""
        if not slug:
            return None
        page = self.pages.get(slug)
        return page.pk if page else None

    def link_pages(self):
        """Pages built in this run may point at pages built after them: give them their links now."""
        home = self.pages[None]
        if home.pk in self.created:
            data = content.HOME
            home.hero_link_page = self.pages[data["hero_link_page"]]
            home.missions = stream(
                ("mission", {"title": item["title"].fr, "text": item["text"].fr, "page": self.pages[item["page"]].pk})
                for item in data["missions"]
            )
            home.save_revision().publish()
        for data in content.PAGES:
            page = self.pages[data["slug"]]
            if page.pk in self.created and _links_pages(data["body"]):
                page.body = stream(self.block(block_type, value) for block_type, value in data["body"])
                page.save_revision().publish()

    # Settings ----------------------------------------------------------------
    def seed_settings(self):
        site_settings = SiteSettings.for_site(self.site)
        if not site_settings.menu_items.exists():
            self.progress("Menu, coordonnées et pages légales")
            details = content.CONTACT_DETAILS
            site_settings.address = details["address"]
            site_settings.phone = details["phone"]
            site_settings.email = details["email"]
            site_settings.menu_items = [
                MenuItem(page=self.pages[data["slug"]], sort_order=index)
                for index, data in enumerate(page for page in content.PAGES if page.get("in_menu"))
            ]
            site_settings.social_links = [
                SocialLink(network="facebook", url="https://www.facebook.com/villedetroisbassins", sort_order=0),
            ]
            site_settings.save()
        legal = LegalSettings.for_site(self.site)
        if legal.legal_notice_page_id is None:
            for field, slug in LEGAL_SLUGS.items():
                setattr(legal, field, self.pages[slug])
            legal.save()
        if not FooterText.objects.filter(locale=self.fr).exists():
            FooterText.objects.create(
                locale=self.fr,
                body=paragraphs(content.FOOTER_TEXT),
                opening_hours=content.CONTACT_DETAILS["opening_hours"].fr,
            )

    # Creole ------------------------------------------------------------------
    def seed_creole(self):
        to_translate = [self.pages[None]] + [self.pages[data["slug"]] for data in content.PAGES]
        for page in to_translate:
            if not page.get_translations().filter(locale=self.rcf, alias_of__isnull=True).exists():
                self.progress(f"Traduction en créole : « {page.title} »")
                self.translate(page)
        footer = FooterText.objects.get(locale=self.fr)
        if not FooterText.objects.filter(locale=self.rcf, translation_key=footer.translation_key).exists():
            self.translate(footer)
        # Anything an editor adds later in French shows in Creole as an alias until translated.
        synchronize_tree(self.fr, self.rcf)

    def translate(self, instance):
        translate_into_creole(instance, self.memory)

    def seed_admin(self):
        User = get_user_model()
        if not User.objects.filter(username=DEMO_ADMIN["username"]).exists():
            self.progress("Compte administrateur de démonstration")
            User.objects.create_superuser(**DEMO_ADMIN, first_name="Équipe", last_name="Case Rurale")

    def run(self):
        steps = [
            self.seed_foundations,
            self.seed_admin,
            self.seed_images,
            self.seed_embeds,
            self.seed_home,
            self.seed_pages,
            self.link_pages,
            self.seed_settings,
            self.seed_creole,
        ]
        for step in steps:
            if step == self.seed_creole:
                step()  # one transaction per translated object, see translate()
            else:
                with transaction.atomic():
                    step()


def _named_bytes(data, name):
    buffer = io.BytesIO(data)
    buffer.name = name
    return buffer


def _links_pages(body):
    return any(block_type in {"call_to_action", "cards"} for block_type, _ in body)


def run(progress):
    DemoSeeder(progress).run()
    return {
        "title": "Wagtail admin (http://127.0.0.1:8000/admin/)",
        "logins": [f"{DEMO_ADMIN['username']} / {DEMO_ADMIN['password']}"],
    }
