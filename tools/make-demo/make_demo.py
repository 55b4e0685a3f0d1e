#!/usr/bin/env python3
"""Generate the Liandong demo scenario data (Silo/Demo/Data/).

    python3 tools/make-demo/make_demo.py [--shared /work/shared/data/guangdong-divisions.csv]

Writes
  Silo/Demo/Data/divisions-zhanjiang.csv  (copied rows of the shared NBS division file, only when --shared exists)
  Silo/Demo/Data/projects-2023.json       (hand-written project list + monthly reports from seeded RNGs)

The project list below is hand-written; monthly amounts, progress, image progress and problems are generated
from a random.Random seeded per project, so the output is byte-for-byte stable between runs.
All figures are invented demo data. Money is in 万元.
"""
import argparse
import csv
import datetime as dt
import io
import json
import os
import random

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT_DIR = os.path.join(ROOT, "Silo", "Demo", "Data")
CITY = "440800"
AS_OF = (2023, 5)  # reports run January–May 2023; the on-site meeting is on 8 June 2023

NOTICE = "演示数据：以下项目名称中的金额与进度均为虚构，仅供演示。 / Demo data: all figures are invented."

# light: G / Y / R = intended ratio of Jan–May 2023 to 5/12 of the 2023 plan (>=80%, 60–80%, <60%);
#        NOSTART = new start with planned start Feb 2023 and no report (red);
#        MISSING = continuing, no report for April and May 2023 (red);
#        None    = reserve / preparation, no reports.
# prior: investment completed before 2022 (only used for progressPercent), for projects started before 2022.
# probs: problems this project tends to report (Chinese), earliest first.
# fields: key, name, town, category, subCategory, stage, total, start, end, plans{year: amount}, light, industry, type, prior, probs
P = [
    # ---------------- 吴川市 440883 ----------------
    ("W01", "湛江空港经济区起步区", "440883107", "infrastructure", "airport", "continuing", 500000, "2022-03-01", "2026-12-31",
     {2022: 60000, 2023: 80000}, "G", "48", "01", 0, ["用地报批未完成（部分地块）", "电力接入工程未完成"]),
    ("W02", "湛江吴川机场进场路扩建工程", "440883107", "infrastructure", "road", "continuing", 68000, "2022-02-15", "2024-06-30",
     {2022: 22000, 2023: 30000}, "G", "48", "01", 0, ["管线迁改协调难"]),
    ("W03", "空港经济区220千伏输变电工程", "440883107", "infrastructure", "energy", "newStart", 26000, "2023-01-10", "2024-03-31",
     {2023: 15000}, "G", "44", "02", 0, ["林地使用审批未完成"]),
    ("W04", "空港大道（机场至吴川城区快速通道）", "440883101", "infrastructure", "road", "newStart", 125000, "2023-03-18", "2025-12-31",
     {2023: 36000}, "Y", "48", "01", 0, ["征地拆迁进度滞后", "沿线迁坟协调难"]),
    ("W05", "广湛高铁吴川站站前广场及配套道路工程", "440883101", "infrastructure", "rail", "continuing", 42000, "2022-08-01", "2024-12-31",
     {2022: 7000, 2023: 16000}, "G", "48", "01", 0, ["与铁路站房施工界面协调"]),
    ("W07", "吴川港区王村港作业区航道整治工程", "440883103", "infrastructure", "port", "preparation", 85000, "2024-03-01", "2026-06-30",
     {2024: 20000}, None, "48", "02", 0, []),
    ("W08", "吴川市海滨新区市政道路网（一期）", "440883005", "infrastructure", "road", "continuing", 31000, "2021-11-01", "2024-06-30",
     {2022: 11000, 2023: 12000}, "MISSING", "48", "01", 2000, ["施工单位资金紧张"]),
    ("W09", "湛江产业转移工业园吴川园区基础设施（一期）", "440883100", "industry", "industrialPark", "continuing", 120000, "2022-02-20", "2025-06-30",
     {2022: 30000, 2023: 38000}, "G", "48", "01", 0, ["电力接入工程未完成", "专项债资金未到位"]),
    ("W10", "产业转移工业园吴川园区标准厂房（二期）", "440883100", "industry", "industrialPark", "newStart", 24000, "2023-02-01", "2024-12-31",
     {2023: 8000}, "NOSTART", "47", "01", 0, []),
    ("W11", "吴川塑料鞋数字化改造项目（智能生产线）", "440883002", "industry", "manufacturing", "continuing", 28000, "2021-12-01", "2024-06-30",
     {2022: 9000, 2023: 12000}, "Y", "19", "03", 1000, ["企业融资未落实", "设备进口周期长"]),
    ("W12", "吴川鞋业智能制造产业园", "440883003", "industry", "manufacturing", "newStart", 65000, "2023-01-16", "2025-06-30",
     {2023: 20000}, "G", "19", "03", 0, ["施工用电报装滞后"]),
    ("W13", "吴川羽绒产业园（一期）", "440883004", "industry", "manufacturing", "operating", 32000, "2021-06-01", "2023-02-28",
     {2022: 15000, 2023: 4000}, "G", "19", "03", 13000, ["消防验收排期"]),
    ("W14", "羽绒制品精深加工及数字化车间", "440883004", "industry", "manufacturing", "continuing", 16000, "2022-10-08", "2024-03-31",
     {2022: 2500, 2023: 9000}, "R", "19", "03", 0, ["资金缺口较大", "银行贷款审批未通过"]),
    ("W15", "吴川烤鱼产业园", "440883104", "industry", "foodProcessing", "continuing", 45000, "2022-09-01", "2024-12-31",
     {2022: 6000, 2023: 18000}, "G", "13", "03", 0, ["环评批复未取得"]),
    ("W16", "吴川烤鱼预制菜中央厨房及冷链物流中心", "440883104", "industry", "foodProcessing", "newStart", 18000, "2023-02-20", "2024-06-30",
     {2023: 10000}, "G", "14", "03", 0, ["冷库电力增容未完成"]),
    ("W17", "王村港水产品精深加工项目", "440883103", "industry", "foodProcessing", "continuing", 22000, "2022-03-10", "2023-12-31",
     {2022: 9000, 2023: 11000}, "G", "13", "03", 0, []),
    ("W18", "吉兆湾滨海旅游度假区（一期）", "440883106", "industry", "tourism", "continuing", 150000, "2021-12-01", "2025-12-31",
     {2022: 28000, 2023: 35000}, "Y", "78", "03", 3000, ["用海审批未完成", "环评批复未取得"]),
    ("W19", "鉴江绿道及滨江文旅带", "440883001", "industry", "tourism", "newStart", 26000, "2023-03-01", "2024-10-31",
     {2023: 12000}, "G", "78", "01", 0, []),
    ("W20", "鉴江吴川段防洪治理工程", "440883109", "livelihood", "water", "continuing", 58000, "2021-10-01", "2024-12-31",
     {2022: 16000, 2023: 18000}, "R", "76", "01", 6000, ["征地拆迁进度滞后", "省级补助资金未到位"]),
    ("W21", "覃巴镇百县千镇万村高质量发展工程（圩镇品质提升）", "440883102", "livelihood", "townDevelopment", "newStart", 8600, "2023-02-06", "2023-12-31",
     {2023: 8600}, "G", "78", "01", 0, []),
    ("W22", "吴川市第一中学新校区", "440883003", "livelihood", "education", "completed", 38000, "2021-09-01", "2023-04-28",
     {2022: 20000, 2023: 6000}, "G", "83", "01", 11000, ["室外配套工程交叉施工"]),
    ("W23", "吴川市人民医院住院综合大楼", "440883001", "livelihood", "health", "continuing", 52000, "2021-08-01", "2024-08-31",
     {2022: 14000, 2023: 15000}, "G", "84", "01", 8000, ["医疗设备采购招标延期"]),
    ("W24", "吴川市城区老旧小区改造（2023年）", "440883001", "urbanRenewal", "oldResidential", "newStart", 9800, "2023-03-01", "2023-12-31",
     {2023: 9800}, "G", "47", "01", 0, ["居民意见协调"]),
    ("W25", "塘尾片区新型城镇化示范项目", "440883002", "urbanRenewal", "newUrbanisation", "continuing", 85000, "2022-03-01", "2025-12-31",
     {2022: 16000, 2023: 25000}, "Y", "48", "01", 0, ["征地拆迁进度滞后", "专项债资金未到位"]),
    ("W26", "鉴江西岸城市更新项目", "440883003", "urbanRenewal", "cityRenewal", "reserve", 200000, "2025-03-01", "2029-12-31",
     {}, None, "48", "01", 0, []),
    # ---------------- 赤坎区 440802 ----------------
    ("O01", "赤坎区北桥片区老旧小区改造", "440802008", "urbanRenewal", "oldResidential", "continuing", 14500, "2022-01-10", "2023-10-31",
     {2022: 6000, 2023: 7500}, "G", "47", "01", 0, ["管线迁改协调难"]),
    ("O02", "调顺岛市政道路及综合管廊工程", "440802006", "infrastructure", "road", "continuing", 56000, "2021-12-01", "2024-12-31",
     {2022: 18000, 2023: 20000}, "G", "48", "01", 1500, []),
    ("O03", "赤坎区寸金实验学校扩建工程", "440802002", "livelihood", "education", "newStart", 12000, "2023-02-15", "2024-08-31",
     {2023: 6000}, "G", "83", "01", 0, []),
    # ---------------- 霞山区 440803 ----------------
    ("O04", "湛江港霞山港区通用码头升级改造", "440803006", "infrastructure", "port", "continuing", 180000, "2021-09-01", "2024-12-31",
     {2022: 45000, 2023: 50000}, "G", "48", "02", 15000, ["台风季施工窗口受限"]),
    ("O05", "霞山区海头片区城中村改造", "440803012", "urbanRenewal", "cityRenewal", "continuing", 95000, "2022-02-01", "2026-06-30",
     {2022: 18000, 2023: 22000}, "R", "48", "01", 0, ["征地拆迁进度滞后", "安置房用地报批未完成"]),
    ("O06", "霞山水产品冷链物流及预制菜基地", "440803070", "industry", "foodProcessing", "newStart", 30000, "2023-03-10", "2024-12-31",
     {2023: 12000}, "G", "14", "03", 0, []),
    # ---------------- 坡头区 440804 ----------------
    ("O07", "南三岛滨海旅游示范区配套工程", "440804100", "industry", "tourism", "continuing", 88000, "2022-01-10", "2025-06-30",
     {2022: 20000, 2023: 24000}, "Y", "78", "01", 0, ["用海审批未完成", "林地使用审批未完成"]),
    ("O08", "官渡工业园高性能新材料项目", "440804401", "industry", "manufacturing", "newStart", 150000, "2023-01-05", "2025-06-30",
     {2023: 45000}, "G", "26", "03", 0, ["环评批复未取得"]),
    ("O09", "乾塘镇百县千镇万村高质量发展工程（典型村建设）", "440804102", "livelihood", "townDevelopment", "newStart", 6800, "2023-03-01", "2023-12-31",
     {2023: 6800}, "G", "78", "01", 0, []),
    # ---------------- 麻章区 440811 ----------------
    ("O10", "湛江吴川机场至市区快速路（麻章段）", "440811102", "infrastructure", "expressway", "continuing", 260000, "2022-02-01", "2025-12-31",
     {2022: 55000, 2023: 70000}, "G", "48", "02", 0, ["征地拆迁进度滞后"]),
    ("O11", "广湛高铁湛江北站配套道路工程", "440811100", "infrastructure", "rail", "continuing", 48000, "2022-09-01", "2024-06-30",
     {2022: 9000, 2023: 20000}, "G", "48", "01", 0, []),
    ("O12", "硇洲岛海岛供水工程", "440811173", "livelihood", "water", "continuing", 12500, "2022-04-01", "2023-09-30",
     {2022: 6000, 2023: 5500}, "G", "46", "01", 0, ["海底管道施工受天气影响"]),
    # ---------------- 遂溪县 440823 ----------------
    ("O13", "遂溪县产业转移工业园食品加工区（一期）", "440823102", "industry", "industrialPark", "continuing", 76000, "2021-11-01", "2024-12-31",
     {2022: 22000, 2023: 25000}, "G", "48", "01", 4000, ["电力接入工程未完成"]),
    ("O14", "遂溪县江洪渔港升级改造工程", "440823105", "infrastructure", "port", "continuing", 32000, "2021-10-01", "2024-03-31",
     {2022: 12000, 2023: 12000}, "G", "48", "01", 3000, []),
    ("O15", "遂溪县城区老旧小区改造（2022年）", "440823001", "urbanRenewal", "oldResidential", "completed", 8200, "2022-08-01", "2023-05-20",
     {2022: 5000, 2023: 3000}, "G", "47", "01", 0, []),
    ("O27", "国道G228线遂溪城月段改线工程", "440823107", "infrastructure", "road", "continuing", 72000, "2022-01-15", "2024-12-31",
     {2022: 20000, 2023: 26000}, "G", "48", "01", 0, ["林地使用审批未完成"]),
    # ---------------- 徐闻县 440825 ----------------
    ("O16", "徐闻港区南山作业区二期工程", "440825113", "infrastructure", "port", "continuing", 320000, "2021-07-01", "2025-12-31",
     {2022: 60000, 2023: 70000}, "G", "48", "02", 22000, ["用海审批未完成"]),
    ("O17", "徐闻菠萝精深加工产业园", "440825104", "industry", "foodProcessing", "continuing", 26000, "2022-08-01", "2024-06-30",
     {2022: 5000, 2023: 10000}, "R", "13", "03", 0, ["资金缺口较大", "电力接入工程未完成"]),
    ("O18", "徐闻县人民医院新院区", "440825001", "livelihood", "health", "preparation", 68000, "2024-01-15", "2026-12-31",
     {2024: 18000}, None, "84", "01", 0, []),
    # ---------------- 廉江市 440881 ----------------
    ("O19", "廉江小家电智能制造基地", "440881401", "industry", "manufacturing", "continuing", 110000, "2022-03-01", "2024-12-31",
     {2022: 28000, 2023: 35000}, "G", "38", "03", 0, []),
    ("O20", "玉湛高速廉江段互通连接线工程", "440881103", "infrastructure", "expressway", "continuing", 145000, "2021-11-01", "2024-12-31",
     {2022: 38000, 2023: 42000}, "Y", "48", "02", 5000, ["征地拆迁进度滞后", "林地使用审批未完成"]),
    ("O21", "九洲江流域综合治理工程（廉江段）", "440881108", "livelihood", "water", "continuing", 39000, "2022-01-05", "2024-12-31",
     {2022: 11000, 2023: 12000}, "G", "76", "01", 0, []),
    ("O22", "廉江市城北新区新型城镇化建设项目", "440881003", "urbanRenewal", "newUrbanisation", "newStart", 60000, "2023-04-01", "2026-12-31",
     {2023: 12000}, "G", "48", "01", 0, []),
    # ---------------- 雷州市 440882 ----------------
    ("O23", "雷州市乌石港综合开发项目", "440882115", "infrastructure", "port", "continuing", 42000, "2021-12-01", "2024-12-31",
     {2022: 11000, 2023: 14000}, "R", "48", "01", 800, ["用海审批未完成", "资金缺口较大"]),
    ("O24", "湛江奋勇高新区新能源电池材料项目", "440882450", "industry", "manufacturing", "newStart", 300000, "2023-02-10", "2025-12-31",
     {2023: 80000}, "G", "38", "03", 0, ["电力接入工程未完成"]),
    ("O25", "雷州西湖历史文化街区保护更新", "440882002", "urbanRenewal", "cityRenewal", "continuing", 28000, "2022-10-01", "2024-12-31",
     {2022: 3000, 2023: 10000}, "G", "48", "01", 0, ["文物保护方案审批"]),
    ("O26", "雷州东里风电场（二期）", "440882110", "infrastructure", "energy", "operating", 98000, "2021-10-01", "2023-02-28",
     {2022: 60000, 2023: 6000}, "G", "44", "02", 30000, []),
]

