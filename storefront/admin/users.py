"""Admin: makers and customers, inviting makers, reset links, switching accounts off and on."""

from urllib.parse import quote

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user

from storefront import audit
from storefront.admin import bp
from storefront.auth import services
from storefront.auth.access import admin_required
from storefront.auth.forms import EmptyForm, MakerCreateForm
from storefront.auth.models import Role, User
from storefront.auth.phone import wa_digits
from storefront.auth.tokens import Purpose, max_age
from storefront.auth.views import link_for, send_link_by_email
from storefront.extensions import db
from storefront.makers import services as maker_services
from storefront.makers.models import Maker


def _user_or_404(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None or user.role not in (Role.MAKER, Role.CUSTOMER):
        abort(404)
    return user


@bp.get("/users/")
@admin_required
def users():
    rows = db.session.scalars(
        db.select(User).where(User.role.in_([Role.MAKER, Role.CUSTOMER])).order_by(User.name)
    ).all()
    makers = [u for u in rows if u.role == Role.MAKER]
    customers = [u for u in rows if u.role == Role.CUSTOMER]
    return render_template("admin/users/list.html", makers=makers, customers=customers)


@bp.route("/users/new-maker", methods=["GET", "POST"])
@admin_required
def maker_new():
    form = MakerCreateForm()
    if form.validate_on_submit():
        maker = maker_services.create_maker(
            form.name.data,
            phone=form.phone.data,
            email=form.email.data,
            neighbourhood=form.neighbourhood.data or "",
            specialty=form.specialty.data or "",
            story=form.story.data or "",
        )
        flash(
            _("%(name)s is added. Now send her the invitation link.", name=maker.full_name),
            "success",
        )
        return redirect(url_for("admin.user_detail", user_id=maker.user_id))
    return render_template("admin/users/maker_new.html", form=form)


@bp.get("/users/<int:user_id>")
@admin_required
def user_detail(user_id: int):
    user = _user_or_404(user_id)
    maker = db.session.scalar(db.select(Maker).where(Maker.user_id == user.id))
    return render_template("admin/users/detail.html", user=user, maker=maker, form=EmptyForm())


def _share_message(user: User, url: str, purpose: Purpose) -> str:
    with force_locale(user.locale or "id"):
        if purpose is Purpose.INVITE:
            return _(
                "Hello %(name)s, this is your link to join Toko Anyaman. Open it and choose a "
                "password (valid for %(days)s days): %(url)s",
                name=user.name,
                days=max_age(purpose).days,
                url=url,
            )
        return _(
            "Hello %(name)s, this is your link to choose a new password for Toko Anyaman "
            "(valid for %(hours)s hours): %(url)s",
            name=user.name,
            hours=int(max_age(purpose).total_seconds() // 3600),
            url=url,
        )


def _audit_link(user: User, purpose: str, channel: str) -> None:
    """An invitation (or a password-reset link) made for her goes in the audit log."""
    action = "user.invite" if purpose == "invite" else "user.reset_link"
    audit.record(current_user.id, action, "user", user.id, details={"channel": channel})
    db.session.commit()


@bp.post("/users/<int:user_id>/link")
@admin_required
def user_link(user_id: int):
    """Shows a fresh single-use link (invitation, or reset if she has a password) to share."""
    user = _user_or_404(user_id)
    if not EmptyForm().validate_on_submit() or not user.is_enabled:
        abort(400)
    url, purpose = link_for(user)
    _audit_link(user, str(purpose), "shared")
    wa_url = None
    if user.phone:
        text = quote(_share_message(user, url, purpose))
        wa_url = f"https://wa.me/{wa_digits(user.phone)}?text={text}"
    return render_template(
        "admin/users/link.html",
        user=user,
        url=url,
        purpose=str(purpose),
        wa_url=wa_url,
        form=EmptyForm(),
    )


@bp.post("/users/<int:user_id>/send-link")
@admin_required
def user_send_link(user_id: int):
    user = _user_or_404(user_id)
    if not EmptyForm().validate_on_submit() or not user.email or not user.is_enabled:
        abort(400)
    send_link_by_email(user)
    _audit_link(user, str(link_for(user)[1]), "email")
    flash(_("The link was sent to %(email)s.", email=user.email), "success")
    return redirect(url_for("admin.user_detail", user_id=user.id))


@bp.post("/users/<int:user_id>/deactivate")
@admin_required
def user_deactivate(user_id: int):
    return _set_enabled(
        user_id, False, _("The account is switched off; she is signed out everywhere.")
    )


@bp.post("/users/<int:user_id>/reactivate")
@admin_required
def user_reactivate(user_id: int):
    return _set_enabled(user_id, True, _("The account is switched on again."))


def _set_enabled(user_id: int, enabled: bool, message: str):
    user = _user_or_404(user_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    services.set_enabled(user, enabled)
    flash(message, "success")
    return redirect(url_for("admin.user_detail", user_id=user.id))
