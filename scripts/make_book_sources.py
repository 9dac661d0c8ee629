#!/usr/bin/env python3
"""Randomized books of an office lianghua was never tuned for (issue 11 §2/§8): the rules a clerk
pastes together, in other offices' Word habits, with the spec that compiles them.

    make_book_sources.py --out DIR --seed N [--policies K]

Each seed draws a book: K policies (default 6–11) spread over two or three 篇, each written in one
convention — 章/节/条 (第一章 … 第一条), 条 only, or 公文 structure numbers 一、 （一） 1. （1）
(GB/T 9704-2012 §7.3.3) — and stored in one form: DOCX with built-in heading styles (English ids
"Heading1", Chinese Word's numeric ids, localized names "标题 1"), DOCX whose headings are typed by
hand (bold, centred, 黑体, no style), a WPS DOCX (its own style ids, or outline levels with no
style), TXT in GB18030 / UTF-8 with BOM / UTF-16LE, or Markdown (ATX headings, pipe tables, YAML
front matter). Per policy: full-width or half-width digits and brackets, 1. / 1． / 1、, 第一章总则
with no space, "总　　则" spread out, run-in （一） headings that are body text, a bracketed 题注 under
the title, a signature block, a small table; in TXT blank lines or not, CRLF or LF, a title "centred"
by spaces; a title line or only the file name. The 附录 holds a 权责清单 (CSV or XLSX, header
synonyms, 事项 merged over its rows, sometimes a title row above the header) and sometimes a 岗位职责
table.

Writes DIR/book.xml (templates/book/book.xsd) and DIR/truth.json: for every source (its path as
the spec's folder sees it) the title it was written with (or the file-name title when it has none),
its headings (level relative to the policy, text as written), its number of articles (第X条), the
text of every paragraph, and for tables every cell's text. Same seed, same bytes. Standard library
only; shares nothing with make_samples.py or make_manual_samples.py on purpose (their habits are
the ones lianghua was written against).
"""
from __future__ import annotations

import argparse
import io
import json
import os
import random
import re
import zipfile
from xml.sax.saxutils import escape, quoteattr

CN = "一二三四五六七八九"
ZIP_TIME = (2024, 3, 1, 9, 0, 0)


