#!/usr/bin/env python3
"""xlsx_sheets.py: reads an .xlsx workbook with the standard library only (zipfile and
ElementTree) and prints it as JSON for the tests of the workbook exports:
{"sheets": [{"name", "rows": [[cell, ...], ...]}], "formulas": N, "cell_types": {...}}.
A cell is its text (shared or inline string) or its number; "formulas" counts every <f>
element in every sheet (an export must have none), and "cell_types" counts the cells by
their t attribute ("n" for none), so a test can see that text was stored as strings.
Usage: xlsx_sheets.py FILE.xlsx"""
import json
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "p": "http://schemas.openxmlformats.org/package/2006/relationships"}


def col_index(ref):
    n = 0
    for ch in re.match(r"[A-Z]+", ref).group(0):
        n = n * 26 + ord(ch) - 64
    return n - 1


def text_of(el):
    return "".join(t.text or "" for t in el.iter("{%s}t" % NS["m"]))


def main(path):
    z = zipfile.ZipFile(path)
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        root = ET.fromstring(z.read("xl/sharedStrings.xml"))
        shared = [text_of(si) for si in root.findall("m:si", NS)]
    rels = {r.get("Id"): r.get("Target")
            for r in ET.fromstring(z.read("xl/_rels/workbook.xml.rels")).findall("p:Relationship", NS)}
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    out = {"sheets": [], "formulas": 0, "cell_types": {}}
    for sh in wb.find("m:sheets", NS).findall("m:sheet", NS):
        target = rels[sh.get("{%s}id" % NS["r"])]
        xml = ET.fromstring(z.read("xl/" + target.lstrip("/").replace("xl/", "", 1)))
        rows = []
        for row in xml.iter("{%s}row" % NS["m"]):
            cells = []
            for c in row.findall("m:c", NS):
                i = col_index(c.get("r"))
                while len(cells) < i:
                    cells.append(None)
                t = c.get("t") or "n"
                out["cell_types"][t] = out["cell_types"].get(t, 0) + 1
                if c.find("m:f", NS) is not None:
                    out["formulas"] += 1
                v = c.find("m:v", NS)
                if t == "s":
                    cells.append(shared[int(v.text)])
                elif t == "inlineStr":
                    cells.append(text_of(c.find("m:is", NS)))
                elif v is not None and t == "n":
                    f = float(v.text)
                    cells.append(int(f) if f.is_integer() else f)
                else:
                    cells.append(v.text if v is not None else None)
            rows.append(cells)
        out["sheets"].append({"name": sh.get("name"), "rows": rows})
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
