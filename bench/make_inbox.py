#!/usr/bin/env python3
"""Synthetic inbox for benchmarks: N files over ~N/15 cases and several years.

    python3 bench/make_inbox.py N OUTDIR [--seed S] [--jobs J] [--years 2019-2025] [--small]

N defaults to 2000. Uses the builders of scripts/make_samples.py: DOCX and PDF 文书 (text PDFs with
the non-embedded STSong-Light font, a few scanned image-only PDFs), GBK / UTF-8 / Big5 text,
GBK CSV registers, inspection-record XML (some GBK), Windows ZIPs with GBK names, JPEG photos
with Exif, PNG screenshots, duplicates, drafts, junk (~$ lock files, Thumbs.db, .DS_Store,
.tmp, 0-byte files), truncated PDFs and encrypted DOCX. Content varies per case, so hashes
differ except for the deliberate duplicates. Deterministic for a given (N, seed): the plan is
made in one process from one RNG; each file's bytes depend only on its plan entry, so --jobs
does not change the output. OUTDIR is created; files already in it are overwritten, others kept.

--small [--flat]: N small text 文书 instead (one ~1 KB UTF-8 通知 each, all distinct, spread over the years and
over folders of 1,000): an archive of 100,000 items in minutes, for the memory benchmark
(bench/bench_memory.sh), where what counts is the number of items, not what they hold. --flat puts
them all in OUTDIR itself (bench/bench_one_folder.sh: 100,000 inputs in one folder).
"""
from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import random
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts"))
import make_samples as ms  # noqa: E402

TOWNS = ["石门镇", "东坪镇", "大塘镇", "龙潭镇", "青山镇", "白沙镇", "新圩镇"]
BRANDS = ["鲜丰", "百佳惠", "好运来", "李记", "福满楼", "永兴", "宏达", "美美", "惠民", "兴隆", "金穗", "佳佳", "万家", "大润",
          "康宁", "华美", "新乐", "顺发", "天天", "祥和", "聚福", "喜来", "恒通", "和兴", "旺角", "丰源", "诚信", "嘉禾"]
TRADES_CO = ["食品贸易有限公司", "生活超市有限公司", "餐饮管理有限公司", "医药连锁有限公司", "农资有限公司", "电器有限公司"]
TRADES_IND = ["粮油店", "饭店", "药店", "五金店", "眼镜店", "化妆品店", "母婴用品店", "农资经营部", "酒家", "肠粉店", "水果店", "便利店"]
SURNAMES = "陈李黄张刘林王吴何梁郑谢罗钟邓叶曾彭蔡许"
GIVEN = ["志强", "桂芳", "振东", "永福", "国强", "丽华", "建军", "秀英", "伟文", "海燕", "家俊", "美玲", "俊杰", "少华",
         "春梅", "德明", "慧敏", "锦荣", "雪梅", "文辉"]
STREETS = ["建设路", "府前路", "解放路", "新市场", "东风路", "滨江路", "老街", "学府路", "人民路", "中山路"]
CASE_STYLES = [("std", 80), ("pad", 6), ("sq", 6), ("fw", 4), ("paren", 4)]


def _weighted(rng: random.Random, pairs):
    total = sum(w for _, w in pairs)
    x = rng.uniform(0, total)
    for v, w in pairs:
        x -= w
        if x <= 0:
            return v
    return pairs[-1][0]


def _party(rng: random.Random) -> ms.Party:
    brand = rng.choice(BRANDS) + rng.choice(["", "", "鑫", "佳", "源"])
    town = rng.choice(TOWNS)
    company = rng.random() < 0.45
    sex_m = rng.random() < 0.6
    rep = rng.choice(SURNAMES) + rng.choice(GIVEN)
    birth = dt.date(rng.randint(1960, 1998), rng.randint(1, 12), rng.randint(1, 28))
    addr = f"南岭县{town}{rng.choice(STREETS)}{rng.randint(1, 199)}号"
    phone = "1" + rng.choice(["38", "39", "35", "36", "37", "58", "59", "88"]) + f"{rng.randrange(10 ** 8):08d}"
    if company:
        name = f"南岭县{brand}{rng.choice(TRADES_CO)}"
        return ms.Party(name, "company", ms.make_uscc(rng), addr, rep, ms.make_id_number(rng, birth, sex_m),
                        "男" if sex_m else "女", phone, "有限责任公司（自然人投资或控股）", brand + "公司")
    trade = rng.choice(TRADES_IND)
    return ms.Party(f"南岭县{town}{brand}{trade}", "individual", ms.make_uscc(rng, "9", "2"), addr, rep,
                    ms.make_id_number(rng, birth, sex_m), "男" if sex_m else "女", phone, "个体工商户", brand + trade)


