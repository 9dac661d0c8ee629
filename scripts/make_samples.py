#!/usr/bin/env python3
"""Writes samples/inbox/: the realistic, messy inbox of ONE fictitious 市场监管所.

    python3 scripts/make_samples.py [--out samples/inbox]
    python3 scripts/make_samples.py --restore-mtimes     (after a git clone: scripts/build.sh runs it)

Python 3.11 standard library only. Deterministic: fixed seeds, fixed ZIP timestamps, fixed file
mtimes (os.utime), so a re-run rewrites byte-identical files (given the same zlib).

Everything here is fictitious: the county (南岭县, 区划码 441829 is unassigned), the office, the
companies and the persons. 统一社会信用代码 and 身份证号 are *computed* to pass their check
characters (GB 32100-2015 / GB 11714, GB 11643-1999) but belong to nobody.

The module is also a library: bench/make_inbox.py imports the builders (build_docx, build_pdf,
build_scanned_pdf, build_jpeg, build_png, build_gbk_zip, build_inspection_xml, build_register_csv,
the junk builders and the case-document generators).
"""
from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import random
import shutil
import struct
import sys
import zipfile
import zlib
from dataclasses import dataclass, field
from xml.sax.saxutils import escape as _xml_escape

# --------------------------------------------------------------------------------------------
# The office (a profile for the filing helper lives in samples/office.xml, if it has written one)
# --------------------------------------------------------------------------------------------
OFFICE = {
    "province": "广东省",
    "city": "清远市",
    "county": "南岭县",
    "area_code": "441829",                      # fictitious: unassigned under 清远市 (4418xx)
    "bureau": "南岭县市场监督管理局",
    "office": "南岭县市场监督管理局石门市场监督管理所",
    "office_short": "石门市场监督管理所",
    "case_prefix": "南市监处罚",                 # 南市监处罚〔2024〕12号
    "notice_prefix": "南市监罚告",
    "onsite_prefix": "南市监当罚",
    "address": "南岭县石门镇府前路6号",
    "court": "南岭县人民法院",
    "government": "南岭县人民政府",
    "phone": "0763-5512315",
}

# 执法人员 (fictitious) and their 执法证号 (14 digits like the 44010020190001 pattern).
OFFICERS = [
    ("黄伟明", "44182920190011"),
    ("林晓燕", "44182920200023"),
    ("陈国栋", "44182920180007"),
    ("刘思敏", "44182920210035"),
    ("张建华", "44182920150002"),   # 所长
    ("谢志坚", "44182920220041"),
    ("何丽娟", "44182920230052"),
    ("邓家豪", "44182920170019"),
]

# --------------------------------------------------------------------------------------------
# Codes: 统一社会信用代码 (GB 32100-2015 + GB 11714) and 公民身份号码 (GB 11643-1999)
# --------------------------------------------------------------------------------------------
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [pow(3, i, 31) for i in range(17)]
ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]


def _org_value(c: str) -> int:
    return int(c) if c.isdigit() else ord(c) - ord("A") + 10


def org_check(body8: str) -> str:
    c = 11 - sum(_org_value(ch) * w for ch, w in zip(body8, ORG_WEIGHTS)) % 11
    return "X" if c == 10 else "0" if c == 11 else str(c)


def uscc_check(body17: str) -> str:
    c = 31 - sum(USCC_CHARS.index(ch) * w for ch, w in zip(body17, USCC_WEIGHTS)) % 31
    return USCC_CHARS[0 if c == 31 else c]


def uscc_valid(code: str) -> bool:
    if len(code) != 18 or any(ch not in USCC_CHARS for ch in code):
        return False
    return uscc_check(code[:17]) == code[17] and org_check(code[8:16]) == code[16]


def make_uscc(rng: random.Random, dept: str = "9", kind: str = "1", area: str = OFFICE["area_code"]) -> str:
    """A fictitious but check-valid code. New registrations since 2015 look like 91441829MA4W…"""
    letters = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    while True:
        body8 = "MA" + "".join(rng.choice(letters) for _ in range(6)) if rng.random() < 0.7 else \
            "".join(rng.choice("0123456789") for _ in range(8))
        chk = org_check(body8)
        if chk not in USCC_CHARS:
            continue
        b17 = dept + kind + area + body8 + chk
        return b17 + uscc_check(b17)


ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def id_check(body17: str) -> str:
    return "10X98765432"[sum(int(c) * w for c, w in zip(body17, ID_WEIGHTS)) % 11]


def make_id_number(rng: random.Random, birth: dt.date, male: bool, area: str = OFFICE["area_code"]) -> str:
    """Fictitious 18-digit number with a valid GB 11643 check; 441829 is an unassigned area code."""
    seq = rng.randrange(1, 500) * 2 + (1 if male else 0)
    seq = seq % 1000 or 1
    if (seq % 2 == 1) != male:
        seq = seq + 1 if seq < 999 else seq - 1
    b17 = f"{area}{birth:%Y%m%d}{seq:03d}"
    return b17 + id_check(b17)


# --------------------------------------------------------------------------------------------
# Written forms of dates and numbers
# --------------------------------------------------------------------------------------------
CN_DIGITS = "〇一二三四五六七八九"


def _cn_num(n: int) -> str:
    if n < 10:
        return CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + ("" if ones == 0 else CN_DIGITS[ones])


def date_ar(d: dt.date) -> str:        # 2024年3月5日 (GB/T 9704-2012 §7.3.5.4)
    return f"{d.year}年{d.month}月{d.day}日"


def date_cn(d: dt.date) -> str:        # 二〇二四年三月五日 (older 公文 style)
    return "".join(CN_DIGITS[int(c)] for c in str(d.year)) + "年" + _cn_num(d.month) + "月" + _cn_num(d.day) + "日"


def date_dot(d: dt.date) -> str:       # 2024.3.5 (hand-filled forms)
    return f"{d.year}.{d.month}.{d.day}"


def date_pad(d: dt.date) -> str:       # 2024年03月05日 (padded; GB/T 9704 says no)
    return f"{d.year}年{d.month:02d}月{d.day:02d}日"


def time_cn(t: dt.datetime) -> str:    # 2024年3月5日9时30分
    return f"{date_ar(t.date())}{t.hour}时{t.minute:02d}分"


def fullwidth(s: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "0" <= c <= "9" else c for c in s)


CN_MONEY_DIGITS = "零壹贰叁肆伍陆柒捌玖"


def money_upper(n: int) -> str:
    """Integer yuan in 大写: 50000 -> 伍万元整, 800 -> 捌佰元整, 1500 -> 壹仟伍佰元整."""
    if n == 0:
        return "零元整"
    units = ["", "拾", "佰", "仟"]
    def four(x: int) -> str:
        s, zero = "", False
        for i in range(3, -1, -1):
            d = (x // 10 ** i) % 10
            if d == 0:
                zero = bool(s)
            else:
                if zero:
                    s += "零"
                    zero = False
                s += CN_MONEY_DIGITS[d] + units[i]
        return s
    wan, rest = divmod(n, 10000)
    s = (four(wan) + "万" if wan else "")
    if rest:
        s += ("零" if wan and rest < 1000 else "") + four(rest)
    return s + "元整"


def case_no(year: int, n: int, *, prefix: str = OFFICE["case_prefix"], style: str = "std") -> str:
    """std 南市监处罚〔2024〕12号; pad 〔2024〕012号; fw 〔２０２４〕１２号; sq [2024]12号."""
    if style == "pad":
        return f"{prefix}〔{year}〕{n:03d}号"
    if style == "fw":
        return f"{prefix}〔{fullwidth(str(year))}〕{fullwidth(str(n))}号"
    if style == "sq":
        return f"{prefix}[{year}]{n}号"
    if style == "paren":
        return f"{prefix}（{year}）{n}号"
    return f"{prefix}〔{year}〕{n}号"


# --------------------------------------------------------------------------------------------
# A tiny document model both writers understand
# --------------------------------------------------------------------------------------------
# Blocks: ("org", text) issuing body line, centred; ("title", text); ("docno", text) centred;
# ("h1", text) 一、; ("h2", text) （一）; ("p", text) indented body paragraph; ("pl", text) no
# indent; ("table", rows, widths) rows of cells; ("sign", text) right-aligned; ("note", text)
# small print; ("blank",).
@dataclass
class Doc:
    title: str
    blocks: list = field(default_factory=list)
    doc_type: str = ""
    case_no: str = ""
    date: dt.date | None = None

    def add(self, *block):
        self.blocks.append(tuple(block))
        return self


def doc_plain_text(doc: Doc) -> str:
    out = []
    for b in doc.blocks:
        if b[0] == "table":
            out.extend("\t".join(row) for row in b[1])
        elif b[0] != "blank":
            out.append(b[1])
    return "\n".join(out)


# --------------------------------------------------------------------------------------------
# DOCX (WordprocessingML written by hand; looks like Word 2016 made it)
# --------------------------------------------------------------------------------------------
W_NS = ('xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
        'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" '
        'xmlns:v="urn:schemas-microsoft-com:vml" '
        'xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:w10="urn:schemas-microsoft-com:office:word" '
        'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
        'xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" '
        'xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'mc:Ignorable="w14 w15 wp14"')
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'

# Style ids: Chinese Word writes "a" for Normal, "1"/"2" for heading 1/2, "a3" for Title, "a5" for
# Table Grid; English Word writes Normal/Heading1/Heading2/Title/TableGrid. Readers must look at
# the style *name* or its outlineLvl, not the id.
STYLE_IDS = {
    "zh": {"normal": "a", "h1": "1", "h2": "2", "title": "a3", "grid": "a5", "header": "a7", "footer": "a9"},
    "en": {"normal": "Normal", "h1": "Heading1", "h2": "Heading2", "title": "Title", "grid": "TableGrid",
           "header": "Header", "footer": "Footer"},
}


def _x(s: str) -> str:
    return _xml_escape(s, {'"': "&quot;"})


def _run(text: str, *, font: str | None = None, size: int | None = None, bold: bool = False) -> str:
    rpr = ""
    if font:
        rpr += f'<w:rFonts w:hint="eastAsia" w:eastAsia="{font}"/>'
    if bold:
        rpr += "<w:b/>"
    if size:
        rpr += f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
    rpr = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    space = ' xml:space="preserve"' if text != text.strip() or "  " in text else ""
    return f"<w:r>{rpr}<w:t{space}>{_x(text)}</w:t></w:r>"


def _para(text: str, *, style: str | None = None, jc: str | None = None, ind_first: int | None = None,
          font: str | None = None, size: int | None = None, bold: bool = False, spacing: str = "") -> str:
    ppr = ""
    if style:
        ppr += f'<w:pStyle w:val="{style}"/>'
    if spacing:
        ppr += spacing
    if ind_first is not None:
        ppr += f'<w:ind w:firstLineChars="{ind_first}" w:firstLine="{ind_first * 16 // 5}"/>'
    if jc:
        ppr += f'<w:jc w:val="{jc}"/>'
    ppr = f"<w:pPr>{ppr}</w:pPr>" if ppr else ""
    body = _run(text, font=font, size=size, bold=bold) if text else ""
    return f"<w:p>{ppr}{body}</w:p>"


def _table(rows: list[list[str]], widths: list[int] | None, sid: dict) -> str:
    ncols = max(len(r) for r in rows)
    total = 8845  # twips: 156 mm text block
    widths = widths or [1] * ncols
    tw = [total * w // sum(widths) for w in widths]
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in tw)
    out = [f'<w:tbl><w:tblPr><w:tblStyle w:val="{sid["grid"]}"/><w:tblW w:w="{total}" w:type="dxa"/>'
           '<w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
           '<w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
           '<w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
           '<w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
           '<w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
           '<w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders>'
           '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" '
           f'w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>']
    for row in rows:
        out.append("<w:tr>")
        for i, cell in enumerate(row):
            span = ncols - len(row) + 1 if i == len(row) - 1 and len(row) < ncols else 1
            w = sum(tw[i:i + span])
            tcpr = f'<w:tcW w:w="{w}" w:type="dxa"/>' + (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "") + \
                '<w:vAlign w:val="center"/>'
            paras = "".join(_para(line, size=24) for line in (cell.split("\n") if cell else [""]))
            out.append(f"<w:tc><w:tcPr>{tcpr}</w:tcPr>{paras}</w:tc>")
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def _styles_xml(sid: dict) -> str:
    def heading(sidv, name, lvl, font, size):
        return (f'<w:style w:type="paragraph" w:styleId="{sidv}"><w:name w:val="{name}"/>'
                f'<w:basedOn w:val="{sid["normal"]}"/><w:next w:val="{sid["normal"]}"/>'
                f'<w:link w:val="{sidv}0"/><w:uiPriority w:val="9"/><w:qFormat/>'
                f'<w:pPr><w:keepNext/><w:keepLines/><w:outlineLvl w:val="{lvl}"/></w:pPr>'
                f'<w:rPr><w:rFonts w:eastAsia="{font}"/><w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr></w:style>')
    return (XML_DECL +
            '<w:styles xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
            'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
            'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
            'xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" mc:Ignorable="w14 w15">'
            '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:asciiTheme="minorHAnsi" w:eastAsiaTheme="minorEastAsia" '
            'w:hAnsiTheme="minorHAnsi" w:cstheme="minorBidi"/><w:kern w:val="2"/><w:sz w:val="21"/><w:szCs w:val="22"/>'
            '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
            '<w:pPrDefault/></w:docDefaults>'
            f'<w:style w:type="paragraph" w:default="1" w:styleId="{sid["normal"]}"><w:name w:val="Normal"/><w:qFormat/>'
            '<w:pPr><w:widowControl w:val="0"/><w:jc w:val="both"/></w:pPr>'
            '<w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="仿宋_GB2312" w:hAnsi="Times New Roman"/>'
            '<w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style>'
            + heading(sid["h1"], "heading 1", 0, "黑体", 32)
            + heading(sid["h2"], "heading 2", 1, "楷体_GB2312", 32)
            + f'<w:style w:type="character" w:default="1" w:styleId="{"a0" if sid["normal"] == "a" else "DefaultParagraphFont"}">'
            '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>'
            f'<w:style w:type="paragraph" w:styleId="{sid["title"]}"><w:name w:val="Title"/>'
            f'<w:basedOn w:val="{sid["normal"]}"/><w:next w:val="{sid["normal"]}"/><w:uiPriority w:val="10"/><w:qFormat/>'
            '<w:pPr><w:spacing w:before="240" w:after="60"/><w:jc w:val="center"/><w:outlineLvl w:val="0"/></w:pPr>'
            '<w:rPr><w:rFonts w:eastAsia="方正小标宋简体"/><w:sz w:val="44"/><w:szCs w:val="44"/></w:rPr></w:style>'
            f'<w:style w:type="table" w:styleId="{sid["grid"]}"><w:name w:val="Table Grid"/><w:uiPriority w:val="39"/>'
            '<w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
            '<w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
            '<w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
            '<w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders></w:tblPr></w:style>'
            f'<w:style w:type="paragraph" w:styleId="{sid["header"]}"><w:name w:val="header"/><w:basedOn w:val="{sid["normal"]}"/>'
            '<w:pPr><w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="auto"/></w:pBdr><w:jc w:val="center"/></w:pPr>'
            '<w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>'
            f'<w:style w:type="paragraph" w:styleId="{sid["footer"]}"><w:name w:val="footer"/><w:basedOn w:val="{sid["normal"]}"/>'
            '<w:pPr><w:jc w:val="left"/></w:pPr><w:rPr><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style>'
            '</w:styles>')


def _document_xml(doc: Doc, sid: dict, header: bool, footer: bool) -> str:
    body = []
    for b in doc.blocks:
        kind = b[0]
        if kind == "org":
            body.append(_para(b[1], jc="center", font="方正小标宋简体", size=36))
        elif kind == "title":
            body.append(_para(b[1], style=sid["title"]))
        elif kind == "docno":
            body.append(_para(b[1], jc="center"))
        elif kind == "h1":
            body.append(_para(b[1], style=sid["h1"], ind_first=200))
        elif kind == "h2":
            body.append(_para(b[1], style=sid["h2"], ind_first=200))
        elif kind == "p":
            body.append(_para(b[1], ind_first=200))
        elif kind == "pl":
            body.append(_para(b[1]))
        elif kind == "sign":
            body.append(_para(b[1], jc="right", spacing='<w:ind w:right="1280"/>' if False else ""))
        elif kind == "note":
            body.append(_para(b[1], size=24))
        elif kind == "table":
            body.append(_table(b[1], b[2] if len(b) > 2 else None, sid))
            body.append("<w:p/>")
        elif kind == "blank":
            body.append("<w:p/>")
    refs = ""
    if header:
        refs += '<w:headerReference w:type="default" r:id="rId6"/>'
    if footer:
        refs += '<w:footerReference w:type="default" r:id="rId7"/>'
    # GB/T 9704-2012: A4; top 37 mm, left 28 mm, bottom 35 mm, right 26 mm; 22 lines of 28 chars.
    sect = (f'<w:sectPr>{refs}<w:pgSz w:w="11906" w:h="16838"/>'
            '<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587" w:header="851" w:footer="1304" w:gutter="0"/>'
            '<w:cols w:space="425"/><w:docGrid w:type="lines" w:linePitch="579"/></w:sectPr>')
    return XML_DECL + f"<w:document {W_NS}><w:body>{''.join(body)}{sect}</w:body></w:document>"


def _hdr_ftr(kind: str, inner: str) -> str:
    tag = "w:hdr" if kind == "header" else "w:ftr"
    return XML_DECL + f"<{tag} {W_NS}>{inner}</{tag}>"


def _w3cdtf(t: dt.datetime) -> str:
    return (t - dt.timedelta(hours=8)).strftime("%Y-%m-%dT%H:%M:%SZ")   # local +08:00 -> UTC


DOCX_ZIP_TIME = (1980, 1, 1, 0, 0, 0)   # Word writes every part with the DOS epoch


def build_docx(doc: Doc, *, title: str | None = None, creator: str = "Administrator", last_by: str | None = None,
               created: dt.datetime | None = None, modified: dt.datetime | None = None,
               header_text: str | None = None, footer_page: bool = False, style_ids: str = "zh",
               app: str = "Microsoft Office Word", app_version: str = "16.0000", company: str = "",
               revision: int = 3) -> bytes:
    """A minimal but complete Word 2016-style .docx: [Content_Types].xml, _rels/.rels,
    word/document.xml, word/styles.xml, word/settings.xml, word/fontTable.xml,
    word/_rels/document.xml.rels, optional header1/footer1, docProps/core.xml and app.xml."""
    sid = STYLE_IDS[style_ids]
    created = created or dt.datetime(2024, 1, 2, 9, 0)
    modified = modified or created
    header = header_text is not None
    overrides = [("/word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"),
                 ("/word/styles.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"),
                 ("/word/settings.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"),
                 ("/word/fontTable.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml")]
    if header:
        overrides.append(("/word/header1.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"))
    if footer_page:
        overrides.append(("/word/footer1.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"))
    overrides += [("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
                  ("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml")]
    ct = (XML_DECL + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          + "".join(f'<Override PartName="{p}" ContentType="{c}"/>' for p, c in overrides) + "</Types>")
    rels = (XML_DECL + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            '</Relationships>')
    drels = ['<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>',
             '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>',
             '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/>']
    if header:
        drels.append('<Relationship Id="rId6" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>')
    if footer_page:
        drels.append('<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>')
    doc_rels = XML_DECL + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' + "".join(drels) + "</Relationships>"
    settings = (XML_DECL + '<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                '<w:zoom w:percent="100"/><w:bordersDoNotSurroundHeader/><w:bordersDoNotSurroundFooter/>'
                '<w:defaultTabStop w:val="420"/><w:drawingGridVerticalSpacing w:val="156"/>'
                '<w:characterSpacingControl w:val="compressPunctuation"/><w:compat><w:spaceForUL/>'
                '<w:balanceSingleByteDoubleByteWidth/><w:doNotLeaveBackslashAlone/><w:ulTrailSpace/>'
                '<w:doNotExpandShiftReturn/><w:adjustLineHeightInTable/><w:useFELayout/>'
                '<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>'
                '</w:compat><w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>'
                '<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/></w:settings>')
    fonts = (XML_DECL + '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
             + "".join(f'<w:font w:name="{n}"><w:charset w:val="{cs}"/><w:family w:val="{fam}"/><w:pitch w:val="variable"/></w:font>'
                       for n, cs, fam in [("Times New Roman", "00", "roman"), ("仿宋_GB2312", "86", "modern"),
                                          ("黑体", "86", "modern"), ("楷体_GB2312", "86", "modern"),
                                          ("方正小标宋简体", "86", "script")])
             + "</w:fonts>")
    text = doc_plain_text(doc)
    nchars = sum(1 for c in text if not c.isspace())
    core = (XML_DECL + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            + (f"<dc:title>{_x(title)}</dc:title>" if title else "")
            + f"<dc:creator>{_x(creator)}</dc:creator><cp:lastModifiedBy>{_x(last_by or creator)}</cp:lastModifiedBy>"
            f"<cp:revision>{revision}</cp:revision>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{_w3cdtf(created)}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{_w3cdtf(modified)}</dcterms:modified></cp:coreProperties>')
    appx = (XML_DECL + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
            'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
            f"<Template>Normal.dotm</Template><TotalTime>{7 + nchars % 53}</TotalTime><Pages>{1 + nchars // 600}</Pages>"
            f"<Words>{nchars // 2}</Words><Characters>{nchars}</Characters><Application>{_x(app)}</Application>"
            f"<DocSecurity>0</DocSecurity><Lines>{1 + nchars // 28}</Lines><Paragraphs>{len(doc.blocks)}</Paragraphs>"
            f"<ScaleCrop>false</ScaleCrop><Company>{_x(company)}</Company><LinksUpToDate>false</LinksUpToDate>"
            f"<CharactersWithSpaces>{nchars}</CharactersWithSpaces><SharedDoc>false</SharedDoc>"
            f"<HyperlinksChanged>false</HyperlinksChanged><AppVersion>{app_version}</AppVersion></Properties>")
    parts = [("[Content_Types].xml", ct), ("_rels/.rels", rels),
             ("word/document.xml", _document_xml(doc, sid, header, footer_page)),
             ("word/_rels/document.xml.rels", doc_rels)]
    if header:
        parts.append(("word/header1.xml", _hdr_ftr("header", _para(header_text, style=sid["header"]))))
    if footer_page:
        # GB/T 9704 §7.5: "— 1 —", 4号 half-width digits, a dash each side.
        fld = ('<w:p><w:pPr><w:pStyle w:val="{0}"/><w:ind w:left="280" w:right="280"/></w:pPr>'
               '<w:r><w:t xml:space="preserve">— </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
               '<w:r><w:instrText xml:space="preserve"> PAGE   \\* MERGEFORMAT </w:instrText></w:r>'
               '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>'
               '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p>').format(sid["footer"])
        parts.append(("word/footer1.xml", _hdr_ftr("footer", fld)))
    parts += [("word/styles.xml", _styles_xml(sid)), ("word/settings.xml", settings), ("word/fontTable.xml", fonts),
              ("docProps/core.xml", core), ("docProps/app.xml", appx)]
    return zip_bytes([(n, s.encode("utf-8")) for n, s in parts], DOCX_ZIP_TIME,
                     cached=frozenset({"word/styles.xml", "word/settings.xml", "word/fontTable.xml", "_rels/.rels"}))


_DEFLATE_CACHE: dict[bytes, tuple[int, bytes]] = {}


def _deflate(data: bytes, cache: bool = False) -> tuple[int, bytes]:
    """(crc32, raw deflate) of data; constant parts (styles.xml, settings.xml, ...) are cached."""
    if cache and data in _DEFLATE_CACHE:
        return _DEFLATE_CACHE[data]
    co = zlib.compressobj(6, zlib.DEFLATED, -15)
    r = (zlib.crc32(data) & 0xFFFFFFFF, co.compress(data) + co.flush())
    if cache:
        _DEFLATE_CACHE[data] = r
    return r


def zip_bytes(entries: list[tuple[str, bytes]], date_time=DOCX_ZIP_TIME, create_system: int = 0,
              cached: frozenset = frozenset()) -> bytes:
    """An ordinary ZIP of ASCII-named deflated entries with one fixed timestamp, as Word writes a
    .docx (every part dated 1980-01-01 00:00). Names in `cached` get their deflate memoised."""
    t = dt.datetime(*date_time)
    dtime, ddate = _dos_datetime(t)
    local, central = bytearray(), bytearray()
    for name, data in entries:
        nb = name.encode("ascii")
        crc, comp = _deflate(data, name in cached)
        off = len(local)
        local += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, dtime, ddate, crc, len(comp), len(data),
                             len(nb), 0) + nb + comp
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, (create_system << 8) | 20, 20, 0, 8, dtime, ddate, crc,
                               len(comp), len(data), len(nb), 0, 0, 0, 0, 0, off) + nb
    eocd = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), len(local), 0)
    return bytes(local + central + eocd)


