"""S3-compatible object storage (AWS S3, MinIO, Ceph, Wasabi, ...) through boto3.

An object appears only when it is complete: that is S3's own semantics for PutObject and for
CompleteMultipartUpload, so a reader never sees half an upload. A streamed upload is read in
parts (PART_SIZE, at least the 5 MiB S3 requires) and sent as a multipart upload, so at most
one part is held in memory whatever the file's size; past the caller's limit the multipart
upload is aborted (its parts are discarded) and FileTooLarge raised. A stream that fits in
one part is a single PutObject. Downloads stream the body in chunks.

Credentials come from S3_ACCESS_KEY_ID/S3_SECRET_ACCESS_KEY when set, otherwise from boto3's
usual chain (AWS_* variables, shared config, instance role); none are ever in the repository.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import BinaryIO

from .base import (
    MB,
    ChunkStream,
    FileTooLarge,
    ObjectInfo,
    ObjectMissing,
    Storage,
    StorageError,
    check_key,
    check_prefix,
)

PART_SIZE = 5 * MB  # S3's minimum for every part but the last
NOT_FOUND = {"404", "NoSuchKey", "NotFound"}


class _Limited:
    """Reads the caller's stream, counting; FileTooLarge as soon as it passes the limit."""

    def __init__(self, stream: BinaryIO, max_bytes: int | None):
        self.stream = stream
        self.max_bytes = max_bytes
        self.size = 0

    def read(self, size: int) -> bytes:
        chunk = self.stream.read(size)
        self.size += len(chunk)
        if self.max_bytes is not None and self.size > self.max_bytes:
            raise FileTooLarge
        return chunk


class S3Storage(Storage):
    part_size = PART_SIZE

    def __init__(self, client, bucket: str, prefix: str = ""):
        self.client = client
        self.bucket = bucket
        self.prefix = prefix.strip("/") + "/" if prefix.strip("/") else ""

    def _name(self, key: str) -> str:
        return self.prefix + check_key(key)

    @contextmanager
    def _errors(self, key: str):
        """botocore's failures as ours: missing -> ObjectMissing, the rest StorageError."""
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            yield
        except ClientError as exc:
            code = str(exc.response.get("Error", {}).get("Code", ""))
            if code in NOT_FOUND:
                raise ObjectMissing(key) from exc
            raise StorageError(f"S3 {code}: {key}") from exc
        except BotoCoreError as exc:
            raise StorageError(f"S3: {exc}") from exc

    def _read_part(self, reader: _Limited) -> io.BytesIO:
        part = io.BytesIO()
        while part.tell() < self.part_size:
            chunk = reader.read(min(self.chunk_size, self.part_size - part.tell()))
            if not chunk:
                break
            part.write(chunk)
        part.seek(0)
        return part

    def put_stream(self, key: str, stream: BinaryIO, max_bytes: int | None) -> int:
        name = self._name(key)
        reader = _Limited(stream, max_bytes)
        first = self._read_part(reader)
        if first.getbuffer().nbytes < self.part_size:
            with self._errors(key):
                self.client.put_object(Bucket=self.bucket, Key=name, Body=first)
            return reader.size
        with self._errors(key):
            upload_id = self.client.create_multipart_upload(
                Bucket=self.bucket, Key=name)["UploadId"]
        try:
            self._upload_parts(name, upload_id, first, reader)
        except BaseException:
            with suppress(Exception):
                self.client.abort_multipart_upload(Bucket=self.bucket, Key=name,
                                                   UploadId=upload_id)
            raise
        return reader.size

    def _upload_parts(self, name: str, upload_id: str, part: io.BytesIO,
                      reader: _Limited) -> None:
        parts = []
        with self._errors(name):
            while part.getbuffer().nbytes:
                number = len(parts) + 1
                answer = self.client.upload_part(Bucket=self.bucket, Key=name, Body=part,
                                                 PartNumber=number, UploadId=upload_id)
                parts.append({"ETag": answer["ETag"], "PartNumber": number})
                part.close()  # let the sent part go before the next is read
                part = self._read_part(reader)
            self.client.complete_multipart_upload(
                Bucket=self.bucket, Key=name, UploadId=upload_id,
                MultipartUpload={"Parts": parts})

    def _get(self, key: str):
        with self._errors(key):
            return self.client.get_object(Bucket=self.bucket, Key=self._name(key))["Body"]

    def open(self, key: str) -> BinaryIO:
        return self._get(key)

    def iter_chunks(self, key: str) -> ChunkStream:
        body = self._get(key)
        return ChunkStream(body.iter_chunks(self.chunk_size), body.close)

    def stat(self, key: str) -> ObjectInfo | None:
        try:
            with self._errors(key):
                head = self.client.head_object(Bucket=self.bucket, Key=self._name(key))
        except ObjectMissing:
            return None
        return ObjectInfo(key, int(head["ContentLength"]), head["LastModified"],
                          head["ETag"])

    def delete(self, key: str | None) -> None:
        if key:
            with self._errors(key):
                self.client.delete_object(Bucket=self.bucket, Key=self._name(key))

    def list(self, prefix: str) -> Iterator[ObjectInfo]:
        pages = self.client.get_paginator("list_objects_v2").paginate(
            Bucket=self.bucket, Prefix=self.prefix + check_prefix(prefix))
        with self._errors(prefix):
            for page in pages:
                for item in page.get("Contents", ()):
                    yield ObjectInfo(item["Key"][len(self.prefix):], int(item["Size"]),
                                     item["LastModified"], item["ETag"])

    def list_incomplete(self, prefix: str) -> Iterator[ObjectInfo]:
        """Multipart uploads never completed nor aborted (the process died mid-upload)."""
        pages = self.client.get_paginator("list_multipart_uploads").paginate(
            Bucket=self.bucket, Prefix=self.prefix + check_prefix(prefix))
        with self._errors(prefix):
            for page in pages:
                for item in page.get("Uploads", ()):
                    yield ObjectInfo(item["Key"][len(self.prefix):], 0, item["Initiated"],
                                     item["UploadId"])

    def discard_incomplete(self, info: ObjectInfo) -> None:
        with self._errors(info.key):
            self.client.abort_multipart_upload(Bucket=self.bucket, Key=self._name(info.key),
                                               UploadId=info.version)


def client_from_config(config) -> object:
    """A boto3 S3 client from S3_ENDPOINT_URL, S3_REGION and the optional key pair.

    Path-style addressing when an endpoint is given (what MinIO and most S3-compatible
    servers expect); checksums only where the API requires them, which every S3-compatible
    server accepts."""
    import boto3
    from botocore.config import Config as BotoConfig

    endpoint = config.get("S3_ENDPOINT_URL") or None
    options = BotoConfig(
        region_name=config.get("S3_REGION") or None, signature_version="s3v4",
        s3={"addressing_style": "path" if endpoint else "auto"},
        retries={"mode": "standard", "max_attempts": 3},
        request_checksum_calculation="when_required",
        response_checksum_validation="when_required")
    return boto3.session.Session().client(
        "s3", endpoint_url=endpoint, config=options,
        aws_access_key_id=config.get("S3_ACCESS_KEY_ID") or None,
        aws_secret_access_key=config.get("S3_SECRET_ACCESS_KEY") or None)
