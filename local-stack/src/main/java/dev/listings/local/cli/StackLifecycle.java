package dev.listings.local.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Stops one command's local stack exactly once, whether the command ends normally or the user presses Ctrl-C (or the
 * process gets SIGTERM) at any point, also while the stack is still starting. On Ctrl-C the JVM runs shutdown hooks
 * while the command's own thread goes on: the hook stops the stack (apps, table sink, Connect, registry, S3, broker),
 * then runs the command's clean-up (e.g. removing the run's temporary state folder), prints one line and lets the JVM
 * exit with the signal's status (130 for SIGINT). The command's thread, which may now fail because the stack went away,
 * asks {@link #interrupted()} and returns quietly instead of printing an error or a stack trace.
 */
final class StackLifecycle implements AutoCloseable {
  /** Exit status of a command stopped by Ctrl-C, as a shell reports it (128 + SIGINT). */
  static final int INTERRUPTED_EXIT = 130;

  /** Something to clean up when the command ends; may throw, reported as a warning. */
  @FunctionalInterface
  interface Cleanup {
    void run() throws Exception;
  }

  private final String command;
  private final PrintStream err;
  private final Thread hook;
  private final List<Cleanup> afterStop = new ArrayList<>();
  private AutoCloseable stack; // guarded by this
  private boolean stopped; // guarded by this
  private volatile boolean interrupted;

  private StackLifecycle(String command, PrintStream err) {
    this.command = command;
    this.err = err;
    this.hook = new Thread(this::onShutdown, command.replace(' ', '-') + "-shutdown");
  }

  /** A lifecycle whose shutdown hook is installed: from now on, Ctrl-C stops what it owns. */
  static StackLifecycle install(String command, PrintStream err) {
    StackLifecycle lifecycle = new StackLifecycle(command, err);
    Runtime.getRuntime().addShutdownHook(lifecycle.hook);
    return lifecycle;
  }

  /** A lifecycle without a JVM hook, for tests: {@link #onShutdown()} stands for the signal. */
  static StackLifecycle detached(String command, PrintStream err) {
    return new StackLifecycle(command, err);
  }

  /**
   * Owns {@code stack} from now on. Called before the stack starts, so that an interrupt during the start stops it;
   * when the interrupt came first, the stack is closed at once.
   */
  <T extends AutoCloseable> T own(T stack) {
    synchronized (this) {
      if (!stopped) {
        this.stack = stack;
        return stack;
      }
    }
    closeQuietly(stack, "the local stack");
    return stack;
  }

  /** Hands {@code stack} back to the caller, who closes it from now on. */
  synchronized <T extends AutoCloseable> T release(T stack) {
    if (this.stack == stack) {
      this.stack = null;
    }
    return stack;
  }

  /** Runs {@code cleanup} after the stack has stopped (in order of registration), on either path. */
  synchronized void afterStop(Cleanup cleanup) {
    afterStop.add(cleanup);
  }

  /** Whether the command was interrupted (Ctrl-C, SIGTERM): its thread should then end without further output. */
  boolean interrupted() {
    return interrupted;
  }

  /** The end of the command: stops the stack and cleans up, unless the shutdown hook did already. */
  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shutdownInProgress) {
      // the hook runs or ran: it did the same work, under the same lock
    }
  }

  /** The shutdown hook's work: one line to say what happens, then the same stop as a normal end. */
  void onShutdown() {
    boolean first;
    synchronized (this) {
      first = !stopped;
      interrupted = first;
    }
    if (!first) {
      return; // the command had finished: nothing to stop, nothing to say
    }
    err.println();
    err.println(command + ": interrupted; stopping the local stack ...");
    stop();
    err.println(command + ": stopped.");
    err.flush();
  }

  /** Stops the stack and runs the clean-ups once; a concurrent caller waits until that is done. */
  private synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    if (stack != null) {
      closeQuietly(stack, "the local stack");
      stack = null;
    }
    for (Cleanup cleanup : afterStop) {
      try {
        cleanup.run();
      } catch (Exception e) {
        err.println(command + ": warning: clean-up failed: " + e);
      }
    }
  }

  private void closeQuietly(AutoCloseable closeable, String what) {
    try {
      closeable.close();
    } catch (Exception e) {
      err.println(command + ": warning: stopping " + what + " failed: " + e);
    }
  }
}
