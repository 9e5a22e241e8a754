package dev.listings.usecases.query;

import java.util.List;
import java.util.Set;

/** One instance of the application as the query API sees it: its address, the stores it hosts and their partitions. */
public record InstanceView(String host, int port, boolean self, Set<String> stores, List<String> activePartitions) {}
