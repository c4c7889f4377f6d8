"""Every view declares who may use it.

Views are wrapped by one of these decorators; ``tests/test_permissions.py`` walks the URL
configuration and fails for any view that declares nothing. Rules (django-rules predicates) live in
each app's ``rules.py``; the roles are defined once, in ``sustainai.accounts.rules``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

PERMISSION_ATTRIBUTE = "sustainai_permission"


def public(view: Callable) -> Callable:
    """Anyone, signed in or not, may use this view."""
    setattr(view, PERMISSION_ATTRIBUTE, "public")
    return view


def permission_required(permission: str, fn: Callable | None = None) -> Callable:
    """The user must hold ``permission`` (a django-rules permission), on the object ``fn`` returns.

    ``fn(request, **kwargs)`` returns the object checked, or ``None`` for a global check. Anonymous
    users are sent to the login page; signed-in users without the permission get a 403.
    """

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            obj = fn(request, **kwargs) if fn is not None else None
            if not request.user.has_perm(permission, obj):
                if not request.user.is_authenticated:
                    return redirect_to_login(request.get_full_path())
                raise PermissionDenied
            return view(request, *args, **kwargs)

        setattr(wrapped, PERMISSION_ATTRIBUTE, permission)
        return wrapped

    return decorator


def declared_permission(view: Callable) -> str | None:
    """The permission a view declares (for the test that every view declares one)."""
    seen: Callable | None = view
    for _ in range(10):
        value = getattr(seen, PERMISSION_ATTRIBUTE, None)
        if value is not None:
            return value
        view_class = getattr(seen, "view_class", None)
        if view_class is not None and getattr(view_class, PERMISSION_ATTRIBUTE, None):
            return getattr(view_class, PERMISSION_ATTRIBUTE)
        seen = getattr(seen, "__wrapped__", None)
        if seen is None:
            break
    return None
