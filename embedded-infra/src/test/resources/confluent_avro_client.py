"""Confluent's own Python client as the judge of wire compatibility.

consume BOOTSTRAP REGISTRY TOPIC COUNT       -> prints the decoded values as one JSON array
produce BOOTSTRAP REGISTRY TOPIC SCHEMA JSON -> produces one value with Confluent's AvroProducer
"""
import datetime
import json
import sys
import time

from confluent_kafka import avro
from confluent_kafka.avro import AvroConsumer, AvroProducer


def to_avro(schema, value):
    """Turns JSON values into what the avro library expects for logical types (dates, timestamps)."""
    if isinstance(schema, list):
        if value is None:
            return None
        branch = next(s for s in schema if s != "null" and not (isinstance(s, dict) and s.get("type") == "null"))
        return to_avro(branch, value)
    if isinstance(schema, dict):
        if schema.get("type") == "record":
            return {f["name"]: to_avro(f["type"], value.get(f["name"])) for f in schema["fields"]}
        if schema.get("logicalType") == "date" and isinstance(value, str):
            return datetime.date.fromisoformat(value)
        if schema.get("logicalType") == "timestamp-millis" and isinstance(value, int):
            return datetime.datetime.fromtimestamp(value / 1000, tz=datetime.timezone.utc)
    return value


def consume(bootstrap, registry, topic, count):
    consumer = AvroConsumer({
        "bootstrap.servers": bootstrap,
        "group.id": "confluent-python-compat",
        "auto.offset.reset": "earliest",
        "isolation.level": "read_committed",
        "schema.registry.url": registry,
    })
    consumer.subscribe([topic])
    values = []
    deadline = time.time() + 60
    while len(values) < count and time.time() < deadline:
        message = consumer.poll(1.0)
        if message is None:
            continue
        if message.error():
            raise RuntimeError(str(message.error()))
        values.append(message.value())
    consumer.close()
    print(json.dumps(values, default=str))


def produce(bootstrap, registry, topic, schema_text, value_json):
    schema = avro.loads(schema_text)
    producer = AvroProducer(
        {"bootstrap.servers": bootstrap, "schema.registry.url": registry}, default_value_schema=schema)
    producer.produce(topic=topic, value=to_avro(json.loads(schema_text), json.loads(value_json)))
    if producer.flush(30) != 0:
        raise RuntimeError("message not delivered")


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "consume":
        consume(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
    elif mode == "produce":
        produce(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6])
    else:
        sys.exit("unknown mode " + mode)