# The API examples use this code for the airport economic zone start-up area; keep it resolvable in the demo.
FIXED_CODES = {"W01": "2023-440883-48-01-000123"}

SEASON_2022 = [0.55, 0.60, 0.95, 1.00, 1.05, 1.10, 1.00, 1.00, 1.05, 1.10, 1.15, 1.45]
SEASON_2023 = [0.60, 0.80, 1.10, 1.15, 1.20]

# 形象进度 phases: (from progress %, phrase)
PHASES = {
    "building": [(0, "场地平整"), (6, "桩基施工"), (18, "基础施工"), (32, "主体结构施工"), (58, "主体结构封顶"),
                 (66, "砌体及装饰装修"), (80, "设备安装调试"), (92, "室外配套工程"), (100, "竣工验收")],
    "linear": [(0, "征地清表"), (6, "路基施工"), (22, "桥涵结构施工"), (42, "路基路面同步施工"), (62, "路面基层施工"),
               (78, "沥青面层铺设"), (90, "交通安全设施及绿化"), (100, "交工验收")],
    "airport": [(0, "场地平整"), (5, "市政道路及管网施工"), (20, "标准厂房及综合服务中心主体施工"), (45, "配套设施施工"),
                (75, "景观及附属工程"), (100, "竣工验收")],
    "station": [(0, "场地平整"), (8, "地下管廊施工"), (30, "站前广场结构施工"), (55, "配套道路施工"), (80, "广场铺装及绿化"),
                (100, "交工验收")],
    "port": [(0, "施工准备"), (6, "航道疏浚"), (22, "码头桩基施工"), (48, "码头上部结构施工"), (72, "堆场及道路施工"),
             (88, "装卸设备安装"), (100, "竣工验收")],
    "water": [(0, "施工准备"), (6, "堤防清基"), (22, "堤身填筑"), (45, "护岸砌筑"), (70, "穿堤涵闸施工"), (88, "堤顶道路及附属工程"),
              (100, "完工验收")],
    "supply": [(0, "施工准备"), (8, "管道沟槽开挖"), (25, "输水管道铺设"), (55, "水厂及加压站施工"), (80, "设备安装调试"),
               (100, "通水验收")],
    "energy": [(0, "场地平整"), (8, "基础施工"), (28, "构支架及主体安装"), (55, "电气设备安装"), (82, "调试"), (100, "并网投运")],
    "oldResidential": [(0, "入户调查及方案公示"), (8, "地下管网改造"), (30, "外立面及屋面改造"), (55, "道路及停车位改造"),
                       (78, "绿化及公共设施提升"), (100, "竣工验收")],
    "townDevelopment": [(0, "方案设计及招标"), (8, "圩镇道路改造"), (30, "雨污分流管网施工"), (55, "立面整治及绿化"),
                        (80, "公共空间提升"), (100, "完工验收")],
    "urban": [(0, "征收及安置"), (8, "市政道路施工"), (25, "安置房主体施工"), (55, "配套管网施工"), (80, "景观绿化"), (100, "竣工验收")],
    "tourism": [(0, "场地平整"), (8, "景观及配套基础施工"), (25, "主体建筑施工"), (50, "景观工程施工"), (72, "装饰装修"),
                (88, "配套设施完善"), (100, "竣工开放")],
}
PHASE_OF_SUB = {
    "airport": "airport", "road": "linear", "expressway": "linear", "rail": "station", "port": "port", "energy": "energy",
    "water": "water", "tourism": "tourism", "oldResidential": "oldResidential", "townDevelopment": "townDevelopment",
    "newUrbanisation": "urban", "cityRenewal": "urban",
}
AFTER_COMPLETION = {"completed": "竣工结算", "operating": "投产运营"}
MINOR_PROBLEMS = ["雨季影响施工", "原材料价格上涨", "施工图审查未完成"]


