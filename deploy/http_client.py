"""A small HTTP client for the stack's own tests and the load test: a visitor
with cookies and the admin's forms, over plain HTTP on loopback.

Cookies are kept by hand: the site marks them Secure (it expects HTTPS in
production), and these clients speak HTTP to 127.0.0.1.
"""

import html.parser
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

PRESS_LOGIN = {"username": "press", "password": "green-hell-2021"}


class Browser:
    """One visitor's cookies (kept by hand: the site marks them Secure, and
    this test speaks plain HTTP on loopback)."""

    def __init__(self, base):
        self.base = base
        self.cookies = {}
        self.last_headers = {}

    def request(self, path, data=None, headers=None, stream=False):
        request = urllib.request.Request(
            self.base + path, data=data, headers=headers or {}
        )
        if self.cookies:
            request.add_header(
                "Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items())
            )
        opener = urllib.request.build_opener(NoRedirect)
        try:
            response = opener.open(request, timeout=120)
        except urllib.error.HTTPError as error:
            response = error
        self.last_headers = dict(response.headers)
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _eq, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        if stream:
            return response
        body = response.read()
        return response.status, body

    def post_form(self, path, fields):
        data = urllib.parse.urlencode(fields, doseq=True).encode()
        return self.request(
            path, data, {"Content-Type": "application/x-www-form-urlencoded"}
        )

    def read_form(self, path, form_id):
        """(status, [(name, value)…]) of a form as the page shows it."""
        status, body = self.request(path)
        reader = FormReader(form_id)
        reader.feed(body.decode())
        return status, reader.fields

    def upload_photo(self, gallery_id, path: Path, **fields):
        """One photo to a gallery's upload endpoint, as the upload page sends it."""
        boundary = uuid.uuid4().hex
        parts = [
            part_header(boundary, f'name="{name}"') + f"{value}\r\n".encode()
            for name, value in {
                "csrfmiddlewaretoken": self.cookies["csrftoken"],
                **fields,
            }.items()
        ]
        parts.append(
            part_header(
                boundary,
                f'name="file"; filename="{path.name}"',
                "Content-Type: image/jpeg\r\n",
            )
            + path.read_bytes()
            + f"\r\n--{boundary}--\r\n".encode()
        )
        return self.request(
            f"/admin/racing/gallery/{gallery_id}/upload/file/",
            b"".join(parts),
            {
                "Content-Type": f"multipart/form-data; boundary={boundary}",
                "X-CSRFToken": self.cookies["csrftoken"],
            },
        )

    def sign_in(self):
        self.request("/admin/login/")
        status, body = self.post_form(
            "/admin/login/?next=/admin/",
            {
                "csrfmiddlewaretoken": self.cookies["csrftoken"],
                **PRESS_LOGIN,
                "next": "/admin/",
            },
        )
        if status != 302:
            raise RuntimeError(f"Could not sign in to the admin ({status}).")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class FormReader(html.parser.HTMLParser):
    """The fields a browser would send back for a form, as shown."""

    def __init__(self, form_id):
        super().__init__()
        self.form_id, self.inside, self.fields = form_id, False, []
        self.select, self.textarea, self.options = None, None, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.inside = True
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            if kind not in ("submit", "button", "file", "image"):
                self.fields.append(
                    (name, attrs.get("value", "on" if kind == "checkbox" else ""))
                )
        elif tag == "select" and name:
            self.select, self.options = name, []
        elif tag == "option" and self.select:
            self.options.append((attrs.get("value", ""), "selected" in attrs))
        elif tag == "textarea" and name:
            self.textarea, self.text = name, ""

    def handle_data(self, data):
        if self.textarea:
            self.text += data

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "select" and self.select:
            chosen = [v for v, selected in self.options if selected]
            if chosen or self.options:
                self.fields.append((self.select, (chosen or [self.options[0][0]])[0]))
            self.select = None
        elif tag == "textarea" and self.textarea:
            self.fields.append((self.textarea, self.text.lstrip("\n")))
            self.textarea = None


def part_header(boundary, disposition, extra=""):
    return (
        f"--{boundary}\r\nContent-Disposition: form-data; {disposition}\r\n{extra}\r\n"
    ).encode()
