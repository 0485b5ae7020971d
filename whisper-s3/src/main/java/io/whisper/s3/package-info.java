/**
 * A small S3 client with no dependencies beyond the JDK: {@link io.whisper.s3.S3Config} (an {@code
 * s3://BUCKET/PREFIX} URL and the usual {@code AWS_*} variables), {@link io.whisper.s3.S3Client}
 * (get, ranged get, put, put-if-absent, list, head, delete, signed with AWS Signature V4 over
 * {@link java.net.HttpURLConnection}), the {@link io.whisper.s3.S3Object} a listing or head
 * returns, and the {@link io.whisper.s3.S3Exception} every failure is, with a one-line message
 * naming the endpoint and the key.
 */
package io.whisper.s3;
