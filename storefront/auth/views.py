"""Sign in and out, customer registration, password reset and maker invitations (/login ...)."""

import hashlib

from flask import (
    Blueprint,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from storefront.auth import services
from storefront.auth.forms import ForgotPasswordForm, LoginForm, RegisterForm, SetPasswordForm
from storefront.auth.models import Role, User
from storefront.auth.phone import looks_like_phone, normalise_phone
from storefront.auth.signin import end_session, start_session
from storefront.auth.tokens import Purpose, TokenError, TokenProblem, load_token, make_token
from storefront.errors import DomainError, render_error
from storefront.extensions import limiter
from storefront.i18n import current_locale
from storefront.mail import send_mail
from storefront.security import safe_next

bp = Blueprint("auth", __name__)

PER_IP = "10/minute"
PER_ACCOUNT = "5/minute"


def _account_key() -> str:
    """Rate-limit key for the account a POST is about (email, phone or link token)."""
    raw = request.form.get("identifier") or request.form.get("email") or ""
    raw = raw.strip().lower()
    if looks_like_phone(raw):
        raw = normalise_phone(raw) or raw
    raw = raw or (request.view_args or {}).get("token", "")
    return "account:" + hashlib.sha256(raw.encode()).hexdigest()[:32]


def _limited(view):
    view = limiter.limit(PER_ACCOUNT, key_func=_account_key, methods=["POST"], scope="account")(
        view
    )
    return limiter.limit(PER_IP, methods=["POST"])(view)


def home_for(user: User) -> str:
    """Where a user lands after signing in when no `next` was asked for."""
    if user.role == Role.ADMIN:
        return url_for("admin.home")
    if user.role == Role.MAKER:
        return url_for("maker_dashboard.home")
    if user.role == Role.SPONSOR:  # the sponsor comes for the impact report
        return url_for("impact.report_page")
    return url_for("catalog.home")


@bp.route("/login", methods=["GET", "POST"])
@_limited
def login():
    if current_user.is_authenticated:
        return redirect(home_for(current_user))
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = services.authenticate(form.identifier.data, form.password.data)
        except DomainError as error:
            form.password.errors.append(error.message)
        else:
            start_session(user, remember=form.remember.data)
            return redirect(safe_next(request.args.get("next")) or home_for(user))
    return render_template("auth/login.html", form=form)


@bp.post("/logout")
def logout():
    end_session()
    flash(_("You are signed out."), "info")
    return redirect(url_for("catalog.home"))


@bp.route("/register", methods=["GET", "POST"])
@_limited
def register():
    if current_user.is_authenticated:
        return redirect(home_for(current_user))
    form = RegisterForm()
    if form.validate_on_submit():
        user = services.register_customer(
            form.name.data, form.email.data, form.password.data, current_locale(), form.phone.data
        )
        start_session(user)
        flash(_("Welcome! Your account is ready."), "success")
        return redirect(safe_next(request.args.get("next")) or home_for(user))
    return render_template("auth/register.html", form=form)


@bp.route("/password/forgot", methods=["GET", "POST"])
@_limited
def password_forgot():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        user = services.find_user(form.email.data)
        if user is not None and user.is_enabled and user.email:
            send_link_by_email(user)
        # The same answer whether or not the address has an account.
        flash(_("If this email has an account, we have sent a link to set a new password."), "info")
        return redirect(url_for("auth.login"))
    return render_template("auth/password_forgot.html", form=form)


def link_for(user: User) -> tuple[str, Purpose]:
    """An invitation link if she never set a password, else a password-reset link."""
    purpose = Purpose.RESET if user.password_hash else Purpose.INVITE
    endpoint = "auth.password_reset" if purpose is Purpose.RESET else "auth.invite"
    return url_for(endpoint, token=make_token(user, purpose), _external=True), purpose


EMAIL_SUBJECTS = {
    Purpose.INVITE: _l("Your invitation to Toko Anyaman"),
    Purpose.RESET: _l("Set a new password for Toko Anyaman"),
}


def send_link_by_email(user: User) -> None:
    if not user.email:  # the callers send only to an account with an address
        raise ValueError(f"user {user.id} has no email address")
    url, purpose = link_for(user)
    send_mail(user.email, EMAIL_SUBJECTS[purpose], str(purpose), user.locale, user=user, url=url)


TOKEN_MESSAGES = {
    TokenProblem.INVALID: (400, _l("This link is not valid. Please check you copied all of it.")),
    TokenProblem.EXPIRED: (
        410,
        _l("This link has expired. Please ask the shop team for a new one."),
    ),
    TokenProblem.USED: (
        410,
        _l("This link has already been used. Please sign in, or ask for a new link."),
    ),
}


def _token_page(token: str, purpose: Purpose, template: str):
    try:
        user = load_token(token, purpose)
    except TokenError as error:
        code, message = TOKEN_MESSAGES[error.problem]
        return render_error(code, str(message))
    form = SetPasswordForm()
    if form.validate_on_submit():
        start_session(services.set_password(user, form.password.data))
        flash(_("Your password is saved. You are signed in."), "success")
        return redirect(home_for(user))
    return render_template(template, form=form, user=user)


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
@_limited
def password_reset(token: str):
    return _token_page(token, Purpose.RESET, "auth/password_reset.html")


@bp.route("/invite/<token>", methods=["GET", "POST"])
@_limited
def invite(token: str):
    return _token_page(token, Purpose.INVITE, "auth/invite.html")
