"""Role and ownership checks, in one place. Views use these; nothing else decides access."""

from collections.abc import Callable
from functools import wraps

from flask import abort, current_app
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager, current_user, login_required

from storefront.auth.models import Role, User
from storefront.auth.sessions import Lifetimes, resume_session


def configure_login(manager: LoginManager) -> None:
    """Who a session belongs to, and where a visitor who must sign in is sent."""
    manager.user_loader(load_user)
    manager.login_view = "auth.login"
    manager.login_message = _l("Please sign in to see this page.")
    manager.login_message_category = "info"
    manager.localize_callback = str  # the lazy message, in the visitor's language


def load_user(user_id: str) -> User | None:
    """The session cookie and the remember cookie carry "id:token"; only a live server-side
    session with that token signs anyone in (sign-out, a new password, deactivation end it)."""
    raw_id, _, token = user_id.partition(":")
    if not raw_id.isdigit() or len(token) < 20:
        return None
    return resume_session(int(raw_id), token, Lifetimes.from_config(current_app.config))


def role_required(*roles: str) -> Callable:
    """Signed-in users with one of `roles` pass; others get 403 (anonymous: the sign-in page)."""

    def decorator(view: Callable) -> Callable:
        @login_required
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.has_role(*roles):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


admin_required = role_required(Role.ADMIN)
maker_required = role_required(Role.MAKER)
customer_required = role_required(Role.CUSTOMER)
reports_required = role_required(Role.ADMIN, Role.SPONSOR)
