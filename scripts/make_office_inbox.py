#!/usr/bin/env python3
"""Randomized night inboxes of an office lianghua was never tuned for (issue 9 item 5).

    make_office_inbox.py --out DIR --seed N --night K --truth FILE [--office FILE] [--update]

Each seed draws another office: its province's 案号 habits, its clerks and its folder habit (by
month "2024年03月/", by clerk "王芳/", flat, by case, or a mix). The inbox holds 行政处罚 cases spread
over folders and ZIPs (GBK names without the UTF-8 flag, as Windows writes them, and UTF-8 ones),
routine inspection records BESIDE the cases (XML per templates/xsd/inspection-record.xsd, text in
GB18030 / Big5 / UTF-16LE, DOCX), routine 文书, a register, drafts and copies, refused ZIP entries
(a zip bomb, a ../../ path), office junk, and a file whose NAME is raw GBK bytes.

--night K (1, 2, 3, …) gives the inbox as it stands on night K: later nights add files, edit a few
and remove some (clerks empty folders). The world is drawn from the seed alone, so night K of a
seed is byte-identical (contents and mtimes) however often it is made, and a file unchanged between
nights keeps its bytes and mtime. --update lets DIR hold an earlier night of the same seed: files
not in night K are removed, the rest rewritten in place.

--truth FILE: for every input (file paths relative to DIR; ZIP entries as "<zip path>/<entry>"),
what a careful clerk expects: the case it belongs to (null unless the document has positive
evidence — its own 案号, a folder or ZIP named by the 案号, or siblings sharing the 案号 and the
party), its document type, and its kind (junk, zip_bomb, unsafe_path, container, copy, draft).
--office FILE writes the office profile (templates/scheme/office.xsd) for `lianghua archive`.
Standard library only; shares nothing with make_samples.py.
"""
from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import random
import shutil
import sys
import zipfile
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

# ---- the offices: province habits ------------------------------------------------------------
# 案号 per GB/T 9704-2012 §7.2.5 is 〔YYYY〕N号; real offices also write 第N号, [YYYY], （YYYY）, 037.
REGIONS = [
    dict(city="汕头市", county="金平区", area="440511", prefix="粤汕市监罚", style="std", fonds="J031", org="JPS",
         bureau="汕头市市场监督管理局金平分局", office="汕头市市场监督管理局金平分局石炮台市场监督管理所"),
    dict(city="东莞市", county="长安镇", area="441900", prefix="东市监处字", style="di", fonds="J207", org="CAS",
         bureau="东莞市市场监督管理局", office="东莞市市场监督管理局长安分局"),
    dict(city="杭州市", county="临平区", area="330113", prefix="（杭临）市监处罚", style="std", fonds="Z330", org="LPS",
         bureau="杭州市临平区市场监督管理局", office="杭州市临平区市场监督管理局塘栖市场监督管理所"),
    dict(city="宜宾市", county="翠屏区", area="511502", prefix="翠市监处罚", style="pad", fonds="J115", org="CPS",
         bureau="宜宾市翠屏区市场监督管理局", office="宜宾市翠屏区市场监督管理局南岸市场监督管理所"),
    dict(city="厦门市", county="集美区", area="350211", prefix="厦集市监罚", style="std", fonds="Z211", org="JMS",
         bureau="厦门市集美区市场监督管理局", office="厦门市集美区市场监督管理局杏林市场监督管理所"),
]
CLERKS = ["王芳", "李娜", "张伟", "刘洋", "陈静", "杨帆", "赵磊", "黄敏", "周婷", "吴刚"]
SHOP_WORDS = ["鸿发", "嘉禾", "金穗", "百味", "顺达", "佳乐", "福源", "隆昌", "新华", "永盛", "万家", "合兴"]
SHOP_KINDS = [("食品店", "92"), ("超市有限公司", "91"), ("茶叶店", "92"), ("五金电器商行", "92"),
              ("餐饮有限公司", "91"), ("药房", "92"), ("贸易有限公司", "91"), ("便利店", "92")]
TRAD_SHOPS = ["金龍超市", "永利五金行", "福記茶行", "長興雜貨店", "順發餐廳"]   # encodable in Big5
VIOLATIONS = [  # 案由, 处罚依据, 处罚结果
    ("销售超过保质期的食品", "《中华人民共和国食品安全法》第一百二十四条", "没收违法所得，罚款5000元"),
    ("经营标签不符合规定的预包装食品", "《中华人民共和国食品安全法》第一百二十五条", "警告"),
    ("销售掺杂掺假的产品", "《中华人民共和国产品质量法》第五十条", "没收违法产品，罚款8000元"),
    ("销售不合格电线电缆", "《中华人民共和国产品质量法》第四十九条", "没收不合格产品，罚款20000元"),
    ("未按规定公示营业执照", "《无证无照经营查处办法》第十四条", "警告"),
    ("发布虚假广告", "《中华人民共和国广告法》第五十五条", "罚款30000元"),
]
CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"   # GB 32100-2015: 31 characters, no I O S V Z
EPOCH = dt.datetime(2024, 1, 2, 9, 0)


