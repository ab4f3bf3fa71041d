"""The REST API under /api/v1 (Flask-AppBuilder BaseApi classes, OpenAPI at /api/v1/_openapi).

Token authentication only (app/api/auth.py), the same service functions as the web, JSON
errors everywhere under /api/. `init_api(app, appbuilder)` is called once by the app factory.
"""

from __future__ import annotations


def init_api(app, appbuilder) -> None:
    from .applicant_api import AccountApi, ApplicantApi
    from .base import options_answer, routing_error
    from .catalogue_api import CatalogueApi
    from .cli import api_token_cli
    from .docs_api import OpenApiDocs
    from .staff_api import StaffApi

    with app.app_context():  # FAB registers blueprints on current_app
        for api in (CatalogueApi, AccountApi, ApplicantApi, StaffApi, OpenApiDocs):
            appbuilder.add_api(api)
    app.before_request(routing_error)
    app.before_request(options_answer)
    app.cli.add_command(api_token_cli)
