"""A small PDF writer for documents of many alike items (12,201 ID cards), beside Qt's QPdfWriter.

Why not QPdfWriter for card sheets: it writes every glyph as its own `x y Td <gid> Tj` and every
image as its own object, so each card repeats its heading, election title and footer and carries a
QR image object with twice its size in dictionary: 13.7 MB and 5.8x the no-QR floor for Jepara.
Here the parts every card shares are one Form XObject drawn by reference, text is one `TJ` per
line (kerning as Qt measures it), and each QR is a 1-bit inline image in the page's compressed
content: the same vectors and fonts at a fraction of the weight.

Coordinates are Qt's PDF device units (pdf.RESOLUTION per inch, y down), so the layout code is the
same for this writer and a QPainter. Fonts are the bundled DejaVu Sans, embedded as subsets
(TrueType glyphs of the characters used, glyph ids unchanged) with a ToUnicode map so names can be
searched and copied. Pages are written as they are finished: memory stays bounded.
"""

from __future__ import annotations

import functools
import struct
import zlib
from typing import BinaryIO, Callable

from PySide6.QtGui import QColor, QFont, QImage, QRawFont

from kpps_desktop import __version__, assets
from kpps_desktop.render import FONT_FILES, pdf

SCALE = 72 / pdf.RESOLUTION  # PDF points per device unit
_ELLIPSE_K = 0.5522847498  # Bezier control distance for a quarter circle


def num(value: float) -> str:
    """A device-unit coordinate: 0.1 unit (2 micrometres) is finer than any printer."""
    return f"{value:.1f}"


_COLORS: dict[int, str] = {}


def _color(c: QColor) -> str:
    key = c.rgb()
    if key not in _COLORS:
        _COLORS[key] = f"{c.redF():.3f} {c.greenF():.3f} {c.blueF():.3f}"
    return _COLORS[key]


def _pdf_string(text: str) -> str:
    return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


