package io.whisper.backup.store;

import io.whisper.s3.S3Client;
import io.whisper.s3.S3Config;
import io.whisper.s3.S3Exception;
import io.whisper.s3.S3Object;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;

/**
 * A repository in an S3 bucket under a prefix. An object is written with {@code If-None-Match:
 * *}, so it is never replaced (S3's PUT is all or nothing: a killed upload leaves no object).
 */
public final class S3Store implements ObjectStore {
  private final S3Client client;

  public S3Store(S3Config config) {
    this.client = new S3Client(config);
  }

  @Override
  public boolean putIfAbsent(String name, byte[] bytes) throws IOException {
    return client.putIfAbsent(name, bytes);
  }

  @Override
  public byte[] get(String name) throws IOException {
    try {
      return client.get(name);
    } catch (S3Exception e) {
      throw missing(e, name);
    }
  }

  @Override
  public byte[] get(String name, long offset, int length) throws IOException {
    byte[] bytes;
    try {
      bytes = client.get(name, offset, length);
    } catch (S3Exception e) {
      throw missing(e, name);
    }
    if (bytes.length != length) {
      throw new IOException(location() + ": " + name + " ends before byte " + (offset + length));
    }
    return bytes;
  }

  private IOException missing(S3Exception e, String name) {
    return e.isNoSuchKey() ? new NoSuchFileException(location() + ": no object " + name) : e;
  }

  @Override
  public List<String> list(String prefix) throws IOException {
    List<String> names = new ArrayList<>();
    for (S3Object object : client.list(prefix)) {
      names.add(object.key());
    }
    return names;
  }

  @Override
  public void delete(String name) throws IOException {
    client.delete(name);
  }

  @Override
  public String location() {
    return client.config().url();
  }
}