def cn(n: int) -> str:
    if n < 10:
        return CN[n - 1]
    if n < 20:
        return "十" + (CN[n - 11] if n > 10 else "")
    return CN[n // 10 - 1] + "十" + (CN[n % 10 - 1] if n % 10 else "")


def fullwidth(s: str) -> str:
    return s.translate(str.maketrans("0123456789.()", "０１２３４５６７８９．（）"))


# ---- words -------------------------------------------------------------------------------------
TOPICS = ["食品经营许可", "网络交易监管", "广告监测", "价格监督检查", "商标使用指导", "知识产权保护",
          "消费维权", "产品质量抽检", "药品零售监管", "医疗器械经营", "化妆品监管", "电梯安全",
          "燃气器具检查", "农贸市场管理", "校园食品安全", "冷链食品追溯", "个体工商户服务", "信用修复",
          "经营异常名录", "企业年报", "行政调解", "12315热线", "执法车辆", "证据保存", "涉案财物",
          "内务管理", "公章使用", "政务信息", "舆情应对", "应急值守", "节能降耗", "办公用品采购"]
KINDS = ["管理制度", "工作制度", "实施办法", "工作规范", "管理办法", "操作规程", "工作细则"]
PARTS = ["党建工作", "综合管理", "业务规范", "安全生产", "窗口服务", "执法监督"]
CHAPTERS = ["总则", "职责分工", "工作程序", "工作要求", "监督检查", "责任追究", "档案管理", "附则",
            "组织领导", "保障措施"]
SECTIONS = ["一般规定", "受理", "审核", "办理", "归档", "日常检查", "专项检查"]
GONGWEN_L1 = ["总体要求", "工作目标", "主要任务", "实施步骤", "保障措施", "工作要求", "职责分工", "监督考核"]
GONGWEN_L2 = ["加强组织领导", "明确责任分工", "强化督促检查", "规范工作流程", "做好宣传引导", "严格考核问责",
              "完善台账资料", "落实经费保障"]
GONGWEN_L3 = ["日常检查", "专项整治", "信息报送", "结果运用", "问题整改", "培训演练"]
WHO = ["所长", "分管副所长", "综合岗", "执法岗", "网格监管员", "窗口人员", "党支部书记", "内勤人员", "各监管片区"]
WHEN = ["每月5日前", "每季度末", "每半年", "每年12月底前", "每周一", "事后3个工作日内", "接到通知后2小时内",
        "每年1月15日前"]
DO = ["建立健全", "严格落实", "定期开展", "认真组织", "及时报告", "如实记录", "统筹安排", "规范办理", "跟踪督办"]
WHAT = ["工作台账", "责任清单", "检查记录", "问题清单", "整改措施", "学习笔记", "情况报告", "统计报表",
        "风险隐患清单", "举报线索"]
BASIS = ["《中华人民共和国行政处罚法》", "《市场监督管理行政处罚程序规定》", "《中华人民共和国食品安全法》",
         "《党政机关公文处理工作条例》", "《中华人民共和国产品质量法》", "《优化营商环境条例》",
         "《中华人民共和国消费者权益保护法》"]


class Writer:
    """The text of one policy as the author meant it: title, headings (level), articles, items, body."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.blocks: list[tuple[str, str, int]] = []  # (kind, text, level): title/heading/article/item/para/table

    def sentence(self, topic: str) -> str:
        r = self.rng
        return f"{r.choice(WHEN)}{r.choice(DO)}{topic}{r.choice(WHAT)}，由{r.choice(WHO)}审核后报{r.choice(WHO)}备案"

    def body(self, topic: str) -> str:
        return "；".join(self.sentence(topic) for _ in range(self.rng.randint(1, 3))) + "。"


def zhangtiao(w: Writer, topic: str, chapters: bool, sections: bool, digits) -> None:
    r = w.rng
    article = 0
    sep = r.choice(["　", " ", "　", "  ", "\t"])
    # "第一章总则" is typed too; "第一条为了…" would be ambiguous ("第三条规定的…"), so articles keep theirs.
    head_sep = "" if r.random() < 0.2 else sep
    spaced = r.random() < 0.3  # "第一章　总　　则": a two-character name spread over four

    def articles(n: int, first: bool = False):
        nonlocal article
        for k in range(n):
            article += 1
            if first and k == 0:
                text = f"为了规范{topic}工作，根据{r.choice(BASIS)}等有关规定，结合本所实际，制定本制度。"
            else:
                text = w.body(topic)
            items = r.random() < 0.25
            if items:
                text = f"{topic}工作应当符合下列要求："
            w.blocks.append(("article", f"第{cn(article)}条{sep}{text}", 0))
            if items:
                number = r.choice(["（{}）", "({})", "{}.", "{}、"])
                n_items = r.randint(2, 4)
                for i in range(n_items):
                    end = "；" if i + 1 < n_items else "。"
                    label = number.format(cn(i + 1) if "（" in number or "(" in number else digits(str(i + 1)))
                    w.blocks.append(("item", label + f"{r.choice(DO)}{r.choice(WHAT)}{end}", 0))

    if not chapters:
        articles(r.randint(4, 9), first=True)
        return
    names = r.sample([c for c in CHAPTERS if c not in ("总则", "附则")], r.randint(1, 3))
    for c, name in enumerate(["总则"] + names + ["附则"]):
        if spaced and len(name) == 2:
            name = name[0] + "　　" + name[1]
        w.blocks.append(("heading", f"第{cn(c + 1)}章{head_sep}{name}", 1))
        if sections and 0 < c <= len(names):
            for s, sname in enumerate(r.sample(SECTIONS, r.randint(2, 3))):
                w.blocks.append(("heading", f"第{cn(s + 1)}节{head_sep}{sname}", 2))
                articles(r.randint(1, 3))
        else:
            articles(r.randint(1, 4), first=c == 0)


def gongwen(w: Writer, topic: str, depth: int, digits) -> None:
    r = w.rng
    w.blocks.append(("para", f"为进一步做好{topic}工作，根据{r.choice(BASIS)}和上级部署，结合本所实际，制定本办法。", 0))
    paren = r.choice(["（{}）", "({})"])
    arabic = r.choice(["{}.", "{}．", "{}、"])
    for a, h1 in enumerate(r.sample(GONGWEN_L1, r.randint(2, 4))):
        w.blocks.append(("heading", f"{cn(a + 1)}、{h1}", 1))
        if depth < 2 or r.random() < 0.3:
            for _ in range(r.randint(1, 2)):
                w.blocks.append(("para", w.body(topic), 0))
            continue
        for b, h2 in enumerate(r.sample(GONGWEN_L2, r.randint(1, 3))):
            if r.random() < 0.15:  # a run-in heading: "（一）加强组织领导。正文…" is body text
                w.blocks.append(("para", paren.format(cn(b + 1)) + h2 + "。" + w.body(topic), 0))
                continue
            w.blocks.append(("heading", paren.format(cn(b + 1)) + h2, 2))
            if depth < 3 or r.random() < 0.5:
                w.blocks.append(("para", w.body(topic), 0))
                continue
            for c, h3 in enumerate(r.sample(GONGWEN_L3, r.randint(1, 2))):
                w.blocks.append(("heading", digits(arabic.format(c + 1)) + h3, 3))
                w.blocks.append(("para", w.body(topic), 0))


def small_table(w: Writer, topic: str) -> list[list[str]]:
    r = w.rng
    rows = [["工作事项", "责任人", "完成时限"]]
    for _ in range(r.randint(2, 4)):
        rows.append([f"{r.choice(DO)}{r.choice(WHAT)}", r.choice(WHO), r.choice(WHEN)])
    return rows


# ---- forms -------------------------------------------------------------------------------------
def zip_bytes(entries: list[tuple[str, str]]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in entries:
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))
    return buf.getvalue()


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
# style ids and names per producer: (title id, title name, [heading ids], [heading names])
STYLE_SETS = {
    "word-en": ("Title", "Title", ["Heading1", "Heading2", "Heading3", "Heading4"],
                ["heading 1", "heading 2", "heading 3", "heading 4"]),
    "word-zh": ("a3", "Title", ["1", "2", "3", "4"], ["heading 1", "heading 2", "heading 3", "heading 4"]),
    "word-localized": ("a5", "标题", ["a6", "a7", "a8", "a9"], ["标题 1", "标题 2", "标题 3", "标题 4"]),
    "wps": ("13", "Title", ["2", "3", "4", "5"], ["heading 1", "heading 2", "heading 3", "heading 4"]),
}


def run(text: str, font: str = "仿宋_GB2312", size: int = 32, bold: bool = False) -> str:
    b = "<w:b/>" if bold else ""
    return (f'<w:r><w:rPr><w:rFonts w:ascii="{font}" w:eastAsia="{font}" w:hAnsi="{font}"/>{b}'
            f'<w:sz w:val="{size}"/></w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>')


BOOKMARKS = [0]  # bookmark ids of the document being written: unique in it, the same in every file


def noisy_runs(text: str, rng: random.Random, **rk) -> str:
    """The text as Word saves it after editing: split over several runs, with proofing marks and a
    _Toc bookmark between them, and a line break (w:br) where the text has "\n". The bookmark names
    recur from file to file, as in files copied from one template."""
    out = []
    for k, line in enumerate(text.split("\n")):
        if k:
            out.append("<w:r><w:br/></w:r>")
        cuts = sorted(rng.sample(range(1, len(line)), min(len(line) - 1, rng.randint(0, 3)))) if len(line) > 1 else []
        for a, b in zip([0] + cuts, cuts + [len(line)]):
            out.append(run(line[a:b], **rk))
            mark = rng.choice(["", '<w:proofErr w:type="spellStart"/>', '<w:proofErr w:type="gramEnd"/>',
                               f'<w:bookmarkStart w:id="{BOOKMARKS[0]}" w:name="_Toc1{BOOKMARKS[0]:05d}"/>'
                               f'<w:bookmarkEnd w:id="{BOOKMARKS[0]}"/>'])
            BOOKMARKS[0] += 1
            out.append(mark)
    return "".join(out)


def para(text: str, style: str = "", jc: str = "", indent: bool = False, outline: int = -1,
         noise: random.Random | None = None, num: tuple[int, int] | None = None, **rk) -> str:
    ppr = ""
    if style:
        ppr += f'<w:pStyle w:val="{style}"/>'
    if num:
        ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    if outline >= 0:
        ppr += f'<w:outlineLvl w:val="{outline}"/>'
    if indent:
        ppr += '<w:ind w:firstLineChars="200" w:firstLine="640"/>'
    if jc:
        ppr += f'<w:jc w:val="{jc}"/>'
    body = noisy_runs(text, noise, **rk) if noise else run(text, **rk)
    return f"<w:p><w:pPr>{ppr}</w:pPr>{body}</w:p>"


def docx_table(rows: list[list[str]]) -> str:
    grid = "".join('<w:gridCol w:w="2800"/>' for _ in rows[0])
    body = "".join("<w:tr>" + "".join(f'<w:tc><w:tcPr><w:tcW w:w="2800" w:type="dxa"/></w:tcPr>{para(c, size=24)}</w:tc>'
                                      for c in row) + "</w:tr>" for row in rows)
    return (f'<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblBorders><w:top w:val="single" w:sz="4"/>'
            f'<w:bottom w:val="single" w:sz="4"/><w:insideH w:val="single" w:sz="4"/><w:insideV w:val="single" w:sz="4"/>'
            f'</w:tblBorders></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl>')


def docx(blocks, form: str, rng: random.Random, numbering: dict | None = None) -> bytes:
    """form: styled-<set>, hand (bold/centred headings, no style), wps-outline (outline levels only).
    numbering: auto_number's plan (headings numbered from numbering.xml) or None."""
    sset = STYLE_SETS.get(form.split("-", 1)[1] if form.startswith("styled-") else "wps")
    tid, tname, hids, hnames = sset
    # The title in "Heading 1" and the headings one style down: a habit of Word users who never
    # found the Title style.
    title_as_h1 = form.startswith("styled-") and rng.random() < 0.25
    shift = 1 if title_as_h1 else 0
    nz = rng if rng.random() < 0.5 else None  # runs split by editing, _Toc bookmarks, proofing marks
    BOOKMARKS[0] = 0
    out = []
    numbered = numbering["paras"] if numbering else {}
    for at, (kind, text, level) in enumerate(blocks):
        num, noise = None, nz
        if at in numbered:  # the name only; Word draws the number
            text, num_id, ilvl, typed = numbered[at]
            num = None if numbering["on_style"] and at not in numbering["direct"] else (num_id, ilvl)
            if nz:  # the draws the typed heading made, so later files stay as they were; its own for the name
                noisy_runs(typed, nz)
                noise = random.Random(text)
        if kind == "note":  # "（2024年3月1日所务会议通过）" under the title, centred in 楷体
            out.append(para(text, noise=nz, jc="center", font="楷体_GB2312", size=32))
            continue
        if kind == "sign":  # the issuing office and date, right-aligned
            out.append(para(text, noise=nz, jc="right"))
            continue
        if kind == "title" and nz and len(text) > 8 and rng.random() < 0.3:
            text = text[:len(text) // 2] + "\n" + text[len(text) // 2:]  # a long title broken by Shift+Enter
        if kind == "title" and title_as_h1:
            out.append(para(text, noise=nz, style=hids[0], jc="center", font="方正小标宋简体", size=44))
            continue
        if kind == "table":
            out.append(docx_table(text))
            continue
        if kind == "title":
            if form.startswith("styled-") and rng.random() < 0.7:
                out.append(para(text, noise=nz, style=tid, jc="center", font="方正小标宋简体", size=44))
            else:
                out.append(para(text, noise=nz, jc="center", font="方正小标宋简体", size=44, bold=rng.random() < 0.5))
        elif kind == "heading":
            if form.startswith("styled-"):
                out.append(para(text, noise=noise, style=hids[level - 1 + shift], num=num, font="黑体", size=32))
            elif form == "wps-outline":
                out.append(para(text, noise=noise, outline=level - 1, num=num, font="黑体", size=32))
            else:  # typed by hand: 章 centred in bold 黑体, 一、 in 黑体, （一） in bold 楷体
                centred = level == 1 and not re.match(r"^[一二三四五六七八九十]+、", text)
                font = "黑体" if level == 1 else "楷体_GB2312"
                out.append(para(text, noise=nz, jc="center" if centred else "", font=font, size=32, bold=level > 1 or centred))
        else:  # an article numbered by Word ("第%1条") carries its numPr as a body paragraph
            out.append(para(text, noise=noise, indent=True, num=num))
    # numPr on the heading style: the style's level k (k - shift in the policy) is the list's ilvl
    style_num = (lambda k: f'<w:numPr><w:ilvl w:val="{k - shift}"/><w:numId w:val="1"/></w:numPr>'
                 if numbering and numbering["on_style"] and k - shift + 1 in numbering["levels"] else "")
    styles = "".join(f'<w:style w:type="paragraph" w:styleId="{i}"><w:name w:val="{n}"/><w:basedOn w:val="Normal"/>'
                     f'<w:pPr><w:keepNext/>{style_num(k)}<w:outlineLvl w:val="{k}"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>'
                     for k, (i, n) in enumerate(zip(hids, hnames)))
    styles = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles {W}>'
              f'<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
              f'<w:style w:type="paragraph" w:styleId="{tid}"><w:name w:val="{tname}"/><w:basedOn w:val="Normal"/>'
              f'<w:pPr><w:jc w:val="center"/></w:pPr></w:style>{styles}</w:styles>')
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{"".join(out)}'
                f'<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" '
                f'w:left="1588" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>')
    app = "WPS Office_11.1.0.14309" if form.startswith("wps") or form == "styled-wps" else "Microsoft Office Word"
    ct = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
          '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
          '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>')
    drels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
             + ('<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>'
                if numbering else "") + '</Relationships>')
    if numbering:
        ct = ct.replace("</Types>", '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-'
                                    'officedocument.wordprocessingml.numbering+xml"/></Types>')
    appxml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
              f'<Application>{app}</Application></Properties>')
    return zip_bytes([("[Content_Types].xml", ct), ("_rels/.rels", rels), ("word/document.xml", document),
                      ("word/_rels/document.xml.rels", drels), ("word/styles.xml", styles), ("docProps/app.xml", appxml)]
                     + ([("word/numbering.xml", numbering["xml"])] if numbering else []))