def credit_code_for(rng: random.Random, kind: str, area: str) -> str:
    """A valid 统一社会信用代码: GB 11714 check on the 9-char organisation code, GB 32100 check last."""
    body8 = "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(8))
    val = lambda c: int(c) if c.isdigit() else ord(c) - 55          # GB 11714: A..Z → 10..35
    c9 = 11 - sum(w * val(c) for w, c in zip([3, 7, 9, 10, 5, 8, 4, 2], body8)) % 11
    body17 = kind + area + body8 + {10: "X", 11: "0"}.get(c9, str(c9))
    s = sum(CHARSET.index(c) * pow(3, i, 31) for i, c in enumerate(body17)) % 31
    return body17 + CHARSET[(31 - s) % 31]


def written_case_number(prefix: str, year: int, n: int, form: str) -> str:
    return {"std": f"{prefix}〔{year}〕{n}号", "di": f"{prefix}〔{year}〕第{n}号", "pad": f"{prefix}〔{year}〕{n:03d}号",
            "square": f"{prefix}[{year}]{n}号", "paren": f"{prefix}（{year}）{n}号"}[form]


def cn_date(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def cn_time(t: dt.datetime) -> str:
    return f"{t.year}年{t.month}月{t.day}日{t.hour}时{t.minute:02d}分"


# ---- file formats ------------------------------------------------------------------------------
OOXML_TIME = (1980, 1, 1, 0, 0, 0)
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
W_MAIN = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
S_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def pack_ooxml(parts: list[tuple[str, str]]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts:
            z.writestr(zipfile.ZipInfo(name, OOXML_TIME), text.encode("utf-8"), zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def word_file(lines: list[str], author: str) -> bytes:
    """A small WordprocessingML package: the first line centred (the title), the rest body text."""
    def para(i: int, s: str) -> str:
        jc = '<w:pPr><w:jc w:val="center"/></w:pPr>' if i == 0 else ""
        return f'<w:p>{jc}<w:r><w:t xml:space="preserve">{escape(s)}</w:t></w:r></w:p>'
    body = "".join(para(i, s) for i, s in enumerate(lines))
    return pack_ooxml([
        ("[Content_Types].xml", DECL + f'<Types xmlns="{CT_NS}"><Default Extension="rels" '
         'ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
         'ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/'
         'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/docProps/'
         'core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>'),
        ("_rels/.rels", DECL + f'<Relationships xmlns="{REL_NS}"><Relationship Id="rId1" Type="{OFFICE_REL}/'
         'officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/'
         'package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>'),
        ("word/document.xml", DECL + f'<w:document xmlns:w="{W_MAIN}"><w:body>{body}<w:sectPr><w:pgSz w:w="11906" '
         'w:h="16838"/></w:sectPr></w:body></w:document>'),
        ("docProps/core.xml", DECL + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
         'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
         f"<dc:creator>{escape(author)}</dc:creator></cp:coreProperties>"),
    ])


def revised(d: "Doc", line: str) -> bytes:
    """d's first content with one more line: a DOCX gains a paragraph before its sectPr."""
    if d.ext == ".docx":
        src = zipfile.ZipFile(io.BytesIO(d.versions[0]))
        parts = [(n, src.read(n).decode("utf-8")) for n in src.namelist()]
        para = f'<w:p><w:r><w:t>{escape(line)}</w:t></w:r></w:p><w:sectPr>'
        return pack_ooxml([(n, t.replace("<w:sectPr>", para, 1) if n == "word/document.xml" else t) for n, t in parts])
    if d.encoding == "UTF-16LE":
        return d.versions[0] + ("\r\n" + line).encode("utf-16-le")
    return d.versions[0] + ("\r\n" + line + "\r\n").encode(d.encoding or "utf-8")


def sheet_file(rows: list[list[str]]) -> bytes:
    """A one-sheet SpreadsheetML package with inline strings (as WPS exports a register)."""
    def cell(r: int, c: int, v: str) -> str:
        return f'<c r="{chr(65 + c)}{r}" t="inlineStr"><is><t>{escape(v)}</t></is></c>'
    data = "".join(f'<row r="{r}">' + "".join(cell(r, c, v) for c, v in enumerate(row)) + "</row>"
                   for r, row in enumerate(rows, 1))
    return pack_ooxml([
        ("[Content_Types].xml", DECL + f'<Types xmlns="{CT_NS}"><Default Extension="rels" '
         'ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
         'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/'
         'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
         'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
         '</Types>'),
        ("_rels/.rels", DECL + f'<Relationships xmlns="{REL_NS}"><Relationship Id="rId1" Type="{OFFICE_REL}/'
         'officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        ("xl/workbook.xml", DECL + f'<workbook xmlns="{S_MAIN}" xmlns:r="{OFFICE_REL}"><sheets><sheet name="Sheet1" '
         'sheetId="1" r:id="rId1"/></sheets></workbook>'),
        ("xl/_rels/workbook.xml.rels", DECL + f'<Relationships xmlns="{REL_NS}"><Relationship Id="rId1" '
         f'Type="{OFFICE_REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
        ("xl/worksheets/sheet1.xml", DECL + f'<worksheet xmlns="{S_MAIN}"><sheetData>{data}</sheetData></worksheet>'),
    ])


class WindowsZipName(zipfile.ZipInfo):
    """An entry name in code page 936 with general-purpose bit 11 clear (APPNOTE §4.4.4), as
    Explorer's "Send to > Compressed folder" writes on a Chinese Windows."""
    def _encodeFilenameFlags(self):
        return self.filename.encode("gbk"), self.flag_bits & ~0x800


def bundle(entries: list[tuple[str, bytes]], gbk: bool, when: dt.datetime) -> bytes:
    buf = io.BytesIO()
    stamp = (when.year, when.month, when.day, when.hour, when.minute, 0)
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            info = (WindowsZipName if gbk else zipfile.ZipInfo)(name, stamp)
            info.create_system = 0 if gbk else 3
            z.writestr(info, data, zipfile.ZIP_DEFLATED, 9)
    return buf.getvalue()


def word_lock_file(user: str) -> bytes:   # Word's "~$name.docx" owner file: 162 bytes
    return (bytes([len(user)]) + user.encode("gbk").ljust(53, b" ") + user.encode("utf-16-le")).ljust(162, b"\0")


# ---- the world: everything the inbox will ever hold, drawn once from the seed ----------------
@dataclass
class Doc:
    stem: str                      # file name without extension
    ext: str
    versions: list[bytes]          # content per edit (versions[0] first)
    doc_type: str
    case: str | None = None        # canonical 案号 a careful clerk files it under
    evidence: str | None = None    # text | folder | zip | sibling
    kind: str | None = None        # junk | copy | draft | None
    copy_of: "Doc | None" = None
    encoding: str | None = None
    night_added: int = 1
    night_removed: int | None = None
    night_edited: int | None = None
    folder: str = ""               # final folder path ("" = inbox root)
    zip_name: str | None = None    # set when the doc lives inside a ZIP (then folder is the ZIP's)
    raw_gbk_name: bool = False
    when: dt.datetime = EPOCH
    mentions_case: str | None = None
    scattered: bool = False        # a case document in a folder that is not the case's own

    def content(self, night: int) -> bytes:
        return self.versions[1 if self.night_edited and night >= self.night_edited else 0]


@dataclass
class Case:
    number: str                    # canonical, the office's own form
    year: int
    n: int
    party: str
    code: str
    violation: tuple
    opened: dt.date
    docs: list = field(default_factory=list)


class Office:
    def __init__(self, seed: int):
        self.rng = rng = random.Random(seed * 7919 + 17)
        self.seed = seed
        self.region = dict(rng.choice(REGIONS))
        self.habit = rng.choice(["month", "clerk", "flat", "case", "mixed"])
        self.clerks = rng.sample(CLERKS, 3)
        self.officers = [(n, f"{self.region['area']}{rng.randrange(10**7, 10**8)}") for n in rng.sample(CLERKS, 4)]
        self.docs: list[Doc] = []
        self.cases: list[Case] = []
        self.zips: list[dict] = []
        shops = rng.sample([(w, k) for w in SHOP_WORDS for k in SHOP_KINDS], 14)
        # 统一社会信用代码 登记管理部门 9 (工商): 1 企业 (有限公司), 2 个体工商户 (GB 32100-2015)
        self.parties = [(self.region["city"] + self.region["county"] + w + k, credit_code_for(rng, t, self.region["area"]))
                        for w, (k, t) in shops]

    # -- helpers
    def day(self, lo: int, hi: int) -> dt.datetime:
        return EPOCH + dt.timedelta(days=self.rng.randrange(lo, hi), hours=self.rng.randrange(0, 8),
                                    minutes=self.rng.choice([0, 10, 20, 30, 40, 50]))

    def pair(self) -> list:
        return self.rng.sample(self.officers, 2)

    def letterhead(self) -> str:
        return self.region["bureau"]



# ---- document texts ----------------------------------------------------------------------------
def officers_line(o: Office) -> str:
    a, b = o.pair()
    return f"执法人员：{a[0]}（执法证号：{a[1]}）、{b[0]}（执法证号：{b[1]}）"


def case_texts(o: Office, c: Case) -> list[tuple[str, str, list[str], dt.datetime, bool]]:
    """(doc_type, file stem, lines, date, always carries the 案号) per document of the case, in
    the order of 第七十八条; whether the others print the 案号 is drawn here."""
    r, rng = o.region, o.rng
    what, basis, result = c.violation
    shop = c.party.replace(r["city"], "").replace(r["county"], "")
    t0 = dt.datetime.combine(c.opened, dt.time(9, 30))
    t_scene, t_ask = t0 - dt.timedelta(days=2), t0 + dt.timedelta(days=3, hours=1)
    t_tell, t_dec = t0 + dt.timedelta(days=20), t0 + dt.timedelta(days=34)
    t_serve, t_close = t_dec + dt.timedelta(days=2), t_dec + dt.timedelta(days=40)
    other = lambda: written_case_number(r["prefix"], c.year, c.n, rng.choice(["std", "square", "paren", "di", "pad"]))
    own = written_case_number(r["prefix"], c.year, c.n, r["style"])
    party = [f"当事人：{c.party}", f"统一社会信用代码：{c.code}"]
    maybe = lambda p: [f"案号：{other()}"] if rng.random() < p else []
    docs = [
        ("立案审批表", rng.choice(["立案审批表", "立案审批表-" + shop, "01立案审批表"]),
         [r["bureau"], "立案（不予立案）审批表"] + maybe(0.5) + party +
         [f"案件来源：日常监督检查", f"简要案情：经查，当事人涉嫌{what}。", "承办人意见：建议立案调查。",
          f"负责人意见：同意立案。{cn_date(c.opened)}"], t0, False),
        ("现场笔录", rng.choice(["现场笔录", "现场笔录（" + shop + "）"]),
         ["现场笔录"] + maybe(0.3) + party +
         [f"检查时间：{cn_time(t_scene)}至{t_scene.hour + 1}时{t_scene.minute:02d}分", f"检查地点：{c.party}经营场所",
          officers_line(o), "执法人员出示执法证件，告知当事人有申请回避的权利。",
          f"现场情况：当事人经营场所内{what}，执法人员当场拍照取证。", "当事人签名：（签名）"], t_scene, False),
        ("询问笔录", rng.choice(["询问笔录", "询问笔录（负责人）", "询问笔录-" + shop]),
         ["询问笔录"] + maybe(0.4) +
         [f"询问时间：{cn_time(t_ask)}至{t_ask.hour + 1}时{t_ask.minute:02d}分", f"询问地点：{r['office']}",
          officers_line(o), f"被询问人：{c.party}负责人",
          "问：你店涉案商品是何时购进的？",
          f"答：是{cn_date((t_scene - dt.timedelta(days=rng.randrange(20, 90))).date())}从批发市场购进的。",
          "问：以上记录是否属实？", "答：属实。"], t_ask, False),
        ("行政处罚告知书", rng.choice(["行政处罚告知书", "处罚告知书", "告知书"]),
         [r["bureau"], "行政处罚告知书", f"{other()}", f"{c.party}：",
          f"经查，你（单位）{what}，违反了{basis}的规定。本局拟对你（单位）作出如下行政处罚：{result}。",
          "你（单位）有权进行陈述和申辩。", cn_date(t_tell.date())], t_tell, True),
        ("行政处罚决定书", rng.choice(["行政处罚决定书", "处罚决定书", "决定书（" + shop + "）"]),
         [r["bureau"], "行政处罚决定书", own] + party +
         [f"经查，当事人{what}。上述行为违反了{basis}的规定。", f"依据{basis}，本局决定：{result}。",
          "如不服本处罚决定，可以在收到本决定书之日起六十日内申请行政复议，或者六个月内提起行政诉讼。",
          r["bureau"], cn_date(t_dec.date())], t_dec, True),
        ("送达回证", rng.choice(["送达回证", "送达回证（决定书）"]),
         ["送达回证", f"送达文书名称及文号：行政处罚决定书 {other()}", f"受送达人：{c.party}",
          f"送达时间：{cn_time(t_serve)}", "送达地点：当事人经营场所", "送达方式：直接送达", "受送达人签名：（签名）"],
         t_serve, True),
        ("结案审批表", rng.choice(["结案审批表", "结案审批表-" + shop]),
         [r["bureau"], "结案审批表", f"案号：{other()}"] + party +
         [f"处罚结果：{result}", "执行情况：当事人已履行。", f"负责人意见：同意结案。{cn_date(t_close.date())}"],
         t_close, True),
    ]
    if rng.random() < 0.6:
        docs.insert(3, ("案件调查终结报告", "调查终结报告", ["案件调查终结报告"] + maybe(0.7) + party +
                        [f"违法事实：当事人{what}。", f"处罚建议：{result}。"], t_dec - dt.timedelta(days=20), False))
    return docs


def inspection_lines(o: Office, party: str, code: str, t: dt.datetime, kind: str) -> list[str]:
    rng = o.rng
    return [kind, f"被检查单位：{party}", f"统一社会信用代码：{code}", f"检查地点：{party}经营场所",
            f"检查时间：{cn_time(t)}", officers_line(o),
            "检查内容：" + rng.choice(["营业执照公示、进货查验记录、从业人员健康证明", "价格标示、计量器具检定情况",
                                  "食品贮存条件、保质期标识"]),
            "检查结果：" + rng.choice(["符合", "基本符合，已当场责令整改", "未发现违法行为"]),
            "被检查单位负责人签名：（签名）"]


def inspection_xml(o: Office, party: str, code: str, t: dt.datetime, serial: str) -> bytes:
    """One record per templates/xsd/inspection-record.xsd (urn:lianghua:inspection-record:1)."""
    people = "".join(f"<人员><姓名>{n}</姓名><执法证号>{no}</执法证号></人员>" for n, no in o.pair())
    xml = ('<?xml version="1.0" encoding="UTF-8"?>\n<检查记录 xmlns="urn:lianghua:inspection-record:1" '
           f'编号="{serial}">\n  <检查对象>{escape(party)}</检查对象>\n  <统一社会信用代码>{code}</统一社会信用代码>\n'
           f"  <地址>{escape(o.region['city'] + o.region['county'])}{o.rng.randrange(1, 300)}号</地址>\n"
           f"  <检查时间>{t.strftime('%Y-%m-%dT%H:%M:%S')}+08:00</检查时间>\n  <检查人员>{people}</检查人员>\n"
           f"  <检查内容>{o.rng.choice(['证照公示、进货查验', '价格标示', '食品贮存与标签'])}</检查内容>\n"
           f"  <检查结果>{o.rng.choice(['符合', '基本符合', '不符合，责令整改'])}</检查结果>\n</检查记录>\n")
    return xml.encode("utf-8")


def big5_inspection(o: Office, t: dt.datetime) -> bytes:
    shop = o.rng.choice(TRAD_SHOPS)
    lines = ["現場檢查筆錄", f"被檢查單位：{shop}", f"檢查時間：{t.year}年{t.month}月{t.day}日{t.hour}時",
             "檢查內容：營業執照、進貨查驗記錄", "檢查結果：符合", "執法人員：（簽名）"]
    return "\r\n".join(lines).encode("big5")


def routine_texts(o: Office, mention: str | None) -> list[tuple[str, str, list[str]]]:
    r, rng = o.region, o.rng
    year = 2024
    q = rng.randrange(1, 4)
    summary = [r["bureau"], f"{r['office']}{year}年第{'一二三'[q - 1]}季度工作小结",
               f"本季度共开展日常监督检查{rng.randrange(40, 160)}户次，受理投诉举报{rng.randrange(5, 40)}件。"]
    if mention:
        summary.append(f"办结行政处罚案件{rng.randrange(1, 6)}件，其中{mention}已执行完毕。")
    return [
        ("通知", "关于开展" + rng.choice(["春季食品安全", "计量器具", "价格秩序", "电动自行车"]) + "专项检查的通知",
         [r["bureau"], "关于开展专项检查的通知", "各市场监督管理所：", "为进一步规范市场秩序，现就有关事项通知如下。",
          "一、检查时间", "二、检查内容", r["bureau"], cn_date(dt.date(year, rng.randrange(1, 12), rng.randrange(1, 28)))]),
        ("工作小结", f"{year}年第{'一二三'[q - 1]}季度工作小结", summary),
        ("报告", "关于" + rng.choice(["节日市场检查情况", "投诉举报办理情况", "两化建设进展"]) + "的报告",
         [r["office"], "关于检查情况的报告", f"{r['bureau']}：", "现将有关情况报告如下。", r["office"]]),
        ("请示", "关于" + rng.choice(["申请执法装备经费", "调整辖区网格", "增配快检设备"]) + "的请示",
         [r["office"], "关于申请经费的请示", f"{r['bureau']}：", "妥否，请批示。", r["office"]]),
    ]


# ---- where things go: the office's folder habit -------------------------------------------------
def month_folder(t: dt.datetime) -> str:
    return f"{t.year}年{t.month:02d}月"


def loose_folder(o: Office, t: dt.datetime) -> str:
    """Where a routine document lands under the office's habit (never a case's own folder)."""
    habit = o.habit if o.habit != "mixed" else o.rng.choice(["month", "clerk", "flat", "case"])
    if habit == "month":
        return month_folder(t)
    if habit == "clerk":
        return o.rng.choice(o.clerks)
    if habit == "case":
        return o.rng.choice(["", "检查记录", "收发文"])
    return ""


@dataclass
class Bundle:
    name: str
    folder: str
    gbk: bool
    when: dt.datetime
    entries: list = field(default_factory=list)    # Doc with .entry set
    night_added: int = 1
    night_removed: int | None = None

    def path(self) -> str:
        return f"{self.folder}/{self.name}" if self.folder else self.name


def place_case(o: Office, c: Case, texts, night_of) -> None:
    """One case's documents in one home: a folder or ZIP named by the 案号, one named by the party
    (siblings carry the 案号), or scattered over the habit's folders (each then prints its 案号)."""
    rng, r = o.rng, o.region
    what = c.violation[0]
    homes = ["number_folder", "party_folder", "number_zip", "party_zip", "scatter"]
    home = rng.choice(homes if o.habit != "flat" else ["number_zip", "party_zip", "scatter", "scatter"])
    parent = "" if o.habit == "case" else loose_folder(o, dt.datetime.combine(c.opened, dt.time()))
    shop = c.party.replace(r["city"], "").replace(r["county"], "")
    written = written_case_number(r["prefix"], c.year, c.n, rng.choice(["std", "std", "square", "di"]))
    name = {"number_folder": f"{written} {shop}{what}案", "number_zip": f"{written}.zip",
            "party_folder": f"{shop}{what}", "party_zip": f"{shop}案卷材料.zip"}.get(home, "")
    bundle_ = None
    if home.endswith("zip"):
        bundle_ = Bundle(name, parent, rng.random() < 0.7, dt.datetime.combine(c.opened, dt.time(17)))
        o.zips.append(bundle_)
    for dtype, stem, lines, when, _ in texts:
        carries = any(written_case_number(r["prefix"], c.year, c.n, f) in l
                      for f in ("std", "di", "pad", "square", "paren") for l in lines)
        if home == "scatter" and not carries:
            lines, carries = lines[:1] + [f"案号：{written}"] + lines[1:], True
        evidence = ("text" if carries else None) or {"number_folder": "folder", "number_zip": "zip"}.get(home, "sibling")
        ext = rng.choice([".docx", ".docx", ".txt"])
        data, enc = (word_file(lines, rng.choice(o.clerks)), None) if ext == ".docx" else \
            (("\r\n".join(lines) + "\r\n").encode("gb18030"), "GB18030")
        d = Doc(stem, ext, [data], dtype, case=c.number, evidence=evidence, encoding=enc, when=when,
                night_added=night_of(dtype))
        if home == "scatter":
            d.folder, d.scattered = loose_folder(o, when), True
        elif bundle_:
            d.folder, d.zip_name = parent, (f"{written}/" if rng.random() < 0.4 else "") + stem + ext
            d.night_added = 1
            bundle_.entries.append(d)
            continue
        else:
            d.folder = f"{parent}/{name}" if parent else name
        c.docs.append(d)
        o.docs.append(d)
    if bundle_:
        c.docs.extend(bundle_.entries)


def build_world(seed: int) -> Office:
    o = Office(seed)
    rng, r = o.rng, o.region
    # Cases: 3-5 on night 1, one more opened on night 2 (its closing papers on night 3).
    ncase = rng.randrange(3, 6) + 1
    serials = sorted(rng.sample(range(3, 160), ncase))
    for i, n in enumerate(serials):
        year = 2023 if (i == 0 and rng.random() < 0.4) else 2024
        party, code = o.parties[i]
        opened = (EPOCH + dt.timedelta(days=rng.randrange(0, 120))).date()
        # 2024 is a leap year: its 29 February has no day in 2023, where the case opens on the 28th.
        opened = opened.replace(year=year, day=min(opened.day, 28 if opened.month == 2 and year % 4 else 31))
        c = Case(written_case_number(r["prefix"], year, n, r["style"]), year, n, party, code,
                 rng.choice(VIOLATIONS), opened)
        o.cases.append(c)
        late = i == ncase - 1
        texts = case_texts(o, c)
        def night_of(dtype, late=late):
            if late:
                return 3 if dtype in ("送达回证", "结案审批表") else 2
            if dtype in ("送达回证", "结案审批表") and rng.random() < 0.35:
                return rng.choice([2, 3])
            return 1
        place_case(o, c, texts, night_of)
    add_inspections(o)
    add_routine(o)
    add_copies(o)
    add_refusals_and_junk(o)
    plan_removals_and_edits(o)
    return o


def add_inspections(o: Office) -> None:
    """Routine inspection records (检查记录), some of a case's own party, BESIDE the cases."""
    rng = o.rng
    case_folders = sorted({d.folder for c in o.cases for d in c.docs if d.scattered})
    for i in range(rng.randrange(6, 11)):
        if i < 2 and o.cases:   # the trap: the party of a case, in a folder that holds that case
            party, code = rng.choice([(c.party, c.code) for c in o.cases])
        else:
            party, code = o.parties[rng.randrange(len(o.cases), len(o.parties))]
        t = o.day(0, 150)
        kind = rng.choice(["现场检查笔录", "日常监督检查记录"])
        shop = party.replace(o.region["city"], "").replace(o.region["county"], "")
        fmt = rng.choice(["xml", "xml", "gb18030", "big5", "utf16", "docx", "docx"])
        stem = rng.choice([f"{kind}-{shop}", f"{kind}_{t:%Y%m%d}", f"{t:%m%d}{shop}检查", f"{kind}（{shop}）"])
        lines = inspection_lines(o, party, code, t, kind)
        if fmt == "xml":
            data, ext, enc = inspection_xml(o, party, code, t, f"JC{t:%Y%m%d}{i:02d}"), ".xml", "UTF-8"
        elif fmt == "big5":
            data, ext, enc = big5_inspection(o, t), ".txt", "Big5"
        elif fmt == "utf16":
            data, ext, enc = b"\xff\xfe" + "\r\n".join(lines).encode("utf-16-le"), ".txt", "UTF-16LE"
        elif fmt == "gb18030":
            data, ext, enc = "\r\n".join(lines).encode("gb18030"), ".txt", "GB18030"
        else:
            data, ext, enc = word_file(lines, rng.choice(o.clerks)), ".docx", None
        d = Doc(stem, ext, [data], kind, encoding=enc, when=t, night_added=1 if i < 6 else rng.choice([2, 3]))
        d.folder = rng.choice(case_folders) if (case_folders and rng.random() < 0.5) else loose_folder(o, t)
        if fmt not in ("xml", "big5"):   # a re-saved record: a later night adds the follow-up
            d.versions.append(revised(d, "复查情况：已按要求整改。"))
        o.docs.append(d)
    # A register (台账) as WPS exports it.
    rows = [["序号", "检查日期", "被检查单位", "检查结果"]] + [
        [str(k + 1), f"2024-03-{k + 4:02d}", o.parties[k][0], "符合"] for k in range(5)]
    d = Doc(f"2024年{rng.randrange(1, 6)}月日常检查台账", ".xlsx", [sheet_file(rows)], "台账", when=o.day(90, 150))
    d.folder = loose_folder(o, d.when)
    o.docs.append(d)


def add_routine(o: Office) -> None:
    rng = o.rng
    mention = rng.choice(o.cases).number if rng.random() < 0.3 else None
    for dtype, stem, lines in routine_texts(o, mention):
        t = o.day(0, 160)
        if rng.random() < 0.5:
            data, ext, enc = word_file(lines, rng.choice(o.clerks)), ".docx", None
        else:
            data, ext, enc = "\r\n".join(lines).encode("gb18030"), ".txt", "GB18030"
        d = Doc(stem, ext, [data], dtype, encoding=enc, when=t, night_added=rng.choice([1, 1, 1, 2]),
                mentions_case=mention if dtype == "工作小结" else None)
        d.folder = loose_folder(o, t)
        if dtype == "通知" and rng.random() < 0.5:
            d.versions.append(revised(d, "（此件公开发布）"))
        o.docs.append(d)
    # A ZIP of the month's paperwork: the quarterly summary and a notice (nothing of any case).
    t = o.day(60, 160)
    zb = Bundle(rng.choice([f"{t.month}月份材料.zip", f"{rng.choice(o.clerks)}发来的文件.zip", "季度材料汇总.zip"]),
                loose_folder(o, t), rng.random() < 0.6, t, night_added=rng.choice([1, 2]))
    for dtype, stem, lines in routine_texts(o, None)[1:3]:
        d = Doc(stem, ".docx", [word_file(lines, rng.choice(o.clerks))], dtype, when=t)
        d.zip_name = rng.choice(["", "材料/"]) + stem + ".docx"
        zb.entries.append(d)
    o.zips.append(zb)


def add_copies(o: Office) -> None:
    """Drafts and copies beside their originals: "- 副本" and "(1)" byte-identical, "草稿" and "v2" edited."""
    rng = o.rng
    loose = [d for d in o.docs if d.zip_name is None and d.kind is None and d.ext in (".docx", ".txt")]
    for d in rng.sample(loose, min(4, len(loose))):
        style = rng.choice(["副本", "(1)", "草稿", "v2"])
        stem = {"副本": d.stem + " - 副本", "(1)": d.stem + "(1)", "草稿": d.stem + "草稿", "v2": d.stem + "v2"}[style]
        data = d.versions[0]
        if style in ("草稿", "v2"):
            data = revised(d, "（修改稿）")
        c = Doc(stem, d.ext, [data], d.doc_type, case=d.case, evidence=d.evidence,
                kind="copy" if style in ("副本", "(1)") else "draft", encoding=d.encoding,
                when=d.when + dt.timedelta(hours=2), night_added=max(d.night_added, rng.choice([1, 2])))
        c.folder, c.copy_of = d.folder, d
        o.docs.append(c)


def add_refusals_and_junk(o: Office) -> None:
    rng = o.rng
    if not o.zips:
        return
    if rng.random() < 0.75:   # high ratio, small file: 3 MiB of zeros deflate to ~3 KiB
        zb = rng.choice(o.zips)
        d = Doc("扫描件/现场照片", ".bmp", [b"\0" * (3 << 20)], "", kind="zip_bomb")
        d.zip_name = d.stem + d.ext
        zb.entries.append(d)
    if rng.random() < 0.75:   # a path that climbs out of the extraction folder
        zb = rng.choice(o.zips)
        d = Doc("../../工作安排", ".txt", ["下周工作安排：节日市场检查。\r\n".encode("gb18030")], "", kind="unsafe_path")
        d.zip_name = d.stem + d.ext
        zb.entries.append(d)
    if rng.random() < 0.5:
        zb = rng.choice(o.zips)
        d = Doc("Thumbs", ".db", [bytes(rng.randrange(256) for _ in range(1500))], "", kind="junk")
        d.zip_name = "Thumbs.db"
        zb.entries.append(d)
    folders = sorted({d.folder for d in o.docs if d.zip_name is None})
    docx = [d for d in o.docs if d.ext == ".docx" and d.zip_name is None]
    junk = [("Thumbs", ".db", bytes(rng.randrange(256) for _ in range(2048))),
            ("", ".DS_Store", b"\0\0\0\1Bud1" + b"\0" * 6138),
            ("新建 Microsoft Word 文档", ".docx", b"")]
    if docx:
        owner = rng.choice(docx)
        junk.append(("~$" + owner.stem, ".docx", word_lock_file(rng.choice(o.clerks))))
    for stem, ext, data in junk:
        d = Doc(stem, ext, [data], "", kind="junk", when=o.day(0, 160), night_added=rng.choice([1, 1, 2]))
        d.folder = owner.folder if stem.startswith("~$") else rng.choice(folders)
        o.docs.append(d)
    if rng.random() < 0.85:   # a name in GBK bytes, as a Windows share copied over Samba gives it
        lines = [o.region["bureau"], "关于报送节日值班表的通知", "各所：请于本周五前报送值班表。"]
        d = Doc("关于报送节日值班表的通知", ".txt", ["\r\n".join(lines).encode("gb18030")], "通知",
                encoding="GB18030", raw_gbk_name=True, when=o.day(0, 160))
        d.folder = rng.choice(sorted({x.folder for x in o.docs if x.case is None and x.kind is None}) or [""])
        o.docs.append(d)


def plan_removals_and_edits(o: Office) -> None:
    rng = o.rng
    edited = 0
    for d in o.docs:
        if len(d.versions) > 1:
            if d.night_added == 1 and edited < 3 and rng.random() < 0.6:
                d.night_edited, edited = rng.choice([2, 3]), edited + 1
            else:
                del d.versions[1:]
    # A clerk empties one folder once its papers are filed (never the inbox root).
    folders = sorted({d.folder for d in o.docs if d.folder and d.night_added == 1})
    if folders:
        gone, night = rng.choice(folders), rng.choice([2, 3])
        for d in o.docs:
            if d.folder == gone and d.night_added < night:
                d.night_removed = night
    for z in o.zips:
        if z.night_added == 1 and rng.random() < 0.2:
            z.night_removed = 3


# ---- one night's inbox and its truth ---------------------------------------------------------
def present(added: int, removed: int | None, night: int) -> bool:
    return added <= night and (removed is None or night < removed)


def stamp_ns(t: dt.datetime) -> int:
    return int((t - dt.timedelta(hours=8)).replace(tzinfo=dt.timezone.utc).timestamp()) * 10**9


def truth_entry(d: Doc, path: str, in_zip: str | None) -> dict:
    e = {"path": path, "case": d.case, "doc_type": d.doc_type or None, "kind": d.kind, "evidence": d.evidence,
         "encoding": d.encoding, "in_zip": in_zip}
    if d.mentions_case:
        e["mentions_case"] = d.mentions_case
    return e


def night_state(o: Office, night: int) -> tuple[dict, list]:
    """path (str; bytes for a raw GBK name) → (bytes, mtime ns), and the truth entries."""
    files, truth, taken = {}, [], set()
    def unique(folder: str, stem: str, ext: str) -> str:
        p, k = (f"{folder}/" if folder else "") + stem + ext, 2
        while p in taken:
            p, k = (f"{folder}/" if folder else "") + f"{stem}-{k}" + ext, k + 1
        taken.add(p)
        return p
    paths = {id(d): unique(d.folder, d.stem, d.ext) for d in o.docs}     # fixed over nights
    zpaths = {id(z): unique(z.folder, z.name[:-4], ".zip") for z in o.zips}
    for d in o.docs:
        if not present(d.night_added, d.night_removed, night):
            continue
        p = paths[id(d)]
        edited = d.night_edited is not None and night >= d.night_edited
        when = EPOCH + dt.timedelta(days=200 + d.night_edited) if edited else d.when
        key = ((f"{d.folder}/" if d.folder else "") + "").encode() + (d.stem + d.ext).encode("gbk") \
            if d.raw_gbk_name else p
        files[key] = (d.content(night), stamp_ns(when))
        e = truth_entry(d, p, None)
        if d.copy_of is not None:
            e["kind"], e["copy_of"] = d.kind, paths[id(d.copy_of)]
        if d.raw_gbk_name:
            e["raw_name_hex"] = (d.stem + d.ext).encode("gbk").hex()
        truth.append(e)
    for z in o.zips:
        if not present(z.night_added, z.night_removed, night):
            continue
        p = zpaths[id(z)]
        files[p] = (bundle([(d.zip_name, d.versions[0]) for d in z.entries], z.gbk, z.when), stamp_ns(z.when))
        truth.append({"path": p, "case": None, "doc_type": None, "kind": "container", "evidence": None,
                      "encoding": None, "in_zip": None, "gbk_names": z.gbk,
                      "refused": sorted(d.kind for d in z.entries if d.kind in ("zip_bomb", "unsafe_path"))})
        truth += [truth_entry(d, f"{p}/{d.zip_name}", p) for d in z.entries]
    return files, sorted(truth, key=lambda e: e["path"])


def write_inbox(out: str, files: dict, update: bool) -> None:
    root = os.fsencode(out)
    os.makedirs(root, exist_ok=True)
    want = {(k if isinstance(k, bytes) else k.encode("utf-8")): v for k, v in files.items()}
    existing = []
    for dirpath, _, names in os.walk(root):
        existing += [os.path.relpath(os.path.join(dirpath, n), root) for n in names]
    if existing and not update:
        sys.exit(f"make_office_inbox: {out} is not empty (use --update for a later night of the same seed)")
    for rel in existing:
        if rel not in want:
            os.remove(os.path.join(root, rel))
    for dirpath, dirs, names in os.walk(root, topdown=False):   # clerks leave no empty folders
        if dirpath != root and not os.listdir(dirpath):
            os.rmdir(dirpath)
    for rel, (data, mtime) in sorted(want.items()):
        full = os.path.join(root, rel)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        try:
            st = os.stat(full)
            same = st.st_mtime_ns == mtime and st.st_size == len(data) and open(full, "rb").read() == data
        except FileNotFoundError:
            same = False
        if not same:
            with open(full, "wb") as f:
                f.write(data)
            os.utime(full, ns=(mtime, mtime))


def office_profile(o: Office) -> str:
    r = o.region
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<!-- Made by scripts/make_office_inbox.py for seed '
            f'{o.seed}; templates/scheme/office.xsd. -->\n<office>\n  <fonds>{r["fonds"]}</fonds>\n'
            f'  <fonds-name>{r["bureau"]}</fonds-name>\n  <name>{r["office"]}</name>\n'
            f'  <organisation-code>{r["org"]}</organisation-code>\n  <parent>{r["bureau"]}</parent>\n</office>\n')


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True, help="the inbox folder to write")
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--night", type=int, default=1, help="1, 2, 3, …: the inbox as it stands that night")
    ap.add_argument("--truth", required=True, help="ground-truth JSON to write")
    ap.add_argument("--office", help="office profile XML to write for `lianghua archive --office`")
    ap.add_argument("--update", action="store_true", help="--out holds an earlier night of the same seed")
    a = ap.parse_args(argv)
    if a.night < 1:
        ap.error("--night starts at 1")
    o = build_world(a.seed)
    files, truth = night_state(o, a.night)
    write_inbox(a.out, files, a.update)
    earlier = {e["path"] for e in night_state(o, a.night - 1)[1]} if a.night > 1 else set()
    doc = {"generator": "make_office_inbox/1", "seed": a.seed, "night": a.night, "habit": o.habit,
           "office": {"fonds": o.region["fonds"], "name": o.region["office"], "organisation": o.region["org"]},
           "cases": [{"case_number": c.number, "party": c.party, "credit_code": c.code, "year": c.year}
                     for c in o.cases],
           "inputs": truth, "removed": sorted(earlier - {e["path"] for e in truth})}
    with open(a.truth, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=1, sort_keys=True)
        f.write("\n")
    if a.office:
        with open(a.office, "w", encoding="utf-8") as f:
            f.write(office_profile(o))
    return 0


if __name__ == "__main__":
    sys.exit(main())
