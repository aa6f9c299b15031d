"""Bug 15: the sponsor report on paper: programme, period and print date shown, no chart split
across pages (each chart and its heading kept together)."""

from tests.browser.conftest import serious_accessibility_violations
from tests.browser.test_listing_flow import sign_in
from tests.factories import make_user


def test_report_prints_its_programme_and_print_date_and_keeps_charts_whole(live_server, page):
    sponsor = make_user("sponsor")
    sign_in(page, live_server, sponsor.email)
    assert page.url.endswith("/reports")  # the sponsor lands on her report
    assert serious_accessibility_violations(page) == []
    page.emulate_media(media="print")
    assert page.locator("#report-printed").is_visible()
    assert page.locator("#report-programme").is_visible()
    assert not page.locator(".site-header").is_visible()
    charts = page.locator("svg.chart")
    assert charts.count() >= 1
    for i in range(charts.count()):
        assert charts.nth(i).evaluate("e => getComputedStyle(e).breakInside") == "avoid"
    heading = page.locator("#months ~ h3, section h3").first
    assert heading.evaluate("e => getComputedStyle(e).breakAfter") == "avoid"
