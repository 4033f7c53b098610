"""Bodies are Markdown; whatever an editor pastes, the stored HTML is inert."""

import pytest

from editorial.markdown import link_source_markers, render_markdown
from timeline.models import Citation

from .factories import make_event, make_source

HOSTILE = {
    "script": "<script>alert(1)</script>Text",
    "script-in-svg": "<svg><script>alert(1)</script></svg>",
    "onerror": '<img src="x" onerror="alert(1)">',
    "onclick": '<p onclick="alert(1)">Text</p>',
    "attr-list": 'Text\n{: onclick="alert(1)" }',
    "javascript-link": "[click](javascript:alert(1))",
    "javascript-html-link": '<a href="javascript:alert(1)">click</a>',
    "encoded-javascript": '<a href="&#106;avascript:alert(1)">click</a>',
    "data-link": '<a href="data:text/html;base64,PHNjcmlwdD4=">click</a>',
    "javascript-autolink": "<javascript:alert(1)>",
    "style-tag": "<style>body { display: none }</style>Text",
    "style-attribute": '<p style="position:fixed">Text</p>',
    "iframe": '<iframe src="https://example.org"></iframe>',
    "object": '<object data="x"></object><embed src="x">',
    "form": '<form action="https://example.org"><button>Go</button></form>',
    "meta-refresh": '<meta http-equiv="refresh" content="0;url=https://example.org">',
    "base": '<base href="https://example.org/">',
    "id-clobbering": '<p id="main">Text</p>',
}
FORBIDDEN = [
    "<script",
    "alert(1)",
    "javascript:",
    "data:",
    "onerror",
    "onclick",
    "style",
    "<iframe",
    "<object",
    "<embed",
    "<form",
    "<meta",
    "<base",
    "<img",
    "<svg",
    'id="main"',
]


@pytest.mark.parametrize("source", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_markdown_comes_out_inert(source):
    html = render_markdown(source).lower()
    for fragment in FORBIDDEN:
        assert fragment not in html, (fragment, html)


def test_raw_html_keeps_its_words_and_loses_its_tags():
    html = render_markdown('<div class="x"><span style="color:red">Kept</span></div>')
    assert "Kept" in html
    assert "<div" not in html and "<span" not in html


def test_links_to_other_sites_get_noopener():
    html = render_markdown("[MOFA](https://www.mofa.go.jp/)")
    assert (
        '<a href="https://www.mofa.go.jp/" rel="noopener noreferrer">MOFA</a>' in html
    )


def test_everyday_markdown_renders():
    html = render_markdown(
        "Some *italic* and **bold**.\n\n> A quotation.\n\n- one\n- two\n\n"
        "## A heading\n\nA note.[^1]\n\n[^1]: The note."
    )
    assert "<em>italic</em>" in html and "<strong>bold</strong>" in html
    assert "<blockquote>" in html and "<li>one</li>" in html
    assert "<h2>A heading</h2>" in html
    # Footnote links keep their targets.
    assert 'href="#fn:1"' in html and 'id="fn:1"' in html


def test_a_top_level_heading_becomes_a_section_heading():
    assert render_markdown("# Background") == "<h2>Background</h2>"


@pytest.mark.django_db
def test_the_stored_html_is_sanitised_on_save(client):
    event = make_event(body="Hello <script>alert(1)</script>**world**")
    assert "<script" not in event.body_html
    assert "<strong>world</strong>" in event.body_html
    content = client.get(event.get_absolute_url()).content.decode()
    assert "<strong>world</strong>" in content
    assert "alert(1)" not in content


# Source markers: [@slug] in an event's body


def test_a_marker_becomes_a_numbered_link_to_its_source():
    html = link_source_markers(
        render_markdown("Signed in 1956.[@hara-1998]"), {"hara-1998": 2}, "Source"
    )
    assert html == (
        '<p>Signed in 1956.<sup class="source-marker"><a href="#source-2">'
        '<span class="visually-hidden">Source </span>2</a></sup></p>'
    )


def test_a_marker_naming_another_source_stays_plain_text():
    html = link_source_markers(
        render_markdown("Signed.[@no-such-source]"), {"hara-1998": 1}, "Source"
    )
    assert html == "<p>Signed.[@no-such-source]</p>"


def test_markers_in_code_and_in_link_addresses_are_left_alone():
    source = "`[@hara-1998]` and [a](https://example.org/?q=[@hara-1998])"
    html = render_markdown(source)
    assert link_source_markers(html, {"hara-1998": 1}, "Source") == html


@pytest.mark.django_db
def test_event_page_links_markers_to_its_numbered_sources(client):
    treaty = make_source(slug="joint-declaration")
    event = make_event(
        source=treaty,
        body="Ratified.[@hara-1998] Signed.[@joint-declaration] "
        "Cited nowhere.[@uncited] Again.[@hara-1998]",
    )
    book = make_source(slug="hara-1998")
    Citation.objects.create(event=event, source=book, order=1, locator="p. 12")
    Citation.objects.create(event=event, source=book, order=2, locator="p. 40")
    make_source(slug="uncited")
    html = client.get(event.get_absolute_url()).content.decode()
    assert 'id="source-1"' in html and 'id="source-2"' in html
    assert html.count('<a href="#source-2">') == 2
    assert html.count('<a href="#source-1">') == 1
    assert "Cited nowhere.[@uncited]" in html
    assert 'href="#source-3"' not in html
    assert "[@hara-1998]" in event.body_html


@pytest.mark.django_db
def test_markers_are_announced_in_the_reader_s_language(client):
    source = make_source(slug="hara-1998")
    event = make_event(source=source, body="Signed.[@hara-1998]")
    html = client.get(f"/ja/timeline/{event.slug}/").content.decode()
    assert '<span class="visually-hidden">出典 </span>1</a>' in html
