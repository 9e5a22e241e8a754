package dev.listings.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import dev.listings.local.stack.LocalStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stack of a command stops exactly once, on a normal end and on Ctrl-C alike, and its run folder goes with it. */
class StackLifecycleTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
  private final List<String> events = new CopyOnWriteArrayList<>();

  /** Stands for the local stack: records each close. */
  private final class FakeStack implements AutoCloseable {
    final AtomicInteger closes = new AtomicInteger();

    @Override
    public void close() {
      closes.incrementAndGet();
      events.add("stack closed");
    }
  }

  private String err() {
    return errBytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aNormalEndStopsTheStackOnceThenRemovesTheRunFolder() throws Exception {
    Path runFolder = Files.createDirectories(dir.resolve("runs/run-1/kafka"));
    Files.writeString(runFolder.resolve("meta.properties"), "cluster.id=x");
    FakeStack stack = new FakeStack();
    StackLifecycle lifecycle = StackLifecycle.detached("pipeline run", err);
    lifecycle.own(stack);
    lifecycle.afterStop(() -> {
      events.add("folder removed");
      LocalStack.wipe(dir.resolve("runs/run-1"));
    });

    lifecycle.close();
    lifecycle.close();
    lifecycle.onShutdown(); // the JVM's hooks after a normal end: nothing left to do or say

    assertThat(stack.closes).hasValue(1);
    assertThat(events).containsExactly("stack closed", "folder removed");
    assertThat(dir.resolve("runs/run-1")).doesNotExist();
    assertThat(lifecycle.interrupted()).isFalse();
    assertThat(err()).isEmpty();
  }

  @Test
  void ctrlCStopsTheStackRemovesTheRunFolderAndSaysSoInOneLine() throws Exception {
    Files.createDirectories(dir.resolve("run-2/s3"));
    FakeStack stack = new FakeStack();
    StackLifecycle lifecycle = StackLifecycle.detached("pipeline run", err);
    lifecycle.own(stack);
    lifecycle.afterStop(() -> LocalStack.wipe(dir.resolve("run-2")));

    lifecycle.onShutdown();
    // the command's thread then ends through its try-with-resources
    lifecycle.close();

    assertThat(lifecycle.interrupted()).isTrue();
    assertThat(stack.closes).hasValue(1);
    assertThat(dir.resolve("run-2")).doesNotExist();
    assertThat(err().lines().filter(l -> !l.isBlank()))
        .containsExactly("pipeline run: interrupted; stopping the local stack ...", "pipeline run: stopped.");
  }

  @Test
  void aStackHandedOverAfterCtrlCIsStoppedAtOnce() {
    StackLifecycle lifecycle = StackLifecycle.detached("pipeline demo", err);
    lifecycle.onShutdown();
    FakeStack late = new FakeStack();

    lifecycle.own(late);

    assertThat(late.closes).hasValue(1);
  }

  @Test
  void ctrlCDuringANormalStopWaitsForItAndStopsNothingTwice() throws Exception {
    CountDownLatch stopping = new CountDownLatch(1);
    CountDownLatch mayFinish = new CountDownLatch(1);
    AtomicInteger closes = new AtomicInteger();
    StackLifecycle lifecycle = StackLifecycle.detached("pipeline run", err);
    lifecycle.own(() -> {
      closes.incrementAndGet();
      stopping.countDown();
      mayFinish.await();
    });
    Thread command = new Thread(lifecycle::close, "command");
    command.start();
    assertThat(stopping.await(10, TimeUnit.SECONDS)).isTrue();

    Thread hook = new Thread(lifecycle::onShutdown, "hook");
    hook.start();
    hook.join(300);
    assertThat(hook.isAlive()).as("the hook waits for the stop in progress").isTrue();
    mayFinish.countDown();
    hook.join(10_000);
    command.join(10_000);

    assertThat(hook.isAlive()).isFalse();
    assertThat(closes).hasValue(1);
    assertThat(lifecycle.interrupted()).isFalse();
  }

  @Test
  void aFailingCleanUpIsAWarningNotAStackTrace() {
    StackLifecycle lifecycle = StackLifecycle.detached("pipeline run", err);
    lifecycle.afterStop(() -> {
      throw new java.io.IOException("disk gone");
    });
    lifecycle.afterStop(() -> events.add("next clean-up still runs"));

    lifecycle.close();

    assertThat(events).containsExactly("next clean-up still runs");
    assertThat(err()).isEqualTo("pipeline run: warning: clean-up failed: java.io.IOException: disk gone"
        + System.lineSeparator());
  }

  @Test
  void wipingAFolderThatIsAlreadyGoneIsFine() throws Exception {
    LocalStack.wipe(dir.resolve("never-created"));
    Path folder = Files.createDirectories(dir.resolve("a/b"));
    LocalStack.wipe(dir.resolve("a"));
    LocalStack.wipe(dir.resolve("a"));
    assertThat(folder).doesNotExist();
  }
}
