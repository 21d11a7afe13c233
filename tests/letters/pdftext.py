"""Just enough of a PDF reader to check what WeasyPrint wrote: the document catalogue
(language, tags, metadata) and the text a reader would extract.

No PDF library is installed, so this reads WeasyPrint's own output only: Flate streams,
objects in object streams, Type0 fonts with a ToUnicode map, text shown with TJ/Tj."""

import re
import zlib
from dataclasses import dataclass

_HEX = re.compile(rb"<([0-9a-fA-F]+)>")


@dataclass
class PDF:
    raw: bytes
    objects: dict[int, bytes]  # object number -> body (dictionary or stream content)

    @property
    def everything(self) -> bytes:
        return b"\n".join([self.raw, *self.objects.values()])

    def text(self) -> str:
        """The text of all pages, lines joined by spaces."""
        fonts = self._font_maps()
        lines = []
        for body in self.objects.values():
            if b" Tf" not in body or b"BT" not in body:
                continue
            font: dict[bytes, str] = {}
            for block in re.findall(rb"BT(.*?)ET", body, re.S):
                parts = []
                for op in re.finditer(
                    rb"/(\S+) [\d.]+ Tf|\[(.*?)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj", block, re.S
                ):
                    if op.group(1):
                        font = fonts.get(op.group(1), {})
                        continue
                    for hexstring in _HEX.findall(op.group(2) or b"<" + op.group(3) + b">"):
                        codes = bytes.fromhex(hexstring.decode())
                        for i in range(0, len(codes), 2):
                            parts.append(font.get(codes[i : i + 2], "?"))
                lines.append("".join(parts))
        return re.sub(r"\s+", " ", " ".join(lines))

    def _font_maps(self) -> dict[bytes, dict[bytes, str]]:
        """Font resource name -> glyph code -> text, from the fonts' ToUnicode maps."""
        by_object: dict[int, dict[bytes, str]] = {}
        for number, body in self.objects.items():
            match = re.search(rb"/Type /Font/Subtype /Type0.*?/ToUnicode (\d+) 0 R", body, re.S)
            if match:
                by_object[number] = _cmap(self.objects.get(int(match.group(1)), b""))
        names = {}
        for body in self.objects.values():
            for name, number in re.findall(rb"/(\w+) (\d+) 0 R", body):
                if int(number) in by_object:
                    names[name] = by_object[int(number)]
        return names


def _cmap(body: bytes) -> dict[bytes, str]:
    mapping = {}
    for section in re.findall(rb"beginbfchar(.*?)endbfchar", body, re.S):
        for code, text in re.findall(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", section):
            mapping[bytes.fromhex(code.decode())] = bytes.fromhex(text.decode()).decode("utf-16-be")
    for section in re.findall(rb"beginbfrange(.*?)endbfrange", body, re.S):
        for start, end, text in re.findall(
            rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", section
        ):
            first, last, base = int(start, 16), int(end, 16), int(text, 16)
            for offset in range(last - first + 1):
                mapping[(first + offset).to_bytes(2, "big")] = chr(base + offset)
    return mapping


def read(raw: bytes) -> PDF:
    """Parse WeasyPrint's output: top-level objects and those inside object streams."""
    assert raw.startswith(b"%PDF-"), raw[:20]
    objects: dict[int, bytes] = {}
    for match in re.finditer(rb"(\d+) 0 obj\s*(.*?)endobj", raw, re.S):
        number, body = int(match.group(1)), match.group(2)
        stream = re.match(rb"(<<.*?>>)\s*stream\r?\n(.*)endstream", body, re.S)
        if stream and b"/FlateDecode" in stream.group(1):
            content = zlib.decompressobj().decompress(stream.group(2))
            objects[number] = content
            if b"/Type /ObjStm" in stream.group(1):
                _unpack_object_stream(stream.group(1), content, objects)
        else:
            objects[number] = body
    return PDF(raw=raw, objects=objects)


def _unpack_object_stream(header: bytes, content: bytes, objects: dict[int, bytes]) -> None:
    first = int(re.search(rb"/First (\d+)", header).group(1))
    table = [int(value) for value in content[:first].split()]
    pairs = list(zip(table[::2], table[1::2], strict=True))
    for index, (number, offset) in enumerate(pairs):
        end = pairs[index + 1][1] if index + 1 < len(pairs) else len(content) - first
        objects[number] = content[first + offset : first + end]
