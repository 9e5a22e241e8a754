package dev.listings.sink.table;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;

/**
 * The context class loader of the sink's thread: its parent's classes and resources, except Hadoop's configuration
 * files ({@code core-default.xml}, {@code core-site.xml}, and the {@code mapred-}, {@code yarn-}, {@code hdfs-}
 * ones that Hadoop classes add to the defaults when they load), which it does not find. Iceberg's Parquet writer makes a
 * new Hadoop {@code Configuration} for every data file, and a new {@code Configuration} reads its default resources
 * through the context class loader: hundreds of KB of XML parsed again, and the whole class path searched for the
 * {@code -site.xml} files, per file. With a batch spread over many partitions that was about half of the sink's CPU
 * time. The sink writes through S3FileIO, never through a Hadoop file system, and every Parquet setting (codec, row
 * group, page and dictionary sizes) comes from the table properties, so no Hadoop default is used.
 */
public final class WithoutHadoopDefaults extends ClassLoader {
  static {
    registerAsParallelCapable();
  }

  public WithoutHadoopDefaults(ClassLoader parent) {
    super("without-hadoop-defaults", parent);
  }

  /** This loader around {@code parent} (or around this class's loader when null), unless {@code parent} is one. */
  public static WithoutHadoopDefaults around(ClassLoader parent) {
    if (parent instanceof WithoutHadoopDefaults already) {
      return already;
    }
    return new WithoutHadoopDefaults(parent == null ? WithoutHadoopDefaults.class.getClassLoader() : parent);
  }

  @Override
  public URL getResource(String name) {
    return isHadoopConfiguration(name) ? null : super.getResource(name);
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    return isHadoopConfiguration(name) ? Collections.emptyEnumeration() : super.getResources(name);
  }

  /** Hadoop's default resources: {@code <component>-default.xml} and {@code <component>-site.xml} at the root. */
  static boolean isHadoopConfiguration(String name) {
    return name != null && name.indexOf('/') < 0 && (name.endsWith("-default.xml") || name.endsWith("-site.xml"));
  }
}
