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
    typ = ['#set page(paper: "a4", margin: (top: 37mm, bottom: 35mm, left: 28mm, right: 26mm), numbering: "— 1 —")',
           '#set text(font: ("FandolFang", "FandolSong"), size: 16pt, lang: "zh")',
           '#set par(first-line-indent: 2em, justify: true)', '#outline(depth: 2)', '#pagebreak()']
    parts = []
    for i in range(n):
        title = f"第{i + 1}号工作制度"
        lines = [title, ""]
        typ += [f"#pagebreak()", f"== {title}"]
        art = 0
        for ch in range(1, 4):
            lines.append(f"第{cn(ch)}章　规定")
            typ.append(f"=== 第{cn(ch)}章 规定")
            for _ in range(6):  # 18 articles a source: ~3 pages each, ~300 pages in all
                art += 1
                body = "，".join("".join(rng.sample(WORDS, 3)) for _ in range(rng.randint(3, 6))) + "。"
                lines.append(f"　　第{cn(art)}条　{body}")
                typ.append(f"*第{cn(art)}条*　{body}")
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
