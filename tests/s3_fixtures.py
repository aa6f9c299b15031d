"""A local S3 server (moto's server mode, offline) on a free port, and app configurations that
keep photos in a bucket on it.

`s3_server` (session): the server's endpoint URL; boto3 finds the test credentials in the
environment. `s3_bucket`: a fresh, empty bucket for one test. `s3_config(base, bucket)`: a config
class like `base` with STORAGE_BACKEND=s3 on that bucket."""

import os
import socket
import uuid

import boto3
import pytest

CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def s3_server():
    from moto.server import ThreadedMotoServer

    saved = {name: os.environ.get(name) for name in CREDENTIALS}
    os.environ.update(CREDENTIALS)
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def s3_client(endpoint: str):
    return boto3.session.Session().client("s3", endpoint_url=endpoint, region_name="us-east-1")


@pytest.fixture
def s3_bucket(s3_server):
    """A new bucket on the local server; its name."""
    name = f"photos-{uuid.uuid4().hex[:12]}"
    client = s3_client(s3_server)
    client.create_bucket(Bucket=name)
    yield name
    listed = client.list_objects_v2(Bucket=name).get("Contents", [])
    for item in listed:
        client.delete_object(Bucket=name, Key=item["Key"])
    client.delete_bucket(Bucket=name)
    client.close()


def s3_config(base: type, endpoint: str, bucket: str) -> type:
    return type(
        "S3Config",
        (base,),
        {
            "STORAGE_BACKEND": "s3",
            "S3_BUCKET": bucket,
            "S3_ENDPOINT_URL": endpoint,
            "S3_REGION": "us-east-1",
            "S3_CONNECT_TIMEOUT_SECONDS": 2,
            "S3_READ_TIMEOUT_SECONDS": 5,
        },
    )
