package dev.listings.usecases;

import dev.listings.usecases.query.InstanceView;
import dev.listings.usecases.query.KeyLocation;
import dev.listings.usecases.query.StoreAccess;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** {@link StoreAccess} over a TopologyTestDriver: one instance holding every (single) partition. */
final class DriverStoreAccess implements StoreAccess {
  static final HostInfo SELF = new HostInfo("localhost", 8080);
  private final TopologyTestDriver driver;

  DriverStoreAccess(TopologyTestDriver driver) {
    this.driver = driver;
  }

  @Override
  public HostInfo self() {
    return SELF;
  }

  @Override
  public KeyLocation locate(String store, String partitionKey) {
    return new KeyLocation.Local(0);
  }

  @Override
  public <V> ReadOnlyKeyValueStore<String, V> local(String store, Integer partition) {
    return driver.getKeyValueStore(store);
  }

  @Override
  public Set<HostInfo> hostsOf(String store) {
    return Set.of(SELF);
  }

  @Override
  public List<InstanceView> instances() {
    return List.of(new InstanceView(SELF.host(), SELF.port(), true, driver.getAllStateStores().keySet(), List.of()));
  }
}