def _shift(v, delta):
    if isinstance(v, tuple):
        return tuple(x + delta for x in v)
    return v + delta


_TEMPLATES: dict | None = None


def _templates() -> list[ms.Case]:
    global _TEMPLATES
    if _TEMPLATES is None:
        _TEMPLATES = ms.sample_cases()
    return list(_TEMPLATES.values())


def make_case(rng: random.Random, year: int, num: int) -> ms.Case:
    tpl = rng.choice(_templates())
    party = _party(rng)
    opened = dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(3, 340))
    delta = opened - tpl.dates["open"]
    dates = {k: _shift(v, delta) for k, v in tpl.dates.items()}
    fine = rng.choice([100, 200, 500, 600, 800, 1000, 2000, 3000, 5000, 8000, 10000, 20000, 50000, 60000])
    pens = [p for p in tpl.penalties if "罚款" not in p] + [f"罚款人民币{ms.money_upper(fine)}（￥{fine:.2f}）"]
    if rng.random() < 0.1:           # still open: no 送达回证 / 结案审批表 yet
        dates.pop("service", None)
        dates.pop("close", None)
    elif "service" not in dates:
        dates["service"] = dates["decision"] + dt.timedelta(days=1)
        dates["close"] = dates["decision"] + dt.timedelta(days=rng.randint(10, 40))
    off = rng.sample(ms.OFFICERS, 2)
    src = tpl.source.replace(tpl.party.name, party.name)
    yr = lambda t: t.replace("2024年", f"{year}年").replace("JC2024", f"JC{year}")   # the templates are 2024 cases
    facts = [yr(f) for f in tpl.facts]
    qa = [(yr(q), yr(a_)) for q, a_ in tpl.qa]
    style = _weighted(rng, CASE_STYLES)
    no_style = {k: style for k in ("open", "onsite", "report", "review", "decision", "service", "close")} \
        if rng.random() < 0.5 else {rng.choice(["decision", "review", "open"]): style}
    date_style = {rng.choice(["decision", "report", "notice"]): rng.choice(["ar", "ar", "cn", "pad"]),
                  "onsite": rng.choice(["ar", "dot"])}
    return dataclasses.replace(tpl, year=year, num=num, party=party, source=yr(src), officers=off, dates=dates,
                               facts=facts, qa=qa, onsite=yr(tpl.onsite),
                               discretion=rng.choice(["当事人在法定期限内未提出陈述申辩意见。",
                                                      "当事人在法定期限内提出了陈述申辩，经复核，其理由不能成立，不予采纳。"]),
                               penalties=pens, fine=fine, no_style=no_style, date_style=date_style,
                               execution=f"当事人已缴纳罚款人民币{fine:.2f}元。", place="")


# ---- the plan -----------------------------------------------------------------------------------
# A plan entry: (rel_path, kind, args, mtime). kind names a builder below; args are plain data.
DOC_NAMES = {"source": "案件来源登记表", "open": "立案审批表", "onsite": "现场笔录", "inquiry": "询问笔录",
             "report": "案件调查终结报告", "review": "案件审核表", "notice": "行政处罚告知书", "decision": "行政处罚决定书",
             "service": "送达回证", "close": "结案审批表"}
ORDER = ["source", "open", "onsite", "inquiry", "report", "review", "notice", "decision", "service", "close"]


def _mt(d: dt.date | dt.datetime, rng: random.Random) -> dt.datetime:
    if isinstance(d, dt.datetime):
        d = d.date()
    return dt.datetime(d.year, d.month, d.day, rng.randint(8, 18), rng.randint(0, 59), rng.randint(0, 59))


def _doc_date(case: ms.Case, key: str) -> dt.date:
    v = case.dates[key if key not in ("onsite", "inquiry") else ("inspect" if key == "onsite" else "inquiry")]
    return v[0].date() if isinstance(v, tuple) else v