def ym_range(y1, m1, y2, m2):
    y, m = y1, m1
    while (y, m) <= (y2, m2):
        yield y, m
        m += 1
        if m == 13:
            y, m = y + 1, 1


def spread(rng, months, weights, target):
    """Split target over months by weights * noise; amounts with 2 decimals summing to target (to the cent)."""
    raw = [w * rng.lognormvariate(0, 0.22) for w in weights]
    s = sum(raw)
    amounts = [round(target * r / s, 2) for r in raw]
    amounts[-1] = round(target - sum(amounts[:-1]), 2)
    return list(zip(months, amounts))


def phase_text(sub, progress, completed_flag):
    phases = PHASES[PHASE_OF_SUB.get(sub, "building")]
    if completed_flag:
        return phases[-1][1]
    text = phases[0][1]
    for start, t in phases[:-1]:
        if progress >= start:
            text = t
    return text


def build_project(p, code):
    (key, name, town, cat, sub, stage, total, start, end, plans, light, _ind, _typ, prior, probs) = p
    rng = random.Random("liandong-demo-" + key)
    sd = dt.date.fromisoformat(start)
    ed = dt.date.fromisoformat(end)
    proj = {
        "code": code, "name": name, "townCode": town, "category": cat, "subCategory": sub, "stage": stage,
        "totalInvestment": total,
        "annualPlans": [{"year": y, "amount": a} for y, a in sorted(plans.items())],
        "startDate": start, "plannedCompletionDate": end, "reports": [],
    }
    if light in (None, "NOSTART"):
        return proj

    done_stage = stage in ("completed", "operating")
    done_ym = (ed.year, ed.month) if done_stage else None

    # ---- 2022 ----
    amounts = []  # (year, month, amount)
    if (sd.year, sd.month) <= (2022, 12):
        m22 = list(ym_range(max(sd.year, 2022), sd.month if sd.year == 2022 else 1, 2022, 12))
        r22 = rng.uniform(0.92, 1.04) if done_stage else rng.uniform(0.74, 1.06)
        amounts += [(y, m, a) for (y, m), a in spread(rng, m22, [SEASON_2022[m - 1] for _, m in m22], plans[2022] * r22)]

    # ---- 2023 (January–May) ----
    first23 = (2023, 1) if sd.year < 2023 else (2023, sd.month)
    last23 = (2023, 3) if light == "MISSING" else AS_OF
    m23 = list(ym_range(*first23, *last23))
    bench = plans[2023] * AS_OF[1] / 12
    if done_stage:
        active = [ym for ym in m23 if ym <= done_ym]
        tail = [ym for ym in m23 if ym > done_ym]
        part = spread(rng, active, [SEASON_2023[m - 1] for _, m in active], plans[2023] * rng.uniform(0.97, 1.03))
        if stage == "completed":
            part += [(ym, round(rng.uniform(40, 160), 2)) for ym in tail]
        else:
            part += [(ym, 0) for ym in tail]
    else:
        ratio = {"G": rng.uniform(0.86, 1.28), "Y": rng.uniform(0.65, 0.75), "R": rng.uniform(0.32, 0.52),
                 "MISSING": rng.uniform(0.88, 0.98)}[light]
        w = [SEASON_2023[m - 1] for _, m in m23]
        if sd.year == 2023:  # new starts: the first month is mobilisation, then advance payments
            w[0] *= 0.6
        part = spread(rng, m23, w, bench * ratio)
    amounts += [(y, m, a) for (y, m), a in part]

    # ---- progress, image progress, problems ----
    cums, c = [], prior
    for _, _, a in amounts:
        c += a
        cums.append(c)
    if done_stage:
        idx_done = max(i for i, (y, m, _) in enumerate(amounts) if (y, m) <= done_ym)
        denom = cums[idx_done]
    else:
        denom = total * rng.uniform(0.98, 1.08)
    n = len(amounts)
    # which reports carry problems
    prob_at = {}
    idx23 = [i for i, (y, _, _) in enumerate(amounts) if y == 2023]
    idx22 = [i for i, (y, _, _) in enumerate(amounts) if y == 2022]
    if probs:
        if light in ("R", "Y", "MISSING"):
            k = {"R": 3, "Y": 2, "MISSING": 1}[light]
            for i in idx23[-k:]:
                prob_at[i] = list(probs)
            for i in idx23[-k - 1:-k] if len(idx23) > k else []:
                prob_at[i] = probs[:1]
        else:
            # an earlier problem that got solved: one or two reports in the first months it appears
            pool = idx22[-4:] + idx23[:2] if idx22 else idx23[:3]
            i = rng.choice(pool)
            prob_at[i] = probs[:1]
            if len(probs) > 1 and i + 1 < n and not done_stage:
                prob_at[i + 1] = probs[1:2]
    if light == "G" and not done_stage and idx23 and rng.random() < 0.25:
        i = idx23[-1]
        prob_at.setdefault(i, []).append(rng.choice(MINOR_PROBLEMS))

    last_pct = 0
    for i, (y, m, a) in enumerate(amounts):
        after = done_stage and (y, m) > done_ym
        at_done = done_stage and (y, m) == done_ym
        if after or at_done:
            pct = 100
        else:
            pct = min(int(100 * cums[i] / denom), 97 if not done_stage else 99)
        pct = max(pct, last_pct)
        last_pct = pct
        if after:
            text = AFTER_COMPLETION[stage]
        else:
            text = phase_text(sub, pct, at_done)
        proj["reports"].append({
            "year": y, "month": m, "investmentCompleted": a, "progressPercent": pct,
            "imageProgress": text, "problems": prob_at.get(i, []),
        })
    return proj


