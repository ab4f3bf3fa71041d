"""Electronic signatures (TTE) on issued permits: a signing port with a local PKCS#12 adapter
and a BSrE-style remote adapter, a development CA, and validation against our trust roots.

Only `cli.py` imports Flask; the rest is used by the workflow, tests and benchmarks alike.
"""

from .base import SigningAdapter, SigningError
from .bsre import BsreRemoteSigner
from .devca import DevCaPaths, create_dev_ca
from .factory import adapter_from_config
from .local import Pkcs12Signer
from .verify import SignatureReport, validate_pdf_signature

__all__ = [
    "BsreRemoteSigner", "DevCaPaths", "Pkcs12Signer", "SignatureReport", "SigningAdapter",
    "SigningError", "adapter_from_config", "create_dev_ca", "validate_pdf_signature",
]
