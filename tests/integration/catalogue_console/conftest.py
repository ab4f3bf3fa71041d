"""The catalogue console tests start and end with an empty catalogue, and most of them work as a
catalogue admin logged in on the test client."""

from __future__ import annotations

import pytest

from tests.catalogue_helpers import reset_catalogue, staff_login


@pytest.fixture(autouse=True)
def clean_catalogue(app):
    reset_catalogue()
    yield
    reset_catalogue()


@pytest.fixture
def admin(app, client):
    staff_login(app, client)
    return client
