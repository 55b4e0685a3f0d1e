#!/usr/bin/env python3
"""Validate Silo/Demo/Data/* and print a summary (per county counts, lights at May 2023).

    python3 tools/make-demo/check_demo.py     # exit code 1 on any problem

Light rule (DESIGN.md default): against the time-elapsed schedule N/12 of the 2023 plan at N = 5,
yellow below 80%, red below 60%; red also for a new start with no report three months after its planned
start, or for a project with no report for the last two months.
"""
import collections
import csv
import datetime as dt
import json
import os
import re
import sys
from decimal import Decimal

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DATA = os.path.join(ROOT, "Silo", "Demo", "Data")
CATS = {"infrastructure", "industry", "livelihood", "urbanRenewal"}
STAGES = ["reserve", "preparation", "newStart", "continuing", "completed", "operating"]
CODE_RE = re.compile(r"^(\d{4})-(\d{6})-(\d{2})-(0[1-3])-(\d{6})$")
AS_OF = (2023, 5)

errors = []


def err(msg):
    errors.append(msg)


def dec2(x):
    return Decimal(str(x)).as_tuple().exponent >= -2


with open(os.path.join(DATA, "divisions-zhanjiang.csv"), encoding="utf-8", newline="") as f:
    rows = list(csv.DictReader(f))
div = {r["code"]: r for r in rows}
counties = {r["code"]: r["name"] for r in rows if r["level"] == "county" and r["parentCode"] == "440800"}
if len(counties) != 9:
    err("expected 9 counties, got %d" % len(counties))
for r in rows:
    if r["level"] == "town" and r["parentCode"] not in counties:
        err("town %s outside Zhanjiang" % r["code"])

with open(os.path.join(DATA, "projects-2023.json"), encoding="utf-8") as f:
    data = json.load(f)
projects = data["projects"]
codes = [p["code"] for p in projects]
if len(set(codes)) != len(codes):
    err("duplicate project codes")


def light_of(p):
    plans = {a["year"]: a["amount"] for a in p["annualPlans"]}
    if p["stage"] in ("reserve", "preparation"):
        return "-", None
    reps = [r for r in p["reports"] if r["year"] == 2023]
    sd = dt.date.fromisoformat(p["startDate"])
    months_since_start = (AS_OF[0] - sd.year) * 12 + AS_OF[1] - sd.month
    if not reps:
        if p["stage"] == "newStart" and months_since_start >= 3:
            return "red", "not started 3 months after planned start"
        return "red", "no reports"
    last = max(r["month"] for r in reps)
    if AS_OF[1] - last >= 2:
        return "red", "no report for %d months" % (AS_OF[1] - last)
    ytd = sum(Decimal(str(r["investmentCompleted"])) for r in reps)
    ratio = ytd / (Decimal(plans[2023]) * AS_OF[1] / 12)
    return ("green" if ratio >= Decimal("0.8") else "yellow" if ratio >= Decimal("0.6") else "red"), "%.0f%%" % (ratio * 100)


