from vangnet.letters.rendering import html_to_text


def test_plain_text_keeps_paragraphs_lists_and_link_targets():
    html = """<!DOCTYPE html><html lang="nl"><head><title>Titel</title>
    <style>p { color: red; }</style></head><body>
    <h1>Kop</h1><p>Eerste   regel<br>tweede &amp; derde</p>
    <ul><li>een</li><li>twee</li></ul>
    <p><a href="https://example.invalid/a">deze pagina</a>,
    <a href="https://example.invalid/b">https://example.invalid/b</a>,
    <a href="mailto:x@example.invalid">x@example.invalid</a></p></body></html>"""

    assert html_to_text(html) == (
        "Kop\n\n"
        "Eerste regel\ntweede & derde\n\n"
        "- een\n\n- twee\n\n"
        "deze pagina (https://example.invalid/a), https://example.invalid/b, x@example.invalid\n"
    )
