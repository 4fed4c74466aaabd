"""XSS payloads, and what a clean page is.

A page is clean when it has no script but the site's own (external, or JSON-LD), no event-handler
attribute and no javascript: link: what an injected payload would need.
"""

from bs4 import BeautifulSoup

PAYLOADS = [
    "<script>alert('x')</script>",
    '"><img src=x onerror=alert(1)>',
    "</textarea><svg onload=alert(1)>",
    "javascript:alert(1)",
    "'-alert(1)-'",
    "{{ 7*7 }}{% debug %}",
]


def assert_clean(response):
    document = BeautifulSoup(response.content, "html.parser")
    for script in document.find_all("script"):
        assert script.get("src") or script.get("type") == "application/ld+json", script
        assert "alert" not in (script.string or "") or script.get("type") == "application/ld+json", script
        if script.get("type") == "application/ld+json":
            assert "</script" not in (script.string or "").lower()
    for element in document.find_all(True):
        handlers = [name for name in element.attrs if name.lower().startswith("on")]
        assert handlers == [], element
        for name in ("href", "src", "action", "formaction"):
            assert not str(element.get(name, "")).strip().lower().startswith("javascript:"), element
    assert b"<svg onload" not in response.content and b"<img src=x" not in response.content
