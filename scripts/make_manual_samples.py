#!/usr/bin/env python3
"""Writes samples/manual/: the rules of the sample office (石门市场监督管理所) as a clerk finds them,
and the book spec that compiles them into one 制度建设指引 (issue 11 §7).

Deterministic (a fixed seed, fixed ZIP times), standard library only. The policies come in the
forms offices really hold: DOCX with heading styles (Chinese Word style ids), DOCX whose headings
are typed by hand in bold 黑体 with no style, DOCX made by WPS (its own style ids and app.xml),
GB18030 text files, and Markdown with YAML front matter. The 权责清单 is an XLSX of more than 100
rows whose 事项 cells are merged over their 子项 rows; the 岗位职责 table a GB18030 CSV.
DOCX and XLSX are written with zipfile-level helpers from make_samples.py (one DOCX writer).
"""
from __future__ import annotations

import os
import random
import sys
from xml.sax.saxutils import escape

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_samples as ms  # noqa: E402  (the project's one hand-written DOCX/ZIP builder)

OFFICE = "南岭县市场监督管理局石门市场监督管理所"
SHORT = "石门所"
CN = "一二三四五六七八九十"


def cn(n: int) -> str:
    if n <= 10:
        return CN[n - 1]
    if n < 20:
        return "十" + (CN[n - 11] if n > 10 else "")
    return CN[n // 10 - 1] + "十" + (CN[n % 10 - 1] if n % 10 else "")


# (part, file stem, title, topic, chapters) — chapters are (章名, [article themes])
POLICIES = [
    ("党建工作", "三会一课制度", "党支部“三会一课”制度", "组织生活", 2),
    ("党建工作", "主题党日制度", "主题党日活动制度", "主题党日", 1),
    ("党建工作", "民主生活会制度", "组织生活会和民主评议党员制度", "组织生活会", 2),
    ("党建工作", "党风廉政责任制", "党风廉政建设责任制实施办法", "党风廉政建设", 3),
    ("党建工作", "谈心谈话制度", "谈心谈话制度", "谈心谈话", 1),
    ("党建工作", "党员教育管理", "党员教育管理制度", "党员教育", 2),
    ("党建工作", "意识形态工作", "意识形态工作责任制", "意识形态工作", 2),
    ("党建工作", "党费收缴", "党费收缴使用管理制度", "党费管理", 1),
    ("党建工作", "廉政风险防控", "廉政风险防控制度", "廉政风险防控", 2),
    ("党建工作", "警示教育", "警示教育制度", "警示教育", 1),
    ("综合管理", "会议制度", "会议制度", "会议组织", 2),
    ("综合管理", "请示报告制度", "请示报告制度", "请示报告", 1),
    ("综合管理", "考勤请销假", "考勤和请销假制度", "考勤管理", 2),
    ("综合管理", "学习培训", "学习培训制度", "学习培训", 2),
    ("综合管理", "公文处理", "公文处理办法", "公文处理", 3),
    ("综合管理", "档案管理", "档案管理制度", "档案管理", 3),
    ("综合管理", "财务管理", "财务管理制度", "财务管理", 3),
    ("综合管理", "车辆管理", "公务车辆管理制度", "车辆管理", 2),
    ("综合管理", "安全保密", "安全保密制度", "保密管理", 2),
    ("综合管理", "值班值守", "值班值守制度", "值班值守", 1),
    ("综合管理", "绩效考核", "干部职工绩效考核办法", "绩效考核", 3),
    ("业务规范", "行政执法公示", "行政执法公示制度", "执法公示", 2),
    ("业务规范", "执法全过程记录", "执法全过程记录制度", "全过程记录", 2),
    ("业务规范", "重大执法决定法制审核", "重大执法决定法制审核制度", "法制审核", 2),
    ("业务规范", "双随机一公开", "“双随机、一公开”监管工作规范", "随机抽查", 3),
    ("业务规范", "投诉举报处理", "投诉举报处理工作规范", "投诉举报处理", 3),
    ("业务规范", "食品安全日常检查", "食品安全日常监督检查工作规范", "食品安全检查", 3),
    ("业务规范", "特种设备安全监察", "特种设备安全监察工作规范", "特种设备监察", 2),
    ("业务规范", "计量监督", "计量监督检查工作规范", "计量监督", 2),
    ("业务规范", "网格化监管", "网格化监管工作规范", "网格化监管", 2),
    ("业务规范", "行政处罚案件办理", "行政处罚案件办理规范", "案件办理", 3),
    ("业务规范", "登记注册窗口", "登记注册窗口服务规范", "登记窗口服务", 2),
    ("业务规范", "执法装备管理", "执法装备和执法证件管理制度", "执法装备管理", 1),
]

CHAPTER_NAMES = [["总则", "职责分工", "附则"], ["总则", "工作程序", "监督检查", "附则"],
                 ["总则", "组织实施", "工作要求", "责任追究", "附则"], ["总则", "管理要求", "附则"]]

ACTIONS = ["建立健全", "严格落实", "定期开展", "认真组织", "及时报告", "如实记录", "统筹安排", "规范办理"]
OBJECTS = ["工作台账", "责任清单", "工作计划", "检查记录", "问题清单", "整改措施", "学习记录", "情况报告"]
PEOPLE = ["所长", "分管负责人", "综合岗工作人员", "执法人员", "网格监管员", "党支部书记", "纪检委员", "档案管理员"]
TIMES = ["每月", "每季度", "每半年", "每年年底前", "每周一", "事后三个工作日内", "每年一月底前"]
BASIS = ["《中华人民共和国行政处罚法》", "《市场监督管理行政处罚程序规定》", "《中国共产党支部工作条例（试行）》",
         "《党政机关公文处理工作条例》", "《机关档案管理规定》", "《中华人民共和国食品安全法》",
         "《中华人民共和国特种设备安全法》", "《中华人民共和国计量法》", "《市场监督管理投诉举报处理暂行办法》"]


class Text:
    """One policy as a list of (kind, text): title, chapter, article, item."""

    def __init__(self, rng: random.Random, title: str, topic: str, size: int):
        self.blocks: list[tuple[str, str]] = [("title", title)]
        chapters = CHAPTER_NAMES[min(size, 3)] if size > 1 else []
        n = 0

        def article(theme: str, items: int = 0):
            nonlocal n
            n += 1
            lead = f"第{cn(n)}条　"
            if theme == "purpose":
                body = (f"为进一步规范{topic}工作，提高{SHORT}{topic}工作的制度化、规范化水平，根据"
                        f"{rng.choice(BASIS)}等有关规定，结合本所实际，制定本制度。")
            elif theme == "scope":
                body = f"本制度适用于{OFFICE}全体干部职工。聘用人员、协管员参照执行。"
            elif theme == "lead":
                body = (f"{rng.choice(PEOPLE)}是{topic}工作的第一责任人，对本所{topic}工作负总责；"
                        f"{rng.choice(PEOPLE)}具体负责日常工作，{rng.choice(ACTIONS)}{rng.choice(OBJECTS)}。")
            elif theme == "explain":
                body = f"本制度由{SHORT}负责解释。上级另有规定的，从其规定。"
            elif theme == "effective":
                body = f"本制度自印发之日起施行。原有规定与本制度不一致的，以本制度为准。"
            else:
                parts = []
                for _ in range(rng.randint(1, 3)):
                    parts.append(f"{rng.choice(TIMES)}{rng.choice(ACTIONS)}{topic}{rng.choice(OBJECTS)}，"
                                 f"由{rng.choice(PEOPLE)}审核后存档备查")
                body = "；".join(parts) + "。"
                if items:
                    body = f"{topic}工作应当符合下列要求："
            self.blocks.append(("article", lead + body))
            for i in range(items):
                self.blocks.append(("item", f"（{cn(i + 1)}）{rng.choice(ACTIONS)}{rng.choice(OBJECTS)}，"
                                            f"做到{rng.choice(['内容完整', '程序合法', '记录真实', '责任明确'])}；"
                                    if i + 1 < items else
                                    f"（{cn(i + 1)}）其他需要{rng.choice(['报告', '记录', '公示'])}的事项。"))

        if not chapters:
            for theme in ["purpose", "scope", "lead"] + ["body"] * rng.randint(3, 6) + ["explain", "effective"]:
                article(theme, rng.choice([0, 0, 3]) if theme == "body" else 0)
            return
        for ci, name in enumerate(chapters):
            self.blocks.append(("chapter", f"第{cn(ci + 1)}章　{name}"))
            if ci == 0:
                for theme in ["purpose", "scope", "lead"]:
                    article(theme)
            elif ci == len(chapters) - 1:
                article("explain")
                article("effective")
            else:
                for _ in range(rng.randint(3, 3 + 2 * size)):
                    article("body", rng.choice([0, 0, 0, 2, 4]))


def styled_docx(t: Text, style_ids: str, app: str, app_version: str) -> bytes:
    d = ms.Doc(title=t.blocks[0][1])
    for kind, text in t.blocks:
        d.add({"title": "title", "chapter": "h1", "article": "p", "item": "p"}[kind], text)
    return ms.build_docx(d, title=t.blocks[0][1], creator=SHORT, style_ids=style_ids, app=app, app_version=app_version,
                         footer_page=True)


def hand_typed_docx(t: Text) -> bytes:
    """Headings typed by hand: centred, 黑体, bold, no paragraph style (as many offices do)."""
    original = ms._document_xml

    def document_xml(doc, sid, header, footer):
        body = []
        for kind, text in t.blocks:
            if kind == "title":
                body.append(ms._para(text, jc="center", font="方正小标宋简体", size=44))
            elif kind == "chapter":
                body.append(ms._para(text, jc="center", font="黑体", size=32, bold=True))
            else:
                body.append(ms._para(text, ind_first=200, font="仿宋_GB2312", size=32))
        xml = original(ms.Doc(title=""), sid, header, footer)
        return xml.replace("<w:body>", "<w:body>" + "".join(body), 1)

    ms._document_xml = document_xml
    try:
        return ms.build_docx(ms.Doc(title=t.blocks[0][1], blocks=[("p", b[1]) for b in t.blocks]),
                             creator="Administrator")
    finally:
        ms._document_xml = original


def plain_text(t: Text) -> str:
    lines = []
    for kind, text in t.blocks:
        lines.append(("　　" if kind in ("article", "item") else "") + text)
        if kind == "title":
            lines.append("")
    return "\r\n".join(lines) + "\r\n"


def markdown(t: Text, date: str, rng: random.Random) -> str:
    out = ["---", f"title: \"{t.blocks[0][1]}\"", f"author: {SHORT}", f"date: {date}", "---", ""]
    for kind, text in t.blocks[1:]:
        out.append(f"## {text}" if kind == "chapter" else text)
        out.append("")
    out += ["附：工作记录要素", "", "| 要素 | 内容 | 责任人 |", "|---|---|---|"]
    for i in range(rng.randint(2, 4)):
        out.append(f"| {rng.choice(OBJECTS)} | {rng.choice(ACTIONS)}并存档 | {rng.choice(PEOPLE)} |")
    return "\n".join(out) + "\n"


# --- 权责清单 (XLSX) -----------------------------------------------------------------------------
POWERS = [("行政处罚", "对{}违法行为的行政处罚", ["《中华人民共和国食品安全法》第一百二十二条", "《中华人民共和国产品质量法》第四十九条",
                                              "《中华人民共和国计量法》第二十二条", "《中华人民共和国广告法》第五十五条"]),
          ("行政检查", "对{}的监督检查", ["《中华人民共和国食品安全法》第一百一十条", "《中华人民共和国特种设备安全法》第五十七条"]),
          ("行政强制", "查封、扣押与{}有关的物品", ["《中华人民共和国行政强制法》第二十二条", "《中华人民共和国食品安全法》第一百一十条第四项"]),
          ("其他行政权力", "{}投诉举报的受理和处理", ["《市场监督管理投诉举报处理暂行办法》第八条"]),
          ("行政确认", "{}的登记确认", ["《中华人民共和国市场主体登记管理条例》第三条"])]
FIELDS = ["食品生产经营", "食用农产品销售", "餐饮服务", "特种设备使用", "计量器具使用", "产品质量", "网络交易",
          "价格收费", "广告发布", "商标使用", "药品零售", "医疗器械经营", "化妆品经营", "校园食品安全", "农村集体聚餐",
          "电梯维护保养", "加油站计量", "集贸市场", "个体工商户", "合同格式条款", "消费者权益保护", "小作坊"]
STAGES = {"行政处罚": ["1.立案责任：对发现的违法行为线索，及时审查，决定是否立案。", "2.调查取证责任：全面、客观、公正地调查，收集证据。",
                   "3.审理责任：对案件违法事实、证据、程序、法律适用进行审理。", "4.告知责任：作出决定前告知当事人事实、理由、依据和权利。",
                   "5.决定责任：依法作出处罚决定。", "6.送达责任：依法送达行政处罚决定书。", "7.执行责任：监督当事人履行处罚决定。"],
          "行政检查": ["1.检查责任：按计划实施检查，出示执法证件。", "2.处置责任：对发现的问题依法处置。", "3.信息公开责任：依法公示检查结果。"],
          "行政强制": ["1.审批责任：实施前向负责人报告并经批准。", "2.告知责任：告知当事人理由、依据和权利。", "3.实施责任：制作现场笔录和清单。",
                   "4.解除责任：对不再需要查封扣押的及时解除。"],
          "其他行政权力": ["1.受理责任：自收到之日起七个工作日内决定是否受理。", "2.处理责任：依法调查处理并答复。"],
          "行政确认": ["1.受理责任：一次性告知需要补正的材料。", "2.审查责任：对申请材料进行审查。", "3.决定责任：依法作出决定。"]}
BLAME = ("因不履行或不正确履行行政职责，有下列情形的，行政机关及其工作人员应当承担相应责任：\n"
         "1.对符合条件的不予受理、立案的；2.违反法定程序实施的；3.滥用职权、玩忽职守、徇私舞弊的；"
         "4.索取或者收受他人财物或者谋取其他利益的；5.其他违反法律法规规章规定的行为。")


def col(n: int) -> str:
    return "ABCDEFGHIJ"[n]


def duty_rows(rng: random.Random) -> tuple[list[list[str]], list[tuple[int, int, int]]]:
    """Rows of the 权责清单 and its vertical merges (column, first row, last row), 1-based rows."""
    head = ["序号", "权力事项名称", "子项名称", "权力类型", "设定依据", "实施主体", "责任事项内容", "追责情形", "备注"]
    rows, merges = [head], []
    seq = 0
    for field in FIELDS:
        for ptype, pattern, basis in POWERS:
            if rng.random() < 0.35:
                continue
            seq += 1
            subs = rng.randint(1, 3)
            first = len(rows) + 1
            for s in range(subs):
                rows.append([str(seq) if s == 0 else "", pattern.format(field) if s == 0 else "",
                             f"{field}{['一般程序', '简易程序', '日常检查', '专项检查', '受理'][rng.randint(0, 4)]}" if subs > 1 else "",
                             ptype, "\n".join(rng.sample(basis, min(len(basis), rng.randint(1, 2)))),
                             f"{SHORT}（{rng.choice(['执法岗', '综合岗', '网格岗', '登记岗'])}）",
                             "\n".join(STAGES[ptype]), BLAME, "" if rng.random() < 0.8 else "委托实施"])
            if subs > 1:
                merges += [(0, first, first + subs - 1), (1, first, first + subs - 1)]
    return rows, merges


def xlsx(rows: list[list[str]], merges: list[tuple[int, int, int]], sheet: str) -> bytes:
    def cell(r: int, c: int, v: str) -> str:
        if v == "":
            return ""
        return f'<c r="{col(c)}{r}" t="inlineStr"><is><t xml:space="preserve">{escape(v)}</t></is></c>'
    data = "".join(f'<row r="{r}">' + "".join(cell(r, c, v) for c, v in enumerate(row)) + "</row>"
                   for r, row in enumerate(rows, start=1))
    mc = "".join(f'<mergeCell ref="{col(c)}{a}:{col(c)}{b}"/>' for c, a, b in merges)
    ws = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
          f'<sheetData>{data}</sheetData><mergeCells count="{len(merges)}">{mc}</mergeCells></worksheet>')
    parts = [
        ("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
         '<Default Extension="xml" ContentType="application/xml"/>'
         '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
         '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
         '</Types>'),
        ("_rels/.rels", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
         '</Relationships>'),
        ("xl/workbook.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
         'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
         f'<sheets><sheet name="{escape(sheet)}" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        ("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
         '</Relationships>'),
        ("xl/worksheets/sheet1.xml", ws),
    ]
    return ms.zip_bytes([(n, s.encode("utf-8")) for n, s in parts])