per_county = collections.defaultdict(lambda: collections.Counter())
lights = collections.Counter()
cats = collections.Counter()
stages = collections.Counter()
towns_wuchuan = set()
lines = []
for p in projects:
    c = p["code"]
    m = CODE_RE.match(c)
    if not m:
        err("%s: bad code format" % c)
        continue
    town = p["townCode"]
    if town not in div or div[town]["level"] != "town":
        err("%s: town %s not in CSV" % (c, town))
        continue
    county = div[town]["parentCode"]
    if m.group(2) != county:
        err("%s: division part %s != county of town %s" % (c, m.group(2), county))
    if p["category"] not in CATS:
        err("%s: category" % c)
    if p["stage"] not in STAGES:
        err("%s: stage" % c)
    if not (5000 <= p["totalInvestment"] <= 1000000):
        err("%s: total %s out of range" % (c, p["totalInvestment"]))
    sd = dt.date.fromisoformat(p["startDate"])
    ed = dt.date.fromisoformat(p["plannedCompletionDate"])
    if ed <= sd:
        err("%s: completion before start" % c)
    if int(m.group(1)) > max(sd.year, 2023):
        err("%s: code year after start" % c)
    plans = {a["year"]: a["amount"] for a in p["annualPlans"]}
    if sum(plans.values()) > p["totalInvestment"]:
        err("%s: plans exceed total" % c)
    st = p["stage"]
    if st == "newStart" and sd.year != 2023:
        err("%s: newStart not starting in 2023" % c)
    if st == "continuing" and sd.year >= 2023:
        err("%s: continuing starting in 2023" % c)
    if st in ("completed", "operating") and not (dt.date(2023, 1, 1) <= ed <= dt.date(2023, 5, 31)):
        err("%s: completed outside Jan–May 2023" % c)
    if st in ("reserve", "preparation") and (p["reports"] or sd <= dt.date(2023, 5, 31)):
        err("%s: reserve/preparation with reports or past start" % c)
    # reports
    seen, last_pct, prev = set(), -1, (0, 0)
    sums = collections.Counter()
    for r in p["reports"]:
        ym = (r["year"], r["month"])
        if not (1 <= r["month"] <= 12) or ym in seen or ym <= prev:
            err("%s: report month %s invalid/duplicate/unordered" % (c, ym))
        seen.add(ym)
        prev = ym
        if ym < (sd.year, sd.month):
            err("%s: report %s before start" % (c, ym))
        if ym > AS_OF or r["year"] < 2022:
            err("%s: report %s outside 2022-01..2023-05" % (c, ym))
        a = r["investmentCompleted"]
        if a < 0 or not dec2(a):
            err("%s: amount %s" % (c, a))
        if not (0 <= r["progressPercent"] <= 100) or r["progressPercent"] < last_pct:
            err("%s: progress %s at %s" % (c, r["progressPercent"], ym))
        last_pct = r["progressPercent"]
        if not r["imageProgress"]:
            err("%s: empty imageProgress" % c)
        sums[r["year"]] += Decimal(str(a))
    if (sd.year, sd.month) <= (2022, 12) and st not in ("reserve", "preparation"):
        want = set((2022, mm) for mm in range(1 if sd.year < 2022 else sd.month, 13))
        if not want <= seen:
            err("%s: missing 2022 reports" % c)
        r22 = sums[2022] / Decimal(plans[2022])
        if not (Decimal("0.7") <= r22 <= Decimal("1.1")):
            err("%s: 2022 sum %.0f%% of plan" % (c, r22 * 100))
    if st == "completed" and last_pct != 100:
        err("%s: completed but progress %s" % (c, last_pct))
    light, why = light_of(p)
    if light != "-":
        lights[light] += 1
    if county == "440883":
        towns_wuchuan.add(town)
    per_county[county]["projects"] += 1
    per_county[county][light] += 1
    per_county[county]["plan23"] += plans.get(2023, 0)
    per_county[county]["ytd23"] += sums[2023]
    per_county[county]["ytd22"] += sum(Decimal(str(r["investmentCompleted"])) for r in p["reports"]
                                       if r["year"] == 2022 and r["month"] <= 5)
    cats[p["category"]] += 1
    stages[st] += 1
    lines.append("%-26s %-8s %-10s %-7s %s  %s" % (c, st, p["category"], light, why or "", p["name"]))

if len(projects) < 48:
    err("fewer than 48 projects")
if len(towns_wuchuan) < 8:
    err("Wuchuan projects in only %d towns" % len(towns_wuchuan))
for cc in counties:
    if per_county[cc]["projects"] < 2 or per_county[cc]["ytd23"] <= 0:
        err("county %s has too few projects or zero total" % cc)

if "-v" in sys.argv:
    print("\n".join(lines))
print("%-8s %-6s %4s %6s %6s %4s  %10s %10s %10s %7s" % ("county", "name", "proj", "green", "yellow", "red", "plan2023", "1-5月2023", "1-5月2022", "growth"))
for cc in sorted(counties):
    k = per_county[cc]
    g = "%+.1f%%" % ((k["ytd23"] / k["ytd22"] - 1) * 100) if k["ytd22"] else "n/a"
    print("%-8s %-6s %4d %6d %6d %4d  %10.0f %10.2f %10.2f %7s" % (cc, counties[cc], k["projects"], k["green"], k["yellow"], k["red"],
                                                            k["plan23"], k["ytd23"], k["ytd22"], g))
print("total projects %d; lights %s; unlit (reserve/preparation) %d" % (len(projects), dict(lights), per_county and sum(k["-"] for k in per_county.values())))
print("categories %s" % dict(cats))
print("stages %s" % {s: stages[s] for s in STAGES})
print("Wuchuan towns with projects: %d" % len(towns_wuchuan))
if errors:
    print("\nERRORS:\n" + "\n".join(errors))
    sys.exit(1)
print("OK")
