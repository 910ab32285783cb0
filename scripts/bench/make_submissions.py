#!/usr/bin/python3
"""Writes N realistic "Công dân học tập" 2024 submissions for `npm run bench`.

    /usr/bin/python3 scripts/bench/make_submissions.py OUT_DIR N [--seed 2024] [--jobs K]
    /usr/bin/python3 scripts/bench/make_submissions.py --plans N [--seed 2024] > plans.jsonl

Each file is one unit's return as a clerk types it: the title block with merged
cells (issuer top left, Quốc hiệu / Tiêu ngữ top right, "THỐNG KÊ"), the staff
table under "1. Cán bộ, công chức, viên chức, người lao động" with the form's
exact headers, 1–40 rows of Vietnamese unit names, counts and reasons, a
"Tổng cộng" row of SUM formulas, then the students table likewise (absent for
agencies), and the signature block.

Why the zip is post-processed: openpyxl stores formulas without their cached
results, but Excel and LibreOffice files always carry them and the issue asks
for them, so the results are injected as <v> after saving. About half the
files also get their inline strings moved to xl/sharedStrings.xml, as Excel
writes them, so both string paths of a reader are exercised.

Deterministic: file i depends only on (seed, i), never on N or on the worker
that wrote it, and zip timestamps are fixed, so the same seed gives the same
bytes. The first 100 files of a 1,000 run are the 100 files of a 100 run.

`--plans` prints each file's plan (cells, merges, cached values) as JSON lines
without importing openpyxl: scripts/bench/write-exceljs.mjs renders those when
openpyxl is missing. The last stdout line of a normal run is a JSON summary
with the expected grand totals, which the benchmark checks every tool against.
"""
from __future__ import annotations

import argparse
import html
import io
import json
import multiprocessing
import os
import random
import re
import sys
import unicodedata
import zipfile

NATIONAL = "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập – Tự do – Hạnh phúc"
SUBJECT = "V/v thống kê số liệu đăng ký tài khoản xây dựng mô hình “Công dân học tập”"
TITLE = "THỐNG KÊ"
SUBTITLE = ("Số lượng cán bộ, công chức, viên chức, người lao động, học sinh, sinh viên "
            "đăng ký tài khoản xây dựng mô hình công dân học tập năm 2024")

# Exactly the headers of templates/cong-dan-hoc-tap-2024.json, typo "bộ phân" included.
HEADERS = {
    "staff": ["TT", "ĐƠN VỊ",
              "Tổng số cán bộ, công chức, viên chức, người lao động (tính đến đơn vị/ bộ phân trực thuộc)",
              "Tổng số người đã đăng ký tài khoản",
              "Tổng số người chưa đăng ký tài khoản",
              "Nguyên nhân"],
    "students": ["TT", "ĐƠN VỊ", "Tổng số học sinh, sinh viên",
                 "Tổng số người đã đăng ký tài khoản",
                 "Tổng số người chưa đăng ký tài khoản",
                 "Nguyên nhân"],
}
HEADINGS = {
    "staff": "1. Cán bộ, công chức, viên chức, người lao động",
    "students": "2. Học sinh, sinh viên",
}

# 2024 administrative units of Hải Phòng: (kind, name).
DISTRICTS = [("quận", n) for n in ("Hồng Bàng", "Ngô Quyền", "Lê Chân", "Hải An", "Kiến An", "Đồ Sơn", "Dương Kinh")] + \
            [("huyện", n) for n in ("Thủy Nguyên", "An Dương", "An Lão", "Kiến Thụy", "Tiên Lãng", "Vĩnh Bảo", "Cát Hải", "Bạch Long Vĩ")]