POSTS = [("所长", "主持全面工作，是党风廉政建设和安全生产第一责任人；审批行政处罚、行政强制等重大事项。", "行政处罚一般程序；重大执法决定法制审核"),
         ("副所长（分管执法）", "协助所长分管执法办案、投诉举报处理和法制审核工作；审核案件调查终结报告。", "行政处罚一般程序；投诉举报处理"),
         ("副所长（分管监管）", "分管食品安全、特种设备、计量和网格化监管；组织“双随机、一公开”抽查。", "双随机抽查"),
         ("综合岗", "负责文秘、档案、财务、后勤、信息报送和会务；管理公章和执法文书。", "公文处理；档案归集"),
         ("法制审核岗", "对重大执法决定进行法制审核，出具书面审核意见；管理执法案卷评查。", "重大执法决定法制审核"),
         ("执法岗", "依法开展监督检查、调查取证和案件办理；制作现场检查笔录和询问笔录。", "行政处罚一般程序；现场检查"),
         ("食品安全监管岗", "负责辖区食品生产经营者日常监督检查、风险分级和量化分级评定。", "食品安全日常检查"),
         ("特种设备监管岗", "负责辖区特种设备使用单位的安全监察和隐患排查。", "特种设备安全监察"),
         ("网格监管岗", "负责责任网格内市场主体的巡查、信息采集和问题上报。", "网格巡查"),
         ("登记窗口岗", "负责个体工商户登记注册咨询、受理和证照发放；落实一次性告知。", "登记注册"),
         ("投诉举报岗", "负责投诉举报的登记、分派、调解和答复，按时办结并回访。", "投诉举报处理"),
         ("消费维权岗", "负责消费纠纷调解、消费教育和放心消费创建。", "消费纠纷调解")]


