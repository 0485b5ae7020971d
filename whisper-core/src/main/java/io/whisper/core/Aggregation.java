package io.whisper.core;

/** A file's aggregation settings: the method and the stored float32 xFilesFactor. */
public record Aggregation(AggregationMethod method, float xFilesFactor) {}
