from django import template

from annuaire import access

register = template.Library()


@register.filter
def is_coordinator(user):
    return access.is_coordinator(user)