# --------------------------------------------------------------------------------------------
# PDF 1.4, written by hand. Text uses the NON-embedded CID font STSong-Light with the
# UniGB-UCS2-H CMap (UTF-16BE hex strings), as iText-made government PDFs do; poppler maps the
# codes with poppler-data. Every xref offset is computed.
# --------------------------------------------------------------------------------------------
PAGE_W, PAGE_H = 595.28, 841.89
MM = 72 / 25.4
MARGIN_L, MARGIN_R, MARGIN_T, MARGIN_B = 28 * MM, 26 * MM, 37 * MM, 35 * MM
TEXT_W = PAGE_W - MARGIN_L - MARGIN_R


def _pdf_str_utf16(s: str) -> str:
    return "<FEFF" + s.encode("utf-16-be").hex().upper() + ">"


def _pdf_hex(s: str) -> str:
    return "<" + s.encode("utf-16-be").hex().upper() + ">"


def _char_w(c: str) -> float:
    return 0.5 if " " <= c <= "~" else 1.0


def _text_w(s: str, size: float) -> float:
    # ASCII is half width (/W [1 95 500]), everything else one em
    return (len(s) - 0.5 * len(s.encode("ascii", "ignore"))) * size


NO_LINE_START = set("，。、；：？！）》」』”’〕】,.;:?!)%")
NO_LINE_END = set("“‘（《「『〔【(")


def _tokens(s: str) -> list[str]:
    """Break opportunities: between CJK characters, never inside a run of ASCII letters/digits
    (2024, 51.40, ACS-30), never after an opening bracket or quote."""
    toks: list[str] = []
    for c in s:
        if toks and (("!" <= c <= "~" and "!" <= toks[-1][-1] <= "~") or toks[-1][-1] in NO_LINE_END
                     or c in NO_LINE_START):
            toks[-1] += c
        else:
            toks.append(c)
    return toks


def wrap(s: str, width: float, size: float, first_indent: float = 0.0) -> list[str]:
    lines, cur, w, limit = [], "", 0.0, width - first_indent
    for tok in _tokens(s):
        tw = _text_w(tok, size)
        if cur and w + tw > limit + 0.01:
            lines.append(cur)
            cur, w, limit = "", 0.0, width
        cur += tok
        w += tw
    if cur or not lines:
        lines.append(cur)
    return lines


class _PdfWriter:
    def __init__(self):
        self.objs: list[bytes | None] = []

    def reserve(self) -> int:
        self.objs.append(None)
        return len(self.objs)

    def set(self, num: int, body: bytes | str):
        self.objs[num - 1] = body.encode("latin-1") if isinstance(body, str) else body

    def add(self, body: bytes | str) -> int:
        n = self.reserve()
        self.set(n, body)
        return n

    def stream(self, data: bytes, extra: str = "", compress: bool = True) -> int:
        if compress:
            data = zlib.compress(data, 6)
            extra = "/Filter /FlateDecode " + extra
        return self.add(f"<< {extra}/Length {len(data)} >>\nstream\n".encode("latin-1") + data + b"\nendstream")

    def finish(self, root: int, info: int, file_id: bytes) -> bytes:
        out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for i, body in enumerate(self.objs, 1):
            offsets.append(len(out))
            out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
        xref = len(out)
        out += f"xref\n0 {len(self.objs) + 1}\n0000000000 65535 f \n".encode()
        for off in offsets:
            out += f"{off:010d} 00000 n \n".encode()
        fid = file_id.hex().upper()
        out += (f"trailer\n<< /Size {len(self.objs) + 1} /Root {root} 0 R /Info {info} 0 R "
                f"/ID [<{fid}> <{fid}>] >>\nstartxref\n{xref}\n%%EOF\n").encode()
        return bytes(out)


def _pdf_date(t: dt.datetime) -> str:
    return f"(D:{t:%Y%m%d%H%M%S}+08'00')"


def _info_obj(w: _PdfWriter, info: dict) -> int:
    parts = []
    for k in ("Title", "Author", "Subject", "Keywords", "Creator", "Producer"):
        if info.get(k):
            v = info[k]
            parts.append(f"/{k} " + (f"({v})" if v.isascii() else _pdf_str_utf16(v)))
    for k in ("CreationDate", "ModDate"):
        if info.get(k):
            parts.append(f"/{k} {_pdf_date(info[k])}")
    return w.add("<< " + " ".join(parts) + " >>")


def _pdf_name(name: str) -> str:
    """A PDF name object for `name` (PDF 32000-1 §7.3.5): bytes outside ! .. ~ and the delimiters as #xx."""
    out = "/"
    for b in name.encode("utf-8"):
        c = chr(b)
        out += c if 0x21 <= b <= 0x7E and c not in "#()<>[]{}/%" else f"#{b:02X}"
    return out


def _font_objs(w: _PdfWriter, font: str = "STSong-Light") -> int:
    """The text font, not embedded: Adobe-GB1, UniGB-UCS2-H, named `font` (as iText names STSong-Light;
    other producers write the name of the Windows font the text was set in, e.g. FangSong_GB2312)."""
    name = _pdf_name(font)
    desc = w.add(f"<< /Type /FontDescriptor /FontName {name} /Flags 4 /FontBBox [-25 -254 1000 880] "
                 "/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>")
    cid = w.add(f"<< /Type /Font /Subtype /CIDFontType0 /BaseFont {name} "
                "/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> "
                f"/FontDescriptor {desc} 0 R /DW 1000 /W [1 95 500] >>")
    return w.add(f"<< /Type /Font /Subtype /Type0 /BaseFont {name} /Encoding /UniGB-UCS2-H "
                 f"/DescendantFonts [{cid} 0 R] >>")


class _Page:
    def __init__(self):
        self.ops: list[str] = []

    def text(self, x: float, y: float, s: str, size: float):
        if s:
            self.ops.append(f"BT /F1 {size:g} Tf 1 0 0 1 {x:.2f} {y:.2f} Tm {_pdf_hex(s)} Tj ET")

    def line(self, x1, y1, x2, y2, width=0.6):
        self.ops.append(f"{width:g} w {x1:.2f} {y1:.2f} m {x2:.2f} {y2:.2f} l S")

    def seal(self, cx: float, cy: float, r: float = 42.0):
        """A red 公章 outline (ring + star), no text."""
        k = 0.5523 * r
        ops = [f"q 0.85 0.1 0.1 RG 0.85 0.1 0.1 rg 2.2 w {cx + r:.2f} {cy:.2f} m",
               f"{cx + r:.2f} {cy + k:.2f} {cx + k:.2f} {cy + r:.2f} {cx:.2f} {cy + r:.2f} c",
               f"{cx - k:.2f} {cy + r:.2f} {cx - r:.2f} {cy + k:.2f} {cx - r:.2f} {cy:.2f} c",
               f"{cx - r:.2f} {cy - k:.2f} {cx - k:.2f} {cy - r:.2f} {cx:.2f} {cy - r:.2f} c",
               f"{cx + k:.2f} {cy - r:.2f} {cx + r:.2f} {cy - k:.2f} {cx + r:.2f} {cy:.2f} c S"]
        pts = []
        for i in range(10):
            rr = r * (0.32 if i % 2 == 0 else 0.13)
            a = math.pi / 2 + i * math.pi / 5
            pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
        ops.append(f"{pts[0][0]:.2f} {pts[0][1]:.2f} m " + " ".join(f"{x:.2f} {y:.2f} l" for x, y in pts[1:]) + " h f Q")
        self.ops.extend(ops)

    def bytes(self) -> bytes:
        return ("\n".join(self.ops) + "\n").encode("latin-1")


def layout_pdf_pages(doc: Doc, body_size: float = 16.0, page_numbers: bool = True, seal: bool = False) -> list[_Page]:
    """GB/T 9704-ish layout: 3号 (16 pt) body, 22 lines per page, 2-character first-line indent."""
    pitch = (PAGE_H - MARGIN_T - MARGIN_B) / 22
    pages: list[_Page] = [_Page()]
    y = PAGE_H - MARGIN_T

    def need(h: float):
        nonlocal y
        if y - h < MARGIN_B - 2:
            pages.append(_Page())
            y = PAGE_H - MARGIN_T

    last_sign_y = None
    for b in doc.blocks:
        kind = b[0]
        if kind in ("org", "title"):
            size = 22.0 if kind == "title" else 18.0
            for ln in wrap(b[1], TEXT_W, size):
                need(pitch * 1.3)
                y -= pitch * 1.3
                pages[-1].text(MARGIN_L + (TEXT_W - _text_w(ln, size)) / 2, y, ln, size)
        elif kind == "docno":
            need(pitch)
            y -= pitch
            pages[-1].text(MARGIN_L + (TEXT_W - _text_w(b[1], body_size)) / 2, y, b[1], body_size)
        elif kind in ("p", "h1", "h2", "pl", "note"):
            size = 12.0 if kind == "note" else body_size
            ind = 0.0 if kind in ("pl", "note") else 2 * size
            for i, ln in enumerate(wrap(b[1], TEXT_W, size, ind)):
                need(pitch)
                y -= pitch if kind != "note" else pitch * 0.8
                pages[-1].text(MARGIN_L + (ind if i == 0 else 0), y, ln, size)
        elif kind == "sign":
            need(pitch)
            y -= pitch
            x = PAGE_W - MARGIN_R - 4 * body_size - _text_w(b[1], body_size)   # 右空四字
            pages[-1].text(max(MARGIN_L, x), y, b[1], body_size)
            last_sign_y = (pages[-1], x + _text_w(b[1], body_size) / 2, y)
        elif kind == "blank":
            need(pitch)
            y -= pitch
        elif kind == "table":
            rows, widths = b[1], (b[2] if len(b) > 2 else None)
            ncols = max(len(r) for r in rows)
            widths = widths or [1] * ncols
            colw = [TEXT_W * w_ / sum(widths) for w_ in widths]
            size, lp, pad = 12.0, 18.0, 5.0
            y -= pitch * 0.35
            for row in rows:
                cells = []
                for i, cell in enumerate(row):
                    span = ncols - len(row) + 1 if i == len(row) - 1 and len(row) < ncols else 1
                    cw = sum(colw[i:i + span])
                    lines = []
                    for part in (cell.split("\n") if cell else [""]):
                        lines += wrap(part, cw - 2 * pad, size)
                    cells.append((cw, lines))
                h = max(len(ls) for _, ls in cells) * lp + 2 * pad
                need(h)
                top = y
                x = MARGIN_L
                pg = pages[-1]
                pg.line(MARGIN_L, top, MARGIN_L + TEXT_W, top)
                pg.line(MARGIN_L, top - h, MARGIN_L + TEXT_W, top - h)
                for cw, lines in cells:
                    pg.line(x, top, x, top - h)
                    for k, ln in enumerate(lines):
                        pg.text(x + pad, top - pad - (k + 1) * lp + 4, ln, size)
                    x += cw
                pg.line(MARGIN_L + TEXT_W, top, MARGIN_L + TEXT_W, top - h)
                y = top - h
            y -= pitch * 0.4
    if seal and last_sign_y:
        pg, cx, cy = last_sign_y
        pg.seal(cx, cy + 8)
    if page_numbers and len(pages) > 0:
        for i, pg in enumerate(pages, 1):
            s = f"— {i} —"
            yb = MARGIN_B - 7 * MM - 14
            x = PAGE_W - MARGIN_R - 14 - _text_w(s, 14) if i % 2 else MARGIN_L + 14
            pg.text(x, yb, s, 14)
    return pages


