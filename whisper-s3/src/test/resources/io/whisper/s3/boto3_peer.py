"""A second S3 client for S3InteropTest: boto3, the AWS SDK for Python.

  python3 boto3_peer.py list BUCKET PREFIX        prints a line KEY<tab>MD5-OF-BODY per object
  python3 boto3_peer.py put BUCKET KEY...         puts each KEY with body KEY (UTF-8)

Endpoint and credentials come from the AWS_* variables, as for whisper-s3.
"""
import hashlib
import os
import sys

import boto3
from botocore.config import Config


def client():
    options = {"signature_version": "s3v4", "s3": {"addressing_style": "path"}}
    try:  # botocore >= 1.36 sends checksums some S3-compatible servers refuse
        config = Config(request_checksum_calculation="when_required", **options)
    except TypeError:
        config = Config(**options)
    return boto3.client("s3", endpoint_url=os.environ["AWS_ENDPOINT_URL"],
                        region_name=os.environ["AWS_REGION"], config=config)


def main():
    s3 = client()
    command, bucket = sys.argv[1], sys.argv[2]
    if command == "list":
        for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=sys.argv[3]):
            for entry in page.get("Contents", []):
                body = s3.get_object(Bucket=bucket, Key=entry["Key"])["Body"].read()
                line = entry["Key"] + "\t" + hashlib.md5(body).hexdigest() + "\n"
                sys.stdout.buffer.write(line.encode("utf-8"))  # whatever the locale
    elif command == "put":
        for key in sys.argv[3:]:
            s3.put_object(Bucket=bucket, Key=key, Body=key.encode("utf-8"))
    else:
        sys.exit("boto3_peer.py: list or put, not " + command)


main()
