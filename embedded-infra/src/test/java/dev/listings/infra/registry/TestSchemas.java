package dev.listings.infra.registry;

/** Schema texts used by the registry tests. */
final class TestSchemas {
  static final String V1 = """
      {"type":"record","name":"Listing","namespace":"t","fields":[
        {"name":"id","type":"string"},{"name":"price","type":"double"}]}""";
  static final String V1_OTHER_WHITESPACE =
      "{ \"type\" : \"record\",\n \"name\" : \"Listing\", \"namespace\":\"t\", \"fields\" : [ "
          + "{\"name\":\"id\",\"type\":\"string\"},\n\t{\"name\":\"price\",\"type\":\"double\"} ] }";
  /** V1 plus a field with a default: backward and forward compatible. */
  static final String V2_WITH_DEFAULT = """
      {"type":"record","name":"Listing","namespace":"t","fields":[
        {"name":"id","type":"string"},{"name":"price","type":"double"},
        {"name":"currency","type":["null","string"],"default":null}]}""";
  /** V1 plus a field without a default: new readers cannot read old data. */
  static final String V2_REQUIRED_FIELD = """
      {"type":"record","name":"Listing","namespace":"t","fields":[
        {"name":"id","type":"string"},{"name":"price","type":"double"},{"name":"area","type":"double"}]}""";
  /** V1 without price (no default): old readers cannot read new data. */
  static final String V2_WITHOUT_PRICE = """
      {"type":"record","name":"Listing","namespace":"t","fields":[{"name":"id","type":"string"}]}""";
  /** price as a string: incompatible both ways. */
  static final String V2_PRICE_AS_STRING = """
      {"type":"record","name":"Listing","namespace":"t","fields":[
        {"name":"id","type":"string"},{"name":"price","type":"string"}]}""";

  private TestSchemas() {}
}