class TrueType:
    """The tables of a TrueType font needed to embed a subset of it."""

    # No hinting programs (cvt, fpgm, prep, nor the glyphs' own instructions): Ghostscript ran the
    # subset's hints at screen resolutions and drew X and V as boxes; printers need no hints at 300 dpi.
    KEEP = (b"head", b"hhea", b"maxp", b"hmtx")

    def __init__(self, data: bytes, name: str):
        self.data = data
        self.name = name
        count = struct.unpack_from(">H", data, 4)[0]
        self.tables = {}
        for i in range(count):
            tag, _sum, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
            self.tables[tag] = (offset, length)
        head = self.table(b"head")
        self.units = struct.unpack_from(">H", head, 18)[0]
        self.bbox = struct.unpack_from(">4h", head, 36)
        long_loca = struct.unpack_from(">h", head, 50)[0] == 1
        hhea = self.table(b"hhea")
        self.ascent, self.descent = struct.unpack_from(">hh", hhea, 4)
        n_metrics = struct.unpack_from(">H", hhea, 34)[0]
        glyphs = struct.unpack_from(">H", self.table(b"maxp"), 4)[0]
        hmtx = self.table(b"hmtx")
        advances = [struct.unpack_from(">H", hmtx, 4 * i)[0] for i in range(n_metrics)]
        self.advances = advances + [advances[-1]] * (glyphs - n_metrics)
        loca = self.table(b"loca")
        if long_loca:
            self.loca = list(struct.unpack_from(f">{glyphs + 1}I", loca))
        else:
            self.loca = [2 * v for v in struct.unpack_from(f">{glyphs + 1}H", loca)]
        os2 = self.table(b"OS/2")
        self.cap_height = struct.unpack_from(">h", os2, 88)[0] if len(os2) >= 90 else self.ascent

    def table(self, tag: bytes) -> bytes:
        offset, length = self.tables[tag]
        return self.data[offset:offset + length]

    def _glyph(self, gid: int) -> bytes:
        start = self.tables[b"glyf"][0]
        return self.data[start + self.loca[gid]:start + self.loca[gid + 1]]

    def _components(self, glyph: bytes) -> list[int]:
        """Glyph ids a composite glyph (e.g. an accented letter) is built from."""
        if len(glyph) < 10 or struct.unpack_from(">h", glyph, 0)[0] >= 0:
            return []
        found, pos = [], 10
        while True:
            flags, gid = struct.unpack_from(">HH", glyph, pos)
            found.append(gid)
            pos += 4 + (4 if flags & 0x1 else 2)
            pos += 2 if flags & 0x8 else 4 if flags & 0x40 else 8 if flags & 0x80 else 0
            if not flags & 0x20:
                return found

    @staticmethod
    def unhinted(glyph: bytes) -> bytes:
        """The glyph without its TrueType instructions (outlines and metrics unchanged)."""
        if len(glyph) < 10:
            return glyph  # an empty glyph (space)
        contours = struct.unpack_from(">h", glyph, 0)[0]
        if contours >= 0:
            at = 10 + 2 * contours
            length = struct.unpack_from(">H", glyph, at)[0]
            return glyph[:at] + b"\0\0" + glyph[at + 2 + length:]
        pos = 10
        while True:
            flags = struct.unpack_from(">H", glyph, pos)[0]
            if not flags & 0x20:  # the last component: instructions, if any, follow it
                break
            pos += 4 + (4 if flags & 0x1 else 2)
            pos += 2 if flags & 0x8 else 4 if flags & 0x40 else 8 if flags & 0x80 else 0
        if not flags & 0x100:
            return glyph
        end = pos + 4 + (4 if flags & 0x1 else 2)
        end += 2 if flags & 0x8 else 4 if flags & 0x40 else 8 if flags & 0x80 else 0
        return glyph[:pos] + struct.pack(">H", flags & ~0x100) + glyph[pos + 2:end]

    def subset(self, used: set[int]) -> bytes:
        """The font with only the `used` glyphs' outlines; glyph ids (and metrics) unchanged."""
        keep, todo = set(), {0, *used}
        while todo:
            gid = todo.pop()
            if gid not in keep and gid < len(self.advances):
                keep.add(gid)
                todo.update(self._components(self._glyph(gid)))
        glyf, loca = bytearray(), [0]
        for gid in range(len(self.advances)):
            if gid in keep:
                glyf += self.unhinted(self._glyph(gid))
                glyf += b"\0" * (-len(glyf) % 4)
            loca.append(len(glyf))
        head = bytearray(self.table(b"head"))
        struct.pack_into(">I", head, 8, 0)  # checkSumAdjustment: no reader checks an embedded font's
        struct.pack_into(">h", head, 50, 1)  # long loca offsets
        tables = {tag: self.table(tag) for tag in self.KEEP if tag in self.tables}
        tables[b"head"] = bytes(head)
        tables[b"glyf"] = bytes(glyf)
        tables[b"loca"] = struct.pack(f">{len(loca)}I", *loca)
        tags = sorted(tables)
        out = bytearray(struct.pack(">IHHHH", 0x00010000, len(tags), 0, 0, 0))
        offset = 12 + 16 * len(tags)
        body = bytearray()
        for tag in tags:
            data = tables[tag]
            out += struct.pack(">4sIII", tag, 0, offset + len(body), len(data))
            body += data + b"\0" * (-len(data) % 4)
        return bytes(out + body)


class _Glyphs(dict):
    """Character -> glyph id as 4 hex digits, looked up in the font on first use (for str.translate)."""

    def __init__(self, face: Face):
        super().__init__()
        self.face = face

    def __missing__(self, code: int) -> str:
        self[code] = value = f"{self.face.gid(chr(code)):04X}"
        return value