def txt(blocks, rng: random.Random) -> tuple[bytes, str]:
    enc = rng.choice(["gb18030", "utf-8-sig", "utf-16le"])
    blank = rng.random() < 0.5
    indent = "　　" if rng.random() < 0.5 else ""
    nl = rng.choice(["\r\n", "\n"])
    lines = []
    centre = " " * rng.choice([0, 8, 12]) if rng.random() < 0.5 else ""  # a title or 章 "centred" by spaces
    for kind, text, level in blocks:
        lead = indent if kind in ("para", "article", "item") else centre if kind in ("title", "note") or \
            (kind == "heading" and text.startswith("第")) else ""
        lines.append(lead + text)
        if blank:
            lines.append("")
    data = nl.join(lines) + nl
    raw = data.encode(enc)
    if enc == "utf-16le":
        raw = b"\xff\xfe" + raw
    return raw, enc


def heading_md(level: int, text: str, setext: bool) -> str:
    """An ATX heading, or (levels 1 and 2) a setext one: the text underlined with = or -."""
    if setext and level <= 2:
        return text + "\n" + ("=" if level == 1 else "-") * max(3, len(text))
    return "#" * level + " " + text


def markdown(blocks, title_form: str, rng: random.Random) -> str:
    out = []
    blocks = list(blocks)
    # Setext headings ("标题\n==="), as some editors write them; drawn apart so that books written
    # before this habit stay byte for byte the same.
    setext = random.Random(f"setext {SEED[0]} {blocks[0][1] if blocks else ''}").random() < 0.3
    bold_articles = rng.random() < 0.3
    if blocks and blocks[0][0] == "title":
        if title_form == "yaml":
            out += ["---", f"title: {json.dumps(blocks[0][1], ensure_ascii=False) if rng.random() < 0.5 else blocks[0][1]}",
                    "author: 综合岗", f"date: 2024-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}", "---", ""]
            top = 1
        else:
            out += [heading_md(1, blocks[0][1], setext), ""]
            top = 2
        blocks = blocks[1:]
    else:
        top = 1
    for kind, text, level in blocks:
        if kind == "heading":
            out.append(heading_md(top + level - 1, text, setext))
        elif kind == "article" and bold_articles:  # "**第一条**　…": the number in bold
            number, rest = text.split("条", 1)
            out.append(f"**{number}条**{rest}")
        elif kind == "table":
            out.append("| " + " | ".join(text[0]) + " |")
            out.append("|" + "|".join(rng.choice(["---", ":---", ":---:"]) for _ in text[0]) + "|")
            out += ["| " + " | ".join(r) + " |" for r in text[1:]]
        else:
            out.append(text)
        out.append("")
    return "\n".join(out)


