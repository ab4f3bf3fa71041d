"""Entry point: `flask --app run ...`, gunicorn's `run:app` and the development server.

Settings that cannot work stop it before the app is built, with one line each and exit status 4
(app/config_check.py)."""

from app.config_check import refuse_unusable

refuse_unusable()

from app import create_app  # noqa: E402 - only once the settings are known to be usable

app = create_app()

if __name__ == "__main__":
    app.run(host="127.0.0.1", port=5000)