class _Kerning(dict):
    """Two characters -> how much closer (font units) Qt sets the second to the first; mostly 0."""

    def __init__(self, face: Face):
        super().__init__()
        self.face = face

    def __missing__(self, pair: str) -> int:
        face = self.face
        a, b = face.gid(pair[0]), face.gid(pair[1])
        kerned = face.raw.advancesForGlyphIndexes([a, b], QRawFont.LayoutFlag.KernedAdvances)[0].x()
        self[pair] = value = face.ttf.advances[a] - round(kerned)
        return value


class Face:
    """One bundled font: glyph ids, advances and kerning as Qt's text layout uses them."""

    def __init__(self, bold: bool):
        name = FONT_FILES[1 if bold else 0]
        data = assets.path("fonts").joinpath(name).read_bytes()
        self.ttf = TrueType(data, "DejaVuSans-Bold" if bold else "DejaVuSans")
        pdf.ensure_gui_app()
        # At one pixel per font unit the advances (kerned as Qt kerns them) are the font's own numbers.
        self.raw = QRawFont(data, self.ttf.units, QFont.HintingPreference.PreferNoHinting)
        self.hex = _Glyphs(self)
        self.kern = _Kerning(self)
        self._gids: dict[str, int] = {}
        self.advance: dict[str, int] = {}

    def gid(self, char: str) -> int:
        if char not in self._gids:
            found = self.raw.glyphIndexesForString(char)
            self._gids[char] = gid = found[0] if len(found) == 1 else 0
            self.advance[char] = self.ttf.advances[gid]
        return self._gids[char]


@functools.lru_cache(maxsize=2)
def face(bold: bool) -> Face:
    return Face(bold)


@functools.lru_cache(maxsize=16384)  # labels and places repeat card after card
def shaped(text: str, bold: bool) -> tuple[str, int]:
    """(the TJ operand, advance in font units) of one line, kerned like Qt's layout."""
    f = face(bold)
    hexmap, kern = f.hex, f.kern
    glyphs = text.translate(hexmap)  # fills the advances of new characters too
    total = sum(map(f.advance.__getitem__, text))
    parts, start = [], 0
    for i in range(len(text) - 1):
        k = kern[text[i:i + 2]]
        if k:
            total -= k
            parts.append(f"<{glyphs[4 * start:4 * i + 4]}>{round(k * 1000 / f.ttf.units)}")
            start = i + 1
    parts.append(f"<{glyphs[4 * start:]}>")
    return "[" + "".join(parts) + "]", total


def text_width(text: str, size_pt: float, bold: bool = False) -> float:
    """Advance in device units as this writer draws it."""
    return shaped(text, bold)[1] * font_px(size_pt) / face(bold).ttf.units


def font_px(size_pt: float) -> int:
    """Qt draws a font at a whole number of device pixels; so does this writer (same advances)."""
    return round(size_pt * pdf.PT)


