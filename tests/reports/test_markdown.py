import re
from html.parser import HTMLParser

import pytest

from racing.services.markdown import render_body, render_markdown
from tests.factories import make_driver, make_event, make_quote

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<iframe src=javascript:alert(1)></iframe>",
    '<a href="javascript:alert(1)">x</a>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click]( javascript:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](&#x6A;avascript&colon;alert(1))",
    "[click](java&#9;script:alert(1))",
    "[click](java&#x0A;script:alert(1))",
    "[click](vbscript:msgbox(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](data:image/svg+xml,<svg onload=alert(1)>)",
    "![x](javascript:alert(1))",
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<div style="position:fixed;inset:0">x</div>',
    '[x](https://ok.example "t" onmouseover="alert(1)")',
    "<details open ontoggle=alert(1)>",
    "<math><mi xlink:href=javascript:alert(1)>x</mi></math>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<<script>script>alert(1)<</script>/script>",
    "<form action=javascript:alert(1)><button>x</button></form>",
    '<object data="javascript:alert(1)"></object>',
    "<style>body{display:none}</style>",
    '<base href="javascript:/">',
]


SAFE_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "a", "ul", "ol", "li", "em",
    "strong", "blockquote", "code", "pre", "figure", "figcaption", "cite", "span",
}  # fmt: skip


class _Audit(HTMLParser):
    """Reads the output as a browser would and lists anything that could run."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []

    def handle_starttag(self, tag, attrs):
        if tag not in SAFE_TAGS:
            self.problems.append(f"tag <{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name in {"style", "src", "srcdoc", "action"}:
                self.problems.append(f"attribute {name}")
            if name == "href":
                # Browsers drop tabs and newlines inside a scheme.
                url = re.sub(r"[\x00-\x20]", "", value or "").lower()
                scheme = url.split(":", 1)[0] if ":" in url.split("/", 1)[0] else ""
                if scheme not in {"", "http", "https", "mailto"}:
                    self.problems.append(f"href {value!r}")


def _dangerous(html: str) -> list[str]:
    audit = _Audit()
    audit.feed(str(html))
    return audit.problems


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_xss_payloads_are_neutralised(payload):
    html = render_markdown(f"Before\n\n{payload}\n\nAfter")

    assert _dangerous(html) == [], html
    assert "Before" in html and "After" in html


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_xss_payloads_are_neutralised_next_to_quotes(payload, db):
    event = make_event()
    quote = make_quote(event=event, driver=make_driver(first_name="Jessica"))

    body = render_body(f"{payload}\n\n[[quote 1]]\n\n{payload}", quotes={1: quote})

    assert _dangerous(body.html) == [], body.html
    assert body.html.count("<blockquote>") == 1


def test_raw_html_is_shown_as_text_not_dropped():
    html = render_markdown("Use <b>bold</b> like this")

    assert "<b>" not in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("## Challenged track", "<h2>Challenged track</h2>"),
        ("### Detail", "<h3>Detail</h3>"),
        ("# Too big", "<h2>Too big</h2>"),  # the page title is the only <h1>
        ("**points**", "<strong>points</strong>"),
        ("*first*", "<em>first</em>"),
        ("- one\n- two", "<ul>\n<li>one</li>\n<li>two</li>\n</ul>"),
        ("1. one\n2. two", "<ol>\n<li>one</li>\n<li>two</li>\n</ol>"),
        ("> said", "<blockquote>\n<p>said</p>\n</blockquote>"),
        (
            "[WTCR](https://www.fiawtcr.com/)",
            '<a href="https://www.fiawtcr.com/" rel="noopener noreferrer">WTCR</a>',
        ),
        ("[mail](mailto:press@example.com)", 'href="mailto:press@example.com"'),
    ],
)
def test_writing_markup_survives(markdown, expected):
    assert expected in render_markdown(markdown)


def test_quote_marker_places_the_quote_with_speaker_and_role(db):
    event = make_event()
    quote = make_quote(
        event=event,
        driver=make_driver(first_name="Jessica", last_name="Bäckman"),
        text="I did not expect points <considering> our circumstances.",
    )

    body = render_body("Intro.\n\n[[quote 1]]\n\nOutro.", quotes={1: quote})

    html = str(body.html)
    assert html.index("Intro.") < html.index("<blockquote>") < html.index("Outro.")
    assert "I did not expect points &lt;considering&gt; our" in html
    assert '<cite class="quote-speaker">Jessica Bäckman</cite>' in html
    assert "Driver" in html
    assert body.unplaced == [] and body.missing == []


def test_team_member_quote_shows_their_role(db):
    from racing.models import Quote, TeamMember
    from tests.factories import make_team

    member = TeamMember.objects.create(
        name="Marco Rossi", role="Team principal", team=make_team()
    )
    quote = Quote.objects.create(
        event=make_event(), team_member=member, text="Proud of them."
    )

    html = str(render_body("[[quote 1]]", quotes={1: quote}).html)

    assert "Marco Rossi" in html and "Team principal" in html


def test_unplaced_quotes_follow_the_body_and_missing_markers_are_reported(db):
    event = make_event()
    first = make_quote(event=event, text="First words.")
    second = make_quote(event=event, text="Second words.")

    body = render_body(
        "Text\n\n[[quote 2]]\n\n[[quote 7]]", quotes={1: first, 2: second}
    )

    assert "Second words." in body.html and "First words." not in body.html
    assert body.unplaced == [first]
    assert "First words." in body.unplaced_html
    assert body.missing == [7]
    assert "[[quote" not in body.html


def test_marker_inside_a_sentence_is_left_as_text(db):
    quote = make_quote(event=make_event(), text="Words.")

    body = render_body("See [[quote 1]] here.", quotes={1: quote})

    assert "[[quote 1]]" in body.html
    assert body.unplaced == [quote]


def test_typed_tokens_cannot_forge_a_quote(db):
    quote = make_quote(event=make_event(), text="Real words.")
    body = render_body("[[quote 1]]", quotes={1: quote})
    # The placeholder is random per render: guessing an old one does nothing.
    forged = render_body("quote0000000000000000x1", quotes={1: quote})

    assert "Real words." in body.html
    assert "<blockquote>" not in forged.html


def test_markers_typed_in_a_browser_with_crlf_place_their_quotes(db):
    event = make_event()
    first = make_quote(event=event, text="First words.")
    second = make_quote(event=event, text="Second words.")
    typed = "Intro.\r\n\r\n[[quote 1]]\r\n\r\nMiddle.\r\n\r\n[[quote 2]]\r\n\r\nEnd."

    body = render_body(typed, quotes={1: first, 2: second})

    html = str(body.html)
    assert "[[quote" not in html
    assert html.index("First words.") < html.index("Middle.")
    assert html.index("Second words.") < html.index("End.")
    assert body.unplaced == []


def test_a_marker_inside_a_sentence_is_reported_as_not_on_its_own_line(db):
    quote = make_quote(event=make_event(), text="Words.")

    body = render_body("See [[quote 1]] here.", quotes={1: quote})

    assert body.stray == [1]
