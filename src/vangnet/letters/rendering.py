"""One letter, three forms: the HTML (the e-mail's HTML body and what is kept on the
file), a plain-text alternative for the e-mail, and an accessible PDF (PDF/UA-1)."""

import base64
import io
import re
from collections.abc import Sequence
from html.parser import HTMLParser

from django.template.loader import render_to_string

#: The PDF variant: tagged, with language and title, readable by a screen reader.
PDF_VARIANT = "pdf/ua-1"


#: The Content-Security-Policy of a letter's HTML served on its own (a draft, the admin's
#: preview): no script, nothing fetched, its inline logo and its own <style>.
LETTER_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; frame-ancestors 'none'"


def with_style_nonce(html: str, request) -> str:
    """A letter's HTML shown inside a page of the site (the admin's preview in an
    `<iframe srcdoc>`, which inherits the page's Content-Security-Policy): its <style>
    carries the page's nonce, so the letter looks as it will without allowing inline
    style on the page."""
    nonce = getattr(request, "csp_nonce", "")
    return html.replace("<style>", f'<style nonce="{nonce}">') if nonce else html


def render_html(template_name: str, context: dict) -> str:
    """The letter as a complete HTML document. Render it in the register's language
    (`translation.override`); templates set `<html lang>` and `<title>`."""
    return render_to_string(template_name, context)


def logo_src(municipality) -> str:
    """The municipality's logo as a `data:` URL for the letterhead (the PDF fetches
    nothing else), or "" without one or when it cannot be read."""
    from vangnet.organisations.models import logo_content_type

    logo = getattr(municipality, "logo", None)
    if not logo:
        return ""
    try:
        with logo.open("rb") as stored:
            content_type = logo_content_type(stored)
            content = stored.read()
    except OSError:
        return ""
    if content_type is None:
        return ""
    return f"data:{content_type};base64,{base64.b64encode(content).decode('ascii')}"


def render_pdf(html: str, attachments: Sequence[tuple[str, bytes, str]] = ()) -> bytes:
    """The letter as an accessible PDF. Nothing is fetched from outside: only `data:`
    URLs (say, an inline logo) are allowed. `attachments` are files embedded in the PDF
    as (file name, content, description), such as the advisory committee's advice."""
    from weasyprint import HTML, Attachment
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"data"})
    embedded = [
        Attachment(file_obj=io.BytesIO(content), name=name, description=description)
        for name, content, description in attachments
    ]
    return HTML(string=html, url_fetcher=fetcher).write_pdf(
        pdf_variant=PDF_VARIANT, attachments=embedded or None
    )


class _TextExtractor(HTMLParser):
    BLOCKS = {
        "address",
        "article",
        "blockquote",
        "dd",
        "div",
        "dl",
        "dt",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "header",
        "li",
        "ol",
        "p",
        "section",
        "table",
        "tr",
        "ul",
    }
    SKIPPED = {"head", "script", "style", "title"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.links: list[tuple[str, int]] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIPPED:
            self.skipping += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")
            if tag == "li":
                self.parts.append("- ")
        elif tag in ("td", "th"):
            self.parts.append(" ")
        elif tag == "a":
            self.links.append((dict(attrs).get("href") or "", len(self.parts)))

    def handle_endtag(self, tag):
        if tag in self.SKIPPED:
            self.skipping = max(self.skipping - 1, 0)
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")
        elif tag == "a" and self.links:
            href, start = self.links.pop()
            label = "".join(self.parts[start:])
            target = href.removeprefix("mailto:").removeprefix("tel:")
            if href and target not in label:
                self.parts.append(f" ({target})")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(html: str) -> str:
    """A readable plain-text version of a letter: paragraphs, lists with dashes, link
    targets after their text."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    lines = [re.sub(r" {2,}", " ", line).strip() for line in "".join(parser.parts).split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
