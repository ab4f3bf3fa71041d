"""moto's S3 server in its own process on loopback: the stand-in for an S3-compatible service
(we cannot reach a real one here). The app talks to it with the real boto3 client over HTTP,
exactly as it would to MinIO or AWS.

`storage_backend` decides which backend the `app` fixture uses: "local" unless a test module
sets STORAGE_BACKENDS = ("local", "s3") (then each of its tests runs on both) or the run sets
TEST_STORAGE_BACKEND=s3 (then the whole suite runs on S3).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from dataclasses import dataclass, field
from functools import cache

CREDENTIALS = {"S3_ACCESS_KEY_ID": "moto-test", "S3_SECRET_ACCESS_KEY": "moto-test",
               "S3_REGION": "us-east-1"}


def _share_botocore_data_between_clients() -> None:
    """Every boto3 client starts a botocore session whose loader reads and parses the S3
    service model, the endpoint rules and the list of services from JSON files (about 0.1 s of
    CPU); each test on S3 builds an app, and so a client. The files are part of the installed
    botocore and never change during a run, and a loader only reads them, so the loader is
    made once per test process and shared by every later session. Clients behave exactly as
    without this; only their creation is cheaper."""
    import botocore.loaders
    import botocore.session

    if not getattr(botocore.session.create_loader, "shared", False):
        shared = cache(botocore.loaders.create_loader)
        shared.shared = True
        botocore.session.create_loader = shared


@dataclass
class MotoS3:
    process: subprocess.Popen
    endpoint: str
    _client: object = field(default=None, repr=False)

    def config(self, bucket: str, prefix: str = "eptsp/") -> dict:
        return {"STORAGE_BACKEND": "s3", "S3_BUCKET": bucket, "S3_ENDPOINT_URL": self.endpoint,
                "S3_PREFIX": prefix, **CREDENTIALS}

    def client(self):
        """The tests' own client (buckets made and dropped), one per server: boto3 clients
        are thread-safe and this one keeps no state between calls."""
        if self._client is None:
            from app.storage.s3 import client_from_config

            self._client = client_from_config({"S3_ENDPOINT_URL": self.endpoint, **CREDENTIALS})
        return self._client

    def new_bucket(self) -> str:
        name = f"eptsp-{uuid.uuid4().hex[:16]}"
        self.client().create_bucket(Bucket=name)
        return name

    def drop_bucket(self, name: str) -> None:
        """Empties and removes a test's bucket, so the server's memory does not grow."""
        client = self.client()
        for upload in client.list_multipart_uploads(Bucket=name).get("Uploads", ()):
            client.abort_multipart_upload(Bucket=name, Key=upload["Key"],
                                          UploadId=upload["UploadId"])
        for page in client.get_paginator("list_objects_v2").paginate(Bucket=name):
            for item in page.get("Contents", ()):
                client.delete_object(Bucket=name, Key=item["Key"])
        client.delete_bucket(Bucket=name)

    def stop(self) -> None:
        if self._client is not None:
            self._client.close()
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_moto() -> MotoS3:
    _share_botocore_data_between_clients()
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_PROXY": "127.0.0.1,localhost"})
    endpoint = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(f"{endpoint}/moto-api/", timeout=1):
                return MotoS3(process, endpoint)
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError("moto's S3 server did not start") from None
            time.sleep(0.1)
