package io.whisper.backup.store;

import java.io.IOException;
import java.util.List;

/**
 * Where a repository keeps its objects: immutable byte strings under slash-separated names
 * ({@code data/3f/3f0c...}, {@code index/...}, {@code snapshots/...}, {@code locks/...},
 * {@code config}). An object is written once, whole, and never changed; it is only deleted
 * (by prune, or a lock by its owner). A local folder and an S3 bucket implement it.
 *
 * <p>Every failure is an {@link IOException} whose message names the store and the object.
 */
public interface ObjectStore extends AutoCloseable {

  /**
   * Stores {@code bytes} under {@code name} unless an object of that name exists; the object is
   * complete and durable when this returns true.
   *
   * @return false if the name was taken (the store is left as it was)
   */
  boolean putIfAbsent(String name, byte[] bytes) throws IOException;

  /**
   * Returns the whole object.
   *
   * @throws java.nio.file.NoSuchFileException if there is no such object
   */
  byte[] get(String name) throws IOException;

  /** Returns {@code length} bytes of the object from {@code offset}. */
  byte[] get(String name, long offset, int length) throws IOException;

  /** Returns the names (whole, with the prefix) of the objects whose names start with it. */
  List<String> list(String prefix) throws IOException;

  /** Deletes the object if it exists. */
  void delete(String name) throws IOException;

  /** Returns where this store is, for messages: a folder or an {@code s3://} address. */
  String location();

  @Override
  default void close() throws IOException {}
}
