package io.whisper.cli.serve;

import io.whisper.core.Fill;
import io.whisper.core.WhisperFile;
import io.whisper.core.os.DirectoryListing;
import io.whisper.core.os.HeldFolder;
import io.whisper.core.os.SyncedFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Answers {@link Frames#PUT}: a metric received from the controller lands in a temporary
 * file beside its name ({@code .NAME.wsp.rebalance.tmp}, not a metric to carbon or to a
 * walk), fsynced, then either linked to its name, which never replaces a file, or, when the
 * name exists (carbon made it, or an earlier run), filled into that file under its exclusive
 * flock as {@code whisper fill} does: the owner's points win. Either way the result is
 * checked before the answer: the published file reads as whisper, and a dry-run fill from
 * what was received finds no gap left. The temporary file is always removed.
 */
final class Receive {
  private static final String TEMP_SUFFIX = ".rebalance.tmp";

  private Receive() {}

  static void put(Server.Root root, Frames.Frame request, Frames.Reader in, Server server)
      throws IOException {
    byte[] path = request.getBytes();
    long size = request.getLong();
    long now = request.getLong();
    RelativeName name;
    try {
      name = RelativeName.parse(path);
      if (!TreeWalk.isMetric(name.last())) {
        throw new IOException("not a .wsp file");
      }
    } catch (IOException e) {
      skipData(in);
      throw e;
    }
    byte[] tempName = temp(name.last());
    HeldFolder parent;
    try {
      parent = makeParent(root.path(), name);
    } catch (IOException e) {
      skipData(in);
      throw e;
    }
    try (parent) {
      Path folder = parent.held();
      Path temp = folder.resolve(new String(tempName, StandardCharsets.ISO_8859_1));
      Path target = folder.resolve(new String(name.last(), StandardCharsets.ISO_8859_1));
      removeStale(parent, tempName);
      // a copy only filled from is never published: it needs no fsync (one less per file)
      boolean held = holds(parent, name.last());
      try {
        receive(in, temp, size, !held);
        try (WhisperFile check = WhisperFile.open(temp, WhisperFile.Options.READ_ONCE)) {
          check.header(); // a file that does not read as whisper is never published
        }
        try {
          if (!held) {
            Files.createLink(target, temp); // link(2): EEXIST rather than replace
            SyncedFiles.forceDirectory(folder);
            server.done("created", 1, "filled", 0, "left", 0);
            return;
          }
        } catch (FileAlreadyExistsException e) {
          // the owner has its own file (carbon made it meanwhile): fill it below
        }
        long filled;
        long left;
        // Opened by its name in the held folder without following a link, its type read from
        // the descriptor, then locked and read through the descriptor's inode: a symbolic link
        // swapped in for the name at any moment is refused, never followed out of the root.
        try (HeldFolder.OpenFile ownerFile = parent.openForWrite(name.last())) {
          ownerFile.lockExclusive(); // carbon's writer lock, as WhisperFile.Options.UPDATE takes
          try (WhisperFile source = WhisperFile.open(temp, WhisperFile.Options.READ_ONCE);
              WhisperFile owner =
                  WhisperFile.open(ownerFile.inode(), WhisperFile.Options.UPDATE_UNLOCKED)) {
            filled = Fill.fill(source, owner, Fill.Request.at(now)).total();
            owner.force();
            left = Fill.fill(source, owner, Fill.Request.at(now).withDryRun(true)).total();
          }
        }
        if (left > 0) {
          throw new IOException(RelativeName.show(path) + ": " + left
              + " gaps left after the fill (the owner's file was not written as expected)");
        }
        server.done("created", 0, "filled", filled, "left", left);
      } finally {
        Files.deleteIfExists(temp);
      }
    }
  }

  private static byte[] temp(byte[] last) {
    byte[] suffix = TEMP_SUFFIX.getBytes(StandardCharsets.US_ASCII);
    byte[] temp = new byte[1 + last.length + suffix.length];
    temp[0] = '.';
    System.arraycopy(last, 0, temp, 1, last.length);
    System.arraycopy(suffix, 0, temp, 1 + last.length, suffix.length);
    return temp;
  }

  // Whether the folder has the name already (a file or anything else: the fill says which).
  private static boolean holds(HeldFolder parent, byte[] name) throws IOException {
    try {
      parent.status(name);
      return true;
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  // A temporary file left by a node session killed mid-write is ours to remove.
  private static void removeStale(HeldFolder parent, byte[] tempName) throws IOException {
    try {
      if (parent.status(tempName).type() == DirectoryListing.Type.FILE) {
        parent.removeTree(tempName);
      }
    } catch (NoSuchFileException e) {
      // none: the usual case
    }
  }

  private static HeldFolder makeParent(Path root, RelativeName name) throws IOException {
    HeldFolder folder = HeldFolder.open(root);
    for (byte[] component : name.components().subList(0, name.components().size() - 1)) {
      try (HeldFolder above = folder) {
        folder = above.makeFolder(component);
      }
    }
    return folder;
  }

  // The DATA runs up to the controller's DONE, written at their offsets (holes stay holes),
  // fsynced when the file may be published.
  private static void receive(Frames.Reader in, Path temp, long size, boolean sync)
      throws IOException {
    try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
      IOException broken = null;
      while (true) {
        Frames.Frame frame = in.next();
        if (frame == null) {
          throw new IOException("the controller went away in the middle of a file");
        }
        if (frame.kind() == Frames.DONE) {
          break;
        }
        if (frame.kind() != Frames.DATA) {
          throw new IOException("protocol error: frame " + frame.kind() + " inside a file");
        }
        if (broken != null) {
          continue; // read to the end of the file's frames, so the session stays in step
        }
        long offset = frame.getLong();
        ByteBuffer bytes = frame.rest();
        if (offset < 0 || offset + bytes.remaining() > size) {
          broken = new IOException("protocol error: data beyond the file's size");
          continue;
        }
        try {
          while (bytes.hasRemaining()) {
            offset += out.write(bytes, offset);
          }
        } catch (IOException e) {
          broken = e; // a full disk: this file fails, the session goes on
        }
      }
      if (broken != null) {
        throw broken;
      }
      if (out.size() < size) {
        out.write(ByteBuffer.allocate(1), size - 1); // the file ends in a hole
      }
      if (sync) {
        out.force(true);
      }
    }
  }

  // Reads a refused file's frames up to its DONE, so the next request starts in step.
  private static void skipData(Frames.Reader in) throws IOException {
    Frames.Frame frame;
    while ((frame = in.next()) != null && frame.kind() != Frames.DONE) {
      // dropped
    }
  }
}