def plan_case(rng: random.Random, case: ms.Case, idx: int) -> list[tuple]:
    out: list[tuple] = []
    short = case.party.short
    v = rng.random()
    if v < 0.5:
        folder = f"案件/{case.year}/{case.no()} {short}{case.cause}案/"
    elif v < 0.8:
        folder = f"案件/{case.year}/{case.num:03d} {short}{case.cause}/"
    else:
        folder = f"{case.year}年案卷/{short}/"
    numbered = rng.random() < 0.5
    keys = [k for k in ORDER if (k != "source" or rng.random() < 0.3) and (k not in ("service", "close") or k in case.dates)]
    as_zip = rng.random() < 0.03
    files: list[tuple] = []
    for i, k in enumerate(keys, 1):
        name = DOC_NAMES[k]
        fmt = "pdf" if rng.random() < 0.45 else "docx"
        base = f"{i:02d} {name}" if numbered else name
        when = _mt(_doc_date(case, k), rng)
        if k == "service" and rng.random() < 0.1:
            files.append((base + "（扫描件）.pdf", "scan", (idx, rng.randrange(3)), when))
            continue
        files.append((f"{base}.{fmt}", fmt, (k, rng.random() < 0.5), when))
        if k == "decision":
            if fmt == "docx" and rng.random() < 0.5:
                files.append((f"{base}.pdf", "pdf", (k, True), when + dt.timedelta(hours=3)))
            if rng.random() < 0.1:
                files.append((f"草稿/{name}（初稿）.docx", "draft", ("初稿", case.fine + 1000), when - dt.timedelta(days=9)))
            if rng.random() < 0.05:
                files.append(("决定书v1.docx", "draft", ("v1", case.fine * 2), when - dt.timedelta(days=5)))
                files.append(("决定书v2.docx", "draft", ("v1", case.fine), when - dt.timedelta(days=2)))
            if rng.random() < 0.05:
                files.append((f"{base} - 副本.{fmt}", "dup", f"{base}.{fmt}", when + dt.timedelta(days=1)))
            if rng.random() < 0.03:
                files.append(("~$" + name + ".docx", "owner", rng.choice(ms.OFFICERS)[0], when))
        if k == "onsite":
            for j in range(rng.choice([0, 1, 1, 2, 3])):
                t = dt.datetime.combine(when.date(), dt.time(9 + j, rng.randint(0, 59), rng.randint(0, 59)))
                files.append((f"证据材料/IMG_{t:%Y%m%d_%H%M%S}.jpg", "jpeg", (rng.randrange(3), t.isoformat()), t))
            if rng.random() < 0.05:
                files.append(("证据材料/Thumbs.db", "thumbs", idx, when))
            if rng.random() < 0.04:
                files.append(("证据材料/网页截图.png", "png", idx, when))
    if rng.random() < 0.25:
        files.append(("12315投诉举报登记.txt", "t12315", idx, _mt(case.dates["source"], rng)))
    if rng.random() < 0.02:
        files.append(("陳述申辯書.txt", "big5", None, _mt(case.dates["notice"], rng)))
    if rng.random() < 0.02:
        files.append((".DS_Store", "dsstore", None, _mt(case.dates["open"], rng)))
    if rng.random() < 0.02:
        files.append(("~WRL%04d.tmp" % rng.randrange(10000), "tmp", idx, _mt(case.dates["decision"], rng)))
    if rng.random() < 0.01:
        files.append(("新建文本文档.txt", "empty", None, _mt(case.dates["open"], rng)))
    if rng.random() < 0.005:
        files.append(("行政处罚决定书(1).pdf", "truncated", ("decision", True), _mt(case.dates["decision"], rng)))
    if rng.random() < 0.003:
        files.append(("案件材料清单.docx", "encrypted", idx, _mt(case.dates["decision"], rng)))
    if as_zip:
        zname = f"收件/（{case.year}）第{case.num}号案卷.zip"
        inner = f"（{case.year}）第{case.num}号案卷/"
        out.append((zname, "zip", (inner, files), max(f[3] for f in files) + dt.timedelta(days=1)))
    else:
        out += [(folder + f[0], *f[1:]) if f[1] != "dup" else (folder + f[0], "dup", folder + f[2], f[3]) for f in files]
    if rng.random() < 0.03 and "decision" in case.dates:
        out.append((f"发文存档/{case.year}/{case.no()}.pdf", "pdf", ("decision", True), _mt(case.dates["decision"], rng)))
    return out


def plan_year(rng: random.Random, year: int, cases: list[ms.Case]) -> list[tuple]:
    out = []
    for q in range(1, 5):
        gbk = q == 3
        name = f"日常检查/{year}/检查记录_{year}年第{q}季度.xml" if not gbk else f"日常检查/{year}/系统导出/检查记录导出_{year}Q{q}.xml"
        out.append((name, "xml", (year, q, gbk), dt.datetime(year, 3 * q, 28, 9, 0)))
    out.append((f"台账/{year}年日常监督检查台账.csv", "csv", (year,), dt.datetime(year, 12, 20, 17, 0)))
    out.append((f"通知/关于做好{year}年度文书档案整理归档工作的通知.txt", "notice", (year,), dt.datetime(year, 12, 2, 15, 0)))
    return out