class Content:
    """Drawing operators for one content stream (a page or a form), in device units, y down."""

    def __init__(self, doc: PdfDocument):
        self.doc = doc
        self.ops: list[str] = []
        self.fonts: set[bool] = set()
        self.xobjects: dict[str, int] = {}

    def fill_rect(self, x: float, y: float, w: float, h: float, color: QColor) -> None:
        self.ops.append(f"{_color(color)} rg {num(x)} {num(y)} {num(w)} {num(h)} re f")

    def stroke_rect(self, x: float, y: float, w: float, h: float, color: QColor, width: float) -> None:
        self.ops.append(f"{_color(color)} RG {num(width)} w {num(x)} {num(y)} {num(w)} {num(h)} re S")

    def lines(self, segments: list[tuple[float, float, float, float]], color: QColor, width: float) -> None:
        path = " ".join(f"{num(a)} {num(b)} m {num(c)} {num(d)} l" for a, b, c, d in segments)
        self.ops.append(f"{_color(color)} RG {num(width)} w 0 J {path} S")

    def fill_round_rect(self, x: float, y: float, w: float, h: float, r: float, color: QColor) -> None:
        k = r * (1 - _ELLIPSE_K)
        x1, y1 = x + w, y + h
        self.ops.append(
            f"{_color(color)} rg {num(x + r)} {num(y)} m {num(x1 - r)} {num(y)} l "
            f"{num(x1 - k)} {num(y)} {num(x1)} {num(y + k)} {num(x1)} {num(y + r)} c {num(x1)} {num(y1 - r)} l "
            f"{num(x1)} {num(y1 - k)} {num(x1 - k)} {num(y1)} {num(x1 - r)} {num(y1)} c {num(x + r)} {num(y1)} l "
            f"{num(x + k)} {num(y1)} {num(x)} {num(y1 - k)} {num(x)} {num(y1 - r)} c {num(x)} {num(y + r)} l "
            f"{num(x)} {num(y + k)} {num(x + k)} {num(y)} {num(x + r)} {num(y)} c f")

    def fill_ellipse(self, cx: float, cy: float, rx: float, ry: float, color: QColor) -> None:
        kx, ky = rx * _ELLIPSE_K, ry * _ELLIPSE_K
        self.ops.append(
            f"{_color(color)} rg {num(cx + rx)} {num(cy)} m "
            f"{num(cx + rx)} {num(cy + ky)} {num(cx + kx)} {num(cy + ry)} {num(cx)} {num(cy + ry)} c "
            f"{num(cx - kx)} {num(cy + ry)} {num(cx - rx)} {num(cy + ky)} {num(cx - rx)} {num(cy)} c "
            f"{num(cx - rx)} {num(cy - ky)} {num(cx - kx)} {num(cy - ry)} {num(cx)} {num(cy - ry)} c "
            f"{num(cx + kx)} {num(cy - ry)} {num(cx + rx)} {num(cy - ky)} {num(cx + rx)} {num(cy)} c f")

    def save(self, dx: float = 0.0, dy: float = 0.0, clip: tuple[float, float, float, float] | None = None) -> None:
        """Push the graphics state, then move the origin by dx, dy and clip to a rectangle there."""
        op = "q"
        if dx or dy:
            op += f" 1 0 0 1 {num(dx)} {num(dy)} cm"
        if clip:
            op += f" {num(clip[0])} {num(clip[1])} {num(clip[2])} {num(clip[3])} re W n"
        self.ops.append(op)

    def restore(self) -> None:
        self.ops.append("Q")

    def text(self, x: float, baseline: float, text: str, size_pt: float, bold: bool = False,
             color: QColor = pdf.INK, align: str = "left", width: float = 0.0) -> None:
        if not text:
            return
        operand, total = shaped(text, bold)
        px = font_px(size_pt)
        if align != "left":
            x += (width - total * px / face(bold).ttf.units) / (2 if align == "center" else 1)
        self.fonts.add(bold)
        self.doc.chars[bold].update(text)
        self.ops.append(f"BT /F{int(bold)} {px} Tf 1 0 0 -1 {x:.1f} {baseline:.1f} Tm {_color(color)} rg {operand} TJ ET")

    def bitmap(self, x: float, y: float, size: float, n: int, rows: bytes) -> None:
        """A 1-bit n x n image (rows packed to whole bytes, 1 = white) as an inline image.

        Not marked for interpolation: each pixel prints as a sharp square at any resolution."""
        self.ops.append(f"q {num(size)} 0 0 {num(-size)} {num(x)} {num(y + size)} cm "
                        f"BI /W {n} /H {n} /BPC 1 /CS /G /F /AHx ID {rows.hex()}> EI Q")

    def image(self, x: float, y: float, w: float, h: float, name: str, ref: int) -> None:
        self.xobjects[name] = ref
        self.ops.append(f"q {num(w)} 0 0 {num(-h)} {num(x)} {num(y + h)} cm /{name} Do Q")

    def form(self, name: str, ref: int, dx: float, dy: float) -> None:
        self.xobjects[name] = ref
        self.ops.append(f"q 1 0 0 1 {num(dx)} {num(dy)} cm /{name} Do Q")

    def resources(self) -> str:
        fonts = "".join(f"/F{int(b)} {self.doc.font_ref(b)} 0 R" for b in sorted(self.fonts))
        xobjects = "".join(f"/{k} {v} 0 R" for k, v in sorted(self.xobjects.items()))
        return f"<</Font <<{fonts}>> /XObject <<{xobjects}>>>>"

    def stream(self) -> bytes:
        return "\n".join(self.ops).encode("ascii")


