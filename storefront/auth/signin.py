"""Signing a browser in and out: the Flask session and the remember cookie on one side, the
server-side session row (storefront.auth.sessions) on the other."""

from flask import current_app, g, request, session
from flask_login import current_user, login_user, logout_user

from storefront.auth import sessions
from storefront.auth.models import User


def start_session(user: User, remember: bool = False) -> None:
    """Sign in with a fresh session: nothing from before sign-in carries over."""
    lifetimes = sessions.Lifetimes.from_config(current_app.config)
    sessions.prune_sessions(lifetimes, user_id=user.id)
    if current_user.is_authenticated:  # e.g. a reset link opened while signed in
        sessions.end_session(current_user.session_token)
    session.clear()
    session.permanent = True  # the idle lifetime applies
    sessions.open_session(user, remember=remember)
    login_user(user, remember=remember)


def end_session() -> None:
    """Sign this browser out: its server-side session goes, so copies of its cookies stop
    working too, and the remember cookie is deleted."""
    if current_user.is_authenticated:
        sessions.end_session(current_user.session_token)
    session.clear()
    # After clear(), not before: clearing afterwards wiped the mark that the remember cookie must
    # go, and the browser signed in again at once.
    _sign_out_browser()


def _sign_out_browser() -> None:
    logout_user()
    # Flask-Login would delete its cookie without Secure, which a browser ignores for a "__Host-"
    # name; delete_remember_cookie() does it with the flags the cookie was set with.
    if session.pop("_remember", None) == "clear":
        g.delete_remember_cookie = True


def delete_remember_cookie(response):
    if g.pop("delete_remember_cookie", False):
        config = current_app.config
        response.delete_cookie(
            config["REMEMBER_COOKIE_NAME"],
            path="/",
            secure=bool(config.get("REMEMBER_COOKIE_SECURE")),
            httponly=True,
            samesite=config.get("REMEMBER_COOKIE_SAMESITE"),
        )
    return response


def check_session():
    """Load the signed-in user before any view runs: the loader checks her server-side session
    (and may write last_seen_at) before the view has anything of its own to commit. A session
    that has ended also loses its cookies here. Photos and static files skip it (no queries)."""
    if (request.endpoint or "static").startswith(("static", "media.")):
        return
    had_session = "_user_id" in session
    remember_cookie = current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token")
    if (had_session or remember_cookie in request.cookies) and not current_user.is_authenticated:
        if had_session:
            session.clear()
        _sign_out_browser()  # also deletes a remember cookie that names an ended session
