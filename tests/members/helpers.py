"""Tokens of the application form signed at a chosen time (the signer's own ``timestamp`` hook)."""

import time

from django.core import signing

from sustainai.members import spam


class SignerAt(signing.TimestampSigner):
    """The form's signer, stamping ``seconds_ago`` seconds before now instead of now."""

    def __init__(self, seconds_ago: float):
        super().__init__(salt=spam.TOKEN_SALT)
        self.seconds_ago = seconds_ago

    def timestamp(self):
        return signing.b62_encode(int(time.time() - self.seconds_ago))


def form_token(seconds_ago: float = 60) -> str:
    """A genuine token of a form rendered ``seconds_ago`` seconds ago (a new one at each call)."""
    return SignerAt(seconds_ago).sign(spam.token_value())
