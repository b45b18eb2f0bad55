#!/usr/bin/env bash
# Builds the seed corpora of the fuzz targets from the repository's own
# documents, so that no corpus is committed:
#
#   - every JSON file under tests/fixtures/ (sub-folders too): a case file is
#     split into its parts for the JSON targets and kept whole for `case`,
#     and its observations converted to CSV for `csv` (`catalogue \x01 csv
#     \x01 as-of`);
#     a lone catalogue, observations, units or results document goes where
#     it belongs;
#   - data/vn/: the built-in catalogue and the draft of 2018 with both sets
#     of observations, one seed per indicator, and the provinces;
#   - a catalogue of extreme values (the hand-written fuzzer's, see below);
#   - results documents written by the examples (`evaluate` on every case
#     file, `scorecard` with every method, `provinces`), for `results`.
#
# Writes fuzz/corpus/<target>/ (ignored by git). Files already there are
# kept: what libFuzzer found in earlier runs stays in the corpus.
#
#   bash fuzz/seed.sh
#
# Needs python3 (to split the case files) and cargo (the examples).
set -euo pipefail
cd "$(dirname "$0")/.."

corpus=fuzz/corpus
mkdir -p "$corpus"/{load_evaluate,progress,rollup,case,units,results,builders,csv}

python3 - "$corpus" <<'PY'
import csv, io, json, pathlib, sys

corpus = pathlib.Path(sys.argv[1])
SEP = "\x01"
NO_OBSERVATIONS = '{"format": "policy-targets/observations@1", "observations": []}'
# Targets that read `catalogue \x01 observations \x01 units \x01 as-of`
# (fuzz/src/lib.rs, `Parts`).
SPLIT = ["load_evaluate", "progress", "rollup"]


def write(target, name, text):
    (corpus / target / name).write_text(text, encoding="utf-8")


def split(name, catalogue, observations=NO_OBSERVATIONS, units="", as_of=""):
    text = SEP.join([catalogue, observations, units, as_of])
    for target in SPLIT:
        # `rollup` returns at once without units.
        if units or target != "rollup":
            write(target, name, text)
    rows = as_csv(observations)
    if rows is not None:
        write("csv", name, SEP.join([catalogue, rows, as_of]))


COLUMNS = ["indicator", "unit", "period", "published", "value", "qualifier",
           "numerator", "denominator", "series", "source", "note"]


def as_csv(observations):
    """An observations document's observations as CSV (SPEC 2.5), each field
    as its text (numbers as written); `None` when it has no array of them."""
    try:
        doc = json.loads(observations, parse_float=Raw, parse_int=Raw)
    except ValueError:
        return None
    items = doc.get("observations") if isinstance(doc, dict) else None
    if not isinstance(items, list):
        return None
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(COLUMNS)
    for o in items:
        if not isinstance(o, dict):
            continue
        cell = lambda v: "" if v is None else v.text if isinstance(v, Raw) else v if isinstance(v, str) else dump(v)
        w.writerow([cell(o.get(c)) for c in COLUMNS])
    return out.getvalue()


class Raw:
    """A JSON number, kept as the text it was written as."""

    def __init__(self, text):
        self.text = text


def load(path):
    text = path.read_text(encoding="utf-8")
    return text, json.loads(text, parse_float=Raw, parse_int=Raw)


