import csv
from pathlib import Path


def summarise(path):
    rows = list(csv.DictReader(Path(path).open(encoding="utf-8")))
    total = sum(float(r["amount"]) for r in rows)
    Path(path).with_suffix(".summary.txt").write_text(f"{len(rows)} rows, total {total:.2f}\n")