# ---- the 权责清单 and 岗位职责 tables -----------------------------------------------------------
DUTY_HEADERS = [["序号"], ["事项名称", "权力事项名称", "职权名称"], ["事项类型", "权力类型"], ["实施依据", "设定依据"],
                ["责任主体", "实施主体"], ["责任事项", "责任事项内容"], ["追责情形", "问责情形"], ["备注"]]
POWERS = [("行政处罚", "对{}的处罚"), ("行政检查", "对{}的监督检查"), ("行政强制", "对{}相关物品的查封扣押"),
          ("行政许可", "{}许可")]


def duty_rows(rng: random.Random) -> tuple[list[list[str]], list[tuple[int, int, int]]]:
    """Rows (header first) and vertical merges (column, first row, last row) of a 权责清单."""
    header = [rng.choice(h) for h in DUTY_HEADERS]
    keep_note = rng.random() < 0.6
    if not keep_note:
        header = header[:-1]
    rows, merges = [header], []
    for n, topic in enumerate(rng.sample(TOPICS, rng.randint(8, 16))):
        kind, pattern = rng.choice(POWERS)
        sub = rng.randint(1, 4)
        first = len(rows)
        for k in range(sub):
            row = [str(n + 1), pattern.format(topic), kind, rng.choice(BASIS) + f"第{cn(rng.randint(10, 99))}条",
                   rng.choice(WHO), f"{rng.choice(['受理', '立案', '调查', '审查', '决定', '送达', '执行'])}责任："
                   f"{rng.choice(DO)}{rng.choice(WHAT)}，{rng.choice(WHEN)}完成。",
                   f"{rng.choice(['不履行', '不正确履行', '滥用'])}{rng.choice(['受理', '调查', '审查'])}职责，"
                   f"造成{rng.choice(['不良影响', '严重后果', '国家损失'])}的。"]
            if keep_note:
                row.append(rng.choice(["", "", "", "按上级要求执行"]))
            rows.append(row)
        if sub > 1:
            for col in (0, 1, 2, 3):
                merges.append((col, first, first + sub - 1))
    return rows, merges


