"""Fonts Chromium cannot embed: TrueType subsets of the faces it drew as Type 3 glyph procedures.

Chromium's PDF backend writes CFF-flavoured OpenType fonts (Noto Sans CJK, the site's Chinese
face) as unnamed Type 3 drawings: pdffonts lists no font, viewers render them soft, and the copied
text is guessed. TrueType outlines are embedded as real CID fonts. So a draft PDF tells which faces
were drawn as Type 3 and with which characters; each face is subset to those characters, converted
to TrueType outlines, and declared under its own family name in @font-face rules (data: URLs),
which take precedence over the installed font of that name when the page is printed again.

    used = type3_characters(draft_pdfs)         # {"NotoSansCJKsc-Regular": {"参", "数", …}}
    css = font_face_css(used, written_text)     # @font-face rules for the final print
"""

from __future__ import annotations

import base64
import io
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader


@dataclass(frozen=True)
class Face:
    postscript_name: str
    file: Path
    index: int  # face number inside a .ttc collection


def fonts_in(pdf: bytes | Path):
    """Every font object of a PDF, on its pages and inside their form XObjects, each once."""
    reader = PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)
    seen = set()

    def walk(resources):
        resources = resources.get_object() if resources is not None else {}
        for ref in (resources.get("/Font") or {}).values():
            font = ref.get_object()
            if id(font) not in seen:
                seen.add(id(font))
                yield font
        for ref in (resources.get("/XObject") or {}).values():
            xobject = ref.get_object()
            if xobject.get("/Subtype") == "/Form" and "/Resources" in xobject:
                yield from walk(xobject["/Resources"])

    for page in reader.pages:
        yield from walk(page.get("/Resources"))


def cmap_characters(data: bytes) -> set[str]:
    """The Unicode side of a ToUnicode CMap (its bfchar and bfrange entries)."""
    text, chars = data.decode("latin-1"), set()

    def utf16(hex_: str) -> str:
        return bytes.fromhex(hex_).decode("utf-16-be", errors="ignore")

    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for _, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            chars.update(utf16(dst))
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for lo, hi, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])", block):
            if dst.startswith("["):
                for item in re.findall(r"<([0-9A-Fa-f]+)>", dst):
                    chars.update(utf16(item))
            else:
                first = utf16(dst[1:-1])
                if first:
                    chars.update(chr(ord(first[-1]) + i) for i in range(int(hi, 16) - int(lo, 16) + 1))
    return chars


def font_characters(font) -> set[str]:
    return cmap_characters(font["/ToUnicode"].get_data()) if "/ToUnicode" in font else set()


def postscript_name(font) -> str:
    """ "NotoSansCJKsc-Regular" from a Type 3 font's descriptor ("/AAAAAA+NotoSansCJKsc-Regular")."""
    descriptor = font.get("/FontDescriptor")
    name = str(descriptor.get_object().get("/FontName", "")) if descriptor else ""
    return name.lstrip("/").split("+")[-1]


def type3_characters(pdfs) -> dict[str, set[str]]:
    """PostScript name -> the characters Chromium drew with that face as Type 3."""
    used: dict[str, set[str]] = {}
    for pdf in pdfs:
        for font in fonts_in(pdf):
            if font.get("/Subtype") == "/Type3":
                used.setdefault(postscript_name(font), set()).update(font_characters(font))
    return used


def installed_faces() -> dict[str, Face]:
    """The system's fonts by PostScript name (fontconfig)."""
    listing = subprocess.run(
        ["fc-list", "--format", "%{postscriptname}|%{file}|%{index}\n"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    faces = {}
    for line in listing.splitlines():
        name, file, index = line.rsplit("|", 2)
        faces.setdefault(name, Face(name, Path(file), int(index or 0)))
    return faces


def as_written(chars: set[str], cmap: dict[int, str], written: set[str]) -> set[str]:
    """Undo Chromium's ToUnicode guesses. A glyph shared by several code points is reported as the
    lowest one: 文 (U+6587) comes back as the Kangxi radical ⽂ (U+2F42). Swap each for the code
    points sharing its glyph that the documents contain, so the subset maps only those and copied
    text comes out as written."""
    by_glyph: dict[str, set[str]] = {}
    for code, glyph in cmap.items():
        by_glyph.setdefault(glyph, set()).add(chr(code))
    result = set()
    for char in chars:
        siblings = by_glyph.get(cmap.get(ord(char)), {char})
        result |= (siblings & written) or {char}
    return result


def truetype_subset(face: Face, chars: set[str], written: set[str]) -> tuple[bytes, str, int]:
    """(TrueType bytes, family name, weight) of `face` cut down to `chars` plus printable ASCII."""
    from fontTools import subset
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont, newTable

    font = TTFont(str(face.file), fontNumber=face.index, lazy=False)
    family = font["name"].getDebugName(16) or font["name"].getDebugName(1)
    weight = font["OS/2"].usWeightClass
    wanted = as_written(chars, font.getBestCmap(), written) | set(map(chr, range(0x20, 0x7F)))
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = True  # CFF hints go with the CFF table below; stripping them first is slow
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(sorted(wanted - {"\n", "\r", "\t"})))
    subsetter.subset(font)
    if "CFF " in font:  # cubic CFF outlines -> quadratic TrueType (the fontTools otf2ttf recipe)
        order = font.getGlyphOrder()
        glyph_set = font.getGlyphSet()
        glyphs = {}
        for name in order:
            pen = TTGlyphPen(glyph_set)
            glyph_set[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
            glyphs[name] = pen.glyph()
        font["loca"] = newTable("loca")
        font["glyf"] = glyf = newTable("glyf")
        glyf.glyphOrder = order
        glyf.glyphs = glyphs
        del font["CFF "]
        if "VORG" in font:
            del font["VORG"]
        font["maxp"] = maxp = newTable("maxp")
        maxp.tableVersion = 0x00010000
        maxp.maxZones = 1
        for attr in (
            "maxTwilightPoints",
            "maxStorage",
            "maxFunctionDefs",
            "maxInstructionDefs",
            "maxStackElements",
            "maxSizeOfInstructions",
            "maxComponentElements",
        ):
            setattr(maxp, attr, 0)
        font["post"].formatType = 3.0
        font.sfntVersion = "\x00\x01\x00\x00"
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue(), family, weight


def font_face_css(used: dict[str, set[str]], written: set[str]) -> str:
    """@font-face rules with a TrueType subset for every face that was drawn as Type 3."""
    faces = installed_faces()
    rules = []
    for name, chars in sorted(used.items()):
        if name not in faces:
            raise SystemExit(f"pdf: Chromium drew {name} as Type 3, and fontconfig does not know that face")
        data, family, weight = truetype_subset(faces[name], chars, written)
        source = base64.b64encode(data).decode("ascii")
        rules.append(
            f'@font-face {{ font-family: "{family}"; font-weight: {weight}; '
            f'src: url("data:font/ttf;base64,{source}") format("truetype"); }}'
        )
    return "\n".join(rules)