def build_pdf(doc: Doc, *, info: dict | None = None, seal: bool = False, page_numbers: bool = True,
              font: str = "STSong-Light") -> bytes:
    info = dict(info or {})
    info.setdefault("Producer", "iText 2.1.7 by 1T3XT")
    pages = layout_pdf_pages(doc, seal=seal, page_numbers=page_numbers)
    w = _PdfWriter()
    catalog = w.reserve()
    pages_obj = w.reserve()
    font = _font_objs(w, font)
    kids = []
    for pg in pages:
        content = w.stream(pg.bytes())
        kids.append(w.add(f"<< /Type /Page /Parent {pages_obj} 0 R /MediaBox [0 0 {PAGE_W:g} {PAGE_H:g}] "
                          f"/Resources << /Font << /F1 {font} 0 R >> /ProcSet [/PDF /Text] >> /Contents {content} 0 R >>"))
    w.set(pages_obj, f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>")
    w.set(catalog, f"<< /Type /Catalog /Pages {pages_obj} 0 R >>")
    info_n = _info_obj(w, info)
    fid = zlib.crc32(doc_plain_text(doc).encode()).to_bytes(4, "big") * 4
    return w.finish(catalog, info_n, fid)


def build_scanned_pdf(gray: bytes, width: int, height: int, *, info: dict | None = None,
                      compressed: bytes | None = None) -> bytes:
    """One A4 page holding only a full-page 8-bit DeviceGray /FlateDecode image; no text, no font."""
    info = dict(info or {})
    info.setdefault("Producer", "Scan2PDF 3.2")
    info.setdefault("Creator", "MFP Scan to Folder")
    data = compressed if compressed is not None else zlib.compress(gray, 6)
    w = _PdfWriter()
    catalog = w.reserve()
    pages_obj = w.reserve()
    img = w.stream(data, f"/Type /XObject /Subtype /Image /Width {width} /Height {height} "
                         "/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode ", compress=False)
    content = w.stream(f"q {PAGE_W:g} 0 0 {PAGE_H:g} 0 0 cm /Im1 Do Q\n".encode())
    page = w.add(f"<< /Type /Page /Parent {pages_obj} 0 R /MediaBox [0 0 {PAGE_W:g} {PAGE_H:g}] "
                 f"/Resources << /XObject << /Im1 {img} 0 R >> /ProcSet [/PDF /ImageB] >> /Contents {content} 0 R >>")
    w.set(pages_obj, f"<< /Type /Pages /Kids [{page} 0 R] /Count 1 >>")
    w.set(catalog, f"<< /Type /Catalog /Pages {pages_obj} 0 R >>")
    info_n = _info_obj(w, info)
    return w.finish(catalog, info_n, zlib.crc32(data).to_bytes(4, "big") * 4)


# --------------------------------------------------------------------------------------------
# Raster images: a procedural "scanned page" (8-bit gray), a baseline JPEG encoder with a
# hand-written Exif APP1 segment, and PNG via zlib.
# --------------------------------------------------------------------------------------------
class Gray:
    def __init__(self, w: int, h: int, bg: int = 238):
        self.w, self.h = w, h
        self.px = bytearray([bg]) * (w * h)

    def rect(self, x0: int, y0: int, x1: int, y1: int, v: int):
        x0, x1 = max(0, x0), min(self.w, x1)
        if x1 <= x0:
            return
        row = bytes([v]) * (x1 - x0)
        for y in range(max(0, y0), min(self.h, y1)):
            o = y * self.w
            self.px[o + x0:o + x1] = row

    def dot(self, x: int, y: int, v: int):
        if 0 <= x < self.w and 0 <= y < self.h:
            self.px[y * self.w + x] = v


def _glyph(img: Gray, rng: random.Random, x: int, y: int, s: int, ink: int):
    """A fake hanzi: 3-5 strokes inside an s x s cell."""
    t = max(1, s // 9)
    for _ in range(rng.randint(3, 5)):
        if rng.random() < 0.55:
            yy = y + rng.randint(1, s - 2)
            xa = x + rng.randint(0, s // 3)
            img.rect(xa, yy, xa + rng.randint(s // 3, s - (xa - x)), yy + t, ink)
        else:
            xx = x + rng.randint(1, s - 2)
            ya = y + rng.randint(0, s // 3)
            img.rect(xx, ya, xx + t, ya + rng.randint(s // 3, s - (ya - y)), ink)


def _text_line(img: Gray, rng: random.Random, x: int, y: int, nchars: int, s: int, ink: int = 40):
    for i in range(nchars):
        if rng.random() < 0.06:
            continue
        _glyph(img, rng, x + i * (s + s // 6), y, s, ink + rng.randint(-15, 15))


def make_scan_image(rng: random.Random, width: int = 827, height: int = 1169, form: bool = True) -> bytes:
    """A gray 'scanned 送达回证': title, a ruled table with handwriting-like strokes, a seal, speckles,
    a binding shadow on the left and scanner banding. A4 at 100 dpi."""
    img = Gray(width, height, 238)
    for y in range(0, height, 37):                               # lamp banding
        img.rect(0, y, width, y + 3, 233)
    img.rect(0, 0, 18, height, 205)                              # binding shadow / edge
    img.rect(18, 0, 24, height, 222)
    _text_line(img, rng, width // 2 - 5 * 30, 90, 9, 26, 30)      # title
    _text_line(img, rng, width // 2 - 6 * 16, 140, 11, 14, 50)    # number line
    if form:
        top, left, right = 190, 90, width - 80
        rows = [60, 60, 60, 90, 130, 60, 60, 160]
        y = top
        img.rect(left, y, right, y + 2, 30)
        for h in rows:
            y += h
            img.rect(left, y, right, y + 2, 30)
        img.rect(left, top, left + 2, y, 30)
        img.rect(right - 2, top, right, y, 30)
        img.rect(left + 170, top, left + 172, y, 30)
        yy = top
        for h in rows:
            _text_line(img, rng, left + 14, yy + h // 2 - 8, rng.randint(4, 6), 16, 45)
            _text_line(img, rng, left + 190, yy + h // 2 - 8, rng.randint(6, 20), 16, 70)  # handwriting-ish
            yy += h
        # a signature: a thick wavy stroke
        for i in range(220):
            xs = left + 300 + i
            ys = int(yy - 60 + 14 * math.sin(i / 9.0) + 6 * math.sin(i / 3.1))
            img.rect(xs, ys, xs + 2, ys + 3, 60)
        bottom = y + 60
    else:
        bottom = 200
        for k in range(26):
            _text_line(img, rng, 110 if k % 6 else 140, bottom + k * 34, rng.randint(18, 36), 16, 40)
        bottom += 26 * 34 + 20
    # seal (red in the original: mid gray in a gray scan) over the date
    cx, cy, r = width - 230, min(height - 120, bottom + 30), 62
    for dy in range(-r, r + 1):
        outer = int(math.sqrt(max(0, r * r - dy * dy)))
        inner2 = (r - 5) ** 2 - dy * dy
        inner = int(math.sqrt(inner2)) if inner2 > 0 else -1
        if inner < 0:
            img.rect(cx - outer, cy + dy, cx + outer, cy + dy + 1, 150)
        else:
            img.rect(cx - outer, cy + dy, cx - inner, cy + dy + 1, 150)
            img.rect(cx + inner, cy + dy, cx + outer, cy + dy + 1, 150)
    img.rect(cx - 14, cy - 14, cx + 14, cy + 14, 155)
    _text_line(img, rng, cx - 90, cy + 40, 11, 15, 60)           # date under the seal
    for _ in range(1400):                                         # dust
        img.dot(rng.randrange(width), rng.randrange(height), rng.randint(60, 200))
    return bytes(img.px)


# ---- PNG -----------------------------------------------------------------------------------
def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def build_png(width: int, height: int, pixels: bytes, *, color: str = "rgb", text: dict | None = None) -> bytes:
    ct, bpp = {"gray": (0, 1), "rgb": (2, 3)}[color]
    stride = width * bpp
    raw = b"".join(b"\x00" + pixels[y * stride:(y + 1) * stride] for y in range(height))
    out = b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, ct, 0, 0, 0))
    for k, v in (text or {}).items():
        out += _png_chunk(b"tEXt", k.encode("latin-1") + b"\x00" + v.encode("latin-1"))
    out += _png_chunk(b"IDAT", zlib.compress(raw, 9)) + _png_chunk(b"IEND", b"")
    return out


class RGB:
    def __init__(self, w: int, h: int, bg=(255, 255, 255)):
        self.w, self.h = w, h
        self.px = bytearray(bytes(bg) * (w * h))

    def rect(self, x0, y0, x1, y1, c):
        x0, x1 = max(0, x0), min(self.w, x1)
        if x1 <= x0:
            return
        row = bytes(c) * (x1 - x0)
        for y in range(max(0, y0), min(self.h, y1)):
            o = (y * self.w + x0) * 3
            self.px[o:o + len(row)] = row


def make_screenshot(rng: random.Random, width: int = 960, height: int = 640) -> bytes:
    """A browser screenshot of a credit-information page: blue bar, fields, a table."""
    img = RGB(width, height, (245, 246, 248))
    img.rect(0, 0, width, 34, (222, 225, 230))                    # browser chrome
    img.rect(90, 8, width - 120, 27, (255, 255, 255))
    img.rect(0, 34, width, 96, (22, 93, 170))                     # site banner
    for i in range(12):
        img.rect(40 + i * 26, 52, 62 + i * 26, 76, (240, 244, 250))
    img.rect(30, 110, width - 30, height - 20, (255, 255, 255))
    y = 130
    for k in range(7):
        img.rect(60, y, 170, y + 14, (110, 110, 110))
        img.rect(200, y, 200 + rng.randint(160, 480), y + 14, (40, 40, 40))
        y += 34
    img.rect(60, y + 10, width - 60, y + 12, (200, 200, 200))
    for r in range(6):
        yy = y + 24 + r * 30
        img.rect(60, yy, width - 60, yy + 1, (220, 220, 220))
        for c in range(4):
            img.rect(70 + c * 210, yy + 9, 70 + c * 210 + rng.randint(60, 170), yy + 21,
                     (90, 90, 90) if r else (20, 20, 20))
    return bytes(img.px)


def make_photo(rng: random.Random, width: int = 640, height: int = 480, scene: str = "shelf") -> bytes:
    """An evidence photo: a shop shelf with goods, a scale, or a kitchen sink. RGB bytes."""
    img = RGB(width, height, (200, 196, 188))
    for y in range(0, height, 4):                                 # wall gradient
        v = 210 - y * 60 // height
        img.rect(0, y, width, y + 4, (v, v - 4, v - 12))
    if scene == "shelf":
        for s in range(4):
            base = 60 + s * (height - 80) // 4
            img.rect(0, base + 90, width, base + 104, (120, 84, 48))
            x = rng.randint(0, 20)
            while x < width - 30:
                w_ = rng.randint(30, 70)
                h_ = rng.randint(45, 88)
                col = (rng.randint(30, 230), rng.randint(30, 230), rng.randint(30, 230))
                img.rect(x, base + 90 - h_, x + w_, base + 90, col)
                img.rect(x + 5, base + 90 - h_ + 10, x + w_ - 5, base + 90 - h_ + 24, (240, 240, 235))
                x += w_ + rng.randint(2, 10)
    elif scene == "scale":
        img.rect(0, height * 2 // 3, width, height, (150, 150, 155))   # counter
        img.rect(180, 200, 460, 330, (235, 235, 240))                    # scale body
        img.rect(200, 215, 440, 260, (30, 60, 40))                       # display
        for i in range(6):
            img.rect(215 + i * 36, 225, 240 + i * 36, 250, (90, 230, 120))
        img.rect(150, 170, 490, 200, (200, 200, 205))                    # pan
        img.rect(470, 290, 520, 320, (250, 210, 40))                     # sticker (label)
    else:  # kitchen
        img.rect(0, height // 2, width, height, (180, 182, 186))
        img.rect(80, height // 2 + 20, 360, height // 2 + 140, (150, 155, 160))
        for i in range(9):
            img.rect(400 + i * 22, 190, 416 + i * 22, 300, (235, 235, 230))
    # sensor noise: a few thousand speckles keep each photo distinct
    px = img.px
    for _ in range(width * height // 40):
        o = rng.randrange(width * height) * 3
        d = rng.randint(-18, 18)
        for k in range(3):
            px[o + k] = min(255, max(0, px[o + k] + d))
    return bytes(px)


# ---- JPEG (baseline, YCbCr 4:2:0, Annex K tables) -------------------------------------------
_ZIGZAG = [0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6,
           7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31,
           39, 46, 53, 60, 61, 54, 47, 55, 62, 63]
_QL = [16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56,
       14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92,
       49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99]
_QC = [17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99, 24, 26, 56, 99, 99, 99, 99, 99,
       47, 66, 99, 99, 99, 99, 99, 99] + [99] * 32
_DC_L = ([0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0], list(range(12)))
_DC_C = ([0, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0], list(range(12)))
_AC_L = ([0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7d], bytes.fromhex(
    "01020300041105122131410613516107227114328191a1082342b1c11552d1f02433627282090a161718191a25262728292a3435363738"
    "393a434445464748494a535455565758595a636465666768696a737475767778797a838485868788898a92939495969798999aa2a3a4a5"
    "a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5e6e7e8e9eaf1f2f3f4f5f6f7f8f9fa"))
_AC_C = ([0, 2, 1, 2, 4, 4, 3, 4, 7, 5, 4, 4, 0, 1, 2, 0x77], bytes.fromhex(
    "000102031104052131061241510761711322328108144291a1b1c109233352f0156272d10a162434e125f11718191a262728292a353637"
    "38393a434445464748494a535455565758595a636465666768696a737475767778797a82838485868788898a92939495969798999aa2a3"
    "a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae2e3e4e5e6e7e8e9eaf2f3f4f5f6f7f8f9fa"))
_DCT = [[(math.sqrt(0.5) if u == 0 else 1.0) * 0.5 * math.cos((2 * x + 1) * u * math.pi / 16) for x in range(8)]
        for u in range(8)]


def _huff_codes(spec):
    bits, vals = spec
    assert sum(bits) == len(vals)
    codes, code, k = {}, 0, 0
    for length in range(1, 17):
        for _ in range(bits[length - 1]):
            codes[vals[k]] = (code, length)
            code += 1
            k += 1
        code <<= 1
    return codes


def _scaled_q(q, quality):
    s = 5000 // quality if quality < 50 else 200 - 2 * quality
    return [min(255, max(1, (v * s + 50) // 100)) for v in q]


def _make_dct1d():
    """Straight-line 8-point DCT-II (orthonormal, x0.5 scale folded in): ~4x faster than loops."""
    terms = []
    for u in range(8):
        terms.append("+".join(f"{_DCT[u][x]!r}*a{x}" for x in range(8)))
    src = "def _dct1d(a0,a1,a2,a3,a4,a5,a6,a7):\n    return (" + ",".join(terms) + ")\n"
    ns: dict = {}
    exec(src, ns)
    return ns["_dct1d"]


_dct1d = _make_dct1d()


def _fdct_quant(block: list[float], q: list[int]) -> list[int]:
    rows = [_dct1d(*block[r * 8:r * 8 + 8]) for r in range(8)]
    cols = [_dct1d(*[rows[r][u] for r in range(8)]) for u in range(8)]   # cols[u][v] = F(v, u)
    out = [0] * 64
    for i, z in enumerate(_ZIGZAG):
        v, u = divmod(z, 8)
        out[i] = int(round(cols[u][v] / q[z]))
    return out


class _BitWriter:
    def __init__(self):
        self.out = bytearray()
        self.acc = 0
        self.n = 0

    def put(self, code: int, length: int):
        self.acc = (self.acc << length) | code
        self.n += length
        while self.n >= 8:
            self.n -= 8
            b = (self.acc >> self.n) & 0xFF
            self.out.append(b)
            if b == 0xFF:
                self.out.append(0)
        self.acc &= (1 << self.n) - 1

    def flush(self):
        if self.n:
            self.put((1 << (8 - self.n)) - 1, 8 - self.n)


def _encode_block(bw: _BitWriter, zz: list[int], prev_dc: int, dc_codes, ac_codes) -> int:
    diff = zz[0] - prev_dc
    s = abs(diff).bit_length()
    bw.put(*dc_codes[s])
    if s:
        bw.put(diff if diff > 0 else diff + (1 << s) - 1, s)
    run = 0
    for k in range(1, 64):
        v = zz[k]
        if v == 0:
            run += 1
            continue
        while run > 15:
            bw.put(*ac_codes[0xF0])
            run -= 16
        s = abs(v).bit_length()
        bw.put(*ac_codes[(run << 4) | s])
        bw.put(v if v > 0 else v + (1 << s) - 1, s)
        run = 0
    if run:
        bw.put(*ac_codes[0x00])
    return zz[0]


def _segment(marker: int, payload: bytes) -> bytes:
    return struct.pack(">HH", 0xFF00 | marker, len(payload) + 2) + payload


def build_jpeg(width: int, height: int, rgb: bytes, *, quality: int = 80, exif: bytes | None = None) -> bytes:
    """Baseline sequential JPEG, 3 components, 4:2:0 subsampling, standard Huffman tables.
    exif: an APP1 payload from build_exif() (then no JFIF APP0, like a camera)."""
    W16, H16 = (width + 15) // 16 * 16, (height + 15) // 16 * 16
    Y = [0.0] * (W16 * H16)
    Cb = [0.0] * (W16 * H16)
    Cr = [0.0] * (W16 * H16)
    for y in range(H16):
        sy = min(y, height - 1)
        for x in range(W16):
            o = (sy * width + min(x, width - 1)) * 3
            r, g, b = rgb[o], rgb[o + 1], rgb[o + 2]
            i = y * W16 + x
            Y[i] = 0.299 * r + 0.587 * g + 0.114 * b - 128
            Cb[i] = -0.168736 * r - 0.331264 * g + 0.5 * b
            Cr[i] = 0.5 * r - 0.418688 * g - 0.081312 * b
    ql, qc = _scaled_q(_QL, quality), _scaled_q(_QC, quality)
    dcl, dcc, acl, acc = (_huff_codes(_DC_L), _huff_codes(_DC_C), _huff_codes(_AC_L), _huff_codes(_AC_C))
    bw = _BitWriter()
    py = pcb = pcr = 0
    for my in range(0, H16, 16):
        for mx in range(0, W16, 16):
            for by, bx in ((0, 0), (0, 8), (8, 0), (8, 8)):
                blk = [Y[(my + by + r) * W16 + mx + bx + c] for r in range(8) for c in range(8)]
                py = _encode_block(bw, _fdct_quant(blk, ql), py, dcl, acl)
            for plane, which in ((Cb, 0), (Cr, 1)):
                blk = []
                for r in range(8):
                    o0 = (my + 2 * r) * W16 + mx
                    o1 = o0 + W16
                    for c in range(8):
                        blk.append((plane[o0 + 2 * c] + plane[o0 + 2 * c + 1] + plane[o1 + 2 * c] + plane[o1 + 2 * c + 1]) / 4)
                if which == 0:
                    pcb = _encode_block(bw, _fdct_quant(blk, qc), pcb, dcc, acc)
                else:
                    pcr = _encode_block(bw, _fdct_quant(blk, qc), pcr, dcc, acc)
    bw.flush()
    out = bytearray(b"\xff\xd8")
    if exif is not None:
        out += _segment(0xE1, exif)
    else:
        out += _segment(0xE0, b"JFIF\x00\x01\x01\x01\x00\x48\x00\x48\x00\x00")
    out += _segment(0xDB, b"\x00" + bytes(ql[z] for z in _ZIGZAG) + b"\x01" + bytes(qc[z] for z in _ZIGZAG))
    out += _segment(0xC0, struct.pack(">BHHB", 8, height, width, 3) + bytes([1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]))
    for cls_id, spec in ((0x00, _DC_L), (0x10, _AC_L), (0x01, _DC_C), (0x11, _AC_C)):
        out += _segment(0xC4, bytes([cls_id]) + bytes(spec[0]) + bytes(spec[1]))
    out += _segment(0xDA, bytes([3, 1, 0x00, 2, 0x11, 3, 0x11, 0, 63, 0]))
    out += bw.out + b"\xff\xd9"
    return bytes(out)


def _ifd(entries: list[tuple[int, int, int, bytes]], base: int, next_ifd: int = 0) -> tuple[bytes, bytes]:
    """TIFF IFD (little endian) at offset `base`; returns (ifd bytes, trailing data area)."""
    entries = sorted(entries)
    data_off = base + 2 + 12 * len(entries) + 4
    head = struct.pack("<H", len(entries))
    data = b""
    for tag, typ, count, val in entries:
        if len(val) <= 4:
            head += struct.pack("<HHI", tag, typ, count) + val.ljust(4, b"\x00")
        else:
            head += struct.pack("<HHII", tag, typ, count, data_off + len(data))
            data += val + (b"\x00" if len(val) % 2 else b"")
    return head + struct.pack("<I", next_ifd), data


def build_exif(taken: dt.datetime, *, make: str = "ZFJLY", model: str = "DSJ-V5 Recorder", width: int = 640,
               height: int = 480, gps: tuple[float, float] | None = (24.3817, 112.9826)) -> bytes:
    """APP1 payload: 'Exif\\0\\0' + little-endian TIFF with IFD0 (Make, Model, Orientation, resolution,
    DateTime), an Exif IFD (ExifVersion, DateTimeOriginal, DateTimeDigitized, OffsetTimeOriginal,
    pixel dimensions) and optionally a GPS IFD."""
    def ascii_(s):
        b = s.encode("ascii") + b"\x00"
        return (2, len(b), b)
    def short(v):
        return (3, 1, struct.pack("<H", v))
    def long_(v):
        return (4, 1, struct.pack("<I", v))
    def rat(*pairs):
        return (5, len(pairs), b"".join(struct.pack("<II", a, b) for a, b in pairs))
    stamp = taken.strftime("%Y:%m:%d %H:%M:%S")
    # sizes are needed up front: build IFD0 with placeholder pointers, then fix them.
    ifd0_tags = [(0x010F, *ascii_(make)), (0x0110, *ascii_(model)), (0x0112, *short(1)),
                 (0x011A, *rat((72, 1))), (0x011B, *rat((72, 1))), (0x0128, *short(2)),
                 (0x0132, *ascii_(stamp)), (0x8769, *long_(0))]
    if gps:
        ifd0_tags.append((0x8825, *long_(0)))
    ifd0, d0 = _ifd(ifd0_tags, 8)
    exif_off = 8 + len(ifd0) + len(d0)
    exif_tags = [(0x9000, 7, 4, b"0230"), (0x9003, *ascii_(stamp)), (0x9004, *ascii_(stamp)),
                 (0x9011, *ascii_("+08:00")), (0xA001, *short(1)),
                 (0xA002, *long_(width)), (0xA003, *long_(height))]
    eifd, de = _ifd(exif_tags, exif_off)
    gps_off = exif_off + len(eifd) + len(de)
    ifd0_tags = [t if t[0] not in (0x8769, 0x8825) else (t[0], 4, 1, struct.pack("<I", exif_off if t[0] == 0x8769 else gps_off))
                 for t in ifd0_tags]
    ifd0, d0 = _ifd(ifd0_tags, 8)
    tiff = b"II*\x00" + struct.pack("<I", 8) + ifd0 + d0 + eifd + de
    if gps:
        def dms(v):
            d = int(v)
            m = int((v - d) * 60)
            s = round(((v - d) * 60 - m) * 60 * 100)
            return rat((d, 1), (m, 1), (s, 100))
        gifd, dg = _ifd([(0x0000, 1, 4, b"\x02\x03\x00\x00"), (0x0001, *ascii_("N")), (0x0002, *dms(gps[0])),
                         (0x0003, *ascii_("E")), (0x0004, *dms(gps[1]))], gps_off)
        tiff += gifd + dg
    return b"Exif\x00\x00" + tiff


def replace_exif(jpeg: bytes, exif: bytes) -> bytes:
    """Swap the APP0/APP1 segments after SOI for a new Exif APP1 (cheap variation of one photo)."""
    i = 2
    while jpeg[i] == 0xFF and jpeg[i + 1] in (0xE0, 0xE1):
        i += 2 + struct.unpack(">H", jpeg[i + 2:i + 4])[0]
    return b"\xff\xd8" + _segment(0xE1, exif) + jpeg[i:]


# --------------------------------------------------------------------------------------------
# Containers and junk
# --------------------------------------------------------------------------------------------
def _dos_datetime(t: dt.datetime) -> tuple[int, int]:
    return (t.hour << 11) | (t.minute << 5) | (t.second // 2), ((t.year - 1980) << 9) | (t.month << 5) | t.day


def build_gbk_zip(entries: list[tuple[str, bytes | None, dt.datetime]]) -> bytes:
    """A ZIP as Windows Explorer's 'Send to > Compressed folder' writes it on a Chinese Windows:
    entry names in GBK (code page 936), general-purpose flag bit 11 NOT set, no 0x7075 Unicode
    path extra field, 'version made by' host 0 (MS-DOS). Directory entries end in '/', data is
    raw deflate (zlib wbits=-15). Written by hand with struct: zipfile always flags UTF-8 names."""
    local, central = bytearray(), bytearray()
    for name, data, t in entries:
        nb = name.encode("gbk")
        dtime, ddate = _dos_datetime(t)
        if data is None:
            method, crc, comp, usize, attr = 0, 0, b"", 0, 0x10
        else:
            co = zlib.compressobj(6, zlib.DEFLATED, -15)
            comp = co.compress(data) + co.flush()
            method, crc, usize, attr = 8, zlib.crc32(data) & 0xFFFFFFFF, len(data), 0x20
        off = len(local)
        local += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, dtime, ddate, crc, len(comp), usize,
                             len(nb), 0) + nb + comp
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, dtime, ddate, crc, len(comp),
                               usize, len(nb), 0, 0, 0, 0, attr, off) + nb
    eocd = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), len(local), 0)
    return bytes(local + central + eocd)


def build_cfb(streams: list[tuple[str, bytes]], storages: list[str] = ()) -> bytes:
    """A Compound File Binary (OLE2, v3, 512-byte sectors) holding the given streams. Streams are
    padded to >= 4096 bytes so no mini stream is needed. Good enough for 'what is this file'."""
    SECT, ENDC, FREE, FATS, NOS = 512, 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
    streams = [(n, d if len(d) >= 4096 else d + b"\x00" * (4096 - len(d))) for n, d in streams]
    entries = [(n, 2, d) for n, d in streams] + [(n, 1, b"") for n in storages]
    entries.sort(key=lambda e: (len(e[0]), e[0].upper()))
    ndir = (len(entries) + 1 + 3) // 4
    data_start = 1 + ndir
    fat = [FATS] + [data_start if False else 0] * 0
    fat = [FATS]
    for i in range(ndir):
        fat.append(1 + i + 1 if i < ndir - 1 else ENDC)
    starts, sect = [], data_start
    for n, typ, d in entries:
        if typ != 2:
            starts.append(ENDC)
            continue
        k = (len(d) + SECT - 1) // SECT
        starts.append(sect)
        fat += [sect + j + 1 for j in range(k - 1)] + [ENDC]
        sect += k
    assert len(fat) <= 128, "one FAT sector only"
    fat += [FREE] * (128 - len(fat))

    def dirent(name, typ, left, right, child, start, size):
        nb = (name.encode("utf-16-le") + b"\x00\x00") if name else b""
        return (nb.ljust(64, b"\x00") + struct.pack("<HBBIII", len(nb), typ, 1, left, right, child) + b"\x00" * 16
                + struct.pack("<I", 0) + b"\x00" * 16 + struct.pack("<IQ", start, size))
    # a right-leaning chain of siblings in compare order (readers do not check red-black balance)
    dirs = dirent("Root Entry", 5, NOS, NOS, 1 if entries else NOS, ENDC, 0)
    for i, (n, typ, d) in enumerate(entries):
        dirs += dirent(n, typ, NOS, i + 2 if i + 1 < len(entries) else NOS, NOS, starts[i], len(d) if typ == 2 else 0)
    dirs = dirs.ljust(ndir * SECT, b"\x00")
    for k in range(len(entries) + 1, ndir * 4):
        o = k * 128
        dirs = dirs[:o] + dirent("", 0, NOS, NOS, NOS, 0, 0) + dirs[o + 128:]
    hdr = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
           + b"\x00" * 6 + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, ENDC, 0, ENDC, 0)
           + struct.pack("<I", 0) + struct.pack("<I", FREE) * 108)
    assert len(hdr) == 512
    body = struct.pack("<128I", *fat) + dirs
    for n, typ, d in entries:
        if typ == 2:
            body += d.ljust((len(d) + SECT - 1) // SECT * SECT, b"\x00")
    return hdr + body


def build_encrypted_docx(rng: random.Random) -> bytes:
    """What Word writes for a password-protected .docx: an OLE container (not a ZIP) with
    EncryptionInfo (agile, version 4.4) and EncryptedPackage streams."""
    import base64
    b64 = lambda n: base64.b64encode(bytes(rng.randrange(256) for _ in range(n))).decode()
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
           '<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption" '
           'xmlns:p="http://schemas.microsoft.com/office/2006/keyEncryptor/password" '
           'xmlns:c="http://schemas.microsoft.com/office/2006/keyEncryptor/certificate">'
           f'<keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" '
           f'cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="{b64(16)}"/>'
           f'<dataIntegrity encryptedHmacKey="{b64(64)}" encryptedHmacValue="{b64(64)}"/>'
           '<keyEncryptors><keyEncryptor uri="http://schemas.microsoft.com/office/2006/keyEncryptor/password">'
           f'<p:encryptedKey spinCount="100000" saltSize="16" blockSize="16" keyBits="256" hashSize="64" '
           f'cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="{b64(16)}" '
           f'encryptedVerifierHashInput="{b64(16)}" encryptedVerifierHashValue="{b64(64)}" '
           f'encryptedKeyValue="{b64(32)}"/></keyEncryptor></keyEncryptors></encryption>')
    info = struct.pack("<HHI", 4, 4, 0x40) + xml.encode()
    info += b" " * (4096 - len(info))
    pkg = struct.pack("<Q", 9876) + bytes(rng.randrange(256) for _ in range(10240))
    space_map = struct.pack("<II", 8, 1) + b"\x00" * 40
    return build_cfb([("EncryptionInfo", info), ("EncryptedPackage", pkg), ("\x06DataSpaces", space_map)])


def build_owner_file(user: str) -> bytes:
    """Word's '~$name.docx' lock file: 162 bytes, user name in ANSI (GBK) then UTF-16LE."""
    a = user.encode("gbk")[:53]
    u = user.encode("utf-16-le")
    out = bytes([len(a)]) + a.ljust(53, b" ") + struct.pack("<H", len(user)) + u
    out = out.ljust(162, b"\x20\x00"[:1])
    return out[:162]


def build_thumbs_db(rng: random.Random) -> bytes:
    return build_cfb([("Catalog", struct.pack("<HHI", 16, 7, 3) + b"\x00" * 64),
                      ("1", bytes(rng.randrange(256) for _ in range(5000))),
                      ("2", bytes(rng.randrange(256) for _ in range(4200)))])


def build_ds_store() -> bytes:
    head = b"\x00\x00\x00\x01Bud1" + struct.pack(">III", 0x1000, 0x800, 0x1000) + b"\x00" * 16
    body = head.ljust(0x1000, b"\x00") + b"\x00\x00\x00\x01\x00\x00\x00\x00DSDB\x00\x00\x00\x01"
    return body.ljust(6148, b"\x00")


# --------------------------------------------------------------------------------------------
# Inspection records (XML, urn:lianghua:inspection-record:1) and the Excel-exported 台账 (CSV)
# --------------------------------------------------------------------------------------------
INSPECTION_NS = "urn:lianghua:inspection-record:1"


def build_inspection_xml(records: list[dict], encoding: str = "UTF-8", newline: str = "\n") -> bytes:
    """records: dicts with id, subject, code, address, inspected (ISO), recorded (ISO date),
    officers [(name, cert)], content, result, measures."""
    L = [f'<?xml version="1.0" encoding="{encoding}"?>', f'<检查记录集 xmlns="{INSPECTION_NS}">']
    for r in records:
        L.append(f'  <检查记录 编号="{_x(r["id"])}">')
        L.append(f'    <检查对象>{_x(r["subject"])}</检查对象>')
        L.append(f'    <统一社会信用代码>{_x(r["code"])}</统一社会信用代码>')
        L.append(f'    <地址>{_x(r["address"])}</地址>')
        L.append(f'    <检查时间>{r["inspected"]}</检查时间>')
        L.append(f'    <记录时间>{r["recorded"]}</记录时间>')
        L.append("    <检查人员>")
        for name, cert in r["officers"]:
            L.append(f"      <人员><姓名>{_x(name)}</姓名><执法证号>{cert}</执法证号></人员>")
        L.append("    </检查人员>")
        L.append(f'    <检查内容>{_x(r["content"])}</检查内容>')
        L.append(f'    <检查结果>{_x(r["result"])}</检查结果>')
        L.append(f'    <处理措施>{_x(r["measures"])}</处理措施>')
        L.append("  </检查记录>")
    L.append("</检查记录集>")
    return (newline.join(L) + newline).encode("gbk" if encoding.upper() in ("GBK", "GB2312", "GB18030") else "utf-8")


REGISTER_HEADER = ["序号", "检查对象", "统一社会信用代码", "地址", "检查时间", "检查人员", "执法证号", "检查内容", "检查结果", "处理措施"]


def build_register_csv(rows: list[list[str]], encoding: str = "gbk") -> bytes:
    """Excel 'CSV (逗号分隔)' on Chinese Windows: GBK, CRLF row ends, a field is quoted only when it
    holds a comma, a quote or a line break (an Alt+Enter break inside a cell is a bare LF)."""
    def q(f: str) -> str:
        return '"' + f.replace('"', '""') + '"' if any(c in f for c in ',"\n\r') else f
    text = "".join(",".join(q(f) for f in row) + "\r\n" for row in [REGISTER_HEADER] + rows)
    return text.encode(encoding)


# --------------------------------------------------------------------------------------------
# Cases and their 文书 (texts follow the 2021 范本 headings; every fact is invented)
# --------------------------------------------------------------------------------------------
@dataclass
class Party:
    name: str
    kind: str                 # "company" | "individual" (个体工商户)
    code: str                 # 统一社会信用代码
    address: str
    rep: str                  # 法定代表人 / 经营者
    rep_id: str
    rep_sex: str
    rep_phone: str
    subject_type: str
    short: str = ""

    @property
    def rep_title(self) -> str:
        return "法定代表人" if self.kind == "company" else "经营者"


@dataclass
class Case:
    year: int
    num: int
    party: Party
    cause: str                # 案由, without 涉嫌 and without 案
    source: str
    officers: list
    dates: dict               # source, open, inspect(start,end), inquiry(start,end), report, review, notice, decision, service, close
    onsite: str               # 现场情况 (no judgement words, except where a case means to break the rule)
    qa: list
    facts: list
    evidence: list
    law_violated: str
    law_basis: str
    discretion: str
    penalties: list           # lines of the decision
    fine: int
    confiscated_income: str = ""
    place: str = ""
    no_style: dict = field(default_factory=dict)      # doc key -> case_no style
    date_style: dict = field(default_factory=dict)    # doc key -> date_ar|date_cn|date_dot|date_pad
    hearing: bool = False
    execution: str = ""
    approver: tuple = ("罗振华", "副局长")
    chief: str = "张建华"

    def no(self, key: str = "") -> str:
        return case_no(self.year, self.num, style=self.no_style.get(key, "std"))

    def d(self, key: str, when: dt.date | dt.datetime) -> str:
        if isinstance(when, dt.datetime):
            when = when.date()
        return {"ar": date_ar, "cn": date_cn, "dot": date_dot, "pad": date_pad}[self.date_style.get(key, "ar")](when)

    @property
    def title_cause(self) -> str:
        return f"{self.party.short or self.party.name}{self.cause}案"


def _org_title(doc: Doc, title: str):
    doc.add("org", OFFICE["bureau"]).add("title", title)


def _party_rows(c: Case) -> list[list[str]]:
    p = c.party
    return [["当事人", p.name], ["主体类型", p.subject_type], ["统一社会信用代码", p.code], ["住所（经营场所）", p.address],
            [p.rep_title, p.rep], ["联系电话", p.rep_phone]]


def doc_source_register(c: Case) -> Doc:
    doc = Doc("案件来源登记表", doc_type="案件来源登记表", case_no=c.no("source"), date=c.dates["source"])
    _org_title(doc, "案件来源登记表")
    doc.add("pl", f"案号：{c.no('source')}")
    doc.add("table", [["案件来源", c.source], ["登记时间", c.d("source", c.dates["source"])],
                      ["当事人", c.party.name], ["统一社会信用代码", c.party.code], ["地址", c.party.address],
                      ["联系电话", c.party.rep_phone],
                      ["基本案情", f"反映{c.party.name}{c.cause}，请求依法查处。"],
                      ["登记人", f"{c.officers[0][0]}\n{c.d('source', c.dates['source'])}"],
                      ["处理意见", f"建议核查。\n{c.chief}\n{c.d('source', c.dates['source'])}"], ["备注", ""]], [1, 3])
    return doc


def doc_filing_approval(c: Case) -> Doc:
    o = c.dates["open"]
    doc = Doc("立案审批表", doc_type="立案审批表", case_no=c.no("open"), date=o)
    _org_title(doc, "立案审批表")
    doc.add("pl", f"案号：{c.no('open')}")
    names = "、".join(n for n, _ in c.officers)
    doc.add("table", [["案件来源", c.source], ["时间", c.d("open", c.dates["source"])], ["案由", f"涉嫌{c.cause}"]]
            + _party_rows(c)[:1] + [["统一社会信用代码", c.party.code], ["住所（住址）", c.party.address],
                                    [f"{c.party.rep_title}", f"{c.party.rep}    联系电话：{c.party.rep_phone}"],
            ["简要案情及立案依据", f"{c.facts[0]}当事人的行为涉嫌违反{c.law_violated}的规定。依据《市场监督管理行政处罚程序规定》"
                                   f"第十八条的规定，建议立案调查。"],
            ["立案建议", f"建议立案。\n承办人：{names}\n{c.d('open', o)}"],
            ["办案机构负责人意见", f"同意立案，由{names}承办。\n签名：{c.chief}\n{c.d('open', o)}"],
            ["部门负责人意见", f"同意。\n签名：{c.approver[0]}\n{c.d('open', o)}"], ["备注", ""]], [1, 3])
    return doc


def _officer_line(c: Case) -> str:
    return "、".join(n for n, _ in c.officers) + "    执法证号：" + "、".join(k for _, k in c.officers)


def doc_onsite_record(c: Case) -> Doc:
    s, e = c.dates["inspect"]
    doc = Doc("现场笔录", doc_type="现场笔录", case_no=c.no("onsite"), date=s.date())
    _org_title(doc, "现场笔录")
    p = c.party
    fmt = (lambda t: f"{date_dot(t.date())} {t.hour}:{t.minute:02d}") if c.date_style.get("onsite") == "dot" else time_cn
    doc.add("pl", f"案号：{c.no('onsite')}")
    doc.add("pl", f"当事人：{p.name}").add("pl", f"统一社会信用代码：{p.code}").add("pl", f"住所（住址）：{p.address}")
    doc.add("pl", f"{p.rep_title}：{p.rep}    联系电话：{p.rep_phone}")
    doc.add("pl", f"现场检查时间：{fmt(s)}至{fmt(e)}")
    doc.add("pl", f"现场检查地点：{c.place or p.address}")
    doc.add("pl", f"执法人员：{_officer_line(c)}")
    doc.add("pl", f"记录人：{c.officers[1][0]}")
    doc.add("pl", f"现场负责人：{p.rep}    职务：{p.rep_title}")
    doc.add("p", f"我们是{OFFICE['bureau']}的执法人员，已向你出示了执法证件。你是否看清楚？")
    doc.add("p", "答：看清楚了。")
    doc.add("p", "你有申请执法人员回避的权利。你是否申请回避？")
    doc.add("p", "答：不申请。")
    doc.add("p", "现场情况：" + c.onsite)
    doc.add("p", "（以下空白）")
    doc.add("pl", "当事人意见：以上情况属实。")
    doc.add("pl", f"当事人签名：{p.rep}    {c.d('onsite', s)}")
    doc.add("pl", f"执法人员签名：{' '.join(n for n, _ in c.officers)}    {c.d('onsite', s)}")
    doc.add("note", "（第1页 共1页）")
    return doc


def doc_inquiry_record(c: Case) -> Doc:
    s, e = c.dates["inquiry"]
    p = c.party
    doc = Doc("询问笔录", doc_type="询问笔录", case_no=c.no("inquiry"), date=s.date())
    _org_title(doc, "询问笔录")
    doc.add("pl", f"案号：{c.no('inquiry')}")
    doc.add("pl", f"询问时间：{time_cn(s)}至{e.hour}时{e.minute:02d}分")
    doc.add("pl", f"询问地点：{OFFICE['office_short']}询问室")
    doc.add("pl", f"询问人：{_officer_line(c)}")
    doc.add("pl", f"记录人：{c.officers[1][0]}")
    doc.add("pl", f"被询问人：{p.rep}    性别：{p.rep_sex}    民族：汉")
    doc.add("pl", f"身份证件号码：{p.rep_id}")
    doc.add("pl", f"工作单位：{p.name}    职务：{p.rep_title}")
    doc.add("pl", f"联系电话：{p.rep_phone}    住址：{p.address}")
    doc.add("p", f"问：我们是{OFFICE['bureau']}的执法人员{c.officers[0][0]}、{c.officers[1][0]}，这是我们的执法证件（出示），"
                 f"现依法就{p.name}{c.cause}的有关情况向你调查了解，你应当如实回答，不得拒绝或者阻挠，"
                 "提供虚假情况的将承担法律责任。你听清楚了吗？")
    doc.add("p", "答：听清楚了。")
    doc.add("p", "问：你是否申请执法人员回避？")
    doc.add("p", "答：不申请。")
    for q, a in c.qa:
        doc.add("p", "问：" + q).add("p", "答：" + a)
    doc.add("p", "问：你还有什么需要补充的吗？")
    doc.add("p", "答：没有了。")
    doc.add("p", "问：请核对以上笔录，如记录无误请逐页签名。")
    doc.add("p", "答：以上笔录我看过，和我说的一样。")
    doc.add("pl", f"被询问人签名：{p.rep}    {c.d('inquiry', s)}")
    doc.add("pl", f"询问人签名：{' '.join(n for n, _ in c.officers)}    记录人签名：{c.officers[1][0]}")
    return doc


def doc_investigation_report(c: Case) -> Doc:
    r = c.dates["report"]
    p = c.party
    doc = Doc("案件调查终结报告", doc_type="案件调查终结报告", case_no=c.no("report"), date=r)
    _org_title(doc, "案件调查终结报告")
    doc.add("docno", c.no("report"))
    doc.add("h1", "一、当事人基本情况")
    doc.add("p", f"当事人：{p.name}；主体类型：{p.subject_type}；统一社会信用代码：{p.code}；住所：{p.address}；"
                 f"{p.rep_title}：{p.rep}。")
    doc.add("h1", "二、案件来源及调查经过")
    doc.add("p", f"{c.d('report', c.dates['source'])}，{c.source}。{c.d('report', c.dates['open'])}，经本局负责人批准立案调查，"
                 f"执法人员于{c.d('report', c.dates['inspect'][0])}进行现场检查，于{c.d('report', c.dates['inquiry'][0])}"
                 f"对{p.rep}进行询问，并调取了相关证据材料。本案现已调查终结。")
    doc.add("h1", "三、违法事实及相关证据")
    doc.add("h2", "（一）违法事实")
    for f_ in c.facts:
        doc.add("p", f_)
    doc.add("h2", "（二）相关证据")
    for i, ev in enumerate(c.evidence, 1):
        doc.add("p", f"{i}. {ev}")
    doc.add("h1", "四、案件性质及法律依据")
    doc.add("p", f"当事人的上述行为违反了{c.law_violated}的规定，依据{c.law_basis}的规定予以处罚。")
    doc.add("h1", "五、自由裁量情况")
    doc.add("p", c.discretion)
    doc.add("h1", "六、处理建议")
    doc.add("p", "建议对当事人作出如下行政处罚：" + "；".join(c.penalties) + "。")
    doc.add("sign", f"承办人：{' '.join(n for n, _ in c.officers)}")
    doc.add("sign", c.d("report", r))
    return doc


def doc_review_form(c: Case) -> Doc:
    r = c.dates["review"]
    doc = Doc("案件审核表", doc_type="案件审核表", case_no=c.no("review"), date=r)
    _org_title(doc, "案件审核表")
    doc.add("pl", f"案号：{c.no('review')}")
    doc.add("table", [["案由", f"{c.title_cause}"], ["当事人", c.party.name], ["承办机构", OFFICE["office_short"]],
                      ["承办人", "、".join(n for n, _ in c.officers)],
                      ["审核内容", "主体是否适格：适格\n事实是否清楚：清楚\n证据是否确凿：确凿\n定性是否准确：准确\n"
                                   "适用依据是否正确：正确\n程序是否合法：合法\n处罚是否适当：适当"],
                      ["审核意见", f"本案事实清楚，证据确凿，适用依据正确，程序合法，同意承办机构处理意见："
                                   + "；".join(c.penalties) + "。"],
                      ["审核人", f"何丽娟\n{c.d('review', r)}"], ["备注", ""]], [1, 3])
    return doc


def doc_notice(c: Case) -> Doc:
    n = c.dates["notice"]
    p = c.party
    num = case_no(c.year, c.num, prefix=OFFICE["notice_prefix"], style=c.no_style.get("notice", "std"))
    doc = Doc("行政处罚告知书", doc_type="行政处罚告知书", case_no=num, date=n)
    _org_title(doc, "行政处罚告知书")
    doc.add("docno", num)
    doc.add("pl", f"{p.name}：")
    doc.add("p", "经查，" + "".join(c.facts))
    doc.add("p", f"你（单位）的上述行为违反了{c.law_violated}的规定。依据{c.law_basis}的规定，本局拟对你（单位）作出如下行政处罚：")
    for i, pen in enumerate(c.penalties, 1):
        doc.add("p", f"{i}. {pen}。")
    rights = "陈述、申辩和要求听证的权利" if c.hearing else "陈述、申辩的权利"
    doc.add("p", f"根据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，你（单位）享有{rights}。你（单位）对上述拟作出的"
                 "行政处罚如有异议，可以在收到本告知书之日起五个工作日内向本局提出；逾期视为放弃上述权利。")
    doc.add("p", f"（案号：{c.no('notice_ref')}）")
    doc.add("pl", f"联系人：{c.officers[0][0]}    联系电话：{OFFICE['phone']}")
    doc.add("pl", f"地址：{OFFICE['address']}")
    doc.add("sign", OFFICE["bureau"]).add("sign", c.d("notice", n))
    return doc


def doc_decision(c: Case, *, stage: str = "final", fine_override: int | None = None) -> Doc:
    """行政处罚决定书 (范本 45) with the seven items of 程序规定 第六十二条. stage: final | 初稿 | 征求意见稿 | v1."""
    d = c.dates["decision"]
    p = c.party
    doc = Doc("行政处罚决定书", doc_type="行政处罚决定书", case_no=c.no("decision"), date=d)
    _org_title(doc, "行政处罚决定书" + ("" if stage == "final" else f"（{stage}）" if stage != "v1" else ""))
    doc.add("docno", c.no("decision"))
    doc.add("table", [["当事人", p.name, "统一社会信用代码", p.code], ["主体类型", p.subject_type, p.rep_title, p.rep],
                      ["住所（经营场所）", p.address]], [2, 3, 2, 3])
    doc.add("p", f"{c.d('decision', c.dates['source'])}，{c.source}。{c.d('decision', c.dates['open'])}，经本局负责人批准，"
                 "对当事人立案调查。现已调查终结。")
    doc.add("h1", "一、违法事实")
    for f_ in c.facts:
        doc.add("p", f_)
    doc.add("h1", "二、证据")
    doc.add("p", "上述事实，主要有以下证据证明：")
    for i, ev in enumerate(c.evidence, 1):
        doc.add("p", f"{i}. {ev}")
    doc.add("h1", "三、处罚依据及理由")
    doc.add("h2", "（一）违反的法律规定")
    doc.add("p", f"当事人的上述行为违反了{c.law_violated}的规定。")
    doc.add("h2", "（二）处罚依据")
    doc.add("p", f"依据{c.law_basis}的规定。")
    doc.add("h2", "（三）陈述申辩及采纳情况")
    doc.add("p", f"本局于{c.d('decision', c.dates['notice'])}向当事人送达了《行政处罚告知书》，告知其拟作出行政处罚的内容及事实、"
                 "理由、依据，并告知其依法享有的权利。" + (c.discretion if c.discretion else ""))
    doc.add("h1", "四、处罚决定")
    pens = list(c.penalties)
    if fine_override is not None:
        pens = [x if "罚款" not in x else f"罚款人民币{money_upper(fine_override)}（￥{fine_override:.2f}）" for x in pens]
    doc.add("p", "综上，本局决定对当事人作出如下行政处罚：")
    for i, pen in enumerate(pens, 1):
        doc.add("p", f"{i}. {pen}。")
    doc.add("h1", "五、履行方式和期限")
    doc.add("p", "当事人应当自收到本行政处罚决定书之日起十五日内，持本决定书到指定银行或者通过电子支付系统缴纳罚没款。"
                 "逾期不缴纳罚款的，依据《中华人民共和国行政处罚法》第七十二条第一款第（一）项的规定，每日按罚款数额的百分之三加处罚款，"
                 "加处罚款的数额不超出罚款的数额。")
    doc.add("h1", "六、救济途径")
    doc.add("p", f"当事人如不服本行政处罚决定，可以在收到本行政处罚决定书之日起六十日内向{OFFICE['government']}申请行政复议；"
                 f"也可以在六个月内依法向{OFFICE['court']}提起行政诉讼。申请行政复议或者提起行政诉讼期间，本行政处罚决定不停止执行，"
                 "法律另有规定的除外。")
    if stage == "征求意见稿":
        doc.add("p", "【法制审核意见：第三部分请补充当事人陈述申辩的具体内容及不予采纳的理由；罚款金额请对照裁量基准再核。——何丽娟】")
    doc.add("blank")
    doc.add("sign", OFFICE["bureau"]).add("sign", c.d("decision", d))
    doc.add("note", "（市场监督管理部门将依法向社会公示本行政处罚决定信息）")
    return doc


def doc_service_receipt(c: Case) -> Doc:
    s = c.dates["service"]
    doc = Doc("送达回证", doc_type="送达回证", case_no=c.no("service"), date=s)
    _org_title(doc, "送达回证")
    doc.add("pl", f"案号：{c.no('service')}")
    doc.add("table", [["送达文书名称及文号", f"行政处罚决定书（{c.no('service')}）"], ["受送达人", c.party.name],
                      ["送达地点", c.party.address], ["送达方式", "直接送达"],
                      ["收件人签名或者盖章", f"{c.party.rep}\n{c.d('service', s)}"], ["代收人签名及代收理由", ""],
                      ["送达人", f"{' '.join(n for n, _ in c.officers)}\n{c.d('service', s)}"], ["见证人", ""], ["备注", ""]],
            [2, 3])
    return doc


def doc_closing_approval(c: Case) -> Doc:
    cl = c.dates["close"]
    doc = Doc("结案审批表", doc_type="结案审批表", case_no=c.no("close"), date=cl)
    _org_title(doc, "结案审批表")
    doc.add("table", [["案号", c.no("close")], ["案由", c.title_cause], ["当事人", c.party.name],
                      ["统一社会信用代码", c.party.code], ["立案时间", c.d("close", c.dates["open"])],
                      ["处罚决定书文号", c.no("close")], ["处罚决定", "；".join(c.penalties)],
                      ["执行情况", c.execution], ["结案理由", "行政处罚决定已执行完毕"],
                      ["承办人意见", f"建议结案。\n{' '.join(n for n, _ in c.officers)}\n{c.d('close', cl)}"],
                      ["办案机构负责人意见", f"同意结案。\n{c.chief}\n{c.d('close', cl)}"],
                      ["审批意见", f"同意。\n{c.approver[0]}\n{c.d('close', cl)}"]], [1, 3])
    return doc


def doc_file_catalog(c: Case, items: list[tuple[str, str, dt.date, int]]) -> Doc:
    """卷内文件目录 (范本 55): 序号、文号、责任者、题名、日期、页号、备注; 日期 as 8 digits."""
    doc = Doc("卷内文件目录", doc_type="卷内文件目录", case_no=c.no("catalog"), date=c.dates.get("close"))
    doc.add("title", "卷内文件目录")
    doc.add("pl", f"案号：{c.no('catalog')}")
    rows = [["序号", "文号", "责任者", "题名", "日期", "页号", "备注"]]
    page = 1
    for i, (title, num, when, pages) in enumerate(items, 1):
        rows.append([str(i), num, OFFICE["bureau"] if "决定" in title or "告知" in title else OFFICE["office_short"],
                     title, f"{when:%Y%m%d}", str(page) if pages == 1 else f"{page}-{page + pages - 1}", ""])
        page += pages
    doc.add("table", rows, [1, 4, 4, 4, 2, 1, 1])
    return doc


def doc_onsite_decision(year: int, num: int, party: Party, when: dt.datetime, officers: list, fact: str, law: str,
                        basis: str, fine: int) -> Doc:
    """当场行政处罚决定书 (范本 44), 简易程序."""
    no = case_no(year, num, prefix=OFFICE["onsite_prefix"])
    doc = Doc("当场行政处罚决定书", doc_type="当场行政处罚决定书", case_no=no, date=when.date())
    _org_title(doc, "当场行政处罚决定书")
    doc.add("docno", no)
    doc.add("table", [["当事人", party.name], ["统一社会信用代码", party.code], ["经营者", party.rep],
                      ["身份证件号码", party.rep_id], ["住所", party.address]], [1, 3])
    doc.add("p", f"{time_cn(when)}，本局执法人员在{party.address}检查时发现：{fact}")
    doc.add("p", f"当事人的上述行为违反了{law}的规定，依据{basis}及《中华人民共和国行政处罚法》第五十一条的规定，"
                 f"决定给予如下行政处罚：罚款人民币{money_upper(fine)}（￥{fine:.2f}）。")
    doc.add("p", "当事人应当自收到本决定书之日起十五日内缴纳罚款，或者依据《中华人民共和国行政处罚法》第六十八条的规定当场缴纳。"
                 f"当事人如不服本决定，可以在收到本决定书之日起六十日内向{OFFICE['government']}申请行政复议；"
                 f"也可以在六个月内依法向{OFFICE['court']}提起行政诉讼。")
    doc.add("pl", f"执法人员：{_officer_line_pairs(officers)}")
    doc.add("pl", f"当事人签名：{party.rep}    {date_ar(when.date())}")
    doc.add("sign", OFFICE["bureau"]).add("sign", date_ar(when.date()))
    return doc


def _officer_line_pairs(officers: list) -> str:
    return "、".join(n for n, _ in officers) + "    执法证号：" + "、".join(k for _, k in officers)


CASE_DOCS = {   # key -> (builder, 范本 number)
    "source": (doc_source_register, 1), "open": (doc_filing_approval, 7), "onsite": (doc_onsite_record, 9),
    "inquiry": (doc_inquiry_record, 14), "report": (doc_investigation_report, 35), "review": (doc_review_form, 36),
    "notice": (doc_notice, 37), "decision": (doc_decision, 45), "service": (doc_service_receipt, 50),
    "close": (doc_closing_approval, 53),
}


# --------------------------------------------------------------------------------------------
# The sample office's cases (fixed seed: codes and ID numbers come out the same every run)
# --------------------------------------------------------------------------------------------
T = dt.datetime
D = dt.date
OF = OFFICERS


def sample_cases(seed: int = 20240305) -> dict[str, Case]:
    rng = random.Random(seed)
    a_party = Party("南岭县鲜丰食品贸易有限公司", "company", make_uscc(rng), "南岭县石门镇建设路18号首层",
                    "陈志强", make_id_number(rng, D(1978, 4, 12), True), "男", "13826631458",
                    "有限责任公司（台港澳法人独资）", "鲜丰公司")
    b_party = Party("南岭县石门镇李记粮油店", "individual", make_uscc(rng, "9", "2"), "南岭县石门镇新市场B区12号",
                    "李桂芳", make_id_number(rng, D(1969, 11, 3), False), "女", "13502287716", "个体工商户", "李记粮油店")
    c_party = Party("南岭县百佳惠生活超市有限公司", "company", make_uscc(rng), "南岭县石门镇府前路88号",
                    "王振东", make_id_number(rng, D(1985, 7, 21), True), "男", "13927705532",
                    "有限责任公司（自然人投资或控股）", "百佳惠超市")
    d_party = Party("南岭县石门镇好运来饭店", "individual", make_uscc(rng, "9", "2"), "南岭县石门镇解放路45号",
                    "吴永福", make_id_number(rng, D(1980, 2, 28), True), "男", "13692218840", "个体工商户", "好运来饭店")

    a = Case(2024, 12, a_party, "经营超过保质期的食品",
             "全国12315平台转来投诉举报，反映南岭县鲜丰食品贸易有限公司门店销售过期牛奶",
             [OF[0], OF[1]],
             {"source": D(2024, 3, 4), "open": D(2024, 3, 5), "inspect": (T(2024, 3, 5, 9, 30), T(2024, 3, 5, 10, 40)),
              "inquiry": (T(2024, 3, 7, 14, 10), T(2024, 3, 7, 15, 20)), "report": D(2024, 4, 10),
              "review": D(2024, 4, 15), "notice": D(2024, 4, 18), "decision": D(2024, 5, 6), "service": D(2024, 5, 7),
              "close": D(2024, 6, 3)},
             "执法人员在当事人经营场所的冷柜及食品货架上看到：标称某乳业有限公司生产的“鲜牛奶”（250mL/盒，生产日期2024年2月17日，"
             "保质期15天）12盒，标称某食品有限公司生产的“全麦面包”（400g/袋，生产日期2024年2月26日，保质期5天）8袋，上述食品均标有"
             "售价，处于待售状态。执法人员对现场进行了拍照，并对上述食品实施先行登记保存。",
             [("你公司的经营范围是什么？营业执照是否在有效期内？", "我公司主要经营预包装食品、散装食品、日用百货零售，营业执照在有效期内。"),
              ("3月5日执法人员在你公司门店货架上发现的鲜牛奶和全麦面包是从哪里进的货？",
               "鲜牛奶是2月20日从县城一家乳品经销商进的，共24盒，进价每盒3.2元；全麦面包是2月27日进的，共15袋，进价每袋6元，都有送货单。"),
              ("这些食品的售价是多少？超过保质期后卖出去多少？", "鲜牛奶每盒卖5.5元，面包每袋卖9.8元。过了保质期以后，牛奶卖了4盒，面包卖了3袋，"
               "一共收了51.4元，收银系统里有记录。"),
              ("你公司有没有临期食品检查制度？", "有制度，规定每天开门前由店员检查一次，这几天负责的店员请假，没有检查到。")],
             ["当事人于2024年2月20日购进标称某乳业有限公司生产的“鲜牛奶”24盒、于2024年2月27日购进标称某食品有限公司生产的“全麦面包”15袋，"
              "在其门店销售。上述鲜牛奶保质期至2024年3月3日，全麦面包保质期至2024年3月2日。",
              "2024年3月5日执法人员检查时，当事人仍将超过保质期的鲜牛奶12盒、全麦面包8袋摆放在货架上销售。经查，超过保质期后当事人已售出鲜牛奶4盒、"
              "全麦面包3袋，违法所得51.40元；涉案食品货值金额共计195.80元。"],
             ["营业执照复印件、法定代表人身份证复印件，证明当事人的主体资格；", "现场笔录及现场照片，证明检查时超过保质期的食品处于待售状态；",
              "询问笔录，证明当事人进货、销售及违法所得情况；", "先行登记保存证据通知书及物品清单，证明涉案食品的数量；",
              "进货送货单、收银系统销售流水，证明涉案食品的进货及销售数量、货值金额和违法所得；", "国家企业信用信息公示系统截图。"],
             "《中华人民共和国食品安全法》第三十四条第（十）项", "《中华人民共和国食品安全法》第一百二十四条第一款第（五）项",
             "当事人于2024年4月22日提交了书面陈述申辩意见，对违法事实无异议，以首次违法、货值较小为由请求从轻处罚。经复核，当事人的陈述申辩理由"
             "不属于法定减轻情形，本局已在法定幅度内按下限处罚，对其申辩意见予以部分采纳。",
             ["没收超过保质期的“鲜牛奶”12盒、“全麦面包”8袋", "没收违法所得人民币51.40元",
              f"罚款人民币{money_upper(50000)}（￥50000.00）"], 50000,
             place="南岭县石门镇建设路18号首层鲜丰超市门店",
             date_style={"decision": "cn", "onsite": "dot"},
             execution="当事人已于2024年5月20日缴纳罚没款人民币50051.40元（缴款书号4418292405200012）；"
                       "没收的食品已于2024年5月9日在执法人员监督下销毁。")
    b = Case(2024, 27, b_party, "未明码标价",
             "执法人员在日常监督检查（检查记录编号JC2024-0011）中发现当事人经营的粮油商品未明码标价",
             [OF[2], OF[3]],
             {"source": D(2024, 6, 12), "open": D(2024, 6, 13), "inspect": (T(2024, 6, 12, 10, 5), T(2024, 6, 12, 10, 50)),
              "inquiry": (T(2024, 6, 17, 9, 30), T(2024, 6, 17, 10, 15)), "report": D(2024, 7, 5),
              "review": D(2024, 7, 10), "notice": D(2024, 7, 12), "decision": D(2024, 7, 22), "service": D(2024, 7, 23),
              "close": D(2024, 8, 5)},
             "当事人店内陈列销售大米、食用油、面粉等粮油商品共23个品种，其中散装大米6个品种、桶装食用油5个品种未放置价格标签，"
             "现场无价目表。店主称价格由其口头告知顾客。执法人员对现场进行了拍照。",
             [("你店里的大米和食用油为什么没有标价？", "价格经常变，我就没有贴价签，顾客问的时候我再说。"),
              ("未标价的商品有多少种？从什么时候开始的？", "大米有6种、油有5种没有标价，大概从今年5月份开始。")],
             ["当事人在其经营场所销售散装大米6个品种、桶装食用油5个品种，未按规定标示价格，也未设置价目表，由经营者口头告知顾客价格。"],
             ["个体工商户营业执照复印件、经营者身份证复印件；", "现场笔录及现场照片；", "询问笔录；", "日常监督检查记录（JC2024-0011）。"],
             "《中华人民共和国价格法》第十三条第一款", "《中华人民共和国价格法》第四十二条",
             "当事人在法定期限内未提出陈述申辩意见。",
             ["责令改正", f"罚款人民币{money_upper(800)}（￥800.00）"], 800,
             no_style={"decision": "pad", "close": "pad"},
             date_style={"onsite": "dot"},
             execution="当事人已于2024年7月29日缴纳罚款人民币800.00元，并已对全部商品明码标价（2024年7月24日复查）。",
             approver=("罗振华", "副局长"))
    c = Case(2024, 35, c_party, "使用未经检定的计量器具",
             "执法人员在计量器具专项检查中发现当事人收银台使用的电子计价秤未经检定",
             [OF[5], OF[6]],
             {"source": D(2024, 8, 20), "open": D(2024, 8, 21), "inspect": (T(2024, 8, 20, 10, 0), T(2024, 8, 20, 11, 0)),
              "inquiry": (T(2024, 8, 20, 10, 40), T(2024, 8, 20, 11, 30)), "report": D(2024, 9, 6),
              "review": D(2024, 9, 11), "notice": D(2024, 9, 13), "decision": D(2024, 9, 26)},
             # deliberately breaks the 现场笔录 rule "no judgement words" (涉嫌, 擅自): a finding for the report
             "当事人生鲜区收银台使用的2台电子计价秤（型号ACS-30，出厂编号230517、230522）用于贸易结算，现场未能提供检定合格证书，"
             "秤体上无有效检定合格标志，当事人涉嫌擅自使用未经检定的计量器具。",
             [("你超市生鲜区的两台电子秤是什么时候开始使用的？有没有送检？", "今年5月份买的，一直在用，还没有送去检定。"),
              ("这两台秤是否用于贸易结算？", "是的，称水果蔬菜按重量收钱。")],
             ["当事人自2024年5月起在其生鲜区收银台使用2台电子计价秤用于贸易结算，上述电子计价秤属于强制检定的工作计量器具，"
              "当事人未按照规定申请检定即投入使用。"],
             ["营业执照复印件；", "现场笔录及现场照片；", "询问笔录；", "电子计价秤购货发票。"],
             "《中华人民共和国计量法》第九条第一款", "《中华人民共和国计量法实施细则》第四十三条",
             "当事人在法定期限内未提出陈述申辩意见。",
             ["责令停止使用未经检定的电子计价秤2台", f"罚款人民币{money_upper(600)}（￥600.00）"], 600,
             no_style={"open": "sq", "review": "fw", "decision": "std", "report": "sq"},
             date_style={"report": "pad"})
    d = Case(2024, 3, d_party, "餐具未经清洗消毒",
             "执法人员于2024年1月9日检查时发现当事人使用未经清洗消毒的餐具并责令改正，2024年1月16日复查时当事人仍未改正",
             [OF[0], OF[7]],
             {"source": D(2024, 1, 16), "open": D(2024, 1, 17), "inspect": (T(2024, 1, 16, 11, 20), T(2024, 1, 16, 12, 0)),
              "inquiry": (T(2024, 1, 19, 15, 0), T(2024, 1, 19, 15, 50)), "report": D(2024, 2, 2),
              "review": D(2024, 2, 5), "notice": D(2024, 2, 6), "decision": D(2024, 2, 26), "service": D(2024, 2, 27),
              "close": D(2024, 3, 12)},
             "当事人后厨洗碗池旁摆放已使用后未清洗的餐具一批，保洁柜内存放的碗碟38只无消毒记录，消毒柜处于断电状态。"
             "当事人未能提供2024年1月9日以后的餐饮具清洗消毒记录。执法人员对现场进行了拍照。",
             [("1月9日执法人员要求你店改正餐具消毒问题，你是否改正？", "消毒柜坏了，还没找人修，所以一直没有消毒。"),
              ("你店平时每天接待多少客人？", "中午和晚上大概六七十人。")],
             ["当事人于2024年1月9日被责令改正餐饮具清洗消毒问题后，至2024年1月16日复查时仍使用未经清洗消毒的餐具，拒不改正。"],
             ["个体工商户营业执照、食品经营许可证复印件；", "责令改正通知书及送达回证；", "现场笔录及现场照片；", "询问笔录。"],
             "《中华人民共和国食品安全法》第五十六条第二款", "《中华人民共和国食品安全法》第一百二十六条第一款第（五）项",
             "当事人在法定期限内未提出陈述申辩意见。",
             ["警告", f"罚款人民币{money_upper(5000)}（￥5000.00）"], 5000,
             execution="当事人已于2024年3月4日缴纳罚款人民币5000.00元；复查时已恢复使用消毒柜并建立消毒记录。")
    return {"A": a, "B": b, "C": c, "D": d}


def inspection_records(cases: dict[str, Case], seed: int = 7) -> dict[str, list[dict]]:
    """Three batches of 日常监督检查 records. Findings planted on purpose:
    JC2024-0004 one officer only (程序规定 第二十二条 needs two); JC2024-0007 an invalid 统一社会信用代码;
    JC2024-0009 检查时间 after 记录时间."""
    rng = random.Random(seed)
    shops = [("南岭县石门镇惠民药店", make_uscc(rng, "9", "2"), "南岭县石门镇府前路12号", "药品经营"),
             ("南岭县石门镇佳佳母婴用品店", make_uscc(rng, "9", "2"), "南岭县石门镇建设路33号", "产品质量"),
             ("南岭县石门镇东风农资经营部", make_uscc(rng, "9", "2"), "南岭县石门镇东风路7号", "农资"),
             ("南岭县石门中心小学食堂", make_uscc(rng, "1", "2"), "南岭县石门镇学府路1号", "学校食堂"),
             ("南岭县绿源农业专业合作社", make_uscc(rng, "9", "3"), "南岭县石门镇上坪村", "农产品"),
             ("南岭县石门镇老街肠粉店", make_uscc(rng, "9", "2"), "南岭县石门镇老街22号", "餐饮服务"),
             ("南岭县石门镇兴隆加油站有限公司", make_uscc(rng), "南岭县石门镇国道旁", "计量"),
             ("南岭县石门镇美美化妆品店", make_uscc(rng, "9", "2"), "南岭县石门镇新市场A区3号", "化妆品")]
    good = shops[4][1]                                              # the co-op's real code, mistyped:
    bad_code = good[:17] + USCC_CHARS[(USCC_CHARS.index(good[17]) + 7) % 31]   # wrong check character
    assert not uscc_valid(bad_code)

    def rec(no, subj, code, addr, start, recorded, officers, content, result, measures):
        return {"id": no, "subject": subj, "code": code, "address": addr, "inspected": start.isoformat() + "+08:00",
                "recorded": recorded.isoformat(), "officers": officers, "content": content, "result": result,
                "measures": measures}
    A, B, Dd = cases["A"], cases["B"], cases["D"]
    q1 = [
        rec("JC2024-0001", Dd.party.name, Dd.party.code, Dd.party.address, T(2024, 1, 9, 10, 30), D(2024, 1, 9), [OF[0], OF[7]],
            "餐饮服务日常监督检查：许可证公示、从业人员健康证明、原料进货查验、餐饮具清洗消毒、食品贮存。",
            "餐饮具清洗消毒不符合要求，消毒柜未使用，无消毒记录。", "当场出具责令改正通知书，限2024年1月15日前改正，到期复查。"),
        rec("JC2024-0002", A.party.name, A.party.code, A.party.address, T(2024, 3, 5, 9, 30), D(2024, 3, 5), [OF[0], OF[1]],
            "根据12315投诉举报开展检查：食品贮存、临期及过期食品管理、进货查验记录。",
            "货架上发现超过保质期的鲜牛奶12盒、全麦面包8袋。", "先行登记保存涉案食品，报请立案调查（南市监处罚〔2024〕12号）。"),
        rec("JC2024-0003", shops[0][0], shops[0][1], shops[0][2], T(2024, 3, 12, 14, 0), D(2024, 3, 12), [OF[2], OF[3]],
            "药品经营日常检查：执业药师在岗、处方药销售登记、药品储存温湿度记录。", "未发现问题。", "无。"),
        rec("JC2024-0004", shops[1][0], shops[1][1], shops[1][2], T(2024, 3, 19, 9, 0), D(2024, 3, 19), [OF[4]],   # one officer
            "产品质量日常检查：儿童用品3C标志、产品标识标签。", "2款儿童推车标签缺少执行标准编号。", "责令整改，已当场下架。"),
        rec("JC2024-0005", shops[2][0], shops[2][1], shops[2][2], T(2024, 3, 26, 15, 10), D(2024, 3, 26), [OF[5], OF[6]],
            "春耕农资专项检查：化肥、农药进销台账，禁限用农药。", "台账基本完整。", "提醒完善电子台账。"),
    ]
    q2 = [
        rec("JC2024-0006", shops[3][0], shops[3][1], shops[3][2], T(2024, 4, 8, 11, 0), D(2024, 4, 8), [OF[0], OF[1]],
            "学校食堂春季开学检查：食品留样、晨检记录、冷藏设施、从业人员健康证明。", "留样量符合要求，晨检记录完整。", "无。"),
        rec("JC2024-0007", shops[4][0], bad_code, shops[4][2], T(2024, 4, 16, 9, 40), D(2024, 4, 16), [OF[2], OF[7]],   # invalid code
            "食用农产品产地检查：承诺达标合格证开具情况。", "部分批次未开具承诺达标合格证。", "现场指导开具，责令整改。"),
        rec("JC2024-0008", shops[5][0], shops[5][1], shops[5][2], T(2024, 5, 7, 8, 20), D(2024, 5, 7), [OF[3], OF[6]],
            "早餐店专项检查：原料来源、加工场所卫生、防蝇防鼠设施。", "防蝇设施破损。", "责令3日内修复。"),
        rec("JC2024-0009", shops[6][0], shops[6][1], shops[6][2], T(2024, 5, 21, 15, 0), D(2024, 5, 20), [OF[5], OF[1]],  # 检查 after 记录
            "加油机计量专项检查：检定合格标志、铅封完好情况、付油误差。", "4台加油机检定合格，铅封完好。", "无。"),
        rec("JC2024-0010", shops[7][0], shops[7][1], shops[7][2], T(2024, 6, 4, 10, 30), D(2024, 6, 4), [OF[4], OF[2]],
            "化妆品经营检查：进货查验、标签、过期化妆品。", "未发现问题。", "无。"),
        rec("JC2024-0011", B.party.name, B.party.code, B.party.address, T(2024, 6, 12, 10, 5), D(2024, 6, 12), [OF[2], OF[3]],
            "明码标价检查：商品价签、价目表。", "散装大米6个品种、桶装食用油5个品种未标价。", "责令改正，报请立案调查。"),
    ]
    q3 = [
        rec("JC2024-0012", cases["C"].party.name, cases["C"].party.code, cases["C"].party.address, T(2024, 8, 20, 10, 0),
            D(2024, 8, 20), [OF[5], OF[6]], "计量器具专项检查：贸易结算用电子计价秤检定情况。",
            "生鲜区2台电子计价秤无有效检定合格标志。", "责令停止使用，报请立案调查。"),
        rec("JC2024-0013", "南岭县石门镇福满楼酒家", make_uscc(rng, "9", "2"), "南岭县石门镇滨江路9号", T(2024, 9, 3, 11, 15),
            D(2024, 9, 3), [OF[0], OF[7]], "中秋节前餐饮专项检查：月饼进货查验、冷库贮存。", "符合要求。", "无。"),
        rec("JC2024-0014", "南岭县石门镇永兴五金店", make_uscc(rng, "9", "2"), "南岭县石门镇东风路41号", T(2024, 9, 18, 14, 30),
            D(2024, 9, 18), [OF[3], OF[4]], "电线电缆产品质量检查：3C认证、合格证。", "抽查2批次电线，合格证齐全。", "无。"),
        rec("JC2024-0015", "南岭县石门镇宏达眼镜店", make_uscc(rng, "9", "2"), "南岭县石门镇府前路60号", T(2024, 10, 10, 9, 50),
            D(2024, 10, 10), [OF[5], OF[1]], "眼镜制配场所计量检查：验光仪、焦度计检定情况。", "验光仪检定合格证过期15天。",
            "责令限期送检。"),
    ]
    return {"q1": q1, "q2": q2, "q3": q3}


def register_rows(recs: dict[str, list[dict]]) -> list[list[str]]:
    """The 台账 as the clerk keeps it in Excel: dates as Excel shows them (2024/3/5 9:30), officers
    joined with 、, one cell with an Alt+Enter line break, one 执法证号 mangled to 4.41829E+13."""
    rows = []
    for i, r in enumerate(recs["q1"] + recs["q2"] + recs["q3"], 1):
        t = dt.datetime.fromisoformat(r["inspected"][:19])
        certs = "、".join(k for _, k in r["officers"])
        if r["id"] == "JC2024-0008":
            certs = "4.41829E+13、44182920230052"           # Excel turned a long number into a float
        content = r["content"]
        if r["id"] == "JC2024-0006":
            content = content.replace("：", "：\n", 1)       # Alt+Enter inside the cell
        rows.append([str(i), r["subject"], r["code"], r["address"], f"{t.year}/{t.month}/{t.day} {t.hour}:{t.minute:02d}",
                     "、".join(n for n, _ in r["officers"]), certs, content, r["result"], r["measures"]])
    return rows


# --------------------------------------------------------------------------------------------
# Plain-text inputs
# --------------------------------------------------------------------------------------------
def text_12315(c: Case, reg_no: str = "4418290320240304000123") -> str:
    """A 12315 complaint record as the platform exports it (GBK, CRLF)."""
    return "\r\n".join([
        "全国12315平台投诉举报信息", "",
        f"登记编号：{reg_no}", f"登记时间：{c.dates['source']:%Y-%m-%d} 16:22:51", "举报人：匿名",
        f"被举报对象：{c.party.name}（{c.party.short}门店）", f"被举报对象地址：{c.party.address}",
        "举报内容：本人于2024年3月4日在该超市购买鲜牛奶2盒，回家后发现已过保质期（生产日期2024年2月17日，保质期15天），"
        "货架上还有很多同批次牛奶在卖，请求依法查处。",
        f"分流单位：{OFFICE['office']}", f"处理时限：{c.dates['source'] + dt.timedelta(days=7):%Y-%m-%d}", ""])


def text_defense_trad(c: Case) -> str:
    """陳述申辯書 from a Hong Kong-owned company, in Traditional Chinese (saved as Big5)."""
    return "\r\n".join([
        "陳述申辯書", "",
        "南嶺縣市場監督管理局石門市場監督管理所：", "",
        f"　　本公司於2024年4月19日收到貴局《行政處罰告知書》（南市監罰告〔2024〕{c.num}號），現就南市監處罰〔2024〕{c.num}號"
        "一案提出陳述及申辯如下：",
        "　　一、本公司對貴局認定的事實無異議。涉案鮮牛奶及全麥麵包係門店員工未按本公司《食品保質期管理制度》每日巡檢下架所致，"
        "本公司已對相關人員作出處理。",
        "　　二、本公司係首次被查處，涉案食品貨值僅195.80元，違法所得51.40元，且案發後積極配合調查，主動下架全部臨期食品，"
        "並建立臨期食品登記檔案。",
        "　　三、懇請貴局依法從輕處罰。", "　　此致", "敬禮", "",
        "申辯人：南嶺縣鮮豐食品貿易有限公司（蓋章）", "法定代表人：陳志強", "2024年4月22日", ""])


def text_power_of_attorney_trad(c: Case, agent_id: str) -> str:
    return "\n".join([
        "授權委託書", "",
        "委託人：南嶺縣鮮豐食品貿易有限公司", f"統一社會信用代碼：{c.party.code}", "法定代表人：陳志強", "",
        f"受託人：梁嘉欣　　身份證號碼：{agent_id}　　職務：門店店長", "",
        f"　　茲委託梁嘉欣代表本公司辦理南嶺縣市場監督管理局南市監處罰〔2024〕{c.num}號案件的陳述申辯、文書簽收等事宜。"
        "受託人在委託權限內簽署的文件，本公司均予以承認。",
        "　　委託期限：自2024年4月20日起至本案結案之日止。", "",
        "委託人（蓋章）：南嶺縣鮮豐食品貿易有限公司", "2024年4月20日", ""])


def text_archive_notice() -> str:
    return "\n".join([
        "南岭县市场监督管理局办公室关于做好2024年度文书档案整理归档工作的通知", "",
        "各股室、各市场监督管理所：",
        "    根据《归档文件整理规则》（DA/T 22-2015）和《市场监督管理行政处罚程序规定》第七十八条的要求，现就做好2024年度文书档案"
        "和行政处罚案卷整理归档工作通知如下：",
        "    一、归档范围",
        "    2024年度形成的具有保存价值的文件材料，包括发文、收文、会议材料、统计报表，以及2024年办结的行政处罚案件。",
        "    二、整理要求",
        "    （一）行政处罚案件按照一案一卷整理。正卷依次排列立案审批表、行政处罚决定书及送达回证、对当事人制发的其他法律文书及送达回证、"
        "证据材料、听证笔录、财物处理单据、其他有关材料；副卷依次排列案源材料、调查终结报告、审核意见、听证报告、结案审批表、其他有关材料。",
        "    （二）一般程序案件保管期限为永久，简易程序案件保管期限为30年。",
        "    （三）电子文件应当同时移交版式文件，草稿、重复件、临时文件不归档。",
        "    三、时间要求",
        "    请于2025年3月31日前将整理完毕的档案移交局档案室。",
        "    联系人：办公室 周敏，电话：0763-5512001。", "",
        "南岭县市场监督管理局办公室", "2024年12月2日", ""])


# --------------------------------------------------------------------------------------------
# Writing an inbox: files with fixed mtimes
# --------------------------------------------------------------------------------------------
TZ8 = dt.timezone(dt.timedelta(hours=8))


class Inbox:
    def __init__(self, root: str):
        self.root = root
        self.files: list[tuple[str, bytes, dt.datetime]] = []

    def add(self, rel: str, data: bytes, mtime: dt.datetime | dt.date):
        if not isinstance(mtime, dt.datetime):
            mtime = dt.datetime(mtime.year, mtime.month, mtime.day, 17, 30)
        self.files.append((rel, data, mtime))

    def write(self, clean: bool = True) -> int:
        if clean and os.path.isdir(self.root):
            shutil.rmtree(self.root)
        dirs: dict[str, dt.datetime] = {}
        total = 0
        for rel, data, t in self.files:
            path = os.path.join(self.root, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as f:
                f.write(data)
            ts = t.replace(tzinfo=TZ8).timestamp()
            os.utime(path, (ts, ts))
            total += len(data)
            d = os.path.dirname(rel)
            while d:
                dirs[d] = max(dirs.get(d, t), t)
                d = os.path.dirname(d)
        for d in sorted(dirs, key=len, reverse=True):
            ts = dirs[d].replace(tzinfo=TZ8).timestamp()
            os.utime(os.path.join(self.root, d), (ts, ts))
        return total

    def restore_mtimes(self) -> int:
        """Git keeps no mtimes: a clone's files carry the checkout time. The inbox's story (drafts older
        than their finals, v1 before v2) lives in its mtimes, so put them back on files whose bytes are
        the generator's. Returns how many were set."""
        n = 0
        for rel, data, t in self.files:
            path = os.path.join(self.root, rel)
            if os.path.isfile(path) and _sha(open(path, "rb").read()) == _sha(data):
                ts = t.replace(tzinfo=TZ8).timestamp()
                os.utime(path, (ts, ts))
                n += 1
        return n


def _at(d: dt.date, h: int = 10, m: int = 0) -> dt.datetime:
    return dt.datetime(d.year, d.month, d.day, h, m)


def _pdf_info(doc: Doc, author: str = OFFICE["bureau"]) -> dict:
    when = _at(doc.date or D(2024, 1, 2), 16, 5)
    return {"Title": doc.title, "Author": author, "Creator": "市场监管综合执法办案系统", "CreationDate": when, "ModDate": when}


def _docx(doc: Doc, creator: str, *, title: str | None = "", **kw) -> bytes:
    when = _at(doc.date or D(2024, 1, 2), 9, 12)
    return build_docx(doc, title=doc.title if title == "" else title, creator=creator, created=when,
                      modified=when + dt.timedelta(hours=6, minutes=31), **kw)


def make_sample_inbox(out: str) -> Inbox:
    rng = random.Random(20240605)
    cs = sample_cases()
    A, B, C, Dd = cs["A"], cs["B"], cs["C"], cs["D"]
    ib = Inbox(out)

    # ---- Case A: 南市监处罚〔2024〕12号, complete, many formats, drafts and duplicates ----------------
    a = "案件/2024/南市监处罚〔2024〕12号 鲜丰公司销售过期食品案/"
    ib.add(a + "12315投诉举报登记.txt", text_12315(A).encode("gbk"), _at(A.dates["source"], 16, 40))
    src = doc_source_register(A)
    ib.add(a + "01 案件来源登记表.docx", _docx(src, "黄伟明"), _at(A.dates["source"], 17, 2))
    op = doc_filing_approval(A)
    ib.add(a + "02 立案审批表.docx", _docx(op, "黄伟明", title="立案审批表（范本）"), _at(A.dates["open"], 11, 20))
    on = doc_onsite_record(A)
    ib.add(a + "03 现场笔录.pdf", build_pdf(on, info=_pdf_info(on)), _at(A.dates["open"], 15, 3))
    iq = doc_inquiry_record(A)
    ib.add(a + "04 询问笔录（陈志强）.docx", _docx(iq, "林晓燕"), _at(D(2024, 3, 7), 16, 1))
    ev = a + "05 证据材料/"
    for name, t, seed in (("IMG_20240305_094117.jpg", T(2024, 3, 5, 9, 41, 17), 11),
                          ("IMG_20240305_094302.jpg", T(2024, 3, 5, 9, 43, 2), 12)):
        px = make_photo(random.Random(seed), 640, 480, "shelf")
        ib.add(ev + name, build_jpeg(640, 480, px, quality=80, exif=build_exif(t, width=640, height=480)), t)
    ib.add(ev + "企业信用信息公示截图.png",
           build_png(960, 640, make_screenshot(random.Random(13)), text={"Software": "Snipaste"}), T(2024, 3, 6, 10, 12))
    ib.add(ev + "Thumbs.db", build_thumbs_db(random.Random(14)), T(2024, 3, 6, 10, 13))
    rep = doc_investigation_report(A)
    ib.add(a + "06 案件调查终结报告.docx", _docx(rep, "黄伟明", style_ids="en"), _at(A.dates["report"], 17, 45))
    rv = doc_review_form(A)
    ib.add(a + "07 案件审核表.pdf", build_pdf(rv, info=_pdf_info(rv)), _at(A.dates["review"], 10, 30))
    nt = doc_notice(A)
    ib.add(a + "08 行政处罚告知书.pdf", build_pdf(nt, info=_pdf_info(nt), seal=True), _at(A.dates["notice"], 9, 50))
    ib.add(a + "陳述申辯書（鮮豐公司）.txt", text_defense_trad(A).encode("big5"), T(2024, 4, 22, 15, 8))
    agent_id = make_id_number(random.Random(15), D(1992, 8, 30), False)
    ib.add(a + "授權委託書.txt", text_power_of_attorney_trad(A, agent_id).encode("utf-8"), T(2024, 4, 22, 15, 9))
    dec = doc_decision(A)
    ib.add(a + "09 行政处罚决定书.docx",
           _docx(dec, "黄伟明", header_text=OFFICE["bureau"] + "行政处罚决定书", footer_page=True, company=OFFICE["bureau"],
                 revision=7), _at(A.dates["decision"], 11, 2))
    dec_pdf = build_pdf(dec, info=_pdf_info(dec), seal=True)
    ib.add(a + "09 行政处罚决定书.pdf", dec_pdf, _at(A.dates["decision"], 15, 30))
    ib.add(a + "09 行政处罚决定书 - 副本.pdf", dec_pdf, T(2024, 5, 8, 8, 55))
    ib.add("发文存档/2024/南市监处罚〔2024〕12号.pdf", dec_pdf, T(2024, 5, 8, 9, 0))
    sv = doc_service_receipt(A)
    ib.add(a + "10 送达回证.pdf", build_pdf(sv, info=_pdf_info(sv)), _at(A.dates["service"], 16, 0))
    cl = doc_closing_approval(A)
    ib.add(a + "11 结案审批表.docx", _docx(cl, "黄伟明"), _at(A.dates["close"], 10, 15))
    d1 = doc_decision(A, stage="初稿", fine_override=60000)
    ib.add(a + "草稿/行政处罚决定书（初稿）.docx", _docx(d1, "黄伟明", revision=1), T(2024, 4, 11, 18, 20))
    d2 = doc_decision(A, stage="征求意见稿")
    ib.add(a + "草稿/行政处罚决定书（征求意见稿）.docx", _docx(d2, "何丽娟", revision=4), T(2024, 4, 26, 11, 40))
    ib.add(a + "~WRL0003.tmp", b"PK\x03\x04" + bytes(random.Random(16).randrange(256) for _ in range(3068)),
           T(2024, 5, 6, 11, 1))

    # ---- Case B: 〔2024〕27号 / 027号, complete, scanned 送达回证, v1/v2 drafts -----------------------
    b = "案件/2024/027 李记粮油店未明码标价/"
    ob = doc_filing_approval(B)
    ib.add(b + "立案审批表.pdf", build_pdf(ob, info=_pdf_info(ob)), _at(B.dates["open"], 16, 20))
    onb = doc_onsite_record(B)
    ib.add(b + "现场笔录.docx", _docx(onb, "陈国栋", style_ids="en", title=None), _at(D(2024, 6, 12), 17, 10))
    iqb = doc_inquiry_record(B)
    ib.add(b + "询问笔录.pdf", build_pdf(iqb, info=_pdf_info(iqb)), _at(D(2024, 6, 17), 11, 0))
    px = make_photo(random.Random(21), 640, 480, "shelf")
    ib.add(b + "现场照片.jpg", build_jpeg(640, 480, px, quality=75, exif=build_exif(T(2024, 6, 12, 10, 21, 44),
                                                                               make="HUAWEI", model="Phone")),
           T(2024, 6, 12, 10, 21, 44))
    ib.add(b + "调查终结报告.docx", _docx(doc_investigation_report(B), "陈国栋"), _at(B.dates["report"], 16, 30))
    ib.add(b + "审核表.docx", _docx(doc_review_form(B), "何丽娟", title=None), _at(B.dates["review"], 15, 0))
    ib.add(b + "告知书.docx", _docx(doc_notice(B), "陈国栋"), _at(B.dates["notice"], 10, 0))
    ib.add(b + "决定书v1.docx", _docx(doc_decision(B, stage="v1", fine_override=1000), "陈国栋", revision=2),
           T(2024, 7, 15, 17, 40))
    decb = doc_decision(B)
    ib.add(b + "决定书v2.docx", _docx(decb, "陈国栋", revision=5), T(2024, 7, 19, 9, 5))
    ib.add(b + "行政处罚决定书.pdf", build_pdf(decb, info=_pdf_info(decb), seal=True), _at(B.dates["decision"], 14, 0))
    scan = make_scan_image(random.Random(22), 827, 1169, form=True)
    ib.add(b + "送达回证（扫描件）.pdf",
           build_scanned_pdf(scan, 827, 1169, info={"CreationDate": T(2024, 7, 24, 9, 12), "ModDate": T(2024, 7, 24, 9, 12)}),
           T(2024, 7, 24, 9, 12))
    clb = doc_closing_approval(B)
    ib.add(b + "结案审批表.pdf", build_pdf(clb, info=_pdf_info(clb)), _at(B.dates["close"], 10, 40))

    # ---- Case C: [2024]35号 / 〔２０２４〕３５号, NO 送达回证 and NO 结案审批表 -------------------------
    c = "案件/2024/[2024]35号 百佳惠超市计量器具/"
    ib.add(c + "立案审批表.docx", _docx(doc_filing_approval(C), "谢志坚"), _at(C.dates["open"], 15, 0))
    onc = doc_onsite_record(C)
    ib.add(c + "现场笔录.pdf", build_pdf(onc, info=_pdf_info(onc)), _at(D(2024, 8, 20), 16, 0))
    ib.add(c + "询问笔录.docx", _docx(doc_inquiry_record(C), "何丽娟", title=None), _at(D(2024, 8, 20), 16, 30))
    px = make_photo(random.Random(31), 640, 480, "scale")
    ib.add(c + "证据/电子秤照片.jpg", build_jpeg(640, 480, px, quality=82, exif=build_exif(T(2024, 8, 20, 10, 12, 5))),
           T(2024, 8, 20, 10, 12, 5))
    rpc = doc_investigation_report(C)
    ib.add(c + "案件调查终结报告.pdf", build_pdf(rpc, info=_pdf_info(rpc)), _at(C.dates["report"], 17, 0))
    ib.add(c + "案件审核表.docx", _docx(doc_review_form(C), "何丽娟"), _at(C.dates["review"], 11, 0))
    ib.add(c + "行政处罚告知书.docx", _docx(doc_notice(C), "谢志坚"), _at(C.dates["notice"], 9, 30))
    decc = doc_decision(C)
    ib.add(c + "行政处罚决定书.docx", _docx(decc, "谢志坚", footer_page=True), _at(C.dates["decision"], 10, 0))
    ib.add(c + "~$行政处罚决定书.docx", build_owner_file("谢志坚"), _at(C.dates["decision"], 10, 1))
    ib.add(c + ".DS_Store", build_ds_store(), T(2024, 9, 27, 8, 30))
    decc_pdf = build_pdf(decc, info=_pdf_info(decc), seal=True)
    ib.add("收件/行政处罚决定书(1).pdf", decc_pdf[:len(decc_pdf) * 11 // 20], T(2024, 9, 27, 8, 41))   # broken download

    # ---- Case D: 南市监处罚〔2024〕3号 as a Windows ZIP with GBK names -----------------------------
    folder = "（2024）第3号案卷/"
    items = [("立案审批表", doc_filing_approval(Dd), "docx"), ("现场笔录", doc_onsite_record(Dd), "pdf"),
             ("询问笔录", doc_inquiry_record(Dd), "docx"), ("案件调查终结报告", doc_investigation_report(Dd), "docx"),
             ("案件审核表", doc_review_form(Dd), "docx"), ("行政处罚告知书", doc_notice(Dd), "pdf"),
             ("行政处罚决定书", doc_decision(Dd), "docx"), ("送达回证", doc_service_receipt(Dd), "pdf"),
             ("结案审批表", doc_closing_approval(Dd), "docx")]
    cat = doc_file_catalog(Dd, [(n, d_.case_no if n in ("行政处罚决定书", "行政处罚告知书") else "", d_.date, 1 if n not in
                                 ("询问笔录", "行政处罚决定书", "案件调查终结报告") else 2) for n, d_, _ in items])
    zentries = [(folder, None, T(2024, 3, 12, 16, 0)), (folder + "卷内文件目录.docx", _docx(cat, "吴俊", title=None),
                                                          T(2024, 3, 12, 15, 48))]
    for n, d_, kind in items:
        t = _at(d_.date, 16, 10)
        data = _docx(d_, "黄伟明") if kind == "docx" else build_pdf(d_, info=_pdf_info(d_), seal=n in ("行政处罚决定书", "行政处罚告知书"))
        zentries.append((folder + n + "." + kind, data, t))
        if n == "现场笔录":
            zentries.append((folder + "证据/", None, T(2024, 1, 16, 12, 30)))
            px = make_photo(random.Random(41), 640, 480, "kitchen")
            zentries.append((folder + "证据/现场照片1.jpg",
                             build_jpeg(640, 480, px, quality=78, exif=build_exif(T(2024, 1, 16, 11, 34, 50))),
                             T(2024, 1, 16, 11, 34, 50)))
    ib.add("收件/微信文件/（2024）第3号案卷.zip", build_gbk_zip(zentries), T(2024, 3, 13, 9, 20))

    # ---- 2023: a 简易程序 case (当场处罚) ----------------------------------------------------------
    r23 = random.Random(2023)
    p23 = Party("南岭县石门镇阿强水果店", "individual", make_uscc(r23, "9", "2"), "南岭县石门镇新市场C区5号", "钟国强",
                make_id_number(r23, D(1990, 5, 17), True), "男", "13725509931", "个体工商户", "阿强水果店")
    d23 = doc_onsite_decision(2023, 41, p23, T(2023, 11, 14, 10, 20), [OF[2], OF[3]],
                              "当事人销售的苹果、香梨等5种水果未标示价格。", "《中华人民共和国价格法》第十三条第一款",
                              "《中华人民共和国价格法》第四十二条", 100)
    ib.add("案件/2023/当场处罚/当场行政处罚决定书 南市监当罚〔2023〕41号.docx", _docx(d23, "陈国栋"), T(2024, 1, 8, 10, 0))

    # ---- inspection records and the register ------------------------------------------------------
    recs = inspection_records(cs)
    ib.add("日常检查/检查记录_2024年第一季度.xml", build_inspection_xml(recs["q1"]), T(2024, 4, 1, 9, 0))
    ib.add("日常检查/检查记录_2024年第二季度.xml", build_inspection_xml(recs["q2"]), T(2024, 7, 1, 9, 0))
    ib.add("日常检查/系统导出/检查记录导出_2024Q3.xml", build_inspection_xml(recs["q3"], "GBK", "\r\n"), T(2024, 10, 15, 9, 0))
    ib.add("台账/2024年日常监督检查台账.csv", build_register_csv(register_rows(recs)), T(2024, 10, 16, 17, 20))

    # ---- other paperwork, junk and damage ---------------------------------------------------------
    ib.add("通知/关于做好2024年度文书档案整理归档工作的通知.txt", b"\xef\xbb\xbf" + text_archive_notice().encode("utf-8"),
           T(2024, 12, 2, 15, 0))
    ib.add("收件/案件材料清单.docx", build_encrypted_docx(random.Random(51)), T(2024, 9, 30, 10, 0))
    ib.add("桌面/新建 Microsoft Word 文档(2).docx", build_docx(Doc(""), creator="Administrator",
                                                              created=T(2024, 11, 5, 14, 2), revision=1),
           T(2024, 11, 5, 14, 2))
    ib.add("桌面/新建文本文档.txt", b"", T(2024, 11, 5, 14, 3))
    return ib


# --------------------------------------------------------------------------------------------
# --verify: check the inbox with the tools a user has (poppler-utils, xmllint, soffice)
# --------------------------------------------------------------------------------------------
def _sha(b: bytes) -> str:
    import hashlib
    return hashlib.sha256(b).hexdigest()


def verify(inbox: str, soffice: bool = False) -> int:
    import io
    import re
    import subprocess
    import tempfile
    import xml.etree.ElementTree as ET
    fails: list[str] = []
    notes: list[str] = []

    def check(cond: bool, what: str):
        (notes if cond else fails).append(("ok   " if cond else "FAIL ") + what)

    def run(*cmd, data: bytes | None = None) -> subprocess.CompletedProcess:
        return subprocess.run(cmd, input=data, capture_output=True)

    have = lambda tool: shutil.which(tool) is not None
    # 1. the committed inbox is exactly what the generator writes (bytes and mtimes)
    with tempfile.TemporaryDirectory() as tmp:
        ib = make_sample_inbox(os.path.join(tmp, "inbox"))
        ib.write()
        for rel, data, t in ib.files:
            path = os.path.join(inbox, rel)
            same = os.path.exists(path) and _sha(open(path, "rb").read()) == _sha(data)
            check(same, f"up to date: {rel}")
            if same:
                check(int(os.stat(path).st_mtime) == int(t.replace(tzinfo=TZ8).timestamp()), f"mtime: {rel}")
        on_disk = {os.path.relpath(os.path.join(d, f), inbox) for d, _, fs in os.walk(inbox) for f in fs}
        extra = on_disk - {r for r, _, _ in ib.files}
        check(not extra, f"no stray files in inbox {sorted(extra)[:3] if extra else ''}")
    files = sorted(on_disk)
    for rel in files:
        path = os.path.join(inbox, rel)
        data = open(path, "rb").read()
        base = os.path.basename(rel)
        if rel.endswith(".pdf"):
            if not have("pdfinfo"):
                continue
            info = run("pdfinfo", path)
            if "(1).pdf" in base:
                check(info.returncode != 0, f"truncated PDF is rejected by pdfinfo: {rel}")
                continue
            pages = re.search(rb"Pages:\s+(\d+)", info.stdout)
            check(info.returncode == 0 and pages and int(pages.group(1)) >= 1, f"pdfinfo pages: {rel}")
            text = run("pdftotext", "-enc", "UTF-8", path, "-").stdout.decode("utf-8", "replace")
            if "扫描件" in base:
                imgs = run("pdfimages", "-list", path).stdout.decode().splitlines()[2:]
                check(not text.strip() and len(imgs) == 1, f"scanned PDF: no text, one image: {rel}")
            else:
                check("市场监督管理局" in text and "市监" in text, f"pdftotext extracts Chinese and a case number: {rel}")
        elif rel.endswith(".docx"):
            if data.startswith(b"\xd0\xcf\x11\xe0"):
                check(b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00i\x00o\x00n\x00I\x00n\x00f\x00o" in data,
                      f"encrypted DOCX (OLE + EncryptionInfo): {rel}")
                continue
            if base.startswith("~$"):
                check(len(data) == 162, f"Word lock file is 162 bytes: {rel}")
                continue
            z = zipfile.ZipFile(io.BytesIO(data))
            ok = z.testzip() is None
            for n in z.namelist():
                if n.endswith(".xml") or n.endswith(".rels"):
                    ET.fromstring(z.read(n))
            styles = z.read("word/styles.xml").decode()
            check(ok and "outlineLvl" in styles and "docProps/core.xml" in z.namelist(), f"DOCX parts: {rel}")
        elif rel.endswith(".xml"):
            if have("xmllint"):
                check(run("xmllint", "--noout", path).returncode == 0, f"xmllint: {rel}")
            gbk = b'encoding="GBK"' in data[:64]          # expat has no GBK: decode, drop the declaration
            root = ET.fromstring(data.decode("gbk").split("?>", 1)[1] if gbk else data)
            check(root.tag == "{urn:lianghua:inspection-record:1}检查记录集", f"inspection-record namespace: {rel}")
        elif rel.endswith(".zip"):
            z = zipfile.ZipFile(io.BytesIO(data))
            infos = z.infolist()
            flags_ok = all(i.flag_bits & 0x800 == 0 and i.create_system == 0 and i.extra == b"" for i in infos)
            names = [i.filename.encode("cp437").decode("gbk") for i in infos]
            check(flags_ok and z.testzip() is None and all(n.startswith("（2024）第3号案卷/") for n in names),
                  f"GBK ZIP: bit 11 clear, MS-DOS host, GBK names: {rel}")
            for i, n in zip(infos, names):
                if n.endswith(".docx"):
                    check(zipfile.ZipFile(io.BytesIO(z.read(i))).testzip() is None, f"  entry {n}")
        elif rel.endswith(".csv"):
            text = data.decode("gbk")
            check(text.startswith(",".join(REGISTER_HEADER) + "\r\n") and text.count("\r\n") >= 11, f"GBK CSV register: {rel}")
        elif rel.endswith(".jpg"):
            check(data[:2] == b"\xff\xd8" and data[-2:] == b"\xff\xd9" and b"Exif\x00\x00" in data[:64]
                  and re.search(rb"\d{4}:\d\d:\d\d \d\d:\d\d:\d\d", data[:600]) is not None, f"JPEG with Exif: {rel}")
        elif rel.endswith(".png"):
            pos, ok = 8, data[:8] == b"\x89PNG\r\n\x1a\n"
            while ok and pos < len(data):
                ln, = struct.unpack(">I", data[pos:pos + 4])
                chunk = data[pos + 4:pos + 8 + ln]
                ok = struct.unpack(">I", data[pos + 8 + ln:pos + 12 + ln])[0] == zlib.crc32(chunk) & 0xFFFFFFFF
                pos += 12 + ln
            check(ok, f"PNG chunk CRCs: {rel}")
    if soffice and have("soffice"):
        with tempfile.TemporaryDirectory() as tmp:
            src = next(os.path.join(inbox, r) for r in files if r.endswith("09 行政处罚决定书.docx"))
            shutil.copy(src, os.path.join(tmp, "a.docx"))
            run("soffice", "--headless", f"-env:UserInstallation=file://{tmp}/lo", "--convert-to", "txt:Text",
                "--outdir", tmp, os.path.join(tmp, "a.docx"))
            txt = open(os.path.join(tmp, "a.txt"), encoding="utf-8-sig").read() if os.path.exists(os.path.join(tmp, "a.txt")) else ""
            check("南市监处罚〔2024〕12号" in txt and "一、违法事实" in txt, "soffice converts a DOCX to text")
    for n in notes if os.environ.get("VERBOSE") else []:
        print(n)
    for f in fails:
        print(f)
    print(f"verify: {len(notes)} checks passed, {len(fails)} failed")
    return 1 if fails else 0


def main(argv: list[str] | None = None) -> int:
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=os.path.join(here, "samples", "inbox"))
    ap.add_argument("--verify", action="store_true", help="check the inbox instead of writing it")
    ap.add_argument("--soffice", action="store_true", help="with --verify: also convert a DOCX with LibreOffice")
    ap.add_argument("--restore-mtimes", action="store_true",
                    help="only set the committed inbox's file mtimes (a git clone has checkout times)")
    args = ap.parse_args(argv)
    if args.verify:
        return verify(args.out, args.soffice)
    if args.restore_mtimes:
        ib = make_sample_inbox(args.out)
        print(f"make_samples: mtimes restored on {ib.restore_mtimes()} of {len(ib.files)} files in {args.out}")
        return 0
    ib = make_sample_inbox(args.out)
    total = ib.write()
    print(f"make_samples: {len(ib.files)} files, {total} bytes -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