def csv_bytes(rows, merges, rng: random.Random) -> bytes:
    below = {(r, c) for c, a, b in merges for r in range(a + 1, b + 1)}  # left empty under a merged 事项
    lines = []
    for r, row in enumerate(rows):
        cells = ["" if (r, c) in below else v for c, v in enumerate(row)]
        lines.append(",".join('"' + v.replace('"', '""') + '"' if ("," in v or '"' in v) else v for v in cells))
    data = "\r\n".join(lines) + "\r\n"
    return data.encode(rng.choice(["gb18030", "utf-8-sig"]))


def col_name(c: int) -> str:
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[c]


def xlsx_bytes(rows, merges, sheet: str) -> bytes:
    below = {(r, c) for c, a, b in merges for r in range(a + 1, b + 1)}
    strings: list[str] = []
    index: dict[str, int] = {}
    xml_rows = []
    for r, row in enumerate(rows):
        cells = []
        for c, v in enumerate(row):
            if (r, c) in below or v == "":
                continue
            if v not in index:
                index[v] = len(strings)
                strings.append(v)
            cells.append(f'<c r="{col_name(c)}{r + 1}" t="s"><v>{index[v]}</v></c>')
        xml_rows.append(f'<row r="{r + 1}">{"".join(cells)}</row>')
    merge_xml = "".join(f'<mergeCell ref="{col_name(c)}{a + 1}:{col_name(c)}{b + 1}"/>' for c, a, b in merges)
    merge_xml = f'<mergeCells count="{len(merges)}">{merge_xml}</mergeCells>' if merges else ""
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rns = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    sheet_xml = f'{head}<worksheet {ns}><sheetData>{"".join(xml_rows)}</sheetData>{merge_xml}</worksheet>'
    sst = (f'{head}<sst {ns} count="{len(strings)}" uniqueCount="{len(strings)}">'
           + "".join(f"<si><t>{escape(s)}</t></si>" for s in strings) + "</sst>")
    wb = f'{head}<workbook {ns} {rns}><sheets><sheet name={quoteattr(sheet)} sheetId="1" r:id="rId1"/></sheets></workbook>'
    ct = (f'{head}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
          '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
          '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    rels = (f'{head}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    wrels = (f'{head}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
             '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
    return zip_bytes([("[Content_Types].xml", ct), ("_rels/.rels", rels), ("xl/workbook.xml", wb),
                      ("xl/_rels/workbook.xml.rels", wrels), ("xl/worksheets/sheet1.xml", sheet_xml),
                      ("xl/sharedStrings.xml", sst)])


def post_rows(rng: random.Random) -> list[list[str]]:
    rows = [[rng.choice(["岗位", "岗位名称"]), rng.choice(["主要职责", "岗位职责"]), "对应业务"]]
    for post in rng.sample(["所长", "副所长", "综合岗", "登记注册岗", "食品安全监管岗", "特种设备监管岗", "执法办案岗",
                            "消费维权岗"], rng.randint(4, 7)):
        duties = "；".join(f"{rng.choice(DO)}{rng.choice(TOPICS)}{rng.choice(WHAT)}" for _ in range(rng.randint(2, 4)))
        rows.append([post, duties + "。", rng.choice(TOPICS)])
    return rows


# ---- Word auto-numbered headings (issue 11) ------------------------------------------------------
NUMBERS = {  # convention -> level -> (pattern of the typed number, w:lvlText, w:numFmt choices)
    "zhangtiao": {1: (r"^第[一二三四五六七八九十]+章", "第%{}章", ["chineseCounting", "chineseCountingThousand"]),
                  2: (r"^第[一二三四五六七八九十]+节", "第%{}节", ["chineseCounting", "chineseCountingThousand"])},
    "gongwen": {1: (r"^[一二三四五六七八九十]+、", "%{}、", ["chineseCounting", "chineseCountingThousand", "ideographTraditional"]),
                2: (r"^[（(][一二三四五六七八九十]+[）)]", "（%{}）", ["chineseCounting", "chineseCountingThousand"]),
                3: (r"^[0-9０-９]+[.．、]", "%{}.", ["decimal"])},
}
STEMS = "甲乙丙丁戊己庚辛壬癸"


def number_as_printed(n: int, fmt: str) -> str:
    return str(n) if fmt == "decimal" else STEMS[n - 1] if fmt == "ideographTraditional" else cn(n)


def auto_number(blocks, convention: str, form: str, rng: random.Random):
    """The headings numbered by Word from numbering.xml: the paragraph holds the name only, the number
    comes from w:numPr (on the paragraph or on its heading style) through w:lvlText and w:numFmt. One
    multi-level list, or one list per level with the lower levels restarted under each parent
    (a w:num per parent with w:startOverride). The truth is the heading as Word prints it. None when
    the headings were not typed with their numbers."""
    levels = NUMBERS.get(convention)
    heads = [(i, t, l) for i, (k, t, l) in enumerate(blocks) if k == "heading"]
    if not levels or not heads or any(l not in levels or not re.match(levels[l][0], t) for _, t, l in heads):
        return None
    on_style = form.startswith("styled-") and rng.random() < 0.5
    separate = not on_style and rng.random() < 0.4
    fmts = {l: rng.choice(f) for l, (_, _, f) in levels.items()}
    suff = rng.choice(["tab", "tab", "space", "nothing"])
    lvl_xml = lambda il, text, fmt: (f'<w:lvl w:ilvl="{il}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                                     + (f'<w:suff w:val="{suff}"/>' if suff != "tab" else "")
                                     + f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>')
    abstracts, nums, paras = [], [], {}
    if not separate:  # one multi-level list: level l is ilvl l-1, "%l" its own number
        abstracts.append('<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>' + "".join(
            lvl_xml(l - 1, text.format(l), fmts[l]) for l, (_, text, _) in sorted(levels.items())) + "</w:abstractNum>")
        nums.append('<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>')
    else:
        for l, (_, text, _) in sorted(levels.items()):
            abstracts.append(f'<w:abstractNum w:abstractNumId="{l - 1}"><w:multiLevelType w:val="singleLevel"/>'
                             f'{lvl_xml(0, text.format(1), fmts[l])}</w:abstractNum>')
    counters = [0] * 5
    next_num = [1]
    num_of_level: dict[int, int] = {}
    out = list(blocks)
    for i, text, l in heads:
        counters[l] += 1
        for d in range(l + 1, 5):
            counters[d] = 0
        if separate:
            if counters[l] == 1:  # a new list for each parent: restarted at 1
                num_of_level[l] = next_num[0]
                nums.append(f'<w:num w:numId="{next_num[0]}"><w:abstractNumId w:val="{l - 1}"/>'
                            f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>')
                next_num[0] += 1
            num_id, ilvl = num_of_level[l], 0
        else:
            num_id, ilvl = 1, l - 1
        name = re.sub(levels[l][0] + r"[\s　]*", "", text, count=1)
        label = levels[l][1].format(l).replace(f"%{l}", number_as_printed(counters[l], fmts[l]))
        gap = "" if suff == "nothing" or label[-1] in "、）." else "　"
        out[i] = ("heading", label + gap + name, l)
        paras[i] = (name, num_id, ilvl, text)
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering {W}>'
           + "".join(abstracts) + "".join(nums) + "</w:numbering>")
    return out, {"xml": xml, "paras": paras, "on_style": on_style, "levels": sorted(levels), "direct": set()}


ARTICLE = r"^第[一二三四五六七八九十百]+条"


def auto_number_articles(blocks, numbering: dict | None, rng: random.Random):
    """The articles numbered by Word too: one list whose w:lvlText is "第%1条" (chineseCounting), never
    restarted by a chapter, on the body paragraphs themselves (no heading style). Word prints
    "第一条" and the text after a tab (a space, or nothing, by w:suff); the paragraph holds the text
    only. The truth is the article as Word prints it. Merged into the headings' numbering.xml."""
    arts = [(i, t) for i, (k, t, _) in enumerate(blocks) if k == "article" and re.match(ARTICLE, t)]
    if not arts:
        return blocks, numbering
    fmt = rng.choice(["chineseCounting", "chineseCountingThousand"])
    suff = rng.choice(["tab", "tab", "space", "nothing"])
    abstract = (f'<w:abstractNum w:abstractNumId="8"><w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0">'
                f'<w:start w:val="1"/><w:numFmt w:val="{fmt}"/>' + (f'<w:suff w:val="{suff}"/>' if suff != "tab" else "")
                + '<w:lvlText w:val="第%1条"/><w:lvlJc w:val="left"/></w:lvl></w:abstractNum>')
    num = '<w:num w:numId="80"><w:abstractNumId w:val="8"/></w:num>'
    if numbering is None:
        numbering = {"xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering {W}></w:numbering>',
                     "paras": {}, "on_style": False, "levels": [], "direct": set()}
    xml = numbering["xml"]
    first_num = xml.find("<w:num ")  # every w:abstractNum before the first w:num (§17.9.20)
    at = first_num if first_num >= 0 else xml.rfind("</w:numbering>")
    numbering["xml"] = (xml[:at] + abstract + xml[at:]).replace("</w:numbering>", num + "</w:numbering>")
    out = list(blocks)
    for n, (i, text) in enumerate(arts, 1):
        name = re.sub(ARTICLE + r"[\s　]*", "", text, count=1)
        label = f"第{cn(n)}条"
        out[i] = ("article", label + ("" if suff == "nothing" else "　") + name, 0)
        numbering["paras"][i] = (name, 80, 0, text)
        numbering["direct"].add(i)
    return out, numbering


# ---- one policy, one book ----------------------------------------------------------------------
FORMS = ["styled-word-en", "styled-word-zh", "styled-word-localized", "styled-wps", "wps-outline", "hand",
         "txt", "md"]


def stem_title(stem: str) -> str:
    return stem.split(" ", 1)[1] if " " in stem and stem.split(" ", 1)[0].isdigit() else stem


def policy(rng: random.Random, topic: str) -> tuple[str, list, dict]:
    """A policy's form, its blocks as written, and the facts of it for the truth."""
    w = Writer(rng)
    form = rng.choice(FORMS)
    convention = rng.choice(["zhangtiao", "zhangtiao", "tiao", "gongwen"])
    digits = fullwidth if rng.random() < 0.3 else (lambda s: s)
    title = f"{topic}{rng.choice(KINDS)}"
    has_title = rng.random() < 0.8
    if has_title:
        w.blocks.append(("title", title, 0))
        if rng.random() < 0.25:
            w.blocks.append(("note", f"（2024年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"
                                     f"{rng.choice(['所务会议', '所长办公会', '支部委员会'])}审议通过）", 0))
    if convention == "tiao":
        zhangtiao(w, topic, chapters=False, sections=False, digits=digits)
    elif convention == "zhangtiao":
        zhangtiao(w, topic, chapters=True, sections=rng.random() < 0.3, digits=digits)
    else:
        gongwen(w, topic, depth=rng.randint(1, 3), digits=digits)
    # (Not without a title: a first line set off only by its formatting is the title, by any reading.)
    if (form.startswith("styled-") or (form == "hand" and has_title)) and convention == "zhangtiao" and rng.random() < 0.3:
        # Word's list numbering draws "第一章" itself, or the clerk typed the name alone in bold and
        # centred it: the paragraph holds the name only.
        w.blocks = [(k, re.sub(r"^第.+?[章节][\s　]*", "", t) if k == "heading" else t, l) for k, t, l in w.blocks]
    if rng.random() < 0.2:
        w.blocks.append(("sign", rng.choice(["城东", "河西", "新桥"]) + "市场监督管理所", 0))
        w.blocks.append(("sign", f"2024年{rng.randint(1, 12)}月{rng.randint(1, 28)}日", 0))
    if form in ("md",) or form.startswith("styled-") or form == "hand":
        if rng.random() < 0.25:
            at = rng.randint(1, len(w.blocks))
            w.blocks.insert(at, ("table", small_table(w, topic), 0))
    numbering = None
    # Its own draws, so the books of seeds written before this habit stay byte for byte the same.
    arng = random.Random(f"auto-number {SEED[0]} {topic}")
    if (form.startswith("styled-") or form == "wps-outline") and arng.random() < 0.4:
        numbered = auto_number(w.blocks, convention, form, arng)
        if numbered:
            w.blocks, numbering = numbered
    # Articles numbered by Word as well (issue 11): draws of their own, so older books stay the same.
    trng = random.Random(f"auto-number articles {SEED[0]} {topic}")
    if (form.startswith("styled-") or form in ("wps-outline", "hand")) and trng.random() < 0.3:
        w.blocks, numbering = auto_number_articles(w.blocks, numbering, trng)
    return form, w.blocks, {"convention": convention, "title": title if has_title else None, "numbering": numbering}


def truth_of(path: str, form: str, blocks, facts: dict) -> dict:
    paragraphs, cells = [], []
    for kind, text, level in blocks:
        if kind == "table":
            cells += [c for row in text for c in row]
        else:
            paragraphs.append(text)
    stem = os.path.splitext(os.path.basename(path))[0]
    return {"path": path, "form": form + ("-autonumbered" if facts["numbering"] else ""), "convention": facts["convention"],
            "title": facts["title"] or stem_title(stem), "title_from_file": facts["title"] is None,
            "headings": [[l, t] for k, t, l in blocks if k == "heading"],
            "articles": sum(1 for k, _, _ in blocks if k == "article"),
            "paragraphs": paragraphs, "table_cells": cells}


def write(out: str, rel: str, data: bytes) -> None:
    p = os.path.join(out, rel)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "wb") as f:
        f.write(data)


SEED = [0]  # the book's seed, for the draws of habits added later (auto_number)


def make_book(out: str, seed: int, policies: int | None) -> None:
    SEED[0] = seed
    rng = random.Random(seed)
    n = policies or rng.randint(6, 11)
    topics = rng.sample(TOPICS, n)
    parts = rng.sample(PARTS, rng.randint(2, 3))
    by_part: list[list[str]] = [[] for _ in parts]
    for i in range(n):
        by_part[i % len(parts) if i < len(parts) else rng.randrange(len(parts))].append(topics[i])
    truth = {"seed": seed, "sources": [], "tables": []}
    spec_parts = []
    for p, (part, ptopics) in enumerate(zip(parts, by_part)):
        folder = f"{p + 1:02d} {part}"
        as_folder = rng.random() < 0.6
        entries = []
        for k, topic in enumerate(ptopics):
            form, blocks, facts = policy(rng, topic)
            stem = f"{k + 1:02d} {facts['title'] or topic + '制度'}" if rng.random() < 0.7 else (facts["title"] or topic + "制度")
            if form == "txt":
                data, enc = txt(blocks, rng)
                rel = f"{folder}/{stem}.txt"
                form = f"txt-{enc}"
            elif form == "md":
                rel = f"{folder}/{stem}.md"
                data = markdown(blocks, rng.choice(["yaml", "atx"]), rng).encode("utf-8")
            else:
                rel = f"{folder}/{stem}.docx"
                data = docx(blocks, form, rng, facts["numbering"])
            write(out, rel, data)
            truth["sources"].append(truth_of(rel, form, blocks, facts))
            entries.append(rel)
        if as_folder:
            body = f'    <source src={quoteattr(folder)}/>\n'
        elif rng.random() < 0.5 and len(entries) > 1:
            cut = rng.randint(1, len(entries) - 1)
            body = "".join(f'    <chapter title={quoteattr(t)}>\n' + "".join(f'      <source src={quoteattr(e)}/>\n' for e in es)
                           + "    </chapter>\n" for t, es in (("基本制度", entries[:cut]), ("工作规范", entries[cut:])))
        else:
            body = "".join(f'    <source src={quoteattr(e)}/>\n' for e in entries)
        spec_parts.append(f'  <part title={quoteattr(part)}>\n{body}  </part>\n')
    rows, merges = duty_rows(rng)
    below = {(r, c) for c, a, b in merges for r in range(a + 1, b + 1)}
    cells = [v for r, row in enumerate(rows[1:], 1) for c, v in enumerate(row) if v and (r, c) not in below]
    duty = "99 附录/权责清单." + rng.choice(["csv", "xlsx"])
    if rng.random() < 0.4:  # a title row above the header, as many offices' sheets have
        rows = [[f"{rng.choice(['城东', '河西'])}市场监督管理所权责清单"] + [""] * (len(rows[0]) - 1)] + rows
        merges = [(c, a + 1, b + 1) for c, a, b in merges]
    write(out, duty, csv_bytes(rows, merges, rng) if duty.endswith(".csv") else xlsx_bytes(rows, merges, rng.choice(["Sheet1", "权责清单"])))
    truth["tables"].append({"path": duty, "cells": cells})
    appendices = f'    <appendix title="权责清单"><source src={quoteattr(duty)}/></appendix>\n'
    if rng.random() < 0.5:
        posts = post_rows(rng)
        write(out, "99 附录/岗位职责.csv", csv_bytes(posts, [], rng))
        truth["tables"].append({"path": "99 附录/岗位职责.csv", "cells": [v for row in posts[1:] for v in row]})
        appendices += '    <appendix title="岗位职责"><source src="99 附录/岗位职责.csv"/></appendix>\n'
    office = rng.choice(["城东", "河西", "新桥", "白沙", "青山", "柳林"]) + "市场监督管理所"
    spec = ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<book xmlns="urn:lianghua:book:1" toc-levels="{rng.choice([2, 3])}" parts-on-recto="{rng.choice(["true", "false"])}">\n'
            f'  <title>{office}制度汇编</title>\n  <office>{office}</office>\n  <date>2024-03-01</date>\n'
            + "".join(spec_parts) + f'  <appendices>\n{appendices}  </appendices>\n</book>\n')
    write(out, "book.xml", spec.encode("utf-8"))
    write(out, "truth.json", json.dumps(truth, ensure_ascii=False, indent=1).encode("utf-8"))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--policies", type=int)
    a = ap.parse_args()
    make_book(a.out, a.seed, a.policies)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
