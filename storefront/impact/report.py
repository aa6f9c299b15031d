"""The sponsor report: the impact figures for a date range, shaped for the page and the CSV."""

import csv
import io
import statistics
from dataclasses import dataclass
from datetime import date

from storefront.earnings.chart import bars
from storefront.impact import queries


@dataclass
class Report:
    first: date
    last: date
    totals: queries.Totals
    activity: queries.Activity
    makers: list[tuple[str, int, int]]  # (name or anonymous label, income, units)
    distribution: dict[str, int]
    months: list[tuple]
    campaigns: list[queries.CampaignSpend]


def _label(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def build_report(first: date, last: date, anonymous_label: str) -> Report:
    """Every figure for [first, last] (Jakarta days); names only for makers who consented."""
    start, end = queries.day_range(first, last)
    incomes = queries.income_per_maker(start, end)
    makers, anonymous = [], 0
    for row in incomes:
        if row.maker.shares_income:
            name = row.maker.public_name
        else:
            name = anonymous_label % {"letter": _label(anonymous)}
            anonymous += 1
        makers.append((name, row.income_idr, row.products_sold))
    amounts = [row.income_idr for row in incomes]
    distribution = {
        "makers": len(amounts),
        "min": min(amounts, default=0),
        "median": int(statistics.median(amounts)) if amounts else 0,
        "max": max(amounts, default=0),
    }
    return Report(
        first=first,
        last=last,
        totals=queries.totals(start, end, now=end),
        activity=queries.activity(start, end),
        makers=makers,
        distribution=distribution,
        months=queries.monthly(start, end),
        campaigns=queries.campaign_spend(start, end),
    )


def public_months(months: list[tuple], threshold: int) -> list[tuple]:
    """The monthly rows for the public page: a month in which fewer makers than `threshold` sold
    would reveal one woman's income, so its income becomes None (shown as hidden)."""
    return [
        (month, income if makers >= threshold else None, plastic, makers)
        for month, income, plastic, makers in months
    ]


def month_bars(months: list[tuple], column: int = 1) -> list:
    """Bars of one column of the monthly rows (1: maker income, 2: plastic grams), drawn with
    the earnings dashboard's chart geometry."""
    return bars([(date(int(row[0][:4]), int(row[0][5:7]), 1), row[column]) for row in months])


def report_csv(report: Report, headings: dict[str, str]) -> str:
    """The report as CSV: a figures section, then one row per maker."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([headings["period"], report.first.isoformat(), report.last.isoformat()])
    figures = [
        ("maker_income_idr", report.totals.maker_income_idr),
        ("makers_earned", report.totals.makers_earned_ever),
        ("products_sold", report.totals.products_sold),
        ("plastic_grams", report.totals.plastic_grams),
        ("orders_paid", report.activity.orders_paid),
        ("sales_idr", report.activity.sales_idr),
        ("refunds_idr", report.activity.refunds_idr),
        ("platform_fees_idr", report.activity.platform_fees_idr),
        ("new_listings", report.activity.new_listings),
        ("median_maker_income_idr", report.distribution["median"]),
    ]
    for key, value in figures:
        writer.writerow([key, value])
    writer.writerow([])
    writer.writerow(["maker", "income_idr", "products_sold"])
    for name, income, units in report.makers:
        writer.writerow([name, income, units])
    writer.writerow([])
    writer.writerow(["month", "maker_income_idr", "plastic_grams", "makers_earned"])
    for row in report.months:
        writer.writerow(list(row))
    writer.writerow([])
    writer.writerow(["campaign", "budget_idr", "discounts_paid_idr"])
    for campaign in report.campaigns:
        writer.writerow([campaign.name, campaign.budget_idr, campaign.spent_idr])
    return out.getvalue()