def county_of(town):
    return town[:6]


def make_codes():
    rng = random.Random("liandong-demo-codes")
    used, codes = set(), {}
    for p in P:
        key, town, start, stage, ind, typ = p[0], p[2], p[7], p[5], p[11], p[12]
        if key in FIXED_CODES:
            codes[key] = FIXED_CODES[key]
            used.add(codes[key][-6:])
            continue
        sd = dt.date.fromisoformat(start)
        if stage in ("reserve", "preparation"):
            year = 2023
        else:
            year = sd.year if sd.month > 3 else sd.year - 1  # registered (赋码) before the start
        while True:
            serial = "%06d" % rng.randrange(1000, 400000)
            if serial not in used:
                used.add(serial)
                break
        codes[key] = "%d-%s-%s-%s-%s" % (year, county_of(town), ind, typ, serial)
    return codes


def write_divisions(shared):
    with open(shared, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    counties = {r[1] for r in body if r[3] == CITY}
    keep = [r for r in body if r[1] == CITY or r[3] == CITY or r[3] in counties]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(keep)
    with open(os.path.join(OUT_DIR, "divisions-zhanjiang.csv"), "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())
    return len(keep)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default="/work/shared/data/guangdong-divisions.csv")
    args = ap.parse_args()
    os.makedirs(OUT_DIR, exist_ok=True)
    if os.path.exists(args.shared):
        print("divisions rows:", write_divisions(args.shared))
    codes = make_codes()
    data = {"notice": NOTICE, "year": 2023, "projects": [build_project(p, codes[p[0]]) for p in P]}
    with open(os.path.join(OUT_DIR, "projects-2023.json"), "w", encoding="utf-8", newline="\n") as f:
        json.dump(data, f, ensure_ascii=False, indent=2)
        f.write("\n")
    print("projects:", len(data["projects"]))


if __name__ == "__main__":
    main()
