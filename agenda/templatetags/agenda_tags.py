from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def agenda_feed_urls(context, page, query=""):
    """Absolute addresses of the agenda's iCalendar (https and webcal, with the filters of ``query``),
    RSS and Atom feeds."""
    request = context["request"]

    def absolute(name):
        return request.build_absolute_uri(page.get_url(request) + page.reverse_subpage(name))

    calendar = absolute("calendar") + (f"?{query}" if query else "")
    return {
        "ical": calendar,
        # webcal:// asks the visitor's calendar application to subscribe, instead of downloading once.
        "webcal": "webcal://" + calendar.split("://", 1)[1],
        "rss": absolute("rss"),
        "atom": absolute("atom"),
    }