def make_small_plan(n: int, seed: int, years: list[int], flat: bool = False) -> list[tuple]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        year = years[i % len(years)]
        when = dt.datetime(year, 1 + i % 12, 1 + i % 28, 9 + i % 8, i % 60)
        rel = f"通知-{i:06d}.txt" if flat else f"小件/{year}/{i // 1000:03d}/通知-{i:06d}.txt"
        out.append((rel, "small", (year, i, rng.choice(TOWNS)), when, None))
    return out


def make_plan(n: int, seed: int, years: list[int]) -> tuple[list[tuple], dict[int, ms.Case]]:
    rng = random.Random(seed)
    n_cases = max(1, n // 15)
    per_year: dict[int, list[int]] = {y: [] for y in years}
    cases: dict[int, ms.Case] = {}
    plan: list[tuple] = []
    for y in (years if n >= 500 else years[-1:]):       # registers, records, notices: at most ~10 % of N
        plan += plan_year(rng, y, [])
    plan = plan[:max(1, n // 10)]
    counters = {y: 0 for y in years}
    i = 0
    while len(plan) < n:
        y = years[i % len(years)] if i < n_cases else rng.choice(years)
        counters[y] += rng.randint(1, 3)
        case = make_case(rng, y, counters[y])
        cases[i] = case
        per_year[y].append(i)
        plan += [(rel, kind, args, mt, i) for rel, kind, args, mt in plan_case(rng, case, i)]
        i += 1
    plan = [p if len(p) == 5 else (*p, None) for p in plan][:n]
    # paths must be unique: a collision (same brand, same folder style) gets a suffix
    seen: set[str] = set()
    fixed = []
    for rel, kind, args, mt, ci in plan:
        base, k = rel, 2
        while rel in seen:
            stem, ext = os.path.splitext(base)
            rel = f"{stem}({k}){ext}"
            k += 1
        seen.add(rel)
        fixed.append((rel, kind, args, mt, ci))
    return fixed, cases


# ---- building -----------------------------------------------------------------------------------
_CACHE: dict = {}


def _jpeg_template(scene: int) -> bytes:
    key = ("jpeg", scene)
    if key not in _CACHE:
        name = ["shelf", "scale", "kitchen"][scene]
        px = ms.make_photo(random.Random(100 + scene), 320, 240, name)
        _CACHE[key] = ms.build_jpeg(320, 240, px, quality=75)
    return _CACHE[key]


def _scan_template(k: int) -> bytes:
    key = ("scan", k)
    if key not in _CACHE:
        import zlib
        _CACHE[key] = zlib.compress(ms.make_scan_image(random.Random(200 + k), 827, 1169, form=True), 6)
    return _CACHE[key]


def _doc(case: ms.Case, key: str) -> ms.Doc:
    return ms.CASE_DOCS[key][0](case)


# --fonts mixed: the names other offices' PDF producers give the font they do not embed, weighted by
# how often a 市场监管所's born-digital PDFs would carry them: iText's STSong-Light, the 公文 fonts of
# GB/T 9704 (仿宋_GB2312 body, 楷体_GB2312, 方正小标宋 titles), Windows' SimSun/SimHei, Office's 微软雅黑;
# one written as its Chinese name (UTF-8 bytes, #-escaped). Default: STSong-Light for every PDF.
MIXED_FONTS = ["STSong-Light"] * 3 + ["SimSun"] * 2 + ["FangSong_GB2312"] * 3 + ["KaiTi_GB2312", "SimHei",
               "FZXiaoBiaoSong-B05S", "MicrosoftYaHei", "仿宋_GB2312"]
FONTS = ["STSong-Light"]


def build(kind: str, args, mtime: dt.datetime, case: ms.Case | None, seed: int) -> bytes | None:
    rng = random.Random(f"{seed}:{kind}:{args!r}:{mtime.isoformat()}")
    if kind in ("docx", "pdf", "truncated"):
        key, seal = args
        d = _doc(case, key)
        if kind == "docx":
            return ms.build_docx(d, title=d.title if seal else None, creator=case.officers[0][0],
                                 created=mtime - dt.timedelta(hours=2), modified=mtime, footer_page=key == "decision",
                                 style_ids="zh" if seal else "en")
        data = ms.build_pdf(d, info={"Title": d.title, "Author": ms.OFFICE["bureau"], "CreationDate": mtime,
                                     "ModDate": mtime}, seal=seal and key in ("decision", "notice"),
                            font=FONTS[0] if len(FONTS) == 1 else rng.choice(FONTS))
        return data[:len(data) // 2] if kind == "truncated" else data
    if kind == "draft":
        stage, fine = args
        d = ms.doc_decision(case, stage=stage, fine_override=fine)
        return ms.build_docx(d, creator=case.officers[0][0], created=mtime, modified=mtime, revision=2)
    if kind == "scan":
        idx, k = args
        return ms.build_scanned_pdf(b"", 827, 1169, compressed=_scan_template(k),
                                    info={"CreationDate": mtime, "ModDate": mtime, "Title": f"SCAN{idx:06d}"})
    if kind == "jpeg":
        scene, when = args
        t = dt.datetime.fromisoformat(when)
        return ms.replace_exif(_jpeg_template(scene), ms.build_exif(t, width=320, height=240,
                                                                    gps=(24.3 + rng.random() / 10, 112.9 + rng.random() / 10)))
    if kind == "png":
        return ms.build_png(480, 320, ms.make_screenshot(rng, 480, 320))
    if kind == "thumbs":
        return ms.build_thumbs_db(rng)
    if kind == "owner":
        return ms.build_owner_file(args)
    if kind == "t12315":
        return ms.text_12315(case, reg_no=f"44182903{case.dates['source']:%Y%m%d}{args:06d}").encode("gbk")
    if kind == "big5":
        return ms.text_defense_trad(case).replace("南嶺縣鮮豐食品貿易有限公司", case.party.name).encode("big5", "replace")
    if kind == "dsstore":
        return ms.build_ds_store()
    if kind == "tmp":
        return b"PK\x03\x04" + bytes(rng.randrange(256) for _ in range(1024))
    if kind == "empty":
        return b""
    if kind == "encrypted":
        return ms.build_encrypted_docx(rng)
    if kind == "xml":
        year, q, gbk = args
        recs = []
        for j in range(rng.randint(8, 25)):
            p = _party(rng)
            t = dt.datetime(year, 3 * q - 2, 1, 8) + dt.timedelta(days=rng.randint(0, 88), minutes=rng.randint(0, 600))
            officers = rng.sample(ms.OFFICERS, 1 if rng.random() < 0.03 else 2)
            code = p.code if rng.random() > 0.03 else p.code[:17] + ("0" if p.code[17] != "0" else "1")
            rec_day = t.date() if rng.random() > 0.03 else t.date() - dt.timedelta(days=1)
            recs.append({"id": f"JC{year}-{q}{j + 1:03d}", "subject": p.name, "code": code, "address": p.address,
                         "inspected": t.isoformat() + "+08:00", "recorded": rec_day.isoformat(), "officers": officers,
                         "content": rng.choice(["食品经营日常检查：进货查验、贮存条件、过期食品。", "明码标价检查：价签、价目表。",
                                                "计量器具检查：电子计价秤检定情况。", "产品质量检查：标识标签、合格证。"]),
                         "result": rng.choice(["未发现问题。", "符合要求。", "发现问题，已责令整改。"]),
                         "measures": rng.choice(["无。", "责令限期整改。", "现场指导。"])})
        return ms.build_inspection_xml(recs, "GBK" if gbk else "UTF-8", "\r\n" if gbk else "\n")
    if kind == "csv":
        (year,) = args
        rows = []
        for j in range(rng.randint(20, 60)):
            p = _party(rng)
            t = dt.datetime(year, 1, 2, 8) + dt.timedelta(days=rng.randint(0, 360), minutes=rng.randint(0, 600))
            off = rng.sample(ms.OFFICERS, 2)
            rows.append([str(j + 1), p.name, p.code, p.address, f"{t.year}/{t.month}/{t.day} {t.hour}:{t.minute:02d}",
                         "、".join(n for n, _ in off), "、".join(k for _, k in off), "日常监督检查", "未发现问题", "无"])
        return ms.build_register_csv(rows)
    if kind == "small":
        year, i, town = args
        head = (f"南岭县市场监督管理局\n关于{town}第{i}号市场主体年度报告公示情况核查的通知\n"
                f"南市监函〔{year}〕{i % 900 + 1}号\n\n各市场监管所：\n")
        para = (f"根据年度报告公示工作安排，请于{year}年{1 + i % 12}月底前完成第{i}号核查任务，"
                "核查结果录入系统，发现异常的依法列入经营异常名录。\n")
        body = head + para * 3 + f"\n南岭县市场监督管理局\n{year}年{1 + i % 12}月{1 + i % 28}日\n"
        return body.encode()
    if kind == "notice":
        (year,) = args
        return b"\xef\xbb\xbf" + ms.text_archive_notice().replace("2024", str(year)).replace("2025", str(year + 1)).encode()
    raise ValueError(kind)


def _zip_entries(inner: str, files: list[tuple], case: ms.Case, seed: int) -> bytes:
    entries, dirs, built = [], set(), {}
    for rel, kind, args, mt in files:
        d = os.path.dirname(rel)
        if d and d not in dirs:
            dirs.add(d)
            entries.append((inner + d + "/", None, mt))
        data = built.get(args) if kind == "dup" else build(kind, args, mt, case, seed)
        built[rel] = data
        entries.append((inner + rel, data, mt))
    return ms.build_gbk_zip([(inner, None, files[0][3])] + entries)


def write_one(outdir: str, entry: tuple, case: ms.Case | None, seed: int, written: dict[str, bytes]) -> int:
    rel, kind, args, mt, _ = entry
    if kind == "zip":
        inner, files = args
        data = _zip_entries(inner, files, case, seed)
    elif kind == "dup":
        data = written.get(args)
        if data is None:
            src = os.path.join(outdir, args)
            data = open(src, "rb").read() if os.path.exists(src) else b""
    else:
        data = build(kind, args, mt, case, seed)
    if kind in ("pdf", "docx"):
        written[rel] = data
    path = os.path.join(outdir, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
    ts = mt.replace(tzinfo=ms.TZ8).timestamp()
    os.utime(path, (ts, ts))
    return len(data)


def _worker(job):
    outdir, entries, cases, seed = job
    written: dict[str, bytes] = {}
    total = 0
    for e in entries:
        total += write_one(outdir, e, cases.get(e[4]), seed, written)
    return total, len(entries)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Synthetic inbox of N files for benchmarks.")
    ap.add_argument("n", nargs="?", type=int, default=2000)
    ap.add_argument("outdir")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=min(4, os.cpu_count() or 1))
    ap.add_argument("--years", default="2019-2025")
    ap.add_argument("--small", action="store_true", help="N small text 文书 (memory benchmark)")
    ap.add_argument("--flat", action="store_true", help="with --small: every file in OUTDIR itself (one folder)")
    ap.add_argument("--fonts", choices=["stsong", "mixed"], default="stsong",
                    help="the non-embedded font of born-digital PDFs: STSong-Light (default) or other offices' mix")
    a = ap.parse_args(argv)
    if a.fonts == "mixed":
        FONTS[:] = MIXED_FONTS  # before the workers fork
    y0, y1 = (int(x) for x in a.years.split("-"))
    t0 = time.time()
    if a.small:
        plan, cases = make_small_plan(a.n, a.seed, list(range(y0, y1 + 1)), a.flat), {}
    else:
        plan, cases = make_plan(a.n, a.seed, list(range(y0, y1 + 1)))
    os.makedirs(a.outdir, exist_ok=True)
    # one job per case (keeps a case's duplicates with their originals); year files go alone
    groups: dict = {}
    for e in plan:
        groups.setdefault(e[4] if e[4] is not None else ("y", e[0]), []).append(e)
    jobs = [(a.outdir, g, {k: cases[k] for k in {x[4] for x in g} if k is not None}, a.seed) for g in groups.values()]
    kinds = {e[1] for e in plan} | {f[1] for e in plan if e[1] == "zip" for f in e[2][1]}
    for k in range(3):                  # build the shared templates once, before the workers fork
        if "jpeg" in kinds:
            _jpeg_template(k)
        if "scan" in kinds:
            _scan_template(k)
    total = nfiles = 0
    if a.jobs > 1 and len(jobs) > 8:
        import multiprocessing as mp
        with mp.get_context("fork").Pool(a.jobs) as pool:
            for t, k in pool.imap_unordered(_worker, jobs, chunksize=8):
                total += t
                nfiles += k
    else:
        for j in jobs:
            t, k = _worker(j)
            total += t
            nfiles += k
    print(f"make_inbox: {nfiles} files, {len(cases)} cases, {total / 1e6:.1f} MB in {time.time() - t0:.1f} s -> {a.outdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