NAMES = [
    "Lê Lợi", "Trần Phú", "Ngô Quyền", "Lê Quý Đôn", "Nguyễn Trãi", "Trần Hưng Đạo", "Lý Thường Kiệt", "Chu Văn An",
    "Nguyễn Du", "Lê Hồng Phong", "Hồng Bàng", "Hai Bà Trưng", "Nguyễn Bỉnh Khiêm", "Thái Phiên", "Quang Trung",
    "Phan Bội Châu", "Nguyễn Huệ", "Võ Thị Sáu", "Kim Đồng", "Lê Văn Tám", "Trần Quốc Toản", "Nguyễn Văn Trỗi", "Tô Hiệu",
    "Lương Khánh Thiện", "Nguyễn Đức Cảnh", "Cát Bi", "Đằng Hải", "Lạch Tray", "Hoa Phượng", "Tuổi Hoa", "Sao Mai",
    "Hoa Sen", "Bạch Đằng", "Hùng Vương", "Lý Tự Trọng", "Nguyễn Khuyến", "Phạm Ngũ Lão", "Mạc Đĩnh Chi",
    "Đinh Tiên Hoàng", "Lê Thánh Tông", "An Lư", "Thủy Sơn", "Tân Dương", "Lập Lễ", "Minh Đức", "Hoa Động", "Kiền Bái",
    "Cao Nhân", "Lưu Kiếm", "Quảng Thanh", "An Hưng", "An Hồng", "Lê Thiện", "Đại Bản", "An Đồng", "Hồng Thái",
    "Nam Sơn", "Trường Sơn", "Quốc Tuấn", "Tân Tiến", "Bát Trang", "Mỹ Đức", "Thái Sơn", "Tiên Cường", "Quyết Tiến",
    "Vinh Quang", "Cộng Hiền", "Cổ Am", "Tam Cường", "Trấn Dương", "Hùng Tiến", "Thanh Lương", "Cát Bà", "Phù Long",
    "Gia Luận", "Vạn Hương", "Ngọc Xuyên", "Bàng La", "Hợp Đức", "Anh Dũng", "Hưng Đạo", "Đa Phúc", "Hải Thành",
    "Tân Thành", "Đông Hải",
]
SCHOOL_TYPES = ["Trường Mầm non", "Trường Tiểu học", "Trường THCS", "Trường TH&THCS", "Trường THPT",
                "Trung tâm GDNN-GDTX"]
AGENCY_TYPES = ["Trạm Y tế", "Trung tâm Văn hoá – Thể thao", "Ban Quản lý chợ"]

STAFF_GROUPS = ["Ban Giám hiệu", "Tổ Toán – Tin", "Tổ Ngữ văn", "Tổ Ngoại ngữ", "Tổ Khoa học tự nhiên",
                "Tổ Khoa học xã hội", "Tổ Thể dục – Nghệ thuật", "Tổ Văn phòng", "Tổ Chuyên môn 1", "Tổ Chuyên môn 2",
                "Tổ Chuyên môn 3", "Tổ Nuôi dưỡng", "Tổ Bảo vệ – Phục vụ", "Thư viện – Thiết bị", "Tổ Công nghệ"]
AGENCY_GROUPS = ["Lãnh đạo", "Văn phòng", "Phòng Tổ chức – Hành chính", "Phòng Kế hoạch – Tài chính",
                 "Phòng Nghiệp vụ", "Bộ phận Một cửa", "Tổ Bảo vệ", "Đội Kiểm tra", "Bộ phận Kế toán", "Tổ Lái xe"]
REASONS = ["Nghỉ thai sản", "Chưa có điện thoại thông minh", "Chưa có tài khoản định danh điện tử VNeID",
           "Mới tuyển dụng, đang làm thủ tục", "Đang đi học dài hạn", "Nghỉ ốm dài ngày",
           "Lớn tuổi, không biết sử dụng điện thoại", "Lỗi hệ thống, chưa nhận được mã OTP",
           "Chưa có căn cước công dân gắn chip", "Mới chuyển công tác đến"]
