"""Forms the browser submits itself, to routes that set HttpOnly cookies."""

from __future__ import annotations

from reflex_base.components.component import field
from reflex_base.vars import Var
from reflex_components_core.el.elements.base import BaseHTML


class NativeForm(BaseHTML):
    """A <form> the browser posts itself. Reflex's own form always prevents the
    default submit; sign-in and sign-out must reach a server route that sets or
    clears the HttpOnly cookie, then load the next page in full."""

    tag = "form"

    action: Var[str] = field(doc="Server route receiving the post")
    method: Var[str] = field(doc="HTTP method")
    enc_type: Var[str] = field(doc="The body's encoding (multipart/form-data for a file)")


native_form = NativeForm.create
