package io.whisper.cli.serve;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The wire format between {@code whisper cluster} and {@code whisper serve}: frames of a
 * 4-byte big-endian length and that many bytes, the first of which says what the frame is.
 * Numbers are big-endian; byte strings (names, which need not be UTF-8) and text (UTF-8) are a
 * 4-byte length and the bytes.
 *
 * <p>The node speaks first: {@link #HELLO} with {@link #MAGIC}, {@link #VERSION}, its tool
 * version and its roots. Then each request of the controller gets zero or more data frames and
 * exactly one {@link #DONE} or {@link #FAIL}, in the order the requests were sent; the session
 * ends when the controller closes the node's standard input.
 */
public final class Frames {
  /** The protocol's name, first in the hello: a shell's greeting on stdout is not mistaken for us. */
  public static final String MAGIC = "whisper-serve";
  /**
   * The protocol version; a node answers only a controller of the same version. 2 added
   * {@link #PUT} and {@link #RETIRE} (rebalance).
   */
  public static final int VERSION = 2;
  /** The largest frame either side accepts. */
  public static final int MAX_FRAME = 16 << 20;

  // Requests (controller to node).
  /** List the metrics of a root: flags ({@link #WANT_STAT}, {@link #WANT_NEWEST}), patterns. */
  public static final byte WALK = 1;
  /** Send one file, read under its shared flock: {@link #FILE}, {@link #DATA}..., {@link #DONE}. */
  public static final byte READ = 2;
  /** Move files into the node's trash, under one batch folder. */
  public static final byte TRASH = 3;
  /** Remove the trash batches older than an age. */
  public static final byte PURGE = 4;
  /** The root's file system: free and total bytes. */
  public static final byte SPACE = 5;
  /**
   * Receive one file: a path and its size, then {@link #DATA} frames from the controller
   * (zero runs left out), ended by {@link #DONE}. The node publishes it through a temporary
   * file and a link that never replaces, or, when the file exists, fills the existing file's
   * gaps from it under its exclusive flock (nothing held there is overwritten), then checks
   * that no gap is left that the received copy could fill.
   */
  public static final byte PUT = 6;
  /**
   * Move one file to the trash only if, under its exclusive flock, its SHA-256 is still the
   * one given: nothing written since it was read and shipped is lost.
   */
  public static final byte RETIRE = 7;

  // Answers (node to controller).
  /** The node's greeting. */
  public static final byte HELLO = 64;
  /** A batch of walk entries. */
  public static final byte ENTRIES = 65;
  /** The size and mtime of a file about to be sent. */
  public static final byte FILE = 66;
  /** A run of a file's bytes at an offset; the runs left out are zeros (holes). */
  public static final byte DATA = 67;
  /** A problem with one name that did not stop the request (a folder unreadable, a file gone). */
  public static final byte WARN = 68;
  /** The outcome of one name of a request (trash): the name and an error, empty when done. */
  public static final byte RESULT = 69;
  /** The request is done: named counts. */
  public static final byte DONE = 70;
  /** The request failed as a whole: one line. */
  public static final byte FAIL = 71;

  /** Walk flag: each entry carries size, bytes allocated and mtime. */
  public static final int WANT_STAT = 1;
  /** Walk flag: each entry carries the time of its newest point (reads the file). */
  public static final int WANT_NEWEST = 2;
  /** Walk flag: entries carry no names, only the counts in {@link #DONE}. */
  public static final int COUNT_ONLY = 4;
  /**
   * Walk flag: each folder's entries in the order the folder lists them, not sorted: for a
   * listing that is not merged ({@code cluster list}). A node that does not know the flag
   * sorts, which is as good.
   */
  public static final int ANY_ORDER = 8;

  private Frames() {}

  /** One frame received: its kind and its body, read in order with the get methods. */
  public static final class Frame {
    private final byte kind;
    private final ByteBuffer body;

    Frame(byte kind, ByteBuffer body) {
      this.kind = kind;
      this.body = body;
    }

    /** Returns what the frame is. */
    public byte kind() {
      return kind;
    }

    /** Returns the next 8-byte number. */
    public long getLong() throws IOException {
      need(8);
      return body.getLong();
    }

    /** Returns the next 4-byte number. */
    public int getInt() throws IOException {
      need(4);
      return body.getInt();
    }

    /** Returns the next byte string. */
    public byte[] getBytes() throws IOException {
      int length = getInt();
      if (length < 0) {
        throw new IOException("protocol error: negative length");
      }
      need(length);
      byte[] bytes = new byte[length];
      body.get(bytes);
      return bytes;
    }

    /** Returns the next text. */
    public String getText() throws IOException {
      return new String(getBytes(), StandardCharsets.UTF_8);
    }

    /** Returns the bytes left in the frame, for {@link #DATA}. */
    public ByteBuffer rest() {
      return body.slice();
    }

    /** Returns whether the body has been read to its end. */
    public boolean atEnd() {
      return !body.hasRemaining();
    }

    private void need(int bytes) throws IOException {
      if (body.remaining() < bytes) {
        throw new IOException("protocol error: frame " + kind + " is too short");
      }
    }
  }

  /** Reads frames from a stream. Not thread-safe. */
  public static final class Reader {
    private final DataInputStream in;

    public Reader(InputStream in) {
      this.in = new DataInputStream(in);
    }

    /** Returns the next frame, or null at the end of the stream between frames. */
    public Frame next() throws IOException {
      int length;
      try {
        length = in.readInt();
      } catch (EOFException e) {
        return null;
      }
      if (length < 1 || length > MAX_FRAME) {
        throw new IOException("protocol error: frame length " + length);
      }
      byte[] bytes = new byte[length];
      in.readFully(bytes);
      return new Frame(bytes[0], ByteBuffer.wrap(bytes, 1, length - 1).slice());
    }
  }

  /** Builds one frame and writes it whole. Not thread-safe. */
  public static final class Builder {
    private byte[] bytes = new byte[256];
    private int length;

    /** Starts a frame of {@code kind}, dropping what was built and not sent. */
    public Builder start(byte kind) {
      length = 4;
      return putByte(kind);
    }

    public Builder putByte(int value) {
      room(1);
      bytes[length++] = (byte) value;
      return this;
    }

    public Builder putInt(int value) {
      room(4);
      for (int shift = 24; shift >= 0; shift -= 8) {
        bytes[length++] = (byte) (value >>> shift);
      }
      return this;
    }

    public Builder putLong(long value) {
      room(8);
      for (int shift = 56; shift >= 0; shift -= 8) {
        bytes[length++] = (byte) (value >>> shift);
      }
      return this;
    }

    public Builder putBytes(byte[] value) {
      return putBytes(value, 0, value.length);
    }

    public Builder putBytes(byte[] value, int offset, int count) {
      putInt(count);
      return putRaw(value, offset, count);
    }

    /** Puts bytes with no length before them: the rest of a {@link #DATA} frame. */
    public Builder putRaw(byte[] value, int offset, int count) {
      room(count);
      System.arraycopy(value, offset, bytes, length, count);
      length += count;
      return this;
    }

    public Builder putText(String value) {
      return putBytes(value.getBytes(StandardCharsets.UTF_8));
    }

    /** Returns the bytes of the frame body built so far (kind included). */
    public int size() {
      return length - 4;
    }

    /** Writes the frame to {@code out} (not flushed). */
    public void writeTo(OutputStream out) throws IOException {
      int body = length - 4;
      bytes[0] = (byte) (body >>> 24);
      bytes[1] = (byte) (body >>> 16);
      bytes[2] = (byte) (body >>> 8);
      bytes[3] = (byte) body;
      out.write(bytes, 0, length);
    }

    private void room(int more) {
      if (length + more - 4 > MAX_FRAME) {
        throw new IllegalStateException("frame over " + MAX_FRAME + " bytes");
      }
      if (length + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
      }
    }
  }
}
