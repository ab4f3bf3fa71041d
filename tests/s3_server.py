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
from dataclasses import dataclass

CREDENTIALS = {"S3_ACCESS_KEY_ID": "moto-test", "S3_SECRET_ACCESS_KEY": "moto-test",
               "S3_REGION": "us-east-1"}


@dataclass
class MotoS3:
    process: subprocess.Popen
    endpoint: str

    def config(self, bucket: str, prefix: str = "eptsp/") -> dict:
        return {"STORAGE_BACKEND": "s3", "S3_BUCKET": bucket, "S3_ENDPOINT_URL": self.endpoint,
                "S3_PREFIX": prefix, **CREDENTIALS}

    def client(self):
        from app.storage.s3 import client_from_config

        return client_from_config({"S3_ENDPOINT_URL": self.endpoint, **CREDENTIALS})

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