STUDENT_REASONS = ["Học sinh chưa có căn cước công dân", "Chưa có điện thoại thông minh",
                   "Chưa đủ tuổi, phụ huynh chưa đăng ký thay", "Học sinh mới chuyển đến",
                   "Sinh viên năm nhất mới nhập học", "Gia đình không có thiết bị kết nối mạng",
                   "Chưa có tài khoản định danh điện tử VNeID"]
SIGNERS = ["Nguyễn Thị Lan", "Trần Văn Hùng", "Phạm Thu Hà", "Vũ Đức Thắng", "Lê Minh Tuấn", "Đoàn Thị Hương",
           "Bùi Văn Khải", "Hoàng Thị Mai", "Đặng Quốc Bảo", "Ngô Thị Thu"]


def unit_identity(seed: int, i: int):
    """File i's unit, unique over the run: a (type, name, district) combination, "số k" past the pool."""
    pool = _pool(seed)
    kind, type_, name, district = pool[i % len(pool)]
    k = i // len(pool) + 1
    unit = f"{type_} {name}" + (f" số {k}" if k > 1 else "") + f" – {district[1]}"
    return kind, type_, unit, district


_POOL_CACHE: dict[int, list] = {}


def _pool(seed: int) -> list:
    if seed not in _POOL_CACHE:
        combos = [("school", t, n, d) for t in SCHOOL_TYPES for n in NAMES for d in DISTRICTS] + \
                 [("agency", t, n, d) for t in AGENCY_TYPES for n in NAMES for d in DISTRICTS]
        random.Random(f"pool:{seed}").shuffle(combos)
        _POOL_CACHE[seed] = combos
    return _POOL_CACHE[seed]


def row_count(rng: random.Random) -> int:
    """1–40 rows: a third of units report one row, the rest list their groups, classes or member schools."""
    return 1 if rng.random() < 0.33 else rng.randint(2, 40)


