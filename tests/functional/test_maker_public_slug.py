"""A maker's URL carries only her chosen public name; old URLs answer with a 301 to the new one."""

from storefront.extensions import db
from storefront.makers.services import create_maker, update_privacy
from tests.factories import make_category, make_product


def test_a_new_makers_slug_has_no_surname(app):
    maker = create_maker("Siti Rahayu Kusuma", phone="0812 3456 7890", email=None)
    assert maker.slug == "siti"
    assert "rahayu" not in maker.slug and "kusuma" not in maker.slug


def test_two_makers_with_one_first_name_get_distinct_slugs(app):
    first = create_maker("Siti Rahayu", phone="0812 3456 7890", email=None)
    second = create_maker("Siti Aminah", phone="0812 3456 7891", email=None)
    assert (first.slug, second.slug) == ("siti", "siti-2")


def test_choosing_a_public_name_changes_the_slug_and_the_old_url_redirects(client):
    maker = create_maker("Siti Rahayu", phone="0812 3456 7890", email=None)
    make_product(maker, make_category(), slug="tas")
    db.session.commit()
    update_privacy(maker, {"uses_chosen_name": True, "chosen_name": "Mama Rizky"}, actor_id=None)
    assert maker.slug == "mama-rizky"
    old = client.get("/makers/siti")
    assert old.status_code == 301
    assert old.headers["Location"].endswith("/makers/mama-rizky")
    page = client.get("/makers/mama-rizky").get_data(as_text=True)
    assert "Mama Rizky" in page and "Rahayu" not in page and "Siti" not in page


def test_going_back_to_the_first_name_reclaims_the_old_slug(client):
    maker = create_maker("Siti Rahayu", phone="0812 3456 7890", email=None)
    update_privacy(maker, {"uses_chosen_name": True, "chosen_name": "Mawar"}, actor_id=None)
    update_privacy(maker, {"uses_chosen_name": False, "chosen_name": ""}, actor_id=None)
    assert maker.slug == "siti"
    assert client.get("/makers/siti").status_code == 200
    assert client.get("/makers/mawar").status_code == 301


def test_an_old_slug_is_never_given_to_another_maker(app):
    siti = create_maker("Siti Rahayu", phone="0812 3456 7890", email=None)
    update_privacy(siti, {"uses_chosen_name": True, "chosen_name": "Mawar"}, actor_id=None)
    other = create_maker("Siti Aminah", phone="0812 3456 7891", email=None)
    assert other.slug == "siti-2"


def test_an_unknown_slug_is_still_a_404(client):
    assert client.get("/makers/nobody").status_code == 404
