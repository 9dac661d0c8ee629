#!/usr/bin/env python3
"""Inputs of the compile benchmark (issue 11 §9): N rule texts (GB18030 TXT, 第X章 / 第X条) that
together make a book of about 300 pages, the book spec over them, and the same content for the
peers: a Typst 0.14 document (book.typ, with outline) for `typst compile`. LibreOffice converts the
DOCX lianghua writes (the equivalent DOCX). Deterministic (seed 1).

    python3 bench/bench_compile_inputs.py N DIR
"""
import os
import random
import sys

CN = "一二三四五六七八九十"


def cn(n: int) -> str:
    if n <= 10:
        return CN[n - 1]
    if n < 20:
        return "十" + CN[n - 11]
    return CN[n // 10 - 1] + "十" + (CN[n % 10 - 1] if n % 10 else "")


WORDS = ["建立健全", "工作台账", "定期开展", "监督检查", "如实记录", "及时报告", "所长", "执法人员", "网格监管员",
         "食品安全", "特种设备", "计量器具", "投诉举报", "档案资料", "责任清单", "整改落实", "审核把关", "存档备查"]


def main() -> int:
    n, out = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(1)
    os.makedirs(os.path.join(out, "src"), exist_ok=True)
    # The Typst side mirrors the book lianghua makes of the same sources (compose/book/book.h): a cover
    # without a page number, the 目录 counted i, ii …, then the 篇 with "— 1 —" page numbers and a running
    # header (book title, 篇 title); every 制度 on a new page, its title 小标宋 18 pt centred, 第X章 黑体
    # centred, "第X条" in 黑体 and the text 仿宋 16 pt, 28 mm / 26 mm / 37 mm / 35 mm margins and a
    # 28.95 pt line pitch (GB/T 9704-2012 §5.2: 22 lines of 28 characters on A4).
    typ = ['#let xbs = ("Noto Serif CJK SC",)  // 小标宋: the bold Noto Serif CJK SC stands in (fonts/roles.json)',
           '#let fang = ("FandolFang", "Noto Serif CJK SC")',
           '#let hei = ("Noto Sans CJK SC",)',
           '#set page(paper: "a4", margin: (top: 37mm, bottom: 35mm, left: 28mm, right: 26mm))',
           '#set text(font: fang, size: 16pt, lang: "zh", top-edge: "ascender", bottom-edge: "descender")',
           '#set par(first-line-indent: (amount: 2em, all: true), justify: true, leading: 12.95pt, spacing: 12.95pt)',
           '#show heading: set block(above: 12.95pt, below: 12.95pt)',
           '#show heading.where(level: 1): it => { pagebreak(weak: true); align(center, text(font: xbs, weight: "bold", size: 22pt, it.body)) }',
           '#show heading.where(level: 2): it => { pagebreak(weak: true); align(center, text(font: xbs, weight: "bold", size: 18pt, it.body)) }',
           '#show heading.where(level: 3): it => align(center, text(font: hei, weight: "regular", size: 16pt, it.body))',
           '#page(numbering: none)[#v(50mm) #align(center, text(font: xbs, weight: "bold", size: 26pt)[基准测试制度汇编]) '
           '#v(1fr) #align(center)[二〇二四年三月] #v(20mm)]',
           '#set page(numbering: "i")', '#counter(page).update(1)',
           '#outline(title: align(center, text(font: xbs, weight: "bold", size: 22pt)[目　录]), depth: 2)',
           '#set page(numbering: "— 1 —", header: context { set text(size: 10.5pt); [基准测试制度汇编 #h(1fr) 制度]; '
           'v(-8pt); line(length: 100%, stroke: 0.5pt) })',
           '#pagebreak()', '#counter(page).update(1)', '= 制度']
    parts = []
    for i in range(n):
        title = f"第{i + 1}号工作制度"
        lines = [title, ""]
        typ.append(f"== {title}")
        art = 0
        for ch in range(1, 4):
            lines.append(f"第{cn(ch)}章　规定")
            typ.append(f"=== 第{cn(ch)}章　规定")
            for _ in range(6):  # 18 articles a source: ~3 pages each, ~300 pages in all
                art += 1
                body = "，".join("".join(rng.sample(WORDS, 3)) for _ in range(rng.randint(3, 6))) + "。"
                lines.append(f"　　第{cn(art)}条　{body}")
                typ.append(f"#text(font: hei)[第{cn(art)}条]　{body}\n")
        with open(os.path.join(out, "src", f"{i + 1:03d}.txt"), "wb") as f:
            f.write(("\r\n".join(lines) + "\r\n").encode("gb18030"))
        parts.append(i)
    with open(os.path.join(out, "book.xml"), "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<book xmlns="urn:lianghua:book:1">\n'
                "  <title>基准测试制度汇编</title>\n  <date>2024-03-01</date>\n"
                '  <part title="制度"><source src="src"/></part>\n</book>\n')
    with open(os.path.join(out, "book.typ"), "w", encoding="utf-8") as f:
        f.write("\n".join(typ) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
