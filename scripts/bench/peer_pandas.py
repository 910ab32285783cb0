#!/usr/bin/python3
"""The peer for `npm run bench`: the same job done the way a Python analyst would.

    /usr/bin/python3 scripts/bench/peer_pandas.py DIR OUT.xlsx

Every .xlsx is read with `pd.read_excel(path, header=None)` (openpyxl engine,
which reads cached formula results), each header row is found naively by its
"ĐƠN VỊ" cell, the rows under it down to "Tổng cộng" are kept, every table is
concatenated into one frame and written to one workbook. No validation, so it
does less than we do. One process. Prints one JSON line:
{"files", "failed", "rows", "staffTotal", "studentsTotal"}.
"""
from __future__ import annotations

import json
import os
import sys

import pandas as pd

COLUMNS = ["TT", "ĐƠN VỊ", "Tổng số", "Đã đăng ký", "Chưa đăng ký", "Nguyên nhân"]
TABLES = ["staff", "students"]


def tables_of(frame: pd.DataFrame, source: str) -> list[pd.DataFrame]:
    """Rows of each table in the sheet: under a row with "ĐƠN VỊ", down to "Tổng cộng"."""
    found = []
    header_rows = [i for i in range(len(frame)) if (frame.iloc[i] == "ĐƠN VỊ").any()]
    for table, start in zip(TABLES, header_rows):
        end = start + 1
        while end < len(frame) and frame.iat[end, 0] != "Tổng cộng" and frame.iat[end, 1] != "Tổng cộng":
            end += 1
        rows = frame.iloc[start + 1:end, :6].copy()
        rows.columns = COLUMNS[:rows.shape[1]]
        rows.insert(0, "Bảng", table)
        rows.insert(0, "Tệp", source)
        found.append(rows)
    return found


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    folder, out = sys.argv[1], sys.argv[2]
    names = sorted(n for n in os.listdir(folder) if n.endswith(".xlsx"))
    parts, failed = [], 0
    for name in names:
        try:
            parts.extend(tables_of(pd.read_excel(os.path.join(folder, name), header=None), name))
        except Exception:  # noqa: BLE001 — a bad file is counted, not fatal, as in our tool
            failed += 1
    merged = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=COLUMNS)
    merged.to_excel(out, index=False)
    by_table = {t: pd.to_numeric(merged.loc[merged["Bảng"] == t, "Tổng số"], errors="coerce").sum() for t in TABLES}
    print(json.dumps({"files": len(names), "failed": failed, "rows": len(merged),
                      "staffTotal": int(by_table["staff"]), "studentsTotal": int(by_table["students"])}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
