package io.whisper.cli.dropin;

import io.whisper.core.TestFiles;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What a differential test class shares: a work folder (on tmpfs where there is one), the
 * generated files, and one running reference script runner. Register it as a static
 * {@code @RegisterExtension}; the class is skipped when the reference is not installed.
 */
final class ReferenceFixture implements BeforeAllCallback, AfterAllCallback {
  private Path work;
  private DropinFiles files;
  private ReferenceScripts reference;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    ReferenceScripts.assumeInstalled();
    work = MemoryTempDir.create();
    files = DropinFiles.make(work.resolve("files"));
    reference = ReferenceScripts.start(work);
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    if (reference != null) {
      reference.close();
    }
    if (work != null) {
      TestFiles.deleteTree(work);
    }
  }

  /** Returns the class's work folder. */
  Path work() {
    return work;
  }

  /** Returns the generated files (at {@link DropinFiles#NOW}). */
  DropinFiles files() {
    return files;
  }

  /** Returns the running reference scripts. */
  ReferenceScripts reference() {
    return reference;
  }
}
