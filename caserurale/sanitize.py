"""Rich text from outside the editors' own editor (partners' forms, imported calendars) is cleaned
with nh3 before it is stored: only the markup Wagtail's rich text features produce survives."""

import nh3

# What the "bold, italic, link, lists" features of the rich text fields write, and Wagtail's
# internal links (<a linktype="page" id="3">).
RICH_TEXT_TAGS = {"p", "br", "b", "strong", "i", "em", "a", "ul", "ol", "li", "h2", "h3", "h4"}
RICH_TEXT_ATTRIBUTES = {"a": {"href", "linktype", "id"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def clean_rich_text(html):
    if not html:
        return html
    return nh3.clean(
        html,
        tags=RICH_TEXT_TAGS,
        attributes=RICH_TEXT_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,  # Wagtail's rich text renderer decides on rel; nh3 would add it to internal links too
    )