def main() -> int:
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out = os.path.join(here, "samples", "manual")
    rng = random.Random(20240301)
    files: dict[str, bytes] = {}
    forms = ["styled", "hand", "wps", "txt", "md"]
    for i, (part, stem, title, topic, size) in enumerate(POLICIES):
        t = Text(rng, title, topic, size)
        form = forms[i % len(forms)]
        folder = {"党建工作": "01 党建工作", "综合管理": "02 综合管理", "业务规范": "03 业务规范"}[part]
        n = sum(1 for k in files if k.startswith(folder)) + 1
        base = f"{folder}/{n:02d} {stem}"
        if form == "styled":
            files[base + ".docx"] = styled_docx(t, "zh", "Microsoft Office Word", "16.0000")
        elif form == "wps":
            ms.STYLE_IDS.setdefault("wps", {"normal": "1", "h1": "2", "h2": "3", "title": "13", "grid": "11",
                                            "header": "7", "footer": "6"})
            files[base + ".docx"] = styled_docx(t, "wps", "WPS Office_11.1.0.11194_F1E327BC-269C-435d-A152-05C5408002CA",
                                                "11.1.0.11194")
        elif form == "hand":
            files[base + ".docx"] = hand_typed_docx(t)
        elif form == "txt":
            files[base + ".txt"] = plain_text(t).encode("gb18030")
        else:
            files[base + ".md"] = markdown(t, f"2024-0{1 + i % 3}-15", rng).encode("utf-8")
    files["00 前言/印发通知.txt"] = (
        f"关于印发《{SHORT}标准化规范化制度建设指引》的通知\r\n\r\n"
        "各岗位、全体干部职工：\r\n"
        "　　为深入推进市场监管所标准化规范化建设，现将《石门市场监督管理所标准化规范化制度建设指引》印发给你们，"
        "请认真学习，抓好落实。执行中遇到的问题，请及时向综合岗反映。\r\n"
        f"{OFFICE}\r\n2024年3月1日\r\n").encode("gb18030")
    files["00 前言/编制说明.md"] = (
        "# 编制说明\n\n"
        "一、编制目的。为落实市场监管所标准化规范化建设要求，建立一套健全完善的管理制度和一套实用高效的业务规范，编制本指引。\n\n"
        "二、编制依据。本指引依据市场监管总局关于市场监管所标准化规范化建设的指导意见和有关法律法规编制。\n\n"
        "三、主要内容。本指引分党建工作、综合管理、业务规范三篇，附权责清单、岗位职责和业务流程图。\n\n"
        "四、使用说明。各项制度自印发之日起施行，由综合岗负责汇编修订，每年至少复核一次。\n").encode("utf-8")
    rows, merges = duty_rows(rng)
    files["04 附录/权责清单.xlsx"] = xlsx(rows, merges, "权责清单")
    posts = "岗位,主要职责,对应业务流程\r\n" + "".join(f"{a},{b},{c}\r\n" for a, b, c in POSTS)
    files["04 附录/岗位职责.csv"] = posts.encode("gb18030")
    files["石门所制度建设指引.book.xml"] = SPEC.encode("utf-8")
    for name, data in sorted(files.items()):
        path = os.path.join(out, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
    print(f"make_manual_samples: {len(files)} files ({len(POLICIES)} policies, 权责清单 {len(rows) - 1} rows) -> {out}")
    return 0


SPEC = """<?xml version="1.0" encoding="UTF-8"?>
<!-- The sample office's 制度建设指引 (issue 11 §7): `lianghua compile` reads this file.
     Paths are relative to this file. Validated against templates/book/book.xsd. -->
<book xmlns="urn:lianghua:book:1" toc-levels="2" parts-on-recto="true">
  <title>石门市场监督管理所标准化规范化制度建设指引</title>
  <subtitle>（2024年版）</subtitle>
  <edition>第一版</edition>
  <date>2024-03-01</date>
  <front-matter>
    <notice src="00 前言/印发通知.txt"/>
    <preface src="00 前言/编制说明.md"/>
  </front-matter>
  <part title="党建工作"><source src="01 党建工作"/></part>
  <part title="综合管理"><source src="02 综合管理"/></part>
  <part title="业务规范"><source src="03 业务规范"/></part>
  <appendices>
    <appendix title="权责清单"><source src="04 附录/权责清单.xlsx" title="石门市场监督管理所权责清单"/></appendix>
    <appendix title="岗位职责"><source src="04 附录/岗位职责.csv" title="石门市场监督管理所岗位职责表"/></appendix>
  </appendices>
  <revisions>
    <revision edition="第一版" date="2024-03-01" by="综合岗">首次编制，收录制度三十三项。</revision>
  </revisions>
</book>
"""

if __name__ == "__main__":
    sys.exit(main())
