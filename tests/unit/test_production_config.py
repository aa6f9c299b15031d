"""Production refuses to start with an unsafe setting, and says which one."""

import pytest

from config import ProductionConfig, production_problems

GOOD = {
    "DEBUG": False,
    "SECRET_KEY": "7Yq2-a-long-random-production-secret-kP9",
    "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://shop@db/shop",
    "STRIPE_SECRET_KEY": "sk_live_51abc",
    "STRIPE_PUBLISHABLE_KEY": "pk_live_51abc",
    "STRIPE_WEBHOOK_SECRET": "whsec_abc",
    "STRIPE_JS_URL": "https://js.stripe.com/v3/",
    "STRIPE_API_BASE": None,
    "ALLOW_TEST_GATEWAY": False,
}


def test_a_good_production_configuration_starts():
    assert production_problems(GOOD) == []
    ProductionConfig.check(GOOD)


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"DEBUG": True}, "debug mode is on"),
        ({"SECRET_KEY": "dev-only-not-secret"}, "published development key"),
        ({"SECRET_KEY": "x" * 31}, "shorter than 32 characters"),
        ({"SECRET_KEY": None}, "SECRET_KEY is not set"),
        ({"SQLALCHEMY_DATABASE_URI": None}, "DATABASE_URL is not set"),
        ({"STRIPE_SECRET_KEY": "sk_test_51abc"}, "Stripe test keys in STRIPE_SECRET_KEY"),
        ({"STRIPE_SECRET_KEY": "rk_test_51abc"}, "Stripe test keys in STRIPE_SECRET_KEY"),
        ({"STRIPE_PUBLISHABLE_KEY": "pk_test_51abc"}, "Stripe test keys in STRIPE_PUBLISHABLE_KEY"),
        ({"STRIPE_WEBHOOK_SECRET": None}, "STRIPE_WEBHOOK_SECRET is not set"),
        ({"STRIPE_PUBLISHABLE_KEY": None}, "both STRIPE_SECRET_KEY and STRIPE_PUBLISHABLE_KEY"),
        ({"STRIPE_SECRET_KEY": None, "STRIPE_PUBLISHABLE_KEY": None}, "no payment gateway"),
        ({"STRIPE_API_BASE": "http://localhost:8420"}, "points away from Stripe"),
        ({"STRIPE_JS_URL": "http://localhost:8420/js.stripe.com/v3/"}, "points away from Stripe"),
    ],
)
def test_each_unsafe_setting_is_refused_with_a_clear_message(override, message):
    with pytest.raises(RuntimeError, match="Production refuses to start") as refused:
        ProductionConfig.check({**GOOD, **override})
    assert message in str(refused.value)


def test_every_problem_is_listed_at_once():
    problems = production_problems({**GOOD, "DEBUG": True, "SECRET_KEY": "short"})
    assert len(problems) == 2


def test_test_keys_and_stand_in_are_allowed_only_when_the_test_gateway_is():
    staging = {
        **GOOD,
        "STRIPE_SECRET_KEY": "sk_test_51abc",
        "STRIPE_PUBLISHABLE_KEY": "pk_test_51abc",
        "STRIPE_API_BASE": "http://localstripe:8420",
        "ALLOW_TEST_GATEWAY": True,
    }
    assert production_problems(staging) == []
    assert production_problems({**staging, "STRIPE_WEBHOOK_SECRET": None}) == [
        "STRIPE_WEBHOOK_SECRET is not set: paid orders would never be confirmed."
    ]


def test_the_test_gateway_alone_starts_only_when_allowed():
    no_stripe = {**GOOD, "STRIPE_SECRET_KEY": None, "STRIPE_PUBLISHABLE_KEY": None}
    assert production_problems({**no_stripe, "ALLOW_TEST_GATEWAY": True}) == []
    assert production_problems(no_stripe)


MIDTRANS = {
    **GOOD,
    "STRIPE_SECRET_KEY": None,
    "STRIPE_PUBLISHABLE_KEY": None,
    "STRIPE_WEBHOOK_SECRET": None,
    "MIDTRANS_SERVER_KEY": "Mid-server-abc",
    "MIDTRANS_CLIENT_KEY": "Mid-client-abc",
    "MIDTRANS_PRODUCTION": True,
    "MIDTRANS_API_BASE": None,
}


def test_midtrans_alone_in_production_mode_is_a_complete_gateway():
    assert production_problems(MIDTRANS) == []
    both = {
        **MIDTRANS,
        **{
            k: GOOD[k]
            for k in ("STRIPE_SECRET_KEY", "STRIPE_PUBLISHABLE_KEY", "STRIPE_WEBHOOK_SECRET")
        },
    }
    assert production_problems(both) == []


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"MIDTRANS_CLIENT_KEY": None}, "both MIDTRANS_SERVER_KEY and MIDTRANS_CLIENT_KEY"),
        ({"MIDTRANS_PRODUCTION": False}, "Midtrans is in sandbox"),
        ({"MIDTRANS_SERVER_KEY": "SB-Mid-server-abc"}, "MIDTRANS_PRODUCTION=1 with sandbox keys"),
        ({"MIDTRANS_API_BASE": "http://127.0.0.1:9999"}, "points away from Midtrans"),
        ({"STRIPE_SECRET_KEY": "sk_live_1"}, "both STRIPE_SECRET_KEY and STRIPE_PUBLISHABLE_KEY"),
    ],
)
def test_unsafe_midtrans_settings_are_named(override, message):
    problems = production_problems({**MIDTRANS, **override})
    assert any(message in problem for problem in problems), problems


def test_midtrans_sandbox_is_allowed_on_a_staging_copy():
    staging = {
        **MIDTRANS,
        "MIDTRANS_PRODUCTION": False,
        "MIDTRANS_SERVER_KEY": "SB-Mid-server-a",
        "MIDTRANS_CLIENT_KEY": "SB-Mid-client-a",
        "ALLOW_TEST_GATEWAY": True,
    }
    assert production_problems(staging) == []