def counts(rng: random.Random, low: int, high: int, reasons: list[str]):
    total = rng.randint(low, high)
    missing = 0 if rng.random() < 0.35 else rng.randint(1, max(1, total // 12))
    return total, total - missing, missing, (rng.choice(reasons) if missing else None)


def table_rows(rng: random.Random, tid: str, kind: str, unit: str, type_: str, n: int):
    """Rows [unit, total, registered, unregistered, reason] of one table."""
    if n == 1:
        low, high = (15, 180) if tid == "staff" else (120, 2400)
        return [[unit, *counts(rng, low, high, REASONS if tid == "staff" else STUDENT_REASONS)]]
    if tid == "staff":
        groups = AGENCY_GROUPS if kind == "agency" else STAFF_GROUPS
        names = [groups[j % len(groups)] + (f" ({j // len(groups) + 1})" if j >= len(groups) else "") for j in range(n)]
        return [[nm, *counts(rng, 3, 25, REASONS)] for nm in names]
    # Students listed by class: "Lớp 10A1" … as a school does, or by member school for a centre.
    if type_.startswith("Trung tâm"):
        names = [f"{rng.choice(SCHOOL_TYPES[:5])} {rng.choice(NAMES)}" for _ in range(n)]
        return [[nm, *counts(rng, 80, 1500, STUDENT_REASONS)] for nm in names]
    grades = {"Trường Mầm non": ["Nhóm trẻ", "Lớp Mầm", "Lớp Chồi", "Lớp Lá"], "Trường Tiểu học": ["1", "2", "3", "4", "5"],
              "Trường THCS": ["6", "7", "8", "9"], "Trường TH&THCS": ["1", "3", "5", "7", "9"],
              "Trường THPT": ["10", "11", "12"]}[type_]
    per = -(-n // len(grades))
    names = [(f"{g} {j}" if not g.isdigit() else f"Lớp {g}A{j}") for g in grades for j in range(1, per + 1)][:n]
    return [[nm, *counts(rng, 25, 48, STUDENT_REASONS)] for nm in names]


def plan_submission(seed: int, i: int) -> dict:
    """Everything about file i except the bytes: cells (with cached formula results), merges, sheet name."""
    rng = random.Random(f"file:{seed}:{i}")
    kind, type_, unit, (dkind, dname) = unit_identity(seed, i)
    parent = "SỞ GD&ĐT HẢI PHÒNG" if type_ in ("Trường THPT", "Trung tâm GDNN-GDTX") else \
        (f"UBND {dkind.upper()} {dname.upper()}" if kind == "agency" else f"PHÒNG GD&ĐT {dkind.upper()} {dname.upper()}")
    day = rng.randint(8, 24)
    has_students = kind == "school"
    e_formula = rng.random() < 0.25  # some clerks type =C-D in "not registered"
    tables = {"staff": table_rows(rng, "staff", kind, unit, type_, row_count(rng))}
    if has_students:
        tables["students"] = table_rows(rng, "students", kind, unit, type_, row_count(rng))

    cells, merges = [], []

    def put(r, c, v, style="plain", merge_to=None):
        cells.append([r, c, v, style])
        if merge_to:
            merges.append(f"{_col(c)}{r}:{_col(merge_to)}{r}")

    put(1, 1, parent, "issuer", 2)
    put(1, 4, NATIONAL, "bold", 6)
    put(2, 1, unit.upper(), "bold", 2)
    put(2, 4, MOTTO, "motto", 6)
    put(3, 1, f"Số: {rng.randint(12, 980)}/{_initials(unit)}-VP", "plain", 2)
    put(3, 4, f"Hải Phòng, ngày {day} tháng 4 năm 2024", "italic", 6)
    put(4, 1, SUBJECT, "small", 2)
    r = 6 + rng.randint(0, 1)  # title blocks differ by a blank row or so
    put(r, 1, TITLE, "title", 6)
    put(r + 1, 1, SUBTITLE, "bold", 6)
    r += 3
    for tid, rows in tables.items():
        put(r, 1, HEADINGS[tid], "heading", 6)
        r += 1
        for c, h in enumerate(HEADERS[tid], start=1):
            put(r, c, h, "header")
        r += 1
        first = r
        for n, (name, total, registered, missing, reason) in enumerate(rows, start=1):
            put(r, 1, n, "cell")
            put(r, 2, name, "cellLeft")
            put(r, 3, total, "cell")
            put(r, 4, registered, "cell")
            put(r, 5, {"f": f"C{r}-D{r}", "v": missing} if e_formula else missing, "cell")
            put(r, 6, reason, "cellLeft")
            r += 1
        put(r, 1, "Tổng cộng", "total", 2)
        for c, j in ((3, 1), (4, 2), (5, 3)):
            put(r, c, {"f": f"SUM({_col(c)}{first}:{_col(c)}{r - 1})", "v": sum(x[j] for x in rows)}, "total")
        put(r, 6, None, "total")
        r += 2
    boss = "HIỆU TRƯỞNG" if kind == "school" and type_.startswith("Trường") else "THỦ TRƯỞNG ĐƠN VỊ"
    put(r, 2, "Người lập biểu", "bold")
    put(r, 4, boss, "bold", 6)
    put(r + 1, 2, "(Ký, ghi rõ họ tên)", "italic")
    put(r + 1, 4, "(Ký tên, đóng dấu)", "italic", 6)
    put(r + 5, 2, rng.choice(SIGNERS), "bold")
    put(r + 5, 4, rng.choice(SIGNERS), "bold", 6)

    return {
        "seed": seed,
        "index": i,
        "name": f"{i + 1:05d} {_ascii(unit)}.xlsx",
        "sheet": rng.choice(["Sheet1", "Sheet1", "Thống kê", "Báo cáo", "CDHT 2024"]),
        "creator": rng.choice(SIGNERS),
        "sharedStrings": rng.random() < 0.5,
        "widths": [5, 32, 19, 13, 13, 26],
        "cells": cells,
        "merges": merges,
        "totals": {tid: [sum(x[j] for x in rows) for j in (1, 2, 3)] for tid, rows in tables.items()},
        "rows": {tid: len(rows) for tid, rows in tables.items()},
    }


def _col(c: int) -> str:
    return "ABCDEFGHIJ"[c - 1]


def _initials(unit: str) -> str:
    words = unit.split(" – ")[0].replace("Trường ", "").split()
    return "".join(w[0] for w in words if w[0].isalpha()).upper()


def _ascii(text: str) -> str:
    """File names as units send them: no diacritics, safe on every file system."""
    folded = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return re.sub(r"[^A-Za-z0-9 &\-]+", "", folded.replace("–", "-")).strip()


# ---------------------------------------------------------------------------
# Rendering with openpyxl

_STYLES = None


def _styles():
    """Font/alignment/border objects built once per process: openpyxl interns them, but building is not free."""
    global _STYLES
    if _STYLES is None:
        from openpyxl.styles import Alignment, Border, Font, Side
        thin = Side(style="thin")
        box = Border(left=thin, right=thin, top=thin, bottom=thin)
        fnt = lambda size=12, bold=False, italic=False: Font(name="Times New Roman", size=size, bold=bold, italic=italic)
        center = Alignment(horizontal="center", vertical="center", wrap_text=True)
        left = Alignment(horizontal="left", vertical="center", wrap_text=True)
        _STYLES = {
            "plain": (fnt(), center, None), "issuer": (fnt(), center, None), "bold": (fnt(bold=True), center, None),
            "motto": (fnt(13, bold=True), center, None), "italic": (fnt(italic=True), center, None),
            "small": (fnt(11), center, None), "title": (fnt(14, bold=True), center, None),
            "heading": (fnt(bold=True), Alignment(horizontal="left", vertical="center"), None),
            "header": (fnt(11, bold=True), center, box), "cell": (fnt(), center, box),
            "cellLeft": (fnt(), left, box), "total": (fnt(bold=True), center, box),
        }
    return _STYLES


def render_openpyxl(plan: dict) -> bytes:
    import datetime as dt
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = plan["sheet"]
    styles = _styles()
    for r, c, v, style in plan["cells"]:
        cell = ws.cell(row=r, column=c, value=("=" + v["f"]) if isinstance(v, dict) else v)
        cell.font, cell.alignment, border = styles[style]
        if border is not None:
            cell.border = border
    for ref in plan["merges"]:
        ws.merge_cells(ref)
    for j, w in enumerate(plan["widths"], start=1):
        ws.column_dimensions[_col(j)].width = w
    when = dt.datetime(2024, 4, 20, 9, 0) + dt.timedelta(minutes=plan["index"])
    wb.properties.creator = wb.properties.lastModifiedBy = plan["creator"]
    wb.properties.created = wb.properties.modified = when
    out = io.BytesIO()
    wb.save(out)
    cached = {f"{_col(c)}{r}": v["v"] for r, c, v, _ in plan["cells"] if isinstance(v, dict)}
    return repackage(out.getvalue(), cached, plan["sharedStrings"])


# ---------------------------------------------------------------------------
# Zip post-processing

FIXED_TIME = (2024, 4, 20, 9, 0, 0)
FORMULA_CELL = re.compile(r'(<c r="([A-Z]+\d+)"[^>]*><f>[^<]*</f>)(?:<v\s*/>|<v></v>)?')
INLINE_STRING = re.compile(r' t="inlineStr"><is><t(?: [^>]*)?>(.*?)</t></is>', re.S)
SST_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
SST_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"


def repackage(xlsx: bytes, cached: dict, shared: bool) -> bytes:
    """Injects cached formula results, optionally moves strings to sharedStrings.xml, re-zips with fixed timestamps."""
    src = zipfile.ZipFile(io.BytesIO(xlsx))
    parts = {info.filename: src.read(info.filename) for info in src.infolist()}
    sheet = "xl/worksheets/sheet1.xml"
    xml = inject_cached_values(parts[sheet].decode("utf-8"), cached)
    if shared:
        xml, sst = to_shared_strings(xml)
        parts["xl/sharedStrings.xml"] = sst.encode("utf-8")
        ct = parts["[Content_Types].xml"].decode("utf-8")
        parts["[Content_Types].xml"] = ct.replace(
            "</Types>", f'<Override PartName="/xl/sharedStrings.xml" ContentType="{SST_TYPE}"/></Types>').encode("utf-8")
        rels = parts["xl/_rels/workbook.xml.rels"].decode("utf-8")
        parts["xl/_rels/workbook.xml.rels"] = rels.replace(
            "</Relationships>",
            f'<Relationship Id="rIdSst" Type="{SST_REL}" Target="/xl/sharedStrings.xml"/></Relationships>').encode("utf-8")
    parts[sheet] = xml.encode("utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return out.getvalue()


def inject_cached_values(xml: str, cached: dict) -> str:
    seen = set()

    def add(m):
        ref = m.group(2)
        seen.add(ref)
        return f"{m.group(1)}<v>{cached[ref]}</v>"

    xml = FORMULA_CELL.sub(add, xml)
    if seen != set(cached):
        raise RuntimeError(f"formula cells not found for cached values: {sorted(set(cached) - seen)}")
    return xml


def to_shared_strings(xml: str):
    """Inline strings → shared string indices; text stored as UTF-8, not as the &#NNNN; references openpyxl writes."""
    index: dict[str, int] = {}
    uses = 0

    def share(m):
        nonlocal uses
        text = html.unescape(m.group(1))
        uses += 1
        idx = index.setdefault(text, len(index))
        return f' t="s"><v>{idx}</v>'

    xml = INLINE_STRING.sub(share, xml)
    items = "".join(f'<si><t xml:space="preserve">{html.escape(t, quote=False)}</t></si>' for t in index)
    sst = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{uses}" '
           f'uniqueCount="{len(index)}">{items}</sst>')
    return xml, sst


# ---------------------------------------------------------------------------

def write_one(job):
    seed, i, out_dir = job
    plan = plan_submission(seed, i)
    with open(os.path.join(out_dir, plan["name"]), "wb") as f:
        f.write(render_openpyxl(plan))
    return plan["totals"], plan["rows"]


def summarise(results, n: int, seed: int, writer: str) -> dict:
    totals = {"staff": [0, 0, 0], "students": [0, 0, 0]}
    rows = {"staff": 0, "students": 0}
    for file_totals, file_rows in results:
        for tid, values in file_totals.items():
            totals[tid] = [a + b for a, b in zip(totals[tid], values)]
            rows[tid] += file_rows[tid]
    keys = ("total", "registered", "unregistered")
    return {"files": n, "seed": seed, "writer": writer, "rows": rows,
            "totals": {tid: dict(zip(keys, v)) for tid, v in totals.items()}}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out_dir", nargs="?")
    ap.add_argument("n", nargs="?", type=int)
    ap.add_argument("--plans", type=int, metavar="N", help="print N plans as JSON lines instead of writing files")
    ap.add_argument("--seed", type=int, default=2024)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()

    if args.plans is not None:
        for i in range(args.plans):
            sys.stdout.write(json.dumps(plan_submission(args.seed, i), ensure_ascii=False) + "\n")
        return 0
    if not args.out_dir or args.n is None:
        ap.error("OUT_DIR and N are required (or --plans N)")
    import openpyxl  # fail here, before forking, when it is missing

    os.makedirs(args.out_dir, exist_ok=True)
    jobs = [(args.seed, i, args.out_dir) for i in range(args.n)]
    if args.jobs > 1 and args.n > 20:
        with multiprocessing.Pool(args.jobs) as pool:
            results = list(pool.imap(write_one, jobs, chunksize=16))
    else:
        results = [write_one(j) for j in jobs]
    print(json.dumps(summarise(results, args.n, args.seed, f"openpyxl {openpyxl.__version__}"), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
