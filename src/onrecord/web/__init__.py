"""`onrecord serve`: a REST API and web pages on a store (FastAPI, Jinja2, uvicorn).

>>> from onrecord.web import create_app, open_read_only
>>> app = create_app(open_read_only("onrecord.db"))  # any ASGI server can run it
"""

from onrecord.web.app import create_app
from onrecord.web.store import open_read_only

__all__ = ["create_app", "open_read_only"]
