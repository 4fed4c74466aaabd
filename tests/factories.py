"""Factories for the page types, on top of wagtail-factories."""

import factory
import wagtail_factories
from django.contrib.auth import get_user_model

from home.models import ArticleIndexPage, ArticlePage, ContactPage, ManifestoPage, SitemapPage, StandardPage


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"utilisateur{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.re")
    password = factory.django.Password("Un-mot-de-passe-solide-2030")


class StandardPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"Page {n}")
    intro = "Une introduction courte."


class ManifestoPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ManifestoPage

    title = "Notre manifeste"
    call = "Construisons ensemble."
    hashtags = "ruralite solidarite"


class ArticleIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ArticleIndexPage

    title = "Nouvelles"


class ArticlePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ArticlePage

    title = factory.Sequence(lambda n: f"Nouvelle {n}")
    intro = "Ce qui s'est passé."


class ContactPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ContactPage

    title = "Nous écrire"
    intro = "Une question ? Écrivez-nous."


class SitemapPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = SitemapPage

    title = "Toutes les pages"