def dump(value):
    """A case file's part as JSON text again, its numbers as written."""
    if isinstance(value, Raw):
        return value.text
    if isinstance(value, list):
        return "[" + ", ".join(dump(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{dump(k)}: {dump(v)}" for k, v in value.items()) + "}"
    return json.dumps(value, ensure_ascii=False)


fixtures = sorted(pathlib.Path("tests/fixtures").rglob("*.json"))
for path in fixtures:
    name = "fixture-" + "-".join(path.relative_to("tests/fixtures").with_suffix("").parts)
    text, doc = load(path)
    if not isinstance(doc, dict):
        continue
    fmt = doc.get("format", "")
    if "catalogue" in doc:
        write("case", name, text)
        parts = {k: dump(doc[k]) for k in ("catalogue", "observations", "units") if k in doc}
        split(name, parts.get("catalogue", ""), parts.get("observations", NO_OBSERVATIONS),
              parts.get("units", ""), str(doc.get("as_of", "")))
        if "units" in parts:
            write("units", name, parts["units"])
    elif fmt == "policy-targets/catalogue@1":
        split(name, text)
    elif fmt == "policy-targets/units@1":
        write("units", name, text)
    elif fmt == "policy-targets/results@1":
        write("results", name, text)

# data/vn, one seed per indicator (its targets and its figures): the whole
# documents together are 135 KB, and libFuzzer's inputs are as long as its
# longest seed, which would slow every run.
vn = pathlib.Path("data/vn")
read = lambda f: json.loads((vn / f).read_text(encoding="utf-8"), parse_float=Raw, parse_int=Raw)


def by_indicator(name, catalogue, observations, as_of):
    for ind in catalogue["indicators"]:
        targets = [t for t in catalogue["targets"] if t["indicator"] == ind["id"]]
        figures = [o for o in observations["observations"] if o["indicator"] == ind["id"]]
        split(f"{name}-{ind['id']}",
              dump({"format": catalogue["format"], "indicators": [ind], "targets": targets}),
              dump({"format": observations["format"], "observations": figures}), "", as_of)


by_indicator("vn", read("catalogue.json"), read("observations.json"), "2026-11-28")
by_indicator("vn-low-confidence", read("catalogue.json"), read("observations_low_confidence.json"), "2026-11-28")
by_indicator("vn-draft-2018", read("draft_2018.json"), read("observations.json"), "2021-01-01")
write("units", "vn", (vn / "units.json").read_text(encoding="utf-8"))

# Extreme values of every kind: the largest decimals and counts, the ends of
# the calendar, every cadence and rule (from the hand-written fuzzer that
# these targets replaced).
extremes = """{"format": "policy-targets/catalogue@1", "indicators": [
  {"id": "online_dossiers_share", "kind": "percent"},
  {"id": "egdi_rank", "kind": "rank", "out_of": 193, "cadence": "biennial", "publication_lag_days": 270},
  {"id": "digital_economy_gdp_share", "kind": "percent", "series": "gso"},
  {"id": "score", "kind": "score", "min": "-5", "max": "5", "cadence": "quarterly"},
  {"id": "growth", "kind": "growth_rate", "cadence": "monthly"},
  {"id": "count", "kind": "count", "cadence": "irregular", "discontinued": {"on": "2020-01-01"}}],
 "targets": [
  {"id": "a", "indicator": "online_dossiers_share", "unit": "VN", "rule": {"at_least": "80"}, "deadline": "2025"},
  {"id": "b", "indicator": "egdi_rank", "unit": "VN", "rule": {"within_top": 70}, "deadline": "9999-Q4"},
  {"id": "c", "indicator": "score", "unit": "VN", "rule": {"less_than": "0"}, "deadline": "0001", "judged_on": "0001-01-01/9999-12-31"},
  {"id": "d", "indicator": "growth", "unit": "VN", "rule": {"more_than": "-79228162514264337593543950335"}, "deadline": "2030-06"},
  {"id": "e", "indicator": "count", "unit": "VN", "rule": {"at_most": "9223372036854775807"}, "deadline": "2025-H2"}]}"""
extreme_observations = """{"format": "policy-targets/observations@1", "observations": [
  {"indicator": "online_dossiers_share", "unit": "VN", "period": "2024", "published": "2025-01-01", "numerator": 18446744073709551615, "denominator": 18446744073709551615},
  {"indicator": "online_dossiers_share", "unit": "VN", "period": "0001", "published": "0001-12-31", "value": "0.0000000000000000000000000001"},
  {"indicator": "egdi_rank", "unit": "VN", "period": "2024", "published": "2024-09-17", "value": 4294967295},
  {"indicator": "score", "unit": "VN", "period": "9999-Q4", "published": "9999-12-31", "value": "-5"},
  {"indicator": "growth", "unit": "VN", "period": "2030-06", "published": "2030-07-01", "value": "79228162514264337593543950335"},
  {"indicator": "count", "unit": "VN", "period": "2019-01-01/2019-12-31", "published": "2019-12-31", "value": 9223372036854775807}]}"""
split("extremes", extremes, extreme_observations, "", "9999-12-31")
PY

# Results documents, written by the examples.
cargo build --quiet --examples
examples="${CARGO_TARGET_DIR:-target}/debug/examples"
while IFS= read -r f; do
  name="fixture-$(basename "$f" .json)"
  "$examples/evaluate" --case "$f" --format json > "$corpus/results/$name" 2>/dev/null || rm -f "$corpus/results/$name"
done < <(find tests/fixtures -name '*.json' | sort)
for method in least_squares eurostat_cagr_5 eurostat_cagr_15 open_sdg unsd_projection destatis_linear; do
  "$examples/scorecard" --as-of 2026-11-28 --format json --method "$method" > "$corpus/results/scorecard-$method"
done
"$examples/provinces" --format json > "$corpus/results/provinces"
"$examples/provinces" --as-of 2025-03-01 --format json > "$corpus/results/provinces-2025"

for d in "$corpus"/*/; do
  printf '%-16s %4d seeds\n' "$(basename "$d")" "$(find "$d" -type f | wc -l)"
done