class PdfDocument:
    """A PDF written page by page to an open binary file; `close()` writes fonts, page tree, xref."""

    def __init__(self, file: BinaryIO, width_mm: float, height_mm: float, title: str):
        self.file = file
        self.offsets: dict[int, int] = {}
        self.next_id = 4  # 1 catalog, 2 page tree, 3 document info
        self.pages: list[int] = []
        self.size = (pdf.mm(width_mm), pdf.mm(height_mm))
        self.title = title
        self._font_refs: dict[bool, int] = {}
        self.chars: dict[bool, set[str]] = {False: set(), True: set()}  # for each font's subset
        self._forms: dict[str, tuple[str, int]] = {}
        self._pos = 0
        self._write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")

    # --- objects -------------------------------------------------------------------------
    def _write(self, data: bytes) -> None:
        self.file.write(data)
        self._pos += len(data)

    def reserve(self) -> int:
        self.next_id += 1
        return self.next_id - 1

    def put(self, ref: int, body: str | bytes, stream: bytes | None = None, compress: bool = True) -> int:
        self.offsets[ref] = self._pos
        head = body.encode("latin-1") if isinstance(body, str) else body
        if stream is None:
            self._write(b"%d 0 obj\n%s\nendobj\n" % (ref, head))
            return ref
        if compress:
            stream = zlib.compress(stream, 6)
            head = head[:-2] + b" /Filter /FlateDecode>>"
        self._write(b"%d 0 obj\n%s\nstream\n" % (ref, head[:-2] + b" /Length %d>>" % len(stream)))
        self._write(stream + b"\nendstream\nendobj\n")
        return ref

    # --- fonts, forms, images --------------------------------------------------------------
    def font_ref(self, bold: bool) -> int:
        if bold not in self._font_refs:
            self._font_refs[bold] = self.reserve()
        return self._font_refs[bold]

    def form(self, key: str, draw: Callable[[Content], None]) -> tuple[str, int]:
        """(name, ref) of a Form XObject drawn once by `draw` and placed by reference wherever used.

        Its box is the page's size around its origin: a form never clips what it draws."""
        if key not in self._forms:
            content = Content(self)
            draw(content)
            ref = self.reserve()
            w, h = self.size
            self.put(ref, f"<</Type /XObject /Subtype /Form /BBox [{num(-w)} {num(-h)} {num(w)} {num(h)}] "
                          f"/Resources {content.resources()}>>", content.stream())
            self._forms[key] = (f"T{len(self._forms)}", ref)
        return self._forms[key]

    def jpeg(self, data: bytes, width: int, height: int) -> int:
        """An RGB JPEG embedded as it is (DCTDecode): no re-encoding, no loss."""
        return self.put(self.reserve(), f"<</Type /XObject /Subtype /Image /Width {width} /Height {height} "
                                        "/ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode>>",
                        data, compress=False)

    def rgb_image(self, image: QImage) -> int:
        rgb = image.convertToFormat(QImage.Format.Format_RGB888)
        w, h = rgb.width(), rgb.height()
        bits, stride = bytes(rgb.constBits()), rgb.bytesPerLine()
        data = b"".join(bits[y * stride:y * stride + 3 * w] for y in range(h))
        return self.put(self.reserve(), f"<</Type /XObject /Subtype /Image /Width {w} /Height {h} "
                                        "/ColorSpace /DeviceRGB /BitsPerComponent 8>>", data)

    # --- pages ---------------------------------------------------------------------------
    def add_page(self, content: Content) -> None:
        w, h = self.size
        # Device units, y down, as QPdfWriter's painter sees the page.
        ops = f"{SCALE:.6f} 0 0 {-SCALE:.6f} 0 {num(h * SCALE)} cm\n".encode() + content.stream()
        stream_ref = self.put(self.reserve(), "<<>>", ops)
        page = self.put(self.reserve(), f"<</Type /Page /Parent 2 0 R /MediaBox [0 0 {num(w * SCALE)} "
                                        f"{num(h * SCALE)}] /Resources {content.resources()} "
                                        f"/Contents {stream_ref} 0 R>>")
        self.pages.append(page)

    def close(self) -> None:
        for bold, ref in self._font_refs.items():
            self._write_font(ref, bold)
        kids = " ".join(f"{p} 0 R" for p in self.pages)
        self.put(2, f"<</Type /Pages /Count {len(self.pages)} /Kids [{kids}]>>")
        self.put(1, "<</Type /Catalog /Pages 2 0 R>>")
        title = self.title.encode("utf-16-be").hex().upper()
        self.put(3, f"<</Title <FEFF{title}> /Creator {_pdf_string(f'Presensi KPPS {__version__}')}>>")
        xref = self._pos
        count = self.next_id
        lines = [b"xref\n0 %d\n0000000000 65535 f \n" % count]
        lines += [b"%010d 00000 n \n" % self.offsets.get(i, 0) if i in self.offsets else b"0000000000 65535 f \n"
                  for i in range(1, count)]
        self._write(b"".join(lines))
        self._write(b"trailer\n<</Size %d /Root 1 0 R /Info 3 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (count, xref))

    def _write_font(self, ref: int, bold: bool) -> None:
        f = face(bold)
        ttf = f.ttf
        glyphs: dict[int, str] = {}
        for char in sorted(self.chars[bold]):
            glyphs.setdefault(f.gid(char), char)
        scale = 1000 / ttf.units
        tag = "KPPS" + ("BB" if bold else "AA")
        name = f"/{tag}+{ttf.name}"
        program = ttf.subset(set(glyphs))
        file_ref = self.put(self.reserve(), f"<</Length1 {len(program)}>>", program)
        bbox = " ".join(str(round(v * scale)) for v in ttf.bbox)
        descriptor = self.put(self.reserve(), (
            f"<</Type /FontDescriptor /FontName {name} /Flags 32 /FontBBox [{bbox}] /ItalicAngle 0 "
            f"/Ascent {round(ttf.ascent * scale)} /Descent {round(ttf.descent * scale)} "
            f"/CapHeight {round(ttf.cap_height * scale)} /StemV {120 if bold else 80} /FontFile2 {file_ref} 0 R>>"))
        widths = " ".join(f"{gid} [{round(ttf.advances[gid] * scale)}]" for gid in sorted(glyphs))
        cid = self.put(self.reserve(), (
            f"<</Type /Font /Subtype /CIDFontType2 /BaseFont {name} "
            "/CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>> "
            f"/FontDescriptor {descriptor} 0 R /W [{widths}] /CIDToGIDMap /Identity>>"))
        to_unicode = self.put(self.reserve(), "<<>>", _cmap(glyphs).encode("ascii"))
        self.put(ref, f"<</Type /Font /Subtype /Type0 /BaseFont {name} /Encoding /Identity-H "
                      f"/DescendantFonts [{cid} 0 R] /ToUnicode {to_unicode} 0 R>>")


def _cmap(glyphs: dict[int, str]) -> str:
    entries = sorted(glyphs.items())
    blocks = []
    for i in range(0, len(entries), 100):
        chunk = entries[i:i + 100]
        body = "\n".join(f"<{gid:04X}> <{char.encode('utf-16-be').hex().upper()}>" for gid, char in chunk)
        blocks.append(f"{len(chunk)} beginbfchar\n{body}\nendbfchar")
    return ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            "/CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) /Supplement 0>> def\n"
            "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
            "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
            + "\n".join(blocks) + "\nendcmap\nCMapName currentdict /CMapResource defineresource pop\nend\nend")
